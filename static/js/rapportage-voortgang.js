// Polls the status of a PDF version until it is ready (the generation runs in
// Celery, never in the request). Static file: the CSP forbids inline script.
(function () {
  "use strict";
  var blok = document.getElementById("voortgang");
  if (!blok) { return; }
  var url = blok.getAttribute("data-status-url");
  function vraag() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        document.getElementById("pdf-status").textContent = d.status_tekst;
        document.getElementById("pdf-voortgang").value = d.voortgang;
        if (d.pdf) {
          document.getElementById("pdf-link").setAttribute("href", d.pdf);
          document.getElementById("pdf-download").hidden = false;
        } else if (d.status !== "fout") {
          window.setTimeout(vraag, 1500);
        }
      })
      .catch(function () { window.setTimeout(vraag, 5000); });
  }
  vraag();
})();
