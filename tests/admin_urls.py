"""Admin URLs of an object, for tests that walk every page (permission matrix,
confidentiality, the works council's reach)."""

import uuid

from django.urls import reverse


def object_urls(model_admin, pk) -> list[str]:
    """Every admin URL that names this object; extra parameters get a random UUID
    (the object check comes first, so they answer 404 without access too)."""
    urls = []
    for patroon in model_admin.get_urls():
        naam = getattr(patroon, "name", None)
        if naam and "<path:object_id>" in str(patroon.pattern):
            extra = [str(uuid.uuid4()) for _ in range(len(patroon.pattern.converters) - 1)]
            urls.append(reverse(f"admin:{naam}", args=[pk, *extra]))
    return urls
