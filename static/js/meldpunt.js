// Meldpunt: small progressive enhancements only. Everything works without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-afdrukken]").forEach(function (knop) {
    knop.hidden = false;
    knop.addEventListener("click", function () { window.print(); });
  });
  // After a failed submit, move focus to the error summary so screen readers hear it.
  var overzicht = document.getElementById("foutoverzicht");
  if (overzicht) { overzicht.focus(); }
});
