"""The `import` command: a progress bar on stderr, the report on stdout."""

import pytest
from django.core.management import call_command

from tests.importers.conftest import UPLOADS, WXR

pytestmark = pytest.mark.django_db


def test_the_command_shows_progress_on_stderr_and_the_report_on_stdout(capsys, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

    call_command("import", "wordpress", str(WXR), "--media", str(UPLOADS))

    out, err = capsys.readouterr()
    assert "Importing: 14/14 (100%" in err
    assert "posts: 10 imported, 0 updated, 1 skipped" in out
    assert "post 111 “Deleted story”: in the trash" in out


def test_import_is_one_command_with_a_subcommand_per_source(capsys):
    with pytest.raises(SystemExit):
        call_command("import", "--help")

    assert "{wordpress,ghost,newsdesk}" in capsys.readouterr().out
