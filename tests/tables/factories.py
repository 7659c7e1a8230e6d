"""Small, valid tables for tests of the table and storage layers.

Kept here rather than imported from a test module: test modules are not an API (one
renamed or split must not break another's imports), and a module pytest does not
collect holds no tests that an import could run twice.
"""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from flows.tables import schema


def tiny_batch() -> dict[str, pl.DataFrame]:
    """One article in every data table that passes every check (tokens and claims empty)."""
    aid = "a" * 64
    body = "Xi spoke. He left."
    article = {
        "article_id": aid, "source_path": "x.txt", "publisher": None, "syndicated": False,
        "agencies": [], "syndication_notes": [], "headline": None, "byline": None,
        "dateline": None, "published": None, "body": body, "removed_boilerplate": [],
        "removed_rules": [], "content_type": "text", "encoding": "utf-8", "n_bytes": 18,
        "n_paragraphs": 1, "n_sentences": 2, "n_tokens": 6, "n_entities": 1, "n_claims": 0,
        "pipeline_version": "t", "model": "m", "processed_at": datetime(2024, 1, 1, tzinfo=UTC),
        "run_id": "r",
    }
    sentences = [
        {"article_id": aid, "sentence_id": 0, "paragraph_id": 0, "section": "body",
         "char_start": 0, "char_end": 9, "sentence_text": "Xi spoke.", "n_tokens": 3},
        {"article_id": aid, "sentence_id": 1, "paragraph_id": 0, "section": "body",
         "char_start": 10, "char_end": 18, "sentence_text": "He left.", "n_tokens": 3},
    ]
    entities = [{"article_id": aid, "entity_id": 0, "sentence_id": 0, "char_start": 0,
                 "char_end": 2, "mention_text": "Xi", "label": "PERSON", "canonical": "Xi",
                 "cluster_id": 0,
                 "kb_id": None, "kb_name": None, "kb_source": None, "latitude": None,
                 "longitude": None,
                 "normalized": None}]
    summary = [{"article_id": aid, "cluster_id": 0, "canonical": "Xi", "label": "PERSON",
                "n_mentions": 1, "first_start": 0, "first_sentence_id": 0, "salience": 1.0,
                "kb_id": None, "kb_name": None}]
    return {
        "articles": schema.table("articles").frame([article]),
        "sentences": schema.table("sentences").frame(sentences),
        "tokens": schema.table("tokens").empty(),
        "entities": schema.table("entities").frame(entities),
        "entity_summary": schema.table("entity_summary").frame(summary),
        "claims": schema.table("claims").empty(),
    }


def article_batch(article_char: str) -> dict[str, pl.DataFrame]:
    """`tiny_batch()` as the article `article_char * 64`, to publish several distinct batches."""
    aid = article_char * 64
    return {n: df.with_columns(pl.lit(aid).alias("article_id")) for n, df in
            tiny_batch().items()}
