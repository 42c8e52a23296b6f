from django.urls import path

from newsdesk.api.api import api

urlpatterns = [path("", api.urls)]
