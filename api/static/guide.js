// Trợ lý ảo — show the print button on guide pages (hidden when scripts are off).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("print-guide");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
