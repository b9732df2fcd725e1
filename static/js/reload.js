// Reloads the page every `data-seconds` seconds (the check-in code page follows the code,
// which changes every minute). Without JavaScript the page offers a link to show the new code.
(function () {
  var script = document.currentScript;
  var seconds = Number(script && script.dataset.seconds) || 20;
  setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
