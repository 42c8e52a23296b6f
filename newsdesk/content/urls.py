from django.urls import path, register_converter

from newsdesk.content import views


class UnicodeSlugConverter:
    """Slugs in any script (Arabic, Hebrew, ...), as SlugField(allow_unicode=True) stores them."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class TwoDigitConverter:
    regex = r"[0-9]{2}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return f"{int(value):02d}"


register_converter(UnicodeSlugConverter, "uslug")
register_converter(TwoDigitConverter, "dd")

app_name = "content"


def paginated(route: str, view, name: str) -> list:
    """A list's address and its numbered pages (`page/2/`), both named `name`."""
    return [path(route, view, name=name), path(f"{route}page/<int:page>/", view, name=name)]


urlpatterns = [
    path("", views.home, name="home"),
    *paginated("latest/", views.latest, "latest"),
    *paginated("section/<uslug:slug>/", views.section, "section"),
    *paginated("tag/<uslug:slug>/", views.tag, "tag"),
    *paginated("author/<uslug:slug>/", views.author, "author"),
    path("<int:year>/<dd:month>/<dd:day>/<uslug:slug>/", views.article, name="article"),
    path("<uslug:slug>/", views.page, name="page"),
]
