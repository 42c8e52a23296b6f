"""Baking at scale: a generated publication of N articles (default 10,000) in a scratch directory.

Prints: pages per second, peak memory and CPU time per page of a full bake (`bake --all`); after one
article's update (an old story and the newest), the time until its own page is live again and until
its whole re-bake is done; and the time from a publish call to the new version being served by the
`make run` server with its worker.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from common import servers

WORDS = (
    "council budget harbour minister election talks border rail energy climate river school hospital "
    "court police farmers market union strike report survey inflation wages housing transport water "
    "drought storm museum library festival shipping port tariff treaty ceasefire envoy summit vote"
).split()


def generate(count: int) -> None:
    """Sections, tags, authors and `count` published articles, through the same derived-field code."""
    from django.utils import timezone

    from newsdesk.content.markdown import html_to_text, render_markdown
    from newsdesk.content.models import Article, ArticleAuthor, Author, Section, Tag
    from newsdesk.content.text import count_words, reading_time

    rng = random.Random(7)
    sections = [Section.objects.create(name=f"Section {n}", slug=f"section-{n}", position=n) for n in range(6)]
    tags = [Tag.objects.create(name=f"Topic {n}", slug=f"topic-{n}") for n in range(40)]
    authors = [Author.objects.create(name=f"Writer {n}", slug=f"writer-{n}", role="Reporter", bio="Reports.") for n in range(25)]
    now = timezone.now()
    batch = []
    for n in range(count):
        paragraphs = [" ".join(rng.choices(WORDS, k=rng.randint(40, 90))).capitalize() + "." for _ in range(8)]
        body = f"## {rng.choice(WORDS).title()}\n\n" + "\n\n".join(paragraphs) + "\n"
        html = render_markdown(body)
        words, chars = count_words(html_to_text(html))
        batch.append(Article(
            headline=f"{rng.choice(WORDS).title()} {rng.choice(WORDS)} story {n}", slug=f"story-{n}", body=body,
            body_html=html, word_count=words + chars, reading_time=reading_time(html_to_text(html), "en"),
            section=sections[n % len(sections)], status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=30 * (count - n)),
        ))  # fmt: skip
    Article.objects.bulk_create(batch, batch_size=500)
    articles = list(Article.objects.values_list("pk", flat=True))
    ArticleAuthor.objects.bulk_create(
        [ArticleAuthor(article_id=pk, author=authors[pk % len(authors)]) for pk in articles], batch_size=1000
    )
    Through = Article.tags.through
    Through.objects.bulk_create(
        [Through(article_id=pk, tag=tag) for pk in articles for tag in rng.sample(tags, 2)], batch_size=1000
    )


_UPDATES = itertools.count(1)


def timed_update(article) -> tuple[float, float, int]:
    """Seconds from an editor's save of `article` until its own page is live again and until the whole
    re-bake it causes is done, and how many pages that re-baked."""
    from django.conf import settings

    from newsdesk.content import services
    from newsdesk.publishing.baker import bake_pending, pending_workers
    from newsdesk.publishing.receivers import queue_article
    from newsdesk.publishing.store import file_for

    started, wall_started = time.perf_counter(), time.time()
    article.headline = article.headline.split(" (update ")[0] + f" (update {next(_UPDATES)})"
    services.save_article(article)  # announces after commit: here, in autocommit, at once
    queue_article(article)  # idempotent if the announcement already queued it
    baked = bake_pending(workers=pending_workers(), keep_pool=True)  # as the background worker does
    done = time.perf_counter() - started
    page = file_for(Path(settings.NEWSDESK_OUTPUT_DIR), article.get_absolute_url())
    return page.stat().st_mtime - wall_started, done, baked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1, help="as bake --all uses")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as scratch:
        var_dir = Path(scratch) / "var"
        port = servers.free_port()
        env = servers.site_env(var_dir, port=port)
        os.environ.update(env)
        servers.manage(env, "migrate", "--no-input", "-v", "0")
        servers.manage(env, "collectstatic", "--no-input", "-v", "0")
        import django

        django.setup()
        started = time.perf_counter()
        generate(options.articles)
        print(f"generated {options.articles:,} articles in {time.perf_counter() - started:.0f} s")

        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        result = servers.manage(env, "bake", "--all", "--workers", str(options.workers))
        seconds = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        pages = int(re.search(r"Baked (\d+) pages", result.stdout)[1])
        print(f"full bake, {options.workers} workers: {result.stdout.strip().splitlines()[-1]}")
        print(f"  wall time {seconds:.1f} s including start-up; peak memory of one baking process {after.ru_maxrss / 1024:.0f} MiB")
        print(f"  CPU {cpu:.0f} s (user and system, all processes): {cpu / pages * 1000:.1f} ms a page on {os.cpu_count()} cores")

        from newsdesk.content.models import Article

        old = Article.objects.order_by("published_at")[options.articles // 2]
        new = Article.objects.order_by("-published_at").first()
        for label, article in (("an old story", old), ("the newest story", new)):
            runs = [timed_update(article) for _ in range(7)][1:]  # the first readies this process
            page, whole = (statistics.median(run[i] for run in runs) * 1000 for i in (0, 1))
            print(f"update of {label}: its page live again after {page:.0f} ms; all {runs[-1][2]} pages re-baked in {whole:.0f} ms (medians of 6)")

        with servers.granian(env, port) as url, servers.worker(env):
            latencies = []
            for n in range(6):
                article = Article.objects.get(pk=new.pk)
                marker = f"Live check {n}"
                article.dek = marker
                from newsdesk.content import services

                saved = time.perf_counter()
                services.save_article(article)
                servers.wait_for(lambda: marker.encode() in servers.fetch(url + article.get_absolute_url())[2], timeout=10, interval=0.01)
                latencies.append(time.perf_counter() - saved)
            latencies = latencies[1:]  # the first waits for the worker to start
            print(f"publish call to new version served: median {statistics.median(latencies) * 1000:.0f} ms, worst {max(latencies) * 1000:.0f} ms (target under 1 s)")


if __name__ == "__main__":
    sys.exit(main())
