"""Every field label is a Dutch source string with an English translation.

A field without `verbose_name` gets its label from the attribute name ("gebruiker",
"verleend door"), which no catalogue translates: the English admin then shows Dutch
column headers and form labels (docs/stijl.md: UI text through gettext_lazy).
"""

from django.apps import apps
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import trans_real

PROJECT_APPS = ("kern", "meldingen", "onderzoek", "benadeling", "rapportage")

# Technical identifiers read the same in both languages and are never shown as a
# label: the primary key and BasisModel's public UUID.
TAALNEUTRAAL = {"id", "uuid"}


def _is_projectcode(klasse) -> bool:
    return klasse.__module__.split(".")[0] in PROJECT_APPS


def _eigen_velden():
    """Concrete fields declared in this project's code. Fields inherited from a
    third-party base (django-otp's Device, guardian's permission bases, Django's
    AbstractUser) carry that package's labels and are its concern."""
    for model in apps.get_models():
        if not _is_projectcode(model) or model._meta.proxy:
            continue
        vreemd = set()
        for basis in model.__mro__[1:]:
            meta = getattr(basis, "_meta", None)
            if meta is not None and not _is_projectcode(basis):
                vreemd |= {veld.name for veld in meta.local_fields}
        for veld in model._meta.concrete_fields:
            if veld.auto_created or veld.name in vreemd or veld.name in TAALNEUTRAAL:
                continue
            yield model, veld


def test_er_zijn_eigen_velden_om_te_controleren():
    # Guards the filter above: an empty selection would make the next tests vacuous.
    namen = {f"{model.__name__}.{veld.name}" for model, veld in _eigen_velden()}
    assert {"Functionaris.gebruiker", "Toewijzing.gebruiker", "Termijn.organisatie", "Gebeurtenis.door"} <= namen
    assert len(namen) > 300


def test_elk_veldlabel_is_een_vertaalbare_tekst():
    zonder = [
        f"{model._meta.label}.{veld.name}"
        for model, veld in _eigen_velden()
        if not isinstance(veld.verbose_name, Promise)
    ]
    assert zonder == [], "verbose_name=_('...') ontbreekt (ForeignKey: verbose_name=; anders eerste argument)"


def test_elk_veldlabel_heeft_een_engelse_vertaling():
    catalogus = trans_real.translation("en")._catalog
    onvertaald = set()
    for model, veld in _eigen_velden():
        if not isinstance(veld.verbose_name, Promise):
            continue  # reported by the test above
        with translation.override(None):
            bron = str(veld.verbose_name)
        if bron not in catalogus:
            onvertaald.add(f"{model._meta.label}.{veld.name}: {bron!r}")
    assert sorted(onvertaald) == [], "add the msgid with an English msgstr to locale/en/LC_MESSAGES/django.po"


def test_gemelde_kolommen_zijn_engels_in_de_engelse_beheeromgeving():
    velden = {
        ("meldingen", "Functionaris", "gebruiker"): "user",
        ("meldingen", "Toewijzing", "gebruiker"): "user",
        ("meldingen", "Termijn", "organisatie"): "organisation",
        ("rapportage", "OrLidmaatschap", "organisatie"): "organisation",
        ("rapportage", "OrLidmaatschap", "gebruiker"): "user",
        ("meldingen", "Toewijzing", "verleend_door"): "granted by",
    }
    with translation.override("en"):
        gevonden = {
            sleutel: str(apps.get_model(sleutel[0], sleutel[1])._meta.get_field(sleutel[2]).verbose_name)
            for sleutel in velden
        }
    assert gevonden == velden


def _eigen_modellen():
    return [model for model in apps.get_models() if _is_projectcode(model)]


def test_elke_modelnaam_is_vertaald():
    """The model's name and plural head the admin's lists, its breadcrumbs and its
    permission names. A Meta without them gets "registerteller" and, for the plural,
    an English "s" glued to a Dutch word ("mislukte codepogings"), which no catalogue
    translates."""
    catalogus = trans_real.translation("en")._catalog
    onvertaald = []
    for model in _eigen_modellen():
        for attribuut in ("verbose_name", "verbose_name_plural"):
            # original_attrs: what the Meta declared; the derived defaults are not Promises
            # of a msgid but the class name or the name plus "s".
            waarde = model._meta.original_attrs.get(attribuut)
            with translation.override(None):
                bron = str(waarde) if isinstance(waarde, Promise) else None
            if bron not in catalogus:
                onvertaald.append(f"{model._meta.label}.{attribuut}: {bron or 'ontbreekt'}")
    assert onvertaald == [], "Meta.verbose_name(_plural) = _('...') with an English msgstr in django.po"


def test_modelnamen_zijn_engels_in_de_engelse_beheeromgeving():
    labels = ("meldingen.Registerteller", "meldingen.VervangenOntvangstcode", "meldingen.MislukteCodepoging")
    with translation.override("en"):
        gevonden = {
            label: (str(apps.get_model(label)._meta.verbose_name), str(apps.get_model(label)._meta.verbose_name_plural))
            for label in labels
        }
    assert gevonden == {
        "meldingen.Registerteller": ("register counter", "register counters"),
        "meldingen.VervangenOntvangstcode": ("replaced receipt code", "replaced receipt codes"),
        "meldingen.MislukteCodepoging": ("failed code attempt", "failed code attempts"),
    }
