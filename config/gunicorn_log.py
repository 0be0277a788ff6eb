"""gunicorn's access log without control characters from the client.

gunicorn writes the decoded path (%(U)s) as it came: a request for
`/x%0a2026-01-01 00:00:00 ERROR ...` wrote a second, forged line into the log,
and `%1b[...` wrote terminal escape sequences. Every value in a log line is
escaped here: control characters (C0, DEL, C1) as `\\xNN`, and the backslash
itself, so an escaped line cannot be mistaken for a real one.
"""

import re

from gunicorn.glogging import Logger

_STUURTEKENS = re.compile(r"[\x00-\x1f\x7f-\x9f\\]")


def _ontsnappen(waarde: str) -> str:
    return _STUURTEKENS.sub(lambda m: "\\\\" if m.group() == "\\" else f"\\x{ord(m.group()):02x}", waarde)


class ToegangslogZonderStuurtekens(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {naam: _ontsnappen(waarde) if isinstance(waarde, str) else waarde for naam, waarde in atoms.items()}
