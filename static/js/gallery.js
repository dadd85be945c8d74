/* The photo viewer: a link of a [data-gallery] grid opens its photo in a modal dialog with
   caption, position ("3/9"), previous/next (buttons, arrow keys, swipe) and close (Esc).
   Without this script each link opens the photo's own page, which says the same. */
(function () {
  "use strict";

  function build(grid) {
    var links = Array.prototype.slice.call(grid.querySelectorAll("a[data-jpeg]"));
    if (!links.length || typeof HTMLDialogElement === "undefined") return;
    var label = function (name) { return grid.getAttribute("data-label-" + name) || ""; };
    var current = 0;
    var opener = null;

    var dialog = document.createElement("dialog");
    dialog.className = "viewer";
    dialog.setAttribute("aria-label", label("dialog"));
    var bar = document.createElement("div");
    bar.className = "viewer-bar";
    var position = document.createElement("p");
    position.className = "viewer-position";
    position.setAttribute("aria-live", "polite");
    var close = button("viewer-close", "×", label("close"));
    bar.appendChild(position);
    bar.appendChild(close);

    var stage = document.createElement("div");
    stage.className = "viewer-stage";
    var picture = document.createElement("picture");
    var source = document.createElement("source");
    source.type = "image/webp";
    var img = document.createElement("img");
    img.className = "viewer-image";
    img.decoding = "async";
    picture.appendChild(source);
    picture.appendChild(img);
    var prev = button("viewer-prev", "‹", label("prev"));
    var next = button("viewer-next", "›", label("next"));
    stage.appendChild(prev);
    stage.appendChild(picture);
    stage.appendChild(next);

    var caption = document.createElement("p");
    caption.className = "viewer-caption";
    dialog.appendChild(bar);
    dialog.appendChild(stage);
    dialog.appendChild(caption);
    document.body.appendChild(dialog);

    function button(css, text, name) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = css;
      b.textContent = text;
      b.setAttribute("aria-label", name);
      b.title = name;
      return b;
    }

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      source.srcset = link.getAttribute("data-webp") || "";
      img.src = link.getAttribute("data-jpeg");
      img.width = Number(link.getAttribute("data-width")) || 0;
      img.height = Number(link.getAttribute("data-height")) || 0;
      img.alt = link.getAttribute("data-alt") || "";
      position.textContent = (current + 1) + "/" + links.length;
      caption.textContent = link.getAttribute("data-caption") || "";
      caption.hidden = !caption.textContent;
      prev.hidden = next.hidden = links.length < 2;
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button) return;
        event.preventDefault();
        opener = link;
        show(index);
        dialog.showModal();
        close.focus();
      });
    });
    prev.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    close.addEventListener("click", function () { dialog.close(); });
    // Esc closes a modal dialog by itself; focus goes back to the photo that was opened.
    dialog.addEventListener("close", function () { if (opener) opener.focus(); });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
      else if (event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
    });
    // A tap on the dark backdrop (the dialog itself, not its contents) closes it.
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });

    var startX = null;
    var startY = 0;
    stage.addEventListener("touchstart", function (event) {
      if (event.touches.length !== 1) { startX = null; return; }
      startX = event.touches[0].clientX;
      startY = event.touches[0].clientY;
    }, { passive: true });
    stage.addEventListener("touchend", function (event) {
      if (startX === null) return;
      var dx = event.changedTouches[0].clientX - startX;
      var dy = event.changedTouches[0].clientY - startY;
      startX = null;
      if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) show(current + (dx < 0 ? 1 : -1));
    }, { passive: true });
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-gallery]"), build);
})();
