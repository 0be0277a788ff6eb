"""Decoupled side effects of the case flow, sent after commit only.

Receivers must not change the case's state: they send mail, schedule tasks,
update read models. The flow itself lives in services.
"""

from django.dispatch import Signal

# Sent with melding, van, naar, door once the transition has been committed.
status_gewijzigd = Signal()

# Sent with melding and identiteit (the stored MelderIdentiteit, or None for an
# anonymous report) once a report has been committed (melder.melding_indienen).
# benadeling makes the melder a protected person with it (Art. 5.1, 5.4).
melding_ingediend = Signal()
