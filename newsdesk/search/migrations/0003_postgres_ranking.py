"""PostgreSQL: each index row gets its article's publication time and section (so a search reads the
index alone, as on SQLite), a small `ranking` vector (headline, standfirst, tags, authors), and the
GIN index loses its pending list (see PostgresBackend). Nothing to do on SQLite, whose new column
weights live in the query."""

from django.db import migrations


def forwards(apps, schema_editor):
    """Idempotent: a database created from scratch already has all of this from 0001's create()."""
    if schema_editor.connection.vendor != "postgresql":
        return
    from newsdesk.search.backends import ARTICLE_TABLE, RANKING_VECTOR, TABLE

    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS published_at timestamptz, ADD COLUMN IF NOT EXISTS section_id bigint")
        cursor.execute(
            f"UPDATE {TABLE} AS d SET published_at = a.published_at, section_id = a.section_id "
            f"FROM {ARTICLE_TABLE} AS a WHERE a.id = d.article_id"
        )
        cursor.execute(f"DELETE FROM {TABLE} WHERE published_at IS NULL OR section_id IS NULL")
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN published_at SET NOT NULL, ALTER COLUMN section_id SET NOT NULL")
        cursor.execute(f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS ranking tsvector GENERATED ALWAYS AS ({RANKING_VECTOR}) STORED")
        cursor.execute(f"ALTER INDEX {TABLE}_document SET (fastupdate = off)")
        cursor.execute(f"SELECT gin_clean_pending_list('{TABLE}_document'::regclass)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from newsdesk.search.backends import TABLE

    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} DROP COLUMN ranking, DROP COLUMN published_at, DROP COLUMN section_id")
        cursor.execute(f"ALTER INDEX {TABLE}_document RESET (fastupdate)")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_entries")]

    operations = [migrations.RunPython(forwards, backwards)]
