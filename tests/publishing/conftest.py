import pytest


@pytest.fixture
def output(settings, tmp_path):
    """An empty output directory of this test's own."""
    settings.NEWSDESK_OUTPUT_DIR = tmp_path / "output"
    return settings.NEWSDESK_OUTPUT_DIR


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a block as if its transaction committed: announcements fire and queued pages are baked."""

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            result = action()
        return result

    return run
