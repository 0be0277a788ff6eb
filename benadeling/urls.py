from django.urls import path

from benadeling import views

app_name = "benadeling"

urlpatterns = [
    path("maatregel-toetsen/", views.toets, name="toets"),
]
