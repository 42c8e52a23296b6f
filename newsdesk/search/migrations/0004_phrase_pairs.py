"""PostgreSQL: the `pairs` column (adjacent words of each document, hashed) and its GIN index, which find
the stories that can hold a phrase without reading every document that holds its words (see
newsdesk/search/backends.py). Adding the column computes it for every indexed story. Nothing to do on
SQLite, whose FTS5 index answers phrases from its own position lists."""

from django.db import migrations


def forwards(apps, schema_editor):
    """Idempotent: a database created from scratch already has all of this from 0001's create()."""
    if schema_editor.connection.vendor != "postgresql":
        return
    from newsdesk.search.backends import create_phrase_pairs

    with schema_editor.connection.cursor() as cursor:
        create_phrase_pairs(cursor)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from newsdesk.search.backends import TABLE

    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS pairs")
        cursor.execute("DROP FUNCTION IF EXISTS newsdesk_phrase_pairs(tsvector), newsdesk_phrase_pairs_query(regconfig, text)")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_postgres_ranking")]

    operations = [migrations.RunPython(forwards, backwards)]
