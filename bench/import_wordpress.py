"""WordPress import speed and memory: a generated 20,000-post export imported into a new site.

Writes a WXR file shaped like WordPress's own (authors, categories, tags, block-editor and classic
posts with captions and shortcodes, a few comments each), migrates a fresh SQLite site in a temporary
var/ directory, and runs `python -m newsdesk import wordpress` on it as a separate process. Prints the
posts imported per second by the wall clock and per CPU second, the import process's peak memory
(ru_maxrss), and where its wall time went: on a CPU, waiting for a CPU that other processes held (the
kernel's run-queue time, /proc/PID/schedstat), or waiting for anything else (disk, fsync), with the
load average sampled during the run. On a shared machine the wall clock mostly measures the others.

Run: .venv/bin/python bench/import_wordpress.py   (BENCH_POSTS=20000 is the default)
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import servers  # noqa: E402

POSTS = int(os.environ.get("BENCH_POSTS", "20000"))
AUTHORS, CATEGORIES, TAGS = 12, 8, 60

BLOCK_BODY = """<!-- wp:paragraph -->
<p>Councillors in district {n} voted <strong>7 to 4</strong> on Tuesday to {verb} the harbour plan, after a
debate that ran past <a href="https://council.example/minutes/{n}">midnight</a>.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2 class="wp-block-heading">What happens next</h2>
<!-- /wp:heading -->

<!-- wp:list -->
<ul><li>A consultation opens in {month}.</li><li>Work could start next spring.</li></ul>
<!-- /wp:list -->

[caption id="attachment_{n}" align="aligncenter" width="800"]<img src="https://old.example/wp-content/uploads/2019/03/p{n}.jpg" alt="The quay" width="800" height="533" /> The quay at low tide.[/caption]

<!-- wp:quote -->
<blockquote class="wp-block-quote"><p>We have waited long enough.</p><cite>A harbour user</cite></blockquote>
<!-- /wp:quote -->
"""

CLASSIC_BODY = """The ferry company said sailings {n} and {m} would be cut from April.

Passengers on the early boat were told by text message.
The company apologised.

