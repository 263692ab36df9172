// framing report: legend toggles and tooltip placement. The page works without this.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var hidden = {};
  var marks = document.querySelectorAll("mark.hl[data-cats]");
  var reveal = document.getElementById("reveal");

  // A highlight stays on while any of its categories is on, styled by the first of them.
  function refresh() {
    var concealed = reveal && !reveal.checked;
    marks.forEach(function (mark) {
      var cats = mark.getAttribute("data-cats").split(" ");
      var groups = mark.getAttribute("data-groups").split(" ");
      var shown = cats.findIndex(function (cat) { return !hidden[cat]; });
      groups.forEach(function (group) { mark.classList.remove("g-" + group); });
      mark.classList.add("g-" + groups[Math.max(shown, 0)]);
      mark.classList.toggle("off", shown < 0);
      // Hidden highlights leave the tab order, so keyboard users skip empty stops.
      mark.tabIndex = shown < 0 || concealed ? -1 : 0;
    });
  }

  document.querySelectorAll("button.legend-entry").forEach(function (button) {
    button.addEventListener("click", function () {
      var cat = button.getAttribute("data-cat");
      hidden[cat] = !hidden[cat];
      document.querySelectorAll('button.legend-entry[data-cat="' + cat + '"]').forEach(function (b) {
        b.setAttribute("aria-pressed", hidden[cat] ? "false" : "true");
      });
      refresh();
    });
  });
  if (reveal) { reveal.addEventListener("change", refresh); }

  // Keep a tooltip inside the window when its word sits near the right edge.
  function place(event) {
    var tip = event.currentTarget.querySelector(".tip");
    if (!tip) { return; }
    tip.style.left = "";
    var box = tip.getBoundingClientRect();
    var overflow = box.right - document.documentElement.clientWidth + 8;
    if (overflow > 0) { tip.style.left = -overflow + "px"; }
  }
  document.querySelectorAll(".flag").forEach(function (flag) {
    flag.addEventListener("mouseenter", place);
    flag.addEventListener("focusin", place);
  });

  // Escape closes an open tooltip by moving focus away from its highlight.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.activeElement && document.activeElement.closest(".flag")) {
      document.activeElement.blur();
    }
  });
  refresh();
})();
