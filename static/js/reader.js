/* Reader tools: text size (A− A A+) and high contrast, kept in this browser (localStorage), set
   as attributes on <html> before the page is drawn. Loaded in <head> without defer so a reader
   who chose large text never sees a flash of small text. The server sends every reader the same
   cached page; nothing here reaches the server. */
(function () {
  "use strict";
  var KEY = "mttq-doc";
  var MIN = -1;
  var MAX = 2;
  var root = document.documentElement;

  function load() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      var size = parseInt(saved.size, 10);
      return { size: isNaN(size) ? 0 : Math.max(MIN, Math.min(MAX, size)), contrast: saved.contrast === true };
    } catch (error) {
      return { size: 0, contrast: false };
    }
  }

  function apply(state) {
    if (state.size) {
      root.setAttribute("data-text-size", String(state.size));
    } else {
      root.removeAttribute("data-text-size");
    }
    root.classList.toggle("high-contrast", state.contrast);
  }

  function save(state) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(state));
    } catch (error) {
      /* private mode: the choice lasts this page only */
    }
  }

  var state = load();
  apply(state);
  // The tools take their place from the first paint (site.css), not when the page has loaded:
  // showing them later pushed the whole page down (a layout shift).
  root.classList.add("reader-tools-on");

  function wire() {
    var tools = document.getElementById("cong-cu-doc");
    if (!tools) {
      return;
    }
    var buttons = tools.querySelectorAll("button[data-doc]");
    function show() {
      for (var i = 0; i < buttons.length; i += 1) {
        var action = buttons[i].getAttribute("data-doc");
        if (action === "contrast") {
          buttons[i].setAttribute("aria-pressed", state.contrast ? "true" : "false");
        } else if (action === "reset") {
          buttons[i].setAttribute("aria-pressed", state.size === 0 ? "true" : "false");
        } else if (action === "smaller") {
          buttons[i].disabled = state.size <= MIN;
        } else if (action === "larger") {
          buttons[i].disabled = state.size >= MAX;
        }
      }
    }
    tools.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-doc]");
      if (!button) {
        return;
      }
      var action = button.getAttribute("data-doc");
      if (action === "smaller") {
        state.size = Math.max(MIN, state.size - 1);
      } else if (action === "larger") {
        state.size = Math.min(MAX, state.size + 1);
      } else if (action === "reset") {
        state.size = 0;
      } else if (action === "contrast") {
        state.contrast = !state.contrast;
      }
      apply(state);
      save(state);
      show();
    });
    show();
    tools.hidden = false;
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
