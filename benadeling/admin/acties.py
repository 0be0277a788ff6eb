"""Retaliation on the case screen: the actions live in benadeling.handelingen
(action -> service, form, rows of benadeling.workflow) and register themselves
with meldingen's case screen on import. This module holds no rules of its own."""

from benadeling import handelingen  # noqa: F401
