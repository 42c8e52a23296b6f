from django.urls import path

from newsdesk.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.enrol, name="enrol"),
    path("verify/", views.verify, name="verify"),
]
