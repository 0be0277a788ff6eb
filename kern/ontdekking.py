"""The one autodiscovery loop: each installed app may offer a module of an
agreed name (`dashboard`, `demo`, `rollen`, `jaarcijfers`), and the lower app
that collects them never imports the higher ones by name (docs/architecture.md)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from types import ModuleType

from django.apps import AppConfig, apps


def app_modules(naam: str, *, behalve: tuple[str, ...] = ()) -> Iterator[tuple[AppConfig, ModuleType]]:
    """(app config, module) for every installed app that has `<app>.<naam>`, in
    INSTALLED_APPS order. An import error inside such a module is raised, not
    mistaken for "this app offers none"."""
    for config in apps.get_app_configs():
        if config.name in behalve:
            continue
        modulenaam = f"{config.name}.{naam}"
        try:
            module = import_module(modulenaam)
        except ModuleNotFoundError as exc:
            if exc.name != modulenaam:
                raise
            continue
        yield config, module
