"""Full-text search behind one interface: SQLite FTS5 (the embedded default) and PostgreSQL's tsvector.

Both keep one row per public article in the table `search_document` (headline, standfirst, body as
plain text, tag names, author names) and answer the same `ParsedQuery` with the same ranking:

1. stories whose headline matches come first;
2. then by weighted relevance of the headline, standfirst, tag and author names (in that order);
3. then the newer story, when relevance ties. A word found only in the body decides whether a story
   matches, not where it ranks: among such stories the newest comes first, as readers of news expect,
   and ranking never has to read thousands of whole bodies.

Readers' input only ever reaches the database as bound parameters (PostgreSQL) or double-quoted FTS5
strings (SQLite), so no query can be a syntax error or change what is searched.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction

from newsdesk.search.query import MARK_END, MARK_START, ParsedQuery, Term

TABLE = "search_document"
ARTICLE_TABLE = "content_article"
BYLINE_TABLE = "content_articleauthor"
FIELDS = ("headline", "dek", "body", "tags", "authors")


@dataclass(frozen=True)
class Document:
    """What the index holds for one article."""

    article_id: int
    headline: str
    dek: str
    body: str
    tags: str
    authors: str
    published_at: datetime | None = None
    section_id: int | None = None


@dataclass(frozen=True)
class Filters:
    section_id: int | None = None
    author_id: int | None = None
    published_from: datetime | None = None  # inclusive
    published_until: datetime | None = None  # exclusive


@dataclass(frozen=True)
class Hit:
    article_id: int
    in_headline: bool
    score: float  # larger is more relevant, on each backend's own scale


class SearchBackend:
    """The interface: create the index, write and remove documents, answer queries."""

    vendor = ""

    def __init__(self, language: str | None = None):
        self._language = language
        self._config: str | None = None

    @property
    def language(self) -> str:
        """The publication's language (given, for migrations, or read from the publication)."""
        if self._language is None:
            from newsdesk.content.models import Publication

            self._language = Publication.objects.current().language
        return self._language

    def create(self, cursor) -> None:
        raise NotImplementedError

    def drop(self, cursor) -> None:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")

    def replace(self, documents: list[Document]) -> None:
        raise NotImplementedError

    def remove(self, article_ids: list[int]) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    def search(self, query: ParsedQuery, filters: Filters, *, at: datetime, offset: int, limit: int) -> tuple[list[Hit], int]:
        """One page of hits, best first, and how many there are in all."""
        raise NotImplementedError

    def snippets(self, query: ParsedQuery, article_ids: list[int]) -> dict[int, tuple[str, str]]:
        """(standfirst, body) excerpts around the matches, wrapped in MARK_START/MARK_END, for these articles."""
        raise NotImplementedError

    def optimize(self) -> None:
        """After a rebuild: let the database tidy the index and learn its statistics."""
        with connection.cursor() as cursor:
            # The planner needs true row counts to start from the index rather than walk the articles,
            # and the bylines' to check the author filter by index rather than read them all.
            cursor.execute(f"ANALYZE {TABLE}, {ARTICLE_TABLE}, {BYLINE_TABLE}")

    def indexed_count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {TABLE}")
            return cursor.fetchone()[0]

    @staticmethod
    def _filter_sql(filters: Filters, at: datetime) -> tuple[str, list]:
        """The reader's filters as SQL on index rows aliased `a`: those hold only published articles,
        each with its publication time, section and `article_id`."""
        # Times as the database stores them (SQLite compares text: UTC, no offset), as the ORM would send them.
        when = connection.ops.adapt_datetimefield_value
        sql, params = " AND a.published_at <= %s", [when(at)]
        if filters.section_id is not None:
            sql += " AND a.section_id = %s"
            params.append(filters.section_id)
        if filters.author_id is not None:
            sql += f" AND EXISTS (SELECT 1 FROM {BYLINE_TABLE} b WHERE b.article_id = a.article_id AND b.author_id = %s)"
            params.append(filters.author_id)
        if filters.published_from is not None:
            sql += " AND a.published_at >= %s"
            params.append(when(filters.published_from))
        if filters.published_until is not None:
            sql += " AND a.published_at < %s"
            params.append(when(filters.published_until))
        return sql, params


# --- SQLite ---------------------------------------------------------------------------------------

