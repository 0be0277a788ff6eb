"""Decoupled side effects of the case flow, sent after commit only.

Receivers must not change the case's state: they send mail, schedule tasks,
update read models. The flow itself lives in services.
"""

from django.dispatch import Signal

# Sent with melding, van, naar, door once the transition has been committed.
status_gewijzigd = Signal()
