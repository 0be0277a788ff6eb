"""Encrypted file storage for attachments and letters (docs/vertrouwelijkheid.md).

Files are encrypted with the field keys before they touch the disk and are
decrypted on open; they are never served by the web server directly.
"""

import os

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible

from kern import crypto


@deconstructible
class VersleuteldeOpslag(FileSystemStorage):
    def __init__(self, **kwargs):
        default = storages["default"]
        kwargs.setdefault("location", getattr(default, "location", None))
        super().__init__(**kwargs)

    def _save(self, name, content):
        content.seek(0)
        versleuteld = ContentFile(crypto.versleutel_bytes(content.read()))
        return super()._save(name, versleuteld)

    def _open(self, name, mode="rb"):
        with super()._open(name, "rb") as fh:
            return ContentFile(crypto.ontsleutel_bytes(fh.read()), name=name)

    def url(self, name):
        raise ValueError("Encrypted files have no URL: they are served only through permission-checked views.")

    def herversleutel(self, name) -> bool:
        """Re-encrypt one stored file with the newest key. Returns True if changed."""
        path = self.path(name)
        with open(path, "rb") as fh:
            token = fh.read()
        nieuw = crypto.roteer(token.decode("ascii")).encode("ascii")
        if nieuw == token:
            return False
        tmp = f"{path}.rotatie"
        with open(tmp, "wb") as fh:
            fh.write(nieuw)
        os.replace(tmp, path)
        return True


versleutelde_opslag = VersleuteldeOpslag()