# bm25 weights per column, in FIELDS order (plus the unindexed article_id, which takes none). The body
# takes none: see the module's docstring.
SQLITE_WEIGHTS = "10.0, 4.0, 0.0, 2.0, 2.0"
SQLITE_HEADLINE_ONLY = "1.0, 0.0, 0.0, 0.0, 0.0"


def fts5_string(text: str) -> str:
    """A double-quoted FTS5 string: every character inside is text for the tokenizer, never syntax."""
    return '"' + text.replace('"', '""') + '"'


def fts5_match(query: ParsedQuery) -> str:
    """The FTS5 MATCH expression for a parsed query."""
    alternatives = []
    for group in query.groups:
        expression = " AND ".join(fts5_string(t.text) for t in group if not t.excluded)
        for term in (t for t in group if t.excluded):
            expression = f"({expression}) NOT {fts5_string(term.text)}"
        alternatives.append(f"({expression})")
    return " OR ".join(alternatives)


ENTRY_TABLE = "search_entry"


class SQLiteBackend(SearchBackend):
    """FTS5, with the Porter stemmer over Unicode-aware tokens (diacritics folded: "café" finds "cafe").

    Beside it, `search_entry` holds each indexed article's publication time and section in narrow rows:
    a common word matches thousands of stories, and looking each one's time up in the wide article rows
    (bodies and all) cost three times the search itself.
    """

    vendor = "sqlite"

    def create(self, cursor) -> None:
        cursor.execute(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
            "headline, dek, body, tags, authors, article_id UNINDEXED, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        self.create_entries(cursor)

    @staticmethod
    def create_entries(cursor) -> None:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {ENTRY_TABLE} (article_id INTEGER PRIMARY KEY, published_at TEXT NOT NULL, section_id INTEGER NOT NULL)"
        )

    def drop(self, cursor) -> None:
        super().drop(cursor)
        cursor.execute(f"DROP TABLE IF EXISTS {ENTRY_TABLE}")

    def clear(self) -> None:
        super().clear()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {ENTRY_TABLE}")

    def replace(self, documents: list[Document]) -> None:
        if not documents:
            return
        self.remove([d.article_id for d in documents])
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (rowid, headline, dek, body, tags, authors, article_id) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [(d.article_id, d.headline, d.dek, d.body, d.tags, d.authors, d.article_id) for d in documents],
            )
            cursor.executemany(
                f"INSERT OR REPLACE INTO {ENTRY_TABLE} (article_id, published_at, section_id) VALUES (%s, %s, %s)",
                [(d.article_id, connection.ops.adapt_datetimefield_value(d.published_at), d.section_id) for d in documents],
            )

    def optimize(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')")  # merge the index's segments into one

    def remove(self, article_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            for start in range(0, len(article_ids), 500):
                chunk = article_ids[start : start + 500]
                cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({', '.join(['%s'] * len(chunk))})", chunk)
                cursor.execute(f"DELETE FROM {ENTRY_TABLE} WHERE article_id IN ({', '.join(['%s'] * len(chunk))})", chunk)

    def search(self, query, filters, *, at, offset, limit):
        where, params = self._filter_sql(filters, at)
        sql = (
            f"SELECT {TABLE}.rowid AS id, bm25({TABLE}, {SQLITE_HEADLINE_ONLY}) < 0 AS in_headline, "
            f"-bm25({TABLE}, {SQLITE_WEIGHTS}) AS score "
            # CROSS JOIN keeps this order: the full-text match first, then each match's entry row. Left
            # to itself SQLite may walk the entries and re-run the match for every one of them.
            f"FROM {TABLE} CROSS JOIN {ENTRY_TABLE} AS a ON a.article_id = {TABLE}.rowid "
            f"WHERE {TABLE} MATCH %s{where} "
            "ORDER BY in_headline DESC, score DESC, a.published_at DESC, id DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [fts5_match(query), *params, limit, offset])
            rows = cursor.fetchall()
        # The total from its own query: a window count over the ranked rows costs SQLite as much again
        # as the ranking (it keeps every scored row), and counting matches alone costs a millisecond.
        total = offset + len(rows) if (rows or not offset) and len(rows) < limit else self._count(query, filters, at)
        return [Hit(row[0], bool(row[1]), row[2]) for row in rows], total

    def _count(self, query, filters, at) -> int:
        where, params = self._filter_sql(filters, at)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {TABLE} CROSS JOIN {ENTRY_TABLE} AS a ON a.article_id = {TABLE}.rowid WHERE {TABLE} MATCH %s{where}",
                [fts5_match(query), *params],
            )
            return cursor.fetchone()[0]

    def snippets(self, query, article_ids):
        if not article_ids:
            return {}
        marks = [MARK_START, MARK_END, " … "]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, snippet({TABLE}, 1, %s, %s, %s, 40), snippet({TABLE}, 2, %s, %s, %s, 32) FROM {TABLE} "
                f"WHERE {TABLE} MATCH %s AND rowid IN ({', '.join(['%s'] * len(article_ids))})",
                [*marks, *marks, fts5_match(query), *article_ids],
            )
            return {row[0]: (row[1] or "", row[2] or "") for row in cursor.fetchall()}


# --- PostgreSQL -----------------------------------------------------------------------------------

# ts_rank weights for D (unused), C (tags, authors), B (standfirst), A (headline).
POSTGRES_WEIGHTS = "{0.1, 0.3, 0.5, 1.0}"
HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=32, MinWords=12, MaxFragments=2, '
    'FragmentDelimiter=" … "'
)
# A long body's excerpt is looked for in this many characters, starting a little before the first match.
SNIPPET_WINDOW, SNIPPET_LEAD = 1200, 300
_configs: dict[tuple, str] = {}  # the configuration chosen per database and language, looked up once per process
FOLDED_PREFIX = "newsdesk_"  # our accent-folding copies of PostgreSQL's configurations
# Django's language codes → PostgreSQL's text search configurations (those every installation has).
POSTGRES_CONFIGS = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "da": "danish", "nl": "dutch",
    "en": "english", "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian", "ne": "nepali",
    "nb": "norwegian", "no": "norwegian", "nn": "norwegian", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}  # fmt: skip


