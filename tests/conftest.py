import os
import shutil

import pytest
from django.core.cache import cache

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so no publication settings leak from one test to the next."""
    from newsdesk.content.chrome import forget_site_chrome

    cache.clear()
    forget_site_chrome()
    yield
    cache.clear()
    forget_site_chrome()


@pytest.fixture
def demo(db):
    """The demo publication, loaded through its loader as `make run` does."""
    from newsdesk.demo.loader import load_demo

    return load_demo()


@pytest.fixture
def oman_story(demo):
    """The demo's report of the US–Iran talks in Oman: the article the reference page shows."""
    from newsdesk.content.models import Article

    return Article.objects.get(slug="us-iran-envoys-oman-talks")


@pytest.fixture
def publication(db):
    from newsdesk.content.models import Publication

    return Publication.objects.current()


@pytest.fixture(scope="session")
def prepared_site(tmp_path_factory):
    """A var/ directory set up as `make run` leaves it (migrated, demo loaded, every page baked), made
    once per test run; tests that change it take a copy with `site_copy`."""
    from tests import servers

    var_dir = tmp_path_factory.mktemp("prepared") / "var"
    servers.set_up_site(servers.site_env(var_dir, port=8000))
    return var_dir


@pytest.fixture
def site_copy(prepared_site, tmp_path):
    """A private copy of the prepared site: (environment, port, var directory)."""
    import shutil

    from tests import servers

    var_dir = tmp_path / "var"
    shutil.copytree(prepared_site, var_dir, symlinks=True)
    port = servers.free_port()
    return servers.site_env(var_dir, port=port), port, var_dir


# Newsroom members, one per role (newsdesk.newsroom.roles), each with an author profile of their own.


@pytest.fixture
def make_user(db):
    """A newsroom member with the given role and an author profile of their own."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from tests.factories import AuthorFactory

    def make(role, username: str | None = None):
        username = username or role.name.lower()
        user = get_user_model().objects.create_user(username, password="a long enough password 1", is_staff=True)
        user.groups.add(Group.objects.get(name=role.group_name))
        AuthorFactory(name=username.title(), slug=username, user=user)
        return user

    return make


@pytest.fixture
def contributor(make_user):
    from newsdesk.newsroom.roles import Role

    return make_user(Role.CONTRIBUTOR)


@pytest.fixture
def author(make_user):
    from newsdesk.newsroom.roles import Role

    return make_user(Role.AUTHOR)


@pytest.fixture
def editor(make_user):
    from newsdesk.newsroom.roles import Role

    return make_user(Role.EDITOR)


@pytest.fixture
def administrator(make_user):
    from newsdesk.newsroom.roles import Role

    return make_user(Role.ADMINISTRATOR)


# Chromium, for every app's browser tests: one Playwright instance on the main thread for the session
# (Playwright's sync API allows one per thread), so the fixtures live here and nowhere else.


def require_chromium() -> str:
    """Debian's Chromium: skip where it is missing, unless NEWSDESK_REQUIRE_BROWSER says it must run (CI)."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        message = f"{CHROMIUM} is missing: install Debian's chromium package (make test does so as root)."
        if os.environ.get("NEWSDESK_REQUIRE_BROWSER"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def site_url(prepared_site):
    """The address of a granian server serving the set-up and baked demo publication."""
    from tests import servers

    port = servers.free_port()
    with servers.granian(servers.site_env(prepared_site, port=port), port) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium; skipped where it is missing, unless NEWSDESK_REQUIRE_BROWSER says it must run."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


