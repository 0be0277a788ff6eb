"""Every write of onderzoek (Art. 9–12). Decisions of the HL are signed with a
fresh second factor (kern.ondertekening, ADR 0005); letters reach the melder
through the mailbox of meldingen."""

from onderzoek.services.afronding import (
    betrokkene_melding_meedelen,
    betrokkene_na_standpunt_termijn_starten,
    betrokkene_standpunt_meedelen,
    kennisgeving_beoordelen,
    onderzoek_zonder_rapport_beeindigen,
    onderzoeken_beeindigen_na_intrekking,
)
from onderzoek.services.basis import vereis_onderzoeker
from onderzoek.services.besluiten import (
    BESLUIT_NAAR_STATUS,
    besluit_corrigeren,
    besluit_nemen,
    externe_kennisgeving_doen,
)
from onderzoek.services.rapport import (
    conceptrapport_opmerkingen_afhandelen,
    rapport_commentaar_melder_verwerken,
    rapport_concept_opslaan,
    rapport_concept_voorleggen,
    rapport_vaststellen,
)
from onderzoek.services.standpunt import (
    standpunt_vaststellen,
    standpunt_verlenging_ondertekenen,
)
from onderzoek.services.uitvoering import (
    onderzoek_instellen,
    onderzoek_melder_informeren,
    onderzoeker_beeindigen,
    onderzoeker_toewijzen,
)
from onderzoek.services.verhoren import (
    melder_uitnodigen_voor_verhoor,
    onderzoeksstuk_toevoegen,
    vastlegging_goedgekeurd_afhandelen,
    verhoor_afschrift_gegeven,
    verhoor_ander_vastleggen,
    verhoor_melder_vastleggen,
    verhoor_niet_goedgekeurd_vastleggen,
    verhoor_op_papier_goedgekeurd,
)
from onderzoek.services.wederhoor import (
    melding_afsluiten_na_standpunt,
    standpunt_reactie_afhandelen,
    wederhoor_beantwoorden,
    wederhoor_naar_externe_instantie,
    wederhoor_registreren,
)

__all__ = [
    "BESLUIT_NAAR_STATUS",
    "besluit_corrigeren",
    "besluit_nemen",
    "betrokkene_melding_meedelen",
    "betrokkene_na_standpunt_termijn_starten",
    "betrokkene_standpunt_meedelen",
    "conceptrapport_opmerkingen_afhandelen",
    "externe_kennisgeving_doen",
    "kennisgeving_beoordelen",
    "melder_uitnodigen_voor_verhoor",
    "melding_afsluiten_na_standpunt",
    "onderzoek_instellen",
    "onderzoek_melder_informeren",
    "onderzoek_zonder_rapport_beeindigen",
    "onderzoeken_beeindigen_na_intrekking",
    "onderzoeker_beeindigen",
    "onderzoeker_toewijzen",
    "onderzoeksstuk_toevoegen",
    "rapport_commentaar_melder_verwerken",
    "rapport_concept_opslaan",
    "rapport_concept_voorleggen",
    "rapport_vaststellen",
    "standpunt_reactie_afhandelen",
    "standpunt_vaststellen",
    "standpunt_verlenging_ondertekenen",
    "vastlegging_goedgekeurd_afhandelen",
    "vereis_onderzoeker",
    "verhoor_afschrift_gegeven",
    "verhoor_ander_vastleggen",
    "verhoor_melder_vastleggen",
    "verhoor_niet_goedgekeurd_vastleggen",
    "verhoor_op_papier_goedgekeurd",
    "wederhoor_beantwoorden",
    "wederhoor_naar_externe_instantie",
    "wederhoor_registreren",
]