def _tsquery(term: Term) -> tuple[str, str]:
    function = "phraseto_tsquery" if term.phrase else "plainto_tsquery"
    return f"{function}(%s::regconfig, %s)", term.text


def postgres_tsquery(query: ParsedQuery, config: str, *, any_term: bool = False) -> tuple[str, list]:
    """SQL for the tsquery (or, with any_term, for "any positive term"), built from bound parameters only."""
    params: list = []

    def part(term: Term) -> str:
        sql, text = _tsquery(term)
        params.extend([config, text])
        return f"!!{sql}" if term.excluded else sql

    if any_term:
        return "(" + " || ".join(part(t) for t in query.positive_terms) + ")", params
    groups = ["(" + " && ".join(part(t) for t in group) + ")" for group in query.groups]
    return "(" + " || ".join(groups) + ")", params


# What a story's `document` is made of, in this order, with each part's weight. `ranking` takes the
# weighted parts but the body; `pairs` (below) must join the same parts in the same order, so that its
# word positions are the document's.
DOCUMENT_PARTS = (("headline", "A"), ("dek", "B"), ("tags || ' ' || authors", "C"), ("body", "D"))


def _vector(parts, *, weighted: bool = True) -> str:
    """SQL joining the parts' tsvectors in the row's configuration (each with its weight, if `weighted`)."""
    return " || ".join(
        f"setweight(to_tsvector(config, {text}), '{weight}')" if weighted else f"to_tsvector(config, {text})"
        for text, weight in parts
    )


DOCUMENT_VECTOR = _vector(DOCUMENT_PARTS)
RANKING_VECTOR = _vector(DOCUMENT_PARTS[:3])


