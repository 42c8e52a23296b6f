"""Posting the article form of the admin as a browser would, from the article as it stands."""

from django.urls import reverse

from newsdesk.newsroom import workflow


def article_form(article, **changes) -> dict:
    """The change form's data for `article` (its working copy), with `changes` applied."""
    data = workflow.working_copy(article)
    form = {
        "headline": data["headline"], "dek": data["dek"], "slug": data["slug"], "body": data["body"],
        "section": data["section"], "language": data["language"], "lead_image": data["lead_image"] or "",
        "tags": data["tags"], "base_version": article.version,
        "schedule_at_0": "", "schedule_at_1": "", "workflow_note": "",
        "bylines-TOTAL_FORMS": str(len(data["bylines"])), "bylines-INITIAL_FORMS": "0",
        "bylines-MIN_NUM_FORMS": "0", "bylines-MAX_NUM_FORMS": "1000",
    }
    live = {line.author_id: line for line in article.bylines.all()}
    for n, (author_id, credit) in enumerate(data["bylines"]):
        form[f"bylines-{n}-author"] = author_id
        form[f"bylines-{n}-credit"] = credit
        form[f"bylines-{n}-position"] = n
    if live and [[a, c] for a, c in ((l.author_id, l.credit) for l in article.bylines.all())] == data["bylines"]:
        # Bylines shown from the article itself: bound to their rows.
        form["bylines-INITIAL_FORMS"] = str(len(live))
        for n, (author_id, _) in enumerate(data["bylines"]):
            form[f"bylines-{n}-id"] = live[author_id].pk
            form[f"bylines-{n}-article"] = article.pk
    form.update(changes)
    return {key: value for key, value in form.items() if value is not None}


def change_url(article) -> str:
    return reverse("admin:content_article_change", args=[article.pk])


def post_step(client, article, step: str, **changes):
    """Save the article's form and take a workflow step (publish, schedule, ...)."""
    return client.post(change_url(article), article_form(article, _workflow=step, **changes))
