// Each table goes into a box of its own (or keeps the one its page gave it); when the table is
// wider than the column the box scrolls sideways, and while it does it is a focusable, named
// region, so keyboard users can scroll it too. Without this
// script the table itself scrolls, with a finger or a mouse.
(function () {
  "use strict";
  function name(table) {
    var caption = table.querySelector("caption");
    if (caption) return caption.textContent.trim();
    var section = table.closest("section");
    var heading = section && section.querySelector("h1, h2, h3");
    if (!heading) heading = document.querySelector("main h1");
    return heading ? heading.textContent.trim() : "";
  }
  var boxes = [];
  document.querySelectorAll("main table:not(.rubric)").forEach(function (table) {
    if (table.closest(".scroll")) return;
    var box = table.parentElement;
    if (!box.classList.contains("table-box")) {
      box = document.createElement("div");
      box.className = "table-box";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    }
    boxes.push([box, name(table)]);
  });
  function mark() {
    boxes.forEach(function (pair) {
      var box = pair[0];
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", pair[1]);
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  mark();
  window.addEventListener("resize", mark);
})();