# Phrases. A phrase of common words ("prime minister") is found by GIN in most stories, and each one's
# whole document then has to be read from out-of-line storage to check that the words are adjacent:
# 70 ms with 10,000 stories. `pairs` holds every pair of adjacent lexemes of the document, hashed to a
# short token, with its own GIN index: the stories that can hold the phrase come from there, and only
# those are checked. Its positions are the document's own (the same text, configuration and joins),
# so it never misses a story the document would match.
PAIR_TOKEN = "left(md5({first} || ' ' || {second}), 12)"
PAIRS_FUNCTION = f"""
CREATE OR REPLACE FUNCTION newsdesk_phrase_pairs(document tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  WITH words AS (SELECT lexeme, unnest(positions) AS pos FROM unnest(document))
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT {PAIR_TOKEN.format(first="w.lexeme", second="n.lexeme")})), ''::tsvector)
  FROM words AS w JOIN words AS n ON n.pos = w.pos + 1
$$"""
# The tsquery text ("t1 & t2") of the pairs a phrase needs, or NULL when they would not tell: no two
# adjacent words (a single word, or stop words between), or a word the configuration turns into more
# than one lexeme at the same place.
PAIRS_QUERY_FUNCTION = f"""
CREATE OR REPLACE FUNCTION newsdesk_phrase_pairs_query(config regconfig, phrase text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  WITH words AS (SELECT lexeme, unnest(positions) AS pos FROM unnest(to_tsvector(config, phrase)))
  SELECT CASE WHEN (SELECT count(*) <> count(DISTINCT pos) FROM words) THEN NULL ELSE (
    SELECT string_agg(DISTINCT {PAIR_TOKEN.format(first="w.lexeme", second="n.lexeme")}, ' & ')
    FROM words AS w JOIN words AS n ON n.pos = w.pos + 1
  ) END
$$"""
PAIRS_VECTOR = f"newsdesk_phrase_pairs({_vector(DOCUMENT_PARTS, weighted=False)})"


def create_phrase_pairs(cursor) -> None:
    """The `pairs` column, its functions and its index (idempotent: migrations call it on old tables)."""
    cursor.execute(PAIRS_FUNCTION)
    cursor.execute(PAIRS_QUERY_FUNCTION)
    cursor.execute(f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS pairs tsvector GENERATED ALWAYS AS ({PAIRS_VECTOR}) STORED")
    cursor.execute(f"CREATE INDEX IF NOT EXISTS {TABLE}_pairs ON {TABLE} USING gin (pairs) WITH (fastupdate = off)")


@contextmanager
def index_scans_only(cursor):
    """Within `cursor`'s transaction, keep the planner off sequential scans of the index table.

    The planner prices a scan of `search_document` by its few main pages, not by the whole documents
    stored out of line that every `@@` then reads and decompresses: for a common word it walks all of
    them (90 ms over 10,000 stories) where the GIN index answers in under 10. The setting is put back
    afterwards, also when this runs inside a longer transaction (a failure rolls it back with the rest).
    """
    cursor.execute("SELECT current_setting('enable_seqscan')")
    previous = cursor.fetchone()[0]
    cursor.execute("SELECT set_config('enable_seqscan', 'off', true)")
    yield
    cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])


