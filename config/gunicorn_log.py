"""gunicorn's access log without control characters from the client.

gunicorn writes the decoded path (%(U)s) as it came: a request for
`/x%0a2026-01-01 00:00:00 ERROR ...` wrote a second, forged line into the log,
and `%1b[...` wrote terminal escape sequences. Every value in a log line is
escaped here: control characters (C0, DEL, C1) as `\\xNN`, and the backslash
itself, so an escaped line cannot be mistaken for a real one.
"""

import re

from gunicorn.glogging import Logger, SafeAtoms

_STUURTEKENS = re.compile(r"[\x00-\x1f\x7f-\x9f\\]")


def _ontsnappen(waarde: str) -> str:
    return _STUURTEKENS.sub(lambda m: "\\\\" if m.group() == "\\" else f"\\x{ord(m.group()):02x}", waarde)


class _OntsnapteAtomen(SafeAtoms):
    """gunicorn's atoms, each escaped when the log format reads it: only the few
    the format names (config/gunicorn.conf.py), not every request and response
    header on every request."""

    def __getitem__(self, k):
        waarde = super().__getitem__(k)
        return _ontsnappen(waarde) if isinstance(waarde, str) else waarde


class ToegangslogZonderStuurtekens(Logger):
    atoms_wrapper_class = _OntsnapteAtomen
