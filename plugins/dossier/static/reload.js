// Live reload for `dossier serve` only: never part of a build's output.
(function () {
  "use strict";
  var source = new EventSource("/_dossier/events");
  source.addEventListener("reload", function () {
    source.close();
    window.location.reload();
  });
})();
