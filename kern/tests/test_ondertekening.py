import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django_otp.oath import totp

from kern.models import AppendOnlyError, Ondertekening, TOTPApparaat
from kern.ondertekening import TeOndertekenen, document_ondertekenen, is_ongewijzigd, ondertekende_pdfs
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory

pytestmark = pytest.mark.django_db


def _code(apparaat):
    return f"{totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=apparaat.digits):06d}"


def test_ondertekenen_vraagt_verse_tweede_factor_en_legt_hash_vast():
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    apparaat = TOTPApparaat.objects.create(user=hl, confirmed=True)
    with pytest.raises(ValidationError):
        document_ondertekenen(inhoud=b"besluit", omschrijving="Besluit", door=hl, totp_code="123456")
    assert not Ondertekening.objects.exists()
    handtekening = document_ondertekenen(inhoud=b"besluit", omschrijving="Besluit", door=hl, totp_code=_code(apparaat))
    assert handtekening.ondertekenaar == hl
    assert is_ongewijzigd(ondertekening=handtekening, inhoud=b"besluit")
    assert not is_ongewijzigd(ondertekening=handtekening, inhoud=b"besluit, achteraf gewijzigd")


def test_zonder_authenticator_kan_niemand_ondertekenen():
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    with pytest.raises(ValidationError):
        document_ondertekenen(inhoud=b"x", omschrijving="Besluit", door=hl, totp_code="000000")


def test_dezelfde_code_kan_niet_twee_keer_worden_gebruikt():
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    apparaat = TOTPApparaat.objects.create(user=hl, confirmed=True)
    code = _code(apparaat)
    document_ondertekenen(inhoud=b"een", omschrijving="Besluit", door=hl, totp_code=code)
    with pytest.raises(ValidationError):
        document_ondertekenen(inhoud=b"twee", omschrijving="Besluit", door=hl, totp_code=code)


def test_een_besluit_van_meer_documenten_in_een_handeling_met_een_code():
    """The Art. 13.2 standpunt and its Art. 11.3 assessment are one decision in one
    form: the code is asked once, each document gets its own signature and hash;
    a wrong code signs none of them, and the code works once."""
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    apparaat = TOTPApparaat.objects.create(user=hl, confirmed=True)
    documenten = [
        TeOndertekenen("onderzoek/kennisgeving.html", {"instantie": "Inspectie", "inhoud": "Een"}, "Kennisgeving"),
        TeOndertekenen("onderzoek/kennisgeving.html", {"instantie": "Huis", "inhoud": "Twee"}, "Tweede"),
    ]
    with pytest.raises(ValidationError):
        ondertekende_pdfs(documenten=documenten, door=hl, totp_code="000000")
    assert not Ondertekening.objects.exists()
    code = _code(apparaat)
    eerste, tweede = ondertekende_pdfs(documenten=documenten, door=hl, totp_code=code)
    assert eerste.ondertekening != tweede.ondertekening
    assert is_ongewijzigd(ondertekening=eerste.ondertekening, inhoud=eerste.pdf)
    assert is_ongewijzigd(ondertekening=tweede.ondertekening, inhoud=tweede.pdf)
    assert not is_ongewijzigd(ondertekening=eerste.ondertekening, inhoud=tweede.pdf)
    assert [o.omschrijving for o in (eerste.ondertekening, tweede.ondertekening)] == ["Kennisgeving", "Tweede"]
    with pytest.raises(ValidationError):
        ondertekende_pdfs(documenten=documenten[:1], door=hl, totp_code=code)


def test_ondertekening_kan_niet_worden_gewijzigd():

    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    apparaat = TOTPApparaat.objects.create(user=hl, confirmed=True)
    handtekening = document_ondertekenen(inhoud=b"een", omschrijving="Besluit", door=hl, totp_code=_code(apparaat))
    handtekening.document_hash = "0" * 64
    with pytest.raises(AppendOnlyError):
        handtekening.save()


def test_art_9_ondertekenen_met_de_code_van_het_inloggen_zegt_dat_die_al_gebruikt_is():
    """The HL logs in with a code and signs a decision (Art. 9, 11) within the same
    30 seconds: django-otp accepts each code once, so the message says the code was
    used already and to wait for the next one, not that it is wrong."""
    hl = GebruikerFactory(rol=Rol.HOOGSTE_LEIDINGGEVENDE)
    apparaat = TOTPApparaat.objects.create(user=hl, confirmed=True)
    code = _code(apparaat)
    assert apparaat.verify_token(code)  # the login (kern.forms, the second factor)

    with pytest.raises(ValidationError) as fout:
        document_ondertekenen(inhoud=b"besluit", omschrijving="Besluit", door=hl, totp_code=code)
    tekst = " ".join(fout.value.message_dict["totp_code"])
    assert "al gebruikt" in tekst
    assert "volgende code" in tekst
    assert "klopt niet" not in tekst
    assert not Ondertekening.objects.exists()

    with translation.override("en"), pytest.raises(ValidationError) as fout:
        document_ondertekenen(inhoud=b"besluit", omschrijving="Besluit", door=hl, totp_code=code)
    tekst = " ".join(fout.value.message_dict["totp_code"])
    assert "already been used" in tekst
    assert "next code" in tekst

    # A wrong code is still called wrong.
    fout_code = f"{(int(code) + 1) % 1_000_000:06d}"
    with pytest.raises(ValidationError) as fout:
        document_ondertekenen(inhoud=b"besluit", omschrijving="Besluit", door=hl, totp_code=fout_code)
    assert "klopt niet" in " ".join(fout.value.message_dict["totp_code"])
