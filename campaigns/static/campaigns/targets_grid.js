// The targets grid: while the chair types, the server (the one parser of amounts) reads each
// input and returns the sum against the commune target; this script only shows what it says.
// Without JavaScript the "Kiểm tra tổng" button does the same with a page reload.
(function () {
  "use strict";
  var form = document.querySelector("form.targets-grid");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var summary = form.querySelector(".targets-summary");
  var timer = null;
  var sent = 0;

  function field(name) {
    return summary.querySelector('[data-summary="' + name + '"]');
  }

  function show(result) {
    Object.keys(result.rows).forEach(function (name) {
      var echo = form.querySelector('[data-echo-for="' + name + '"]');
      var row = result.rows[name];
      if (!echo) {
        return;
      }
      echo.textContent = row.error ? row.error : row.value ? "= " + row.value : "";
      echo.classList.toggle("is-error", Boolean(row.error));
    });
    var s = result.summary;
    summary.setAttribute("data-state", s.state);
    field("total").textContent = s.total;
    field("commune").textContent = s.commune;
    field("given").textContent = s.given;
    field("text").textContent = s.text;
  }

  function check() {
    var data = new FormData(form);
    data.append("kiem-tra", "1");
    var mine = ++sent;
    fetch(window.location.href, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (result) {
        if (result && mine === sent) {
          show(result);
        }
      })
      .catch(function () {});
  }

  form.addEventListener("input", function (event) {
    if (event.target.type === "text") {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 300);
    }
  });
})();
