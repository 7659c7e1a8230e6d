"""One batch of article files in, one checked set of tables out: every step, no Prefect.

This is the unit of work a flow task runs. It reads its own files (so only paths
cross process boundaries), runs parse → clean → spaCy → entities → claims, builds
the rows of every data table and checks them against the declarations. Articles
that fail anywhere are set aside with a reason; the rest of the batch goes on.
"""

from __future__ import annotations

import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

import flows
from flows.claims import extract_claims
from flows.settings import Settings
from flows.steps import clean, docindex, entities, ingest, kb, language, nlp, parse, sources
from flows.tables import schema
from flows.tables.quarantine import quarantine_row
from flows.tables.records import Claim, Mention
from flows.tables.results import BatchResult, batch_id
from flows.tables.rows import build_row, build_rows, span_columns


def article_tables(
    raw: ingest.RawArticle,
    doc_text: str,
    parsed: parse.ParsedArticle,
    cleaned: clean.CleanArticle,
    doc: Any,
    *,
    settings: Settings,
    model: str,
    run_id: str,
    processed_at: datetime,
    previous_id: str | None = None,
    claims_sink: list[tuple[str, list[Any]]] | None = None,
    detected: language.Language | None = None,
) -> dict[str, Any]:
    """Rows of every data table for one article (the Doc is of `cleaned.body`).

    Each table's rows are a list of row dicts, except tokens: a dict of columns.
    """
    aid = raw.article_id
    published, published_from = published_date(raw, parsed, settings)
    sents = nlp.sentence_spans(doc, cleaned.paragraph_spans)
    tok_sent = nlp.token_sentence_ids(doc, sents)
    tokens = nlp.token_columns(doc, tok_sent, aid)
    n_tok = Counter(tokens["sentence_id"])
    sentences = build_rows(
        schema.table("sentences"), nlp.SentenceSpan, sents,
        fixed={"article_id": aid},
        per_record={
            "section": [cleaned.paragraph_sections[s.paragraph_id] for s in sents],
            "char_start": [s.start for s in sents],
            "char_end": [s.end for s in sents],
            "sentence_text": [doc_text[s.start : s.end] for s in sents],
            "n_tokens": [n_tok.get(s.sentence_id, 0) for s in sents],
        },
    )
    headline = entities.headline_span(cleaned.paragraph_spans, cleaned.paragraph_sections)
    mentions = entities.resolve(doc, tok_sent, published, headline)
    entity_rows = build_rows(schema.table("entities"), Mention, mentions,
                             fixed={"article_id": aid}, per_record=span_columns(
                                 mentions, "mention_text"))
    claims = extract_claims(doc, mentions)
    key_of = {m.entity_id: m.entity_key for m in mentions}
    for c in claims:  # the cross-article identity of whoever the claim is credited to
        c.speaker_key = key_of.get(c.speaker_entity_id) if c.speaker_entity_id is not None \
            else None
    if claims_sink is not None:  # the evaluation reads fields that are no table column
        claims_sink.append((aid, claims))
    claim_rows = build_rows(schema.table("claims"), Claim, claims, fixed={"article_id": aid},
                            per_record={"claim_id": range(len(claims))})
    article = build_row(schema.table("articles"), {
        "article_id": aid,
        "source_path": raw.path,
        "previous_article_id": previous_id if previous_id != aid else None,
        "source_locator": raw.locator,
        "record_id": raw.record_id,
        "url": raw.meta.url,
        "publisher": parsed.publisher or raw.meta.site_name,
        "site_name": raw.meta.site_name,
        "author": raw.meta.author or parsed.byline,
        "syndicated": parsed.syndicated,
        "agencies": parsed.agencies,
        "syndication_notes": parsed.notes,
        "headline": parsed.headline,
        "byline": parsed.byline,
        "dateline": parsed.dateline,
        "published": published,
        "published_from": published_from,
        "language": detected.code if detected is not None else None,
        "body": doc_text,
        "removed_boilerplate": cleaned.removed,
        "removed_rules": cleaned.removed_rules,
        "content_type": raw.content_type,
        "extraction": raw.extraction,
        "encoding": raw.encoding,
        "n_bytes": len(raw.raw),
        "n_paragraphs": len(cleaned.paragraph_spans),
        "n_sentences": len(sentences),
        "n_tokens": len(tokens["token_id"]),
        "n_entities": len(entity_rows),
        "n_claims": len(claim_rows),
        "pipeline_version": flows.__version__,
        "model": model,
        "processed_at": processed_at,
        "run_id": run_id,
    })
    return {
        "articles": [article],
        "sentences": sentences,
        "tokens": tokens,
        "entities": entity_rows,
        "entity_summary": entities.summary_rows(aid, mentions, len(doc_text)),
        "claims": claim_rows,
    }


