// "Snel weg" (quick exit). Without this file the link still works as a normal link.
// With it, the tap replaces the current page in the history, so Back does not lead
// to Helder's page on a shared phone. No inline script: the CSP allows only 'self'.
(function () {
  function leave(href) {
    try {
      document.title = "";
      document.body.style.visibility = "hidden";
    } catch (e) {}
    window.location.replace(href);
  }
  document.addEventListener("click", function (e) {
    var a = e.target && e.target.closest ? e.target.closest("a.quick-exit") : null;
    if (!a) return;
    e.preventDefault();
    leave(a.href);
  });
  // Escape twice in a row leaves too (a keyboard shortcut many safety sites use).
  var last = 0;
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    var now = Date.now();
    if (now - last < 800) {
      var a = document.querySelector("a.quick-exit");
      if (a) leave(a.href);
    }
    last = now;
  });
})();
