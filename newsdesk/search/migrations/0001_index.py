"""The search index: an FTS5 virtual table on SQLite, a table with tsvector columns and a GIN index on
PostgreSQL (see newsdesk/search/backends.py). Existing published articles are indexed at once."""

import django.db.models.deletion
from django.db import migrations, models


def create_index(apps, schema_editor):
    from newsdesk.search.backends import backend_for

    with schema_editor.connection.cursor() as cursor:
        backend_for(schema_editor.connection).create(cursor)


def drop_index(apps, schema_editor):
    from newsdesk.search.backends import backend_for

    with schema_editor.connection.cursor() as cursor:
        backend_for(schema_editor.connection).drop(cursor)


def index_published(apps, schema_editor):
    from newsdesk.search.services import rebuild_index

    publication = apps.get_model("content", "Publication")
    language = publication.objects.filter(pk=1).values_list("language", flat=True).first() or "en"
    rebuild_index(apps.get_model("content", "Article"), language=language)


class Migration(migrations.Migration):
    initial = True

    dependencies = [("content", "0003_workflow_states")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchDocument",
                    fields=[
                        (
                            "article",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="+",
                                serialize=False,
                                to="content.article",
                            ),
                        ),
                        ("headline", models.TextField()),
                        ("dek", models.TextField()),
                        ("body", models.TextField()),
                        ("tags", models.TextField()),
                        ("authors", models.TextField()),
                    ],
                    options={"db_table": "search_document"},
                ),
            ],
            database_operations=[migrations.RunPython(create_index, drop_index)],
        ),
        migrations.RunPython(index_published, migrations.RunPython.noop),
    ]
