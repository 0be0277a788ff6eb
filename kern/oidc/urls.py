from django.urls import path

from kern.oidc import views

app_name = "kern_oidc"

urlpatterns = [
    path("start/", views.StartView.as_view(), name="start"),
    # The redirect URI registered at the provider: <base>/personeel/oidc/terug/
    path("terug/", views.TerugView.as_view(), name="terug"),
    path("authenticator/", views.authenticator_koppelen, name="authenticator"),
]
