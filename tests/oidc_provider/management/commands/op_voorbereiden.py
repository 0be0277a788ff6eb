from django.core.management import call_command
from django.core.management.base import BaseCommand
from oidc_provider.models import Client, ResponseType, RSAKey


class Command(BaseCommand):
    help = "Signing key and Meldpunt as client (confidential, code flow)."

    def add_arguments(self, parser):
        parser.add_argument("--client-id", required=True)
        parser.add_argument("--client-secret", required=True)
        parser.add_argument("--redirect-uri", action="append", required=True)
        parser.add_argument("--post-logout-uri", action="append", default=[])

    def handle(self, *args, client_id, client_secret, redirect_uri, post_logout_uri, **options):
        if not RSAKey.objects.exists():
            call_command("creatersakey")
        client, _ = Client.objects.update_or_create(
            client_id=client_id,
            defaults={
                "name": "Meldpunt",
                "client_type": "confidential",
                "client_secret": client_secret,
                "jwt_alg": "RS256",
                "require_consent": False,
                "reuse_consent": True,
                "_redirect_uris": "\n".join(redirect_uri),
                "_post_logout_redirect_uris": "\n".join(post_logout_uri),
            },
        )
        client.response_types.set([ResponseType.objects.get(value="code")])