def published_date(raw: ingest.RawArticle, parsed: parse.ParsedArticle,
                   settings: Settings) -> tuple[Any, str | None]:
    """(date, where it came from): the page's metadata (or the record's field), then the
    dateline, then ``--published``. Entity dates are resolved against it."""
    if raw.meta.published is not None:
        return raw.meta.published, "page" if raw.content_type == "html" else "record"
    if parsed.published is not None:
        return parsed.published, "dateline"
    if settings.published is not None:
        return settings.published, "setting"
    return None, None


def read_item(item: str | sources.Record, max_bytes: int
              ) -> ingest.RawArticle | ingest.Rejected:
    """An input file's article, or a bulk record's (already read by the flow)."""
    if isinstance(item, sources.Record):
        return sources.to_article(item)
    return ingest.read_article(item, max_bytes)


def process_batch(
    paths: Sequence[str | sources.Record],
    settings: Settings,
    run_id: str,
    skip_ids: frozenset[str] = frozenset(),
    previous: dict[str, str] | None = None,
    # Receives (article_id, claims): the Claim records, with fields no table stores.
    claims_sink: list[tuple[str, list[Any]]] | None = None,
    # Called with n each time n more items are handled (flows/progress.py: per-article
    # progress from worker processes).
    on_article: Callable[[int], None] | None = None,
) -> BatchResult:
    """Read, process and check a batch; never raises for a bad article."""
    started = datetime.now(UTC)
    tick = on_article or _no_tick
    quarantine: list[dict[str, Any]] = []
    raws: list[ingest.RawArticle] = []
    seen: set[str] = set()
    for p in paths:
        got = read_item(p, settings.max_bytes)
        if isinstance(got, ingest.Rejected):
            quarantine.append(quarantine_row(got.path, "ingest", got.reason, got.detail, run_id,
                                              locator=got.locator))
            tick(1)
        elif got.article_id in skip_ids or got.article_id in seen:
            tick(1)
            continue  # already in the dataset, or the same bytes twice in this batch
        else:
            seen.add(got.article_id)
            raws.append(got)

    spacy_lang = nlp.load(settings.model)
    model = nlp.model_label(spacy_lang)
    model_lang = str(spacy_lang.lang)
    prepared = []
    for raw in raws:
        try:
            parsed = parse.parse(raw.text)
            cleaned = clean.clean(parsed)
            if not cleaned.body.strip():
                quarantine.append(quarantine_row(
                    raw.path, "process", "empty_after_cleaning",
                    f"every paragraph was boilerplate ({', '.join(cleaned.removed_rules)})",
                    run_id, raw.article_id, raw.locator))
                continue
            if len(cleaned.body) >= spacy_lang.max_length:
                # Refused, not cut into chunks: spaCy's limit (1,000,000 characters by
                # default) is ~150 news articles; a body that long is a dump or a feed,
                # and chunks would split sentences, coreference and quotes at arbitrary
                # places. Refused here, nlp.pipe never raises E088 for the whole batch.
                quarantine.append(quarantine_row(
                    raw.path, "process", "too_long",
                    f"body is {len(cleaned.body):,} characters; the spaCy model takes at "
                    f"most {spacy_lang.max_length - 1:,} (split the file into articles)",
                    run_id, raw.article_id, raw.locator))
                continue
            detected = language.detect(cleaned.body, model_lang)
            if not settings.any_language and language.unsupported(detected, model_lang):
                quarantine.append(quarantine_row(
                    raw.path, "process", "unsupported_language",
                    f"the text is in {detected.code!r} (confidence {detected.confidence:.2f});"
                    f" the model {model} serves {model_lang!r} (--any-language processes it"
                    " anyway; --model NAME for a pipeline of that language)",
                    run_id, raw.article_id, raw.locator))
                continue
            prepared.append((raw, parsed, cleaned, detected))
        except Exception as exc:  # a bug on one article must not cost the batch
            quarantine.append(_error_row(raw, exc, run_id))
    tick(len(raws) - len(prepared))  # refused before spaCy

    rows: dict[str, Any] = {t: [] for t in schema.DATA_TABLES}
    n_words = 0
    docs = nlp.pipe(spacy_lang, (c.body for _, _, c, _ in prepared), settings.spacy_batch_size)
    for (raw, parsed, cleaned, detected), doc in zip(prepared, docs, strict=True):
        try:
            docindex.share_text(doc, cleaned.body)
            got = article_tables(raw, cleaned.body, parsed, cleaned, doc, settings=settings,
                                 model=model, run_id=run_id, processed_at=started,
                                 previous_id=(previous or {}).get(raw.path),
                                 claims_sink=claims_sink, detected=detected)
        except Exception as exc:
            quarantine.append(_error_row(raw, exc, run_id))
            continue
        finally:
            docindex.release(doc)
            tick(1)
        n_words += nlp.count_words(doc)
        for name, table_rows in got.items():
            if isinstance(table_rows, dict):  # columns
                if not rows[name]:
                    rows[name] = {c: [] for c in table_rows}
                for c, values in table_rows.items():
                    rows[name][c].extend(values)
            else:
                rows[name].extend(table_rows)

    tables = {name: schema.table(name).frame(r) for name, r in rows.items()}
    result = BatchResult(batch_id(sorted(seen)), tables, quarantine, n_words=n_words)
    _check(result, run_id)
    result.seconds = (datetime.now(UTC) - started).total_seconds()
    return result


