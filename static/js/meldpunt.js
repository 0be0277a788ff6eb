// Meldpunt: small progressive enhancements only. Everything works without JavaScript.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-afdrukken]").forEach(function (knop) {
    knop.hidden = false;
    knop.addEventListener("click", function () { window.print(); });
  });
  // After a failed submit, move focus to the error summary so screen readers hear it.
  var overzicht = document.getElementById("foutoverzicht");
  if (overzicht) { overzicht.focus(); }

  // The report form: the identity fields only when the melder chooses
  // confidential or open. Hidden fields are disabled, so an identity typed and
  // then withdrawn by choosing "anonymous" is never sent. Fields that already
  // hold something (a page returned with an error) stay visible.
  document.querySelectorAll("[data-identiteitsvelden]").forEach(function (blok) {
    var keuzes = document.querySelectorAll('input[name="' + blok.dataset.identiteitsvelden + '"]');
    var velden = blok.querySelectorAll("input, textarea, select");
    function bijwerken(eerste) {
      var gekozen = Array.prototype.find.call(keuzes, function (k) { return k.checked; });
      var anoniem = !gekozen || gekozen.value === blok.dataset.anoniem;
      var ingevuld = Array.prototype.some.call(velden, function (v) { return v.value.trim() !== ""; });
      var verbergen = anoniem && !(eerste && ingevuld);
      blok.hidden = verbergen;
      velden.forEach(function (v) { v.disabled = verbergen; });
    }
    keuzes.forEach(function (k) { k.addEventListener("change", function () { bijwerken(false); }); });
    bijwerken(true);
  });
});
