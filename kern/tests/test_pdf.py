"""The WeasyPrint wrapper renders real PDFs and loads nothing from the network."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kern.pdf import html_naar_pdf, pdf_tekst


def test_pdf_bevat_de_tekst():
    pdf = html_naar_pdf("<h1>Ontvangstbevestiging</h1><p>Registernummer 2026-0007</p>")
    assert pdf.startswith(b"%PDF")
    tekst = pdf_tekst(pdf)
    assert "Ontvangstbevestiging" in tekst
    assert "2026-0007" in tekst


def test_pdf_laadt_niets_van_het_netwerk():

    verzoeken = []

    class Teller(BaseHTTPRequestHandler):
        def do_GET(self):
            verzoeken.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Teller)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        adres = f"http://127.0.0.1:{server.server_port}"
        pdf = html_naar_pdf(f'<link rel="stylesheet" href="{adres}/s.css"><p>Tekst</p><img src="{adres}/pixel.png">')
    finally:
        server.shutdown()
    assert "Tekst" in pdf_tekst(pdf)
    assert verzoeken == []


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_briefsjabloon_met_briefhoofd_en_paginanummers(taal):

    with translation.override(taal):
        html = render_to_string(
            "brieven/basis.html",
            {
                "organisatie": {"naam": "Woonstichting Demo", "briefhoofd": "Dorpsstraat 1"},
                "datum": timezone.now(),
                "registernummer": "2026-0007",
                "onderwerp": "Ontvangstbevestiging",
                "tekst": "Wij hebben uw melding ontvangen.",
            },
        )
    tekst = pdf_tekst(html_naar_pdf(html))
    assert "Woonstichting Demo" in tekst
    assert "2026-0007" in tekst
    assert "1 / 1" in tekst
