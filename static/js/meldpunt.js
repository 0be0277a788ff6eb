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

  // Forms that must go out once (a report, a message): a second click while the
  // first is on its way is ignored. A double click on "send" stored the report
  // twice, and the melder saw only the second receipt code.
  document.querySelectorAll("form[data-eenmalig]").forEach(function (formulier) {
    var knoppen = formulier.querySelectorAll('button[type="submit"]');
    var teksten = Array.prototype.map.call(knoppen, function (k) { return k.textContent; });
    function vrijgeven() {
      delete formulier.dataset.verzonden;
      knoppen.forEach(function (k, i) { k.removeAttribute("aria-disabled"); k.textContent = teksten[i]; });
    }
    formulier.addEventListener("submit", function (gebeurtenis) {
      if (formulier.dataset.verzonden) { gebeurtenis.preventDefault(); return; }
      formulier.dataset.verzonden = "ja";
      knoppen.forEach(function (k) {
        k.setAttribute("aria-disabled", "true");
        if (formulier.dataset.bezig) { k.textContent = formulier.dataset.bezig; }
      });
    });
    // Back on this page from the browser's history: it can be sent again.
    window.addEventListener("pageshow", function (g) { if (g.persisted) { vrijgeven(); } });
  });
});
