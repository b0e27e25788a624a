// Small progressive enhancements for the default theme. Every page works
// without this file; it only reveals controls that need a script.
(function () {
  "use strict";

  // "Print this section": a real button, hidden in the HTML because it
  // cannot work without a script. Printing happens only when it is pressed.
  function enablePrintButtons() {
    var buttons = document.querySelectorAll("button[data-print]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () {
        window.print();
      });
      button.hidden = false;
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enablePrintButtons);
  } else {
    enablePrintButtons();
  }
})();
