"""Seals over the audit log: a database administrator without the keys cannot
delete, change, reorder or add audit rows unseen (docs/threat-model.md §6–§7;
docs/adr/0011-audit-zegels.md).

The audit rows are written on the hot path (`kern.services.auditregel_schrijven`,
`kern.invoegen.rijen_toevoegen`) and stay exactly as they were: no hash column, no
lock, no extra statement. Instead a beat task (`auditlog_verzegelen`, every few
minutes) writes a `kern.AuditZegel` over the rows committed since the previous
seal: the id range (`van_id`, `tot_id`], the number of rows in it and an HMAC over
their contents, and an HMAC over the seal itself that includes the previous
seal's MAC, so seals form a chain numbered without gaps. The key is derived with
HKDF from key material in the environment (`kern.crypto.afgeleide_sleutel`),
which the database does not hold.

Which rows are final. Ids come from a sequence in the order INSERTs run, not in
the order transactions commit: a row with a lower id can commit after a higher
one is visible. A seal over "every id up to the highest visible one" would then
miss that row and report it as added later. A range is sealed only once it is
final: every transaction that inserts into the audit log holds a ROW EXCLUSIVE
lock on the table from before it draws its ids until it ends. So, after reading
the highest visible id M, the transactions that still hold that lock (pg_locks)
are the only ones that can still add a row with an id up to M. With none, the
range up to M is final at once; otherwise the seal records (M, those
transactions) as the next seal's plan, and a later run seals up to M once all of
them have ended. Nothing on the insert side waits; a transaction left open only
delays sealing. On SQLite one transaction writes at a time and allocates its ids
while it holds the write lock, so every id up to the highest visible one is final.

`auditlog_controleren` recomputes every seal and every range and reports, by seal
number and id range and never by content, what does not match.
"""

from kern.auditzegels.anker import anker_afwijking
from kern.auditzegels.controleren import Afwijking, Controle, afwijkingen_melden, auditlog_controleren
from kern.auditzegels.formaat import sleutels
from kern.auditzegels.verzegelen import auditlog_verzegelen

__all__ = [
    "Afwijking",
    "Controle",
    "afwijkingen_melden",
    "anker_afwijking",
    "auditlog_controleren",
    "auditlog_verzegelen",
    "sleutels",
]