class PostgresBackend(SearchBackend):
    """tsvector columns generated from the text in the publication's language: `document` (weights A–D)
    for matching, with a GIN index; `ranking` (headline, standfirst, tags and authors only, small
    enough to stay in the row) for ranking; `headline_vector` for "matched in the headline".

    The GIN index is built without its pending list (fastupdate off): a pending list is read in full
    by every search until a vacuum merges it, and made the planner shun the index altogether.
    """

    vendor = "postgresql"

    def create(self, cursor) -> None:
        cursor.execute(
            f"""
            CREATE TABLE {TABLE} (
                article_id bigint PRIMARY KEY REFERENCES {ARTICLE_TABLE} (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
                published_at timestamptz NOT NULL,
                section_id bigint NOT NULL,
                config regconfig NOT NULL DEFAULT 'simple',
                headline text NOT NULL DEFAULT '',
                dek text NOT NULL DEFAULT '',
                body text NOT NULL DEFAULT '',
                tags text NOT NULL DEFAULT '',
                authors text NOT NULL DEFAULT '',
                headline_vector tsvector GENERATED ALWAYS AS (to_tsvector(config, headline)) STORED,
                document tsvector GENERATED ALWAYS AS ({DOCUMENT_VECTOR}) STORED,
                ranking tsvector GENERATED ALWAYS AS ({RANKING_VECTOR}) STORED
            )"""
        )
        cursor.execute(f"CREATE INDEX {TABLE}_document ON {TABLE} USING gin (document) WITH (fastupdate = off)")
        self._create_accent_folding_configs(cursor)
        create_phrase_pairs(cursor)

    @staticmethod
    def _create_accent_folding_configs(cursor) -> None:
        """A copy of each language's configuration that also folds accents ("cafe" finds "café"), where
        the unaccent extension can be had (a trusted extension since PostgreSQL 13; without it, searches
        simply stay accent-sensitive)."""
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'")
        if cursor.fetchone() is None:
            return
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        for name in sorted({*POSTGRES_CONFIGS.values(), "simple"}):
            cursor.execute(
                "SELECT d.dictname FROM pg_ts_config_map m JOIN pg_ts_config c ON c.oid = m.mapcfg "
                "JOIN pg_ts_dict d ON d.oid = m.mapdict "
                "WHERE c.cfgname = %s AND m.maptokentype = (SELECT tokid FROM ts_token_type('default') WHERE alias = 'word') "
                "ORDER BY m.mapseqno",
                [name],
            )
            dictionaries = [row[0] for row in cursor.fetchall()]
            if not dictionaries:
                continue  # this installation lacks the language
            # Names come from POSTGRES_CONFIGS and the catalogue, never from input.
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {FOLDED_PREFIX}{name}")
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {FOLDED_PREFIX}{name} (COPY = {name})")
            cursor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {FOLDED_PREFIX}{name} "
                f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {', '.join(dictionaries)}"
            )

    def drop(self, cursor) -> None:
        super().drop(cursor)
        cursor.execute("DROP FUNCTION IF EXISTS newsdesk_phrase_pairs(tsvector), newsdesk_phrase_pairs_query(regconfig, text)")
        for name in sorted({*POSTGRES_CONFIGS.values(), "simple"}):
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {FOLDED_PREFIX}{name}")

    def config(self) -> str:
        """The text search configuration of the publication's language ("simple" when PostgreSQL has none)."""
        from newsdesk.content.text import base_language

        if self._config is None:
            self._config = _configs.get((connection.alias, connection.settings_dict["NAME"], self.language))
        if self._config is None:
            wanted = POSTGRES_CONFIGS.get(base_language(self.language), "simple")
            candidates = [FOLDED_PREFIX + wanted, wanted, FOLDED_PREFIX + "simple", "simple"]
            with connection.cursor() as cursor:
                cursor.execute("SELECT cfgname FROM pg_ts_config WHERE cfgname = ANY(%s)", [candidates])
                present = {row[0] for row in cursor.fetchall()}
            self._config = next(name for name in candidates if name in present or name == "simple")
            _configs[(connection.alias, connection.settings_dict["NAME"], self.language)] = self._config
        return self._config

    def indexed_config(self) -> str | None:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT config::text FROM {TABLE} LIMIT 1")
            row = cursor.fetchone()
            return row[0] if row else None

    def replace(self, documents: list[Document]) -> None:
        if not documents:
            return
        config = self.config()
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (article_id, published_at, section_id, config, headline, dek, body, tags, authors) "
                "VALUES (%s, %s, %s, %s::regconfig, %s, %s, %s, %s, %s) ON CONFLICT (article_id) DO UPDATE SET "
                "published_at = EXCLUDED.published_at, section_id = EXCLUDED.section_id, "
                "config = EXCLUDED.config, headline = EXCLUDED.headline, dek = EXCLUDED.dek, body = EXCLUDED.body, "
                "tags = EXCLUDED.tags, authors = EXCLUDED.authors",
                [
                    (d.article_id, d.published_at, d.section_id, config, d.headline, d.dek, d.body, d.tags, d.authors)
                    for d in documents
                ],
            )

    def remove(self, article_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE article_id = ANY(%s)", [list(article_ids)])

    def search(self, query, filters, *, at, offset, limit):
        config = self.config()
        tsquery, tsquery_params = postgres_tsquery(query, config)
        any_query, any_params = postgres_tsquery(query, config, any_term=True)
        where, params = self._filter_sql(filters, at)
        with transaction.atomic(), connection.cursor() as cursor, index_scans_only(cursor):
            pairs = self._pairs_query(cursor, query, config)
            if pairs is not None:
                where, params = " AND a.pairs @@ %s::tsquery" + where, [pairs, *params]
            # Rank and count narrow rows (OFFSET 0 keeps PostgreSQL from folding the subquery away):
            # counting rows that still carried their ranking vectors spilled to disk for common words.
            sql = (
                "SELECT article_id, in_headline, score, count(*) OVER () AS total FROM ("
                f"SELECT a.article_id, a.published_at, a.headline_vector @@ {any_query} AS in_headline, "
                f"ts_rank('{POSTGRES_WEIGHTS}', a.ranking, {tsquery}) AS score "
                f"FROM {TABLE} AS a WHERE a.document @@ {tsquery}{where} OFFSET 0) AS hits "
                "ORDER BY in_headline DESC, score DESC, published_at DESC, article_id DESC LIMIT %s OFFSET %s"
            )
            cursor.execute(sql, [*any_params, *tsquery_params, *tsquery_params, *params, limit, offset])
            rows = cursor.fetchall()
            if not rows and offset:
                cursor.execute(
                    f"SELECT count(*) FROM {TABLE} AS a WHERE a.document @@ {tsquery}{where}",
                    [*tsquery_params, *params],
                )
                return [], cursor.fetchone()[0]
        return [Hit(row[0], bool(row[1]), float(row[2])) for row in rows], (rows[0][3] if rows else 0)

    @staticmethod
    def _pairs_query(cursor, query: ParsedQuery, config: str) -> str | None:
        """A tsquery on `pairs` that every match of `query` satisfies, when its phrases give one: each
        alternative (OR) needs a phrase of adjacent words. The tokens are hexadecimal: safe as tsquery text."""
        phrases = [[term for term in group if term.phrase and not term.excluded] for group in query.groups]
        if not all(phrases):
            return None
        texts = [term.text for group in phrases for term in group]
        cursor.execute(
            "SELECT " + ", ".join(["newsdesk_phrase_pairs_query(%s::regconfig, %s)"] * len(texts)),
            [value for text in texts for value in (config, text)],
        )
        found = iter(cursor.fetchone())
        alternatives = []
        for group in phrases:
            needed = [pairs for pairs in (next(found) for _ in group) if pairs]
            if not needed:
                return None
            alternatives.append("(" + " & ".join(needed) + ")")
        return " | ".join(alternatives)

    def snippets(self, query, article_ids):
        """ts_headline parses all the text it is given (about 1 ms for a 4,000-character body), so a long
        body is first cut to a window around the first place its first word appears as typed. A story
        whose body matches (its indexed words say so) but whose window shows no match (the word was
        stemmed or accented there, or first seen inside another word) gets its whole body."""
        if not article_ids:
            return {}
        tsquery, params = postgres_tsquery(query, self.config())
        needle = next((term.text.split()[0].lower() for term in query.positive_terms), "")
        window = (
            f"CASE WHEN length(body) <= {SNIPPET_WINDOW} THEN body "
            f"ELSE substr(body, greatest(1, strpos(lower(body), %s) - {SNIPPET_LEAD}), {SNIPPET_WINDOW}) END"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT article_id, ts_headline(config, dek, {tsquery}, %s), ts_headline(config, {window}, {tsquery}, %s), "
                f"length(body) > {SNIPPET_WINDOW} AND ts_filter(document, '{{d}}') @@ {tsquery} "
                f"FROM {TABLE} WHERE article_id = ANY(%s)",
                [*params, HEADLINE_OPTIONS, needle, *params, HEADLINE_OPTIONS, *params, list(article_ids)],
            )
            rows = cursor.fetchall()
            found = {row[0]: (row[1] or "", row[2] or "") for row in rows}
            missed = [row[0] for row in rows if row[3] and MARK_START not in (row[2] or "")]
            if missed:
                cursor.execute(
                    f"SELECT article_id, ts_headline(config, body, {tsquery}, %s) FROM {TABLE} WHERE article_id = ANY(%s)",
                    [*params, HEADLINE_OPTIONS, missed],
                )
                for article_id, body in cursor.fetchall():
                    found[article_id] = (found[article_id][0], body or "")
        return found


BACKENDS = {backend.vendor: backend for backend in (SQLiteBackend, PostgresBackend)}


def backend_for(conn=None, *, language: str | None = None) -> SearchBackend:
    """The search backend of the database Django is connected to (in the publication's language by default)."""
    vendor = (conn or connection).vendor
    if vendor not in BACKENDS:
        raise RuntimeError(f"Search supports SQLite and PostgreSQL, not {vendor}; set NEWSDESK_DATABASE_URL to one of them.")
    return BACKENDS[vendor](language)
