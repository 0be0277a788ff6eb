from django.urls import path

from rapportage import views

app_name = "rapportage"

urlpatterns = [
    # Public (Art. 14.1); the melder's form links here by organisation slug.
    path("regeling/<slug:slug>/", views.regeling, name="regeling"),
    path("personeel/jaarrapportages/", views.lijst, name="lijst"),
    path("personeel/jaarrapportages/<uuid:uuid>/", views.detail, name="detail"),
    path("personeel/jaarrapportages/<uuid:uuid>/stap/<slug:naar>/", views.stap, name="stap"),
    path("personeel/jaarrapportages/<uuid:uuid>/voorbeeld/", views.voorbeeld, name="voorbeeld"),
    path("personeel/jaarrapportages/versies/<uuid:uuid>/", views.versie, name="versie"),
    path("personeel/jaarrapportages/versies/<uuid:uuid>/opnieuw/", views.versie_opnieuw, name="versie_opnieuw"),
    path("personeel/jaarrapportages/versies/<uuid:uuid>/status/", views.versie_status, name="versie_status"),
    path("personeel/jaarrapportages/versies/<uuid:uuid>/pdf/", views.versie_pdf, name="versie_pdf"),
    path("personeel/jaarrapportages/versies/<uuid:uuid>/ondertekenen/", views.ondertekenen, name="ondertekenen"),
]