def _no_tick(n: int) -> None:
    """No progress report (the default)."""


def warm(model: str) -> None:
    """Load what every batch needs: the spaCy model and the knowledge-base tables."""
    nlp.load(model)
    kb.preload()


def _error_row(raw: ingest.RawArticle, exc: Exception, run_id: str) -> dict[str, Any]:
    where = traceback.extract_tb(exc.__traceback__)[-1]
    detail = f"{type(exc).__name__}: {exc} (at {Path(where.filename).name}:{where.lineno})"
    return quarantine_row(raw.path, "process", "processing_error", detail, run_id,
                           raw.article_id, raw.locator)


def _check(result: BatchResult, run_id: str) -> None:
    """Check the batch; articles whose rows break a rule are moved out, with the report.

    A failing batch is re-checked one article at a time so that one bad article
    never keeps the good ones of its batch out of the dataset.
    """
    violations = schema.check_tables(result.tables)
    if not violations:
        return
    ids = result.tables["articles"]["article_id"].to_list()
    bad: dict[str, list[schema.Violation]] = {}
    for aid in ids:
        part = {n: df.filter(pl.col("article_id") == aid) for n, df in result.tables.items()}
        v = schema.check_tables(part)
        if v:
            bad[aid] = v
    if not bad:  # only the combination fails (e.g. a key duplicated across articles)
        bad = {aid: violations for aid in ids}
    paths = dict(zip(ids, result.tables["articles"]["source_path"].to_list(), strict=True))
    locators = dict(zip(ids, result.tables["articles"]["source_locator"].to_list(),
                        strict=True))
    for aid, vs in bad.items():
        result.quarantine.append(quarantine_row(
            paths[aid], "validate", "schema_violation", " | ".join(str(v) for v in vs)[:4000],
            run_id, aid, locators.get(aid)))
        result.violations.extend({"article_id": aid, **v.to_dict()} for v in vs)
    bad_ids = list(bad)
    result.refused_tables = {
        n: df.filter(pl.col("article_id").is_in(bad_ids)) for n, df in result.tables.items()
    }
    result.tables = {
        n: df.filter(~pl.col("article_id").is_in(bad_ids)) for n, df in result.tables.items()
    }
