// Quick exit: leave the site at once, on the button or the Esc key.
// location.replace() swaps this page out of the browser history, so Back does not bring
// it back. Without JavaScript the button is a plain link to the same exit URL.
(function () {
  "use strict";
  var link = document.getElementById("quick-exit");
  if (!link) {
    return;
  }
  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.documentElement.style.visibility = "hidden";
    document.title = "";
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      leave(event);
    }
  });
})();
