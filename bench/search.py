"""Search latency: p50/p95 of search_articles() over a generated 10,000-article publication, on SQLite
(FTS5) and on PostgreSQL (tsvector + GIN), the same queries on each.

Each backend runs in a child process with a scratch database: SQLite in a temporary var/ directory,
PostgreSQL in a database of its own (created and dropped; BENCH_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432/newsdesk_bench_search; skipped when the server does not answer).
The text is drawn from a 6,000-word vocabulary with Zipf's law, like real prose: a few words are in
almost every story, most in a few. Queries mix common and rare words, phrases, OR, exclusions,
filters and second pages. Timed is the whole search the page makes: the ranked query with its count,
the articles of the page, and the highlighted excerpts.

Run: .venv/bin/python bench/search.py [--articles 10000] [--queries 400] [--backend sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import servers  # noqa: E402

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/newsdesk_bench_search")
SYLLABLES = "ka lo mi ne ra su te vi do pa ri an el or us in ba de fo gu har tan mer lin cos ver".split()


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
    return sorted(words)


def generate(count: int) -> list[str]:
    """Sections, tags, authors and `count` published articles with Zipf-distributed words; returns the vocabulary."""
    from django.utils import timezone

    from newsdesk.content.markdown import html_to_text, render_markdown
    from newsdesk.content.models import Article, ArticleAuthor, Author, Section, Tag
    from newsdesk.content.text import count_words, reading_time

    rng = random.Random(11)
    words = vocabulary(rng)
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    sections = [Section.objects.create(name=f"Section {n}", slug=f"section-{n}", position=n) for n in range(8)]
    tags = [Tag.objects.create(name=f"{words[100 + n].title()}", slug=f"topic-{n}") for n in range(60)]
    authors = [Author.objects.create(name=f"{words[n * 7].title()} {words[n * 11 + 3].title()}", slug=f"writer-{n}") for n in range(40)]
    now = timezone.now()
    batch = []
    for n in range(count):
        paragraphs = [" ".join(rng.choices(words, weights, k=rng.randint(50, 90))).capitalize() + "." for _ in range(7)]
        body = "\n\n".join(paragraphs) + "\n"
        html = render_markdown(body)
        text = html_to_text(html)
        counted = sum(count_words(text))
        batch.append(Article(
            headline=" ".join(rng.choices(words, weights, k=rng.randint(5, 10))).capitalize(),
            dek=" ".join(rng.choices(words, weights, k=rng.randint(12, 20))).capitalize() + ".",
            slug=f"story-{n}", body=body, body_html=html, word_count=counted, reading_time=reading_time(text, "en"),
            section=sections[n % len(sections)], status=Article.Status.PUBLISHED,
            published_at=now - timedelta(minutes=45 * (count - n)),
        ))  # fmt: skip
    Article.objects.bulk_create(batch, batch_size=500)
    ids = list(Article.objects.values_list("pk", flat=True))
    ArticleAuthor.objects.bulk_create([ArticleAuthor(article_id=pk, author=authors[pk % len(authors)]) for pk in ids], batch_size=1000)
    through = Article.tags.through
    through.objects.bulk_create([through(article_id=pk, tag=tag) for pk in ids for tag in rng.sample(tags, 2)], batch_size=1000)
    return words


def queries(words: list[str], count: int) -> list[tuple[str, dict]]:
    """Reader-like searches: mostly one or two words of middling frequency, some very common, some rare."""
    from newsdesk.content.models import Author, Section

    rng = random.Random(5)
    section, author = Section.objects.first(), Author.objects.first()
    kinds = [
        lambda: (rng.choice(words[:20]), {}),  # a word in nearly every story
        lambda: (rng.choice(words[20:400]), {}),
        lambda: (f"{rng.choice(words[20:400])} {rng.choice(words[20:800])}", {}),
        lambda: (rng.choice(words[2000:]), {}),  # rare
        lambda: (f'"{rng.choice(words[:50])} {rng.choice(words[:50])}"', {}),
        lambda: (f"{rng.choice(words[50:300])} OR {rng.choice(words[300:900])}", {}),
        lambda: (f"{rng.choice(words[20:200])} -{rng.choice(words[:30])}", {}),
        lambda: (rng.choice(words[20:400]), {"section": section}),
        lambda: (rng.choice(words[20:400]), {"author": author}),
        lambda: (rng.choice(words[:100]), {"page": 2}),
        lambda: ("zzqx nothing", {}),
    ]
    return [rng.choice(kinds)() for _ in range(count)]


def measure(options) -> None:
    """In the child: set up, generate, index, then time the searches."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from newsdesk.search.queries import search_articles

    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    words = generate(options.articles)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    call_command("rebuild_search_index", verbosity=0)
    indexed = time.perf_counter() - started
    plan = queries(words, options.queries)
    for text, filters in plan[:30]:  # warm caches, as a running site's are
        search_articles(text, **filters)
    runs, phrases = [], []
    for text, filters in plan:
        started = time.perf_counter()
        result = search_articles(text, **filters)
        runs.append(((time.perf_counter() - started) * 1000, result.total))
        if text.startswith('"'):
            phrases.append(runs[-1])
    print(f"{connection.vendor}: {options.articles:,} articles generated in {generated:.0f} s, indexed in {indexed:.1f} s"
          f" (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")  # fmt: skip
    report(f"all {len(runs)} searches", runs)
    report("matching under 1,000 stories", [r for r in runs if r[1] < 1000])
    report("matching 1,000 stories or more", [r for r in runs if r[1] >= 1000])
    report("phrases of two common words", phrases)


def report(label: str, runs: list[tuple[float, int]]) -> None:
    if not runs:
        return
    timings = sorted(t for t, _ in runs)
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    print(f"  {label:<32} p50 {statistics.median(timings):6.1f} ms  p95 {p95:6.1f} ms  max {timings[-1]:7.1f} ms"
          f"  ({len(runs)} searches, median {statistics.median(n for _, n in runs):,.0f} matches)")  # fmt: skip


def run_child(backend: str, options) -> None:
    args = [sys.executable, __file__, "--backend", backend, "--articles", str(options.articles), "--queries", str(options.queries)]
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-search-") as scratch:
        env = servers.site_env(Path(scratch) / "var", port=8000)
        if backend == "postgresql":
            import psycopg

            admin_url = POSTGRES_URL.rsplit("/", 1)[0] + "/postgres"
            name = POSTGRES_URL.rsplit("/", 1)[1]
            try:
                admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
            except psycopg.OperationalError:
                print("postgresql: SKIPPED (the server at", POSTGRES_URL, "does not answer)")
                return
            with admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
                admin.execute(f'CREATE DATABASE "{name}"')
            env["NEWSDESK_DATABASE_URL"] = POSTGRES_URL
            try:
                subprocess.run(args, env=env, cwd=ROOT, check=True)
            finally:
                with psycopg.connect(admin_url, autocommit=True) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            subprocess.run(args, env=env, cwd=ROOT, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], help="run one backend here (used by the parent)")
    options = parser.parse_args()
    if options.backend:
        measure(options)
        return
    print("target: p95 under 50 ms")
    for backend in ("sqlite", "postgresql"):
        run_child(backend, options)


if __name__ == "__main__":
    main()
