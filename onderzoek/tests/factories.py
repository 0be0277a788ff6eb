from django_otp.oath import totp

from kern.models import TOTPApparaat
from kern.rollen import Rol
from kern.tests.factories import GebruikerFactory
from meldingen.constants import Kanaal, TermijnSoort, ToewijzingRol, Wijze
from meldingen.models import Functionaris, Termijn
from meldingen.selectors.termijnen import lopende_eigen_termijnsoorten
from meldingen.services.brieven import ontvangstbevestiging_sturen
from meldingen.services.meldingsbox import brief_doorsturen_door_vertrouwenspersoon, meldingsbox_aanmaken
from meldingen.services.register import melding_registreren, toewijzing_verlenen
from meldingen.services.triage import contactpersoon_aanwijzen, melding_doorsturen
from meldingen.tests.factories import FunctionarisFactory, MeldingFactory, OrganisatieFactory
from onderzoek.constants import OnderzoekSoort
from onderzoek.overgangen import OPEN_STATUSSEN, is_lopend
from onderzoek.selectors import concept_van
from onderzoek.services import (
    kennisgeving_beoordelen,
    melder_uitnodigen_voor_verhoor,
    onderzoek_melder_informeren,
    onderzoeker_toewijzen,
    rapport_concept_opslaan,
    rapport_concept_voorleggen,
    rapport_vaststellen,
)


class Ondertekenaar:
    """An HL (or RvC member) assigned to a case, with an authenticator."""

    def __init__(self, melding, rol=Rol.HOOGSTE_LEIDINGGEVENDE, toewijzen=True):
        self.gebruiker = GebruikerFactory(rol=rol)
        self.apparaat = TOTPApparaat.objects.create(user=self.gebruiker, confirmed=True)
        toewijzingsrol = (
            ToewijzingRol.HOOGSTE_VERANTWOORDELIJKE
            if rol == Rol.HOOGSTE_VERANTWOORDELIJKE
            else ToewijzingRol.HOOGSTE_LEIDINGGEVENDE
        )
        if toewijzen:
            toewijzing_verlenen(melding=melding, gebruiker=self.gebruiker, rol=toewijzingsrol, door=None)

    def code(self):
        # Each code is accepted once (django-otp keeps the last time step):
        # move the device's last step back so consecutive signatures in one test work.
        self.apparaat.refresh_from_db()
        self.apparaat.last_t = -1
        self.apparaat.save(update_fields=["last_t"])
        a = self.apparaat
        return f"{totp(a.bin_key, step=a.step, t0=a.t0, digits=a.digits):06d}"


def melding_met_hl(**kwargs):
    melding = MeldingFactory(in_behandeling=True, **kwargs)
    return melding, Ondertekenaar(melding, toewijzen=not melding.hl_betrokken)


class Zaak:
    """A report as it really arrives: registered with its statutory terms and a
    mailbox, forwarded by the receiving officer to an HL with an authenticator."""

    def __init__(self, *, kanaal=None, ontvangen_op=None, doorsturen=True):

        kanaal = kanaal or Kanaal.EXTERNE_VERTROUWENSPERSOON
        organisatie = OrganisatieFactory()
        self.ontvanger = GebruikerFactory(rol=Rol.EXTERNE_VERTROUWENSPERSOON)
        FunctionarisFactory(organisatie=organisatie, gebruiker=self.ontvanger, functie=kanaal)
        self.hl = Ondertekenaar(None, toewijzen=False)
        FunctionarisFactory(
            organisatie=organisatie, gebruiker=self.hl.gebruiker, functie=Functionaris.Functie.HOOGSTE_LEIDINGGEVENDE
        )
        self.melding = melding_registreren(
            organisatie=organisatie,
            omschrijving="Facturen worden dubbel betaald.",
            kanaal=kanaal,
            wijze=Wijze.WEBFORMULIER,
            ontvangen_op=ontvangen_op,
        )
        nieuw = meldingsbox_aanmaken(melding=self.melding)
        self.box, self.code = nieuw.meldingsbox, nieuw.code
        if doorsturen:
            melding_doorsturen(melding=self.melding, door=self.ontvanger)
        self.melding.refresh_from_db()

    def termijn(self, soort):

        return Termijn.objects.get(melding=self.melding, soort=soort)

    def brieven(self):
        return list(self.melding.brieven.order_by("verzonden_op", "id"))


