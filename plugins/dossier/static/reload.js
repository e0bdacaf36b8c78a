// Live reload for `dossier serve` only: never part of a build's output.
// After a good build the page reloads; while the last build failed, its
// problems (file, line, message) show over the page, as they show in the
// terminal, until the next good build.
(function () {
  "use strict";
  var BOX = "dossier-problems";

  function show(problems) {
    var old = document.getElementById(BOX);
    if (old) old.remove();
    if (!problems || !problems.length) return;
    var box = document.createElement("section");
    box.id = BOX;
    box.setAttribute("role", "alert");
    box.setAttribute("aria-label", "The last build failed");
    var s = box.style;
    s.position = "fixed"; s.inset = "auto 0 0 0"; s.zIndex = "2147483647";
    s.maxHeight = "60vh"; s.overflow = "auto"; s.margin = "0"; s.padding = "1rem 1.25rem";
    s.background = "#1f2124"; s.color = "#f4f2ee"; s.borderTop = "4px solid #b42318";
    s.font = "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace";
    var title = document.createElement("p");
    title.textContent = "The last build failed; this is the last good site. Fix these and save:";
    title.style.fontWeight = "bold";
    title.style.margin = "0 0 0.5rem";
    var list = document.createElement("ul");
    list.style.margin = "0"; list.style.paddingLeft = "1.25rem";
    problems.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.style.float = "right"; close.style.font = "inherit";
    close.addEventListener("click", function () { box.remove(); });
    box.appendChild(close);
    box.appendChild(title);
    box.appendChild(list);
    document.body.appendChild(box);
  }

  fetch("/_dossier/problems").then(function (r) { return r.json(); }).then(show, function () {});
  var source = new EventSource("/_dossier/events");
  source.addEventListener("reload", function () {
    source.close();
    window.location.reload();
  });
  source.addEventListener("problems", function (event) {
    show(JSON.parse(event.data));
  });
})();
