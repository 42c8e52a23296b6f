"""SQLite: the narrow `search_entry` rows (publication time, section) beside the FTS5 index, filled by
indexing everything again. Nothing to do on PostgreSQL."""

from django.db import migrations


def create_entries(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from newsdesk.search.backends import SQLiteBackend
    from newsdesk.search.services import rebuild_index

    with schema_editor.connection.cursor() as cursor:
        SQLiteBackend.create_entries(cursor)
    publication = apps.get_model("content", "Publication")
    language = publication.objects.filter(pk=1).values_list("language", flat=True).first() or "en"
    rebuild_index(apps.get_model("content", "Article"), language=language)


def drop_entries(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_entry")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_index")]

    operations = [migrations.RunPython(create_entries, drop_entries)]
