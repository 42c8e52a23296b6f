from django.urls import path

from newsdesk.comments import views

app_name = "comments"

urlpatterns = [
    path("post/<int:article_id>/", views.post_comment, name="post"),
    path("form-token/<int:article_id>/", views.form_token, name="form_token"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("privacy/", views.privacy_request, name="privacy"),
    path("privacy/confirm/<str:token>/", views.privacy_confirm, name="privacy_confirm"),
]
