// framing report: legend toggles, tooltip placement and the exercise's marking.
// The page works without this; nothing is sent anywhere or stored.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var hidden = {};
  var marks = document.querySelectorAll("mark.hl[data-groups]");
  var reveal = document.getElementById("reveal");

  // A highlight stays on while any of its groups is on, styled by the first of them.
  function refresh() {
    var concealed = reveal && !reveal.checked;
    marks.forEach(function (mark) {
      var groups = mark.getAttribute("data-groups").split(" ");
      var shown = groups.findIndex(function (group) { return !hidden[group]; });
      groups.forEach(function (group) { mark.classList.remove("g-" + group); });
      mark.classList.add("g-" + groups[Math.max(shown, 0)]);
      mark.classList.toggle("off", shown < 0);
      // Hidden highlights leave the tab order, so keyboard users skip empty stops.
      mark.tabIndex = shown < 0 || concealed ? -1 : 0;
    });
  }

  document.querySelectorAll("button.legend-entry").forEach(function (button) {
    button.addEventListener("click", function () {
      var group = button.getAttribute("data-group");
      hidden[group] = !hidden[group];
      document.querySelectorAll('button.legend-entry[data-group="' + group + '"]').forEach(function (b) {
        b.setAttribute("aria-pressed", hidden[group] ? "false" : "true");
      });
      refresh();
    });
  });

  // The exercise: a click or tap on a word marks it; a second one unmarks it.
  document.querySelectorAll(".sentences").forEach(function (box) {
    box.addEventListener("click", function (event) {
      var word = event.target.closest("[data-markable]");
      if (!word || (reveal && reveal.checked)) { return; }
      word.classList.toggle("marked");
    });
  });

  // Keyboard: the article is one Tab stop; arrow keys move from word to word, and
  // Space or Enter marks the word (a roving tabindex, as in a toolbar).
  var words = document.querySelectorAll("[data-markable]");
  if (words.length) { words[0].tabIndex = 0; }
  words.forEach(function (word, i) {
    word.addEventListener("keydown", function (event) {
      var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (step && words[i + step]) {
        event.preventDefault();
        word.tabIndex = -1;
        words[i + step].tabIndex = 0;
        words[i + step].focus();
      } else if ((event.key === " " || event.key === "Enter") && !(reveal && reveal.checked)) {
        event.preventDefault();
        word.classList.toggle("marked");
      }
    });
  });

  function sentenceOf(node) {
    var sent = node.closest(".sent");
    return sent ? " (sentence " + sent.querySelector(".num").textContent + ")" : "";
  }

  function list(title, items) {
    var p = document.createElement("p");
    p.textContent = title + (items.length ? items.join("; ") : "none");
    return p;
  }

  function quoted(node) { return "“" + node.textContent + "”" + sentenceOf(node); }

  // Reveal: the tool's loaded words beside the student's marks, for each article. The
  // tally counts loaded words only; a mark on a framing device is named as such.
  function compare() {
    document.querySelectorAll(".result").forEach(function (result) {
      result.textContent = "";
      if (!reveal.checked) { return; }
      var article = result.closest("article") || document;
      var loaded = Array.prototype.slice.call(article.querySelectorAll('mark.hl[data-layer="loaded"]'));
      var marked = Array.prototype.slice.call(article.querySelectorAll(".w.marked"));
      var found = loaded.filter(function (m) { return m.querySelector(".w.marked"); });
      var missed = loaded.filter(function (m) { return !m.querySelector(".w.marked"); });
      var outside = marked.filter(function (w) { return !w.closest('mark.hl[data-layer="loaded"]'); });
      var onDevices = outside.filter(function (w) { return w.closest("mark.hl"); });
      var unflagged = outside.filter(function (w) { return !w.closest("mark.hl"); });
      var line = document.createElement("p");
      line.className = "agreement";
      if (loaded.length) {
        line.textContent = "You found " + found.length + " of " + loaded.length + " loaded " +
          (loaded.length === 1 ? "word" : "words") + " the tool flags.";
        result.appendChild(line);
        result.appendChild(list("Missed: ", missed.map(quoted)));
      } else {
        line.textContent = "The tool found no loaded words in this text, so there is no tally " +
          "to compare your marks with. Look instead at the framing devices it underlines " +
          "(dotted lines) and at the questions for discussion.";
        result.appendChild(line);
      }
      if (onDevices.length) {
        result.appendChild(list("Your marks on framing devices (a framing device: the tool shows it but does not count it): ",
          onDevices.map(quoted)));
      }
      result.appendChild(list("Your marks the tool did not flag (discuss: loaded, or not?): ",
        unflagged.map(quoted)));
    });
  }
  if (reveal) {
    reveal.addEventListener("change", function () {
      refresh();
      compare();
      // Take the student to their result, wherever the control was pressed.
      var result = reveal.checked && document.querySelector(".result:not(:empty)");
      if (result) {
        result.scrollIntoView({ block: "start" });
        result.focus({ preventScroll: true });
      }
    });
  }

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
