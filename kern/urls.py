from django.urls import path

from kern import views

app_name = "kern"

urlpatterns = [
    path("inloggen/", views.inloggen, name="inloggen"),
    path("inloggen/tweede-factor/", views.tweede_factor, name="tweede_factor"),
    path("inschrijven/<str:token>/", views.inschrijven, name="inschrijven"),
    path("passkey/", views.passkey_toevoegen, name="passkey_toevoegen"),
    path("uitloggen/", views.uitloggen, name="uitloggen"),
]