def onderzoek_lopend_maken(onderzoek, hl):
    """An independent investigator assigned and the melder told who investigates
    (Art. 9.4-9.5): the investigation runs. Returns the investigator."""

    onderzoeker = GebruikerFactory(rol=Rol.ONDERZOEKER)
    onderzoeker_toewijzen(
        onderzoek=onderzoek,
        gebruiker=onderzoeker,
        verklaring="Onafhankelijk.",
        verklaart_geen_betrokkenheid=True,
        door=hl.gebruiker,
    )
    onderzoek_melder_informeren(onderzoek=onderzoek, door=hl.gebruiker)
    onderzoek.refresh_from_db()
    return onderzoeker


def rapport_vaststellen_na_hoor(onderzoek, onderzoeker):
    """Art. 10.1-10.6 on a running investigation: the melder invited to be heard,
    the concept put to the melder, the report fixed (steps already taken are kept)."""

    onderzoek.refresh_from_db()
    if onderzoek.melder_uitgenodigd_op is None:
        melder_uitnodigen_voor_verhoor(onderzoek=onderzoek, toelichting="Graag een gesprek.", door=onderzoeker)
    rapport = concept_van(onderzoek=onderzoek)
    if rapport is None or (rapport.concept_voorgelegd_op is None and not rapport.ernstige_bezwaren_concept):
        rapport = rapport_concept_opslaan(
            onderzoek=onderzoek, tekst="Bevinding: facturen dubbel betaald.", door=onderzoeker
        )
        rapport_concept_voorleggen(onderzoek=onderzoek, door=onderzoeker)
    return rapport_vaststellen(
        rapport=rapport, door=onderzoeker, zonder_opmerkingen_reden="Geen opmerkingen ontvangen."
    )


def ontvangst_en_contactpersoon(melding, hl):
    """Art. 8.5-8.6 as the HL takes them after forwarding, where still owed: the
    acknowledgement and a contactpersoon. A case does not close without them
    (meldingen.overgangen.ontvangst_en_contactpersoon_bezwaar)."""
    open_soorten = lopende_eigen_termijnsoorten(
        melding=melding, soorten=(TermijnSoort.ONTVANGSTBEVESTIGING, TermijnSoort.CONTACTPERSOON)
    )
    if TermijnSoort.ONTVANGSTBEVESTIGING in open_soorten:
        brief = ontvangstbevestiging_sturen(
            melding=melding, samenvatting="Een melding over facturen.", door=hl.gebruiker
        )
        if brief.via_vertrouwenspersoon and brief.bij_melder_op is None:
            # Art. 7.3: reported through the vertrouwenspersoon, who passes the letter on.
            vp = melding.toewijzingen.filter(rol=ToewijzingRol.ONTVANGER, beeindigd_op__isnull=True).first().gebruiker
            brief_doorsturen_door_vertrouwenspersoon(brief=brief, door=vp)
    if TermijnSoort.CONTACTPERSOON in open_soorten:
        contactpersoon_aanwijzen(
            melding=melding,
            contactpersoon=GebruikerFactory(rol=Rol.CONTACTPERSOON),
            afgestemd_met_melder=True,
            door=hl.gebruiker,
        )


def onderzoek_afronden(melding, hl, *, kennisgeving=True):
    """Finish every open investigation of the case the real way (Art. 9.4-10.6),
    so a standpunt may follow: an independent investigator, the melder told who
    investigates and invited to be heard, the concept put to the melder and the
    report fixed; then the HL's signed Art. 11.3 assessment (here: no external
    authority)."""

    ontvangst_en_contactpersoon(melding, hl)
    for onderzoek in melding.onderzoeken.exclude(soort=OnderzoekSoort.BENADELING).filter(status__in=OPEN_STATUSSEN):
        if is_lopend(onderzoek):
            onderzoeker = onderzoek.onderzoekers.filter(gebruiker__isnull=False, beeindigd_op__isnull=True).first()
            onderzoeker = onderzoeker.gebruiker
        else:
            onderzoeker = onderzoek_lopend_maken(onderzoek, hl)
        rapport_vaststellen_na_hoor(onderzoek, onderzoeker)
    if kennisgeving:
        kennisgeving_beoordelen(
            melding=melding,
            melden=False,
            motivering="Geen wettelijke meldplicht; intern opgelost.",
            door=hl.gebruiker,
            totp_code=hl.code(),
        )