[gallery ids="{n},{m}"]"""


def comment(cid: int, parent: int, n: int) -> str:
    return f"""
		<wp:comment>
			<wp:comment_id>{cid}</wp:comment_id>
			<wp:comment_author><![CDATA[Reader {cid}]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[reader{cid}@example.org]]></wp:comment_author_email>
			<wp:comment_author_url></wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[192.0.2.1]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[2019-03-04 12:00:00]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[2019-03-04 12:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[Comment {cid} on story {n}: the early boat matters.]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_type><![CDATA[comment]]></wp:comment_type>
			<wp:comment_parent>{parent}</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>"""


def item(n: int) -> str:
    day = 1 + n % 28
    month = 1 + (n // 28) % 12
    year = 2010 + n // (28 * 12)
    body = (BLOCK_BODY if n % 3 else CLASSIC_BODY).format(n=n, m=n + 1, verb="approve" if n % 2 else "reject", month="May")
    comments = comment(n * 10, 0, n) + comment(n * 10 + 1, n * 10, n) if n % 4 == 0 else ""
    return f"""
	<item>
		<title><![CDATA[Harbour plan vote number {n}]]></title>
		<link>https://old.example/{year}/{month:02d}/harbour-plan-vote-{n}/</link>
		<pubDate>Mon, 04 Mar 2019 08:30:00 +0000</pubDate>
		<dc:creator><![CDATA[author{n % AUTHORS}]]></dc:creator>
		<guid isPermaLink="false">https://old.example/?p={n}</guid>
		<description></description>
		<content:encoded><![CDATA[{body}]]></content:encoded>
		<excerpt:encoded><![CDATA[Councillors voted on the harbour plan.]]></excerpt:encoded>
		<wp:post_id>{n}</wp:post_id>
		<wp:post_date><![CDATA[{year}-{month:02d}-{day:02d} 08:30:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[{year}-{month:02d}-{day:02d} 08:30:00]]></wp:post_date_gmt>
		<wp:post_modified><![CDATA[{year}-{month:02d}-{day:02d} 09:30:00]]></wp:post_modified>
		<wp:post_modified_gmt><![CDATA[{year}-{month:02d}-{day:02d} 09:30:00]]></wp:post_modified_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:ping_status><![CDATA[open]]></wp:ping_status>
		<wp:post_name><![CDATA[harbour-plan-vote-{n}]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:menu_order>0</wp:menu_order>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:post_password><![CDATA[]]></wp:post_password>
		<wp:is_sticky>0</wp:is_sticky>
		<category domain="category" nicename="category-{n % CATEGORIES}"><![CDATA[Category {n % CATEGORIES}]]></category>
		<category domain="post_tag" nicename="tag-{n % TAGS}"><![CDATA[Tag {n % TAGS}]]></category>
		<category domain="post_tag" nicename="tag-{(n * 7) % TAGS}"><![CDATA[Tag {(n * 7) % TAGS}]]></category>{comments}
	</item>"""


def write_export(path: Path, posts: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write("""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
	<title>Old Harbour News</title>
	<link>https://old.example</link>
	<language>en-GB</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://old.example</wp:base_site_url>
	<wp:base_blog_url>https://old.example</wp:base_blog_url>
""")
        for a in range(AUTHORS):
            out.write(
                f"\t<wp:author><wp:author_id>{a + 1}</wp:author_id><wp:author_login><![CDATA[author{a}]]></wp:author_login>"
                f"<wp:author_email><![CDATA[author{a}@old.example]]></wp:author_email>"
                f"<wp:author_display_name><![CDATA[Author Number {a}]]></wp:author_display_name></wp:author>\n"
            )
        for c in range(CATEGORIES):
            out.write(
                f"\t<wp:category><wp:term_id>{c + 1}</wp:term_id><wp:category_nicename><![CDATA[category-{c}]]></wp:category_nicename>"
                f"<wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Category {c}]]></wp:cat_name></wp:category>\n"
            )
        for n in range(1, posts + 1):
            out.write(item(n))
        out.write("\n</channel>\n</rss>\n")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-import-") as scratch:
        scratch = Path(scratch)
        export = scratch / "export.xml"
        write_export(export, POSTS)
        env = servers.site_env(scratch / "var", port=8000)
        servers.manage(env, "migrate", "--no-input", "-v", "0")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        migrate_cpu = before.ru_utime + before.ru_stime
        print(f"WordPress import: {POSTS:,} posts, export of {export.stat().st_size / 2**20:.1f} MB, SQLite")
        started = time.monotonic()
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
            process = subprocess.Popen(
                [sys.executable, "-m", "newsdesk", "import", "wordpress", str(export)],
                cwd=ROOT, env=env, stdout=out, stderr=err, text=True,
            )  # fmt: skip
            watch = watch_process(process)
            seconds = time.monotonic() - started
            out.seek(0), err.seek(0)
            stdout, stderr = out.read(), err.read()
        if process.returncode != 0:
            raise SystemExit(stderr[-3000:])
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the import's process (and the migrate before it)
        peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime - migrate_cpu  # ru_maxrss is in kB on Linux
        print(stdout.split("Skipped:")[0].split("Notes:")[0].strip())
        print(f"  import took {seconds:.1f} s wall: {POSTS / seconds:,.1f} posts/s")
        print(f"  CPU time {cpu:.1f} s: {POSTS / cpu:,.1f} posts per CPU second (what a machine not shared would see)")
        print(f"  peak memory {peak:,.0f} MB (ru_maxrss of the import process)")
        print(
            f"  wall time: {watch['cpu']:.0f} s on a CPU, {watch['queued']:.0f} s waiting for a CPU held by other "
            f"processes, {max(0.0, seconds - watch['cpu'] - watch['queued']):.0f} s waiting for anything else "
            f"(disk, fsync); {watch['written'] / 2**20:,.0f} MB written"
        )
        loads = watch["loads"] or [0.0]
        print(f"  load average (1 min) during the run: {min(loads):.1f} to {max(loads):.1f}, mean {sum(loads) / len(loads):.1f} "
              f"on {os.cpu_count()} CPUs")  # fmt: skip


def watch_process(process: subprocess.Popen, every: float = 0.5) -> dict:
    """Sample a running process until it exits: its CPU and run-queue time (schedstat), bytes written
    (io), and the machine's load average. Linux only; absent files leave zeros."""
    last = {"cpu": 0.0, "queued": 0.0, "written": 0, "loads": []}
    while process.poll() is None:
        try:
            on_cpu, queued, _ = Path(f"/proc/{process.pid}/schedstat").read_text().split()
            io = dict(line.split(": ") for line in Path(f"/proc/{process.pid}/io").read_text().splitlines())
            last |= {"cpu": int(on_cpu) / 1e9, "queued": int(queued) / 1e9, "written": int(io["write_bytes"])}
        except (OSError, ValueError, KeyError):
            pass
        last["loads"].append(os.getloadavg()[0])
        time.sleep(every)
    return last


if __name__ == "__main__":
    main()
