// The "Print this page" button: shown only where JavaScript can print (without it the
// person writes the code down, as the page says).
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
