// Officer screen: the receipt button says which photo was chosen and shows it small.
// Without this script the browser's own file input is shown and everything still works.
(function () {
  "use strict";
  document.querySelectorAll(".officer-file").forEach(function (box) {
    var input = box.querySelector("input[type=file]");
    var status = box.querySelector(".officer-file-name");
    if (!input || !status) {
      return;
    }
    box.classList.add("is-enhanced");
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      status.textContent = "";
      if (!file) {
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        var img = document.createElement("img");
        img.src = reader.result;
        img.alt = "";
        img.width = 64;
        img.height = 64;
        status.appendChild(img);
        status.appendChild(document.createTextNode(" " + box.dataset.chosen + " " + file.name));
      };
      reader.readAsDataURL(file);
    });
  });
})();
