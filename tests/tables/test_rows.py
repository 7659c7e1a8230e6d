"""Rows from records by the declared column names: every column has exactly one source."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import pytest

from flows.tables import schema
from flows.tables.records import Claim, Mention
from flows.tables.rows import (
    ColumnSourceError,
    build_row,
    build_rows,
    record_fields,
    span_columns,
)
from tests.tables.factories import tiny_batch

AID = "a" * 64


@dataclass(slots=True)
class _ClaimWithDiagnostics(Claim):
    """A record with a field no table declares (as `Claim.speaker_via` will be)."""

    speaker_via: str | None = None


def _claim(**kw) -> _ClaimWithDiagnostics:
    base = dict(sentence_id=0, last_sentence_id=1, kind="direct_quote", content="Go",
                content_start=1, content_end=3, speaker="Xi", speaker_start=10,
                speaker_end=12, speaker_canonical="Xi Jinping", speaker_entity_id=0,
                speaker_key="person:xi jinping", cue="said", cue_lemma="say", features=["quoted"],
                speaker_via="nsubj")
    return _ClaimWithDiagnostics(**{**base, **kw})


def test_claim_rows_take_each_declared_column_from_the_field_of_its_name():
    claims = [_claim(), _claim(kind="indirect", features=[])]
    rows = build_rows(schema.table("claims"), _ClaimWithDiagnostics, claims,
                      fixed={"article_id": AID}, per_record={"claim_id": range(2)})
    assert [list(r) for r in rows] == [schema.table("claims").names] * 2  # declared order
    assert rows[0] == {
        "article_id": AID, "claim_id": 0, "sentence_id": 0, "last_sentence_id": 1,
        "kind": "direct_quote", "content": "Go", "content_start": 1, "content_end": 3,
        "speaker": "Xi", "speaker_canonical": "Xi Jinping", "speaker_entity_id": 0,
        "speaker_key": "person:xi jinping", "cue": "said", "cue_lemma": "say", "addressee": None,
        "according_to": None,
        "check_worthiness": None, "features": ["quoted"],
    }
    assert (rows[1]["claim_id"], rows[1]["kind"]) == (1, "indirect")
    # Fields no table declares (speaker_start/_end, speaker_via) are not columns.
    assert not {"speaker_start", "speaker_end", "speaker_via"} & set(rows[0])
    schema.table("claims").frame(rows)  # and the frame builder takes them as they are


def test_mention_rows_are_the_mention_plus_the_article_id():
    m = Mention(entity_id=0, sentence_id=0, start=0, end=2, text="Xi", label="PERSON",
                canonical="Xi", cluster_id=0)
    rows = build_rows(schema.table("entities"), Mention, [m], fixed={"article_id": AID},
                      per_record=span_columns([m], "mention_text"))
    assert schema.table("entities").frame(rows).equals(tiny_batch()["entities"])


def test_list_columns_do_not_share_the_records_list():
    claim = _claim()
    row = build_rows(schema.table("claims"), Claim, [claim], fixed={"article_id": AID},
                     per_record={"claim_id": [0]})[0]
    assert row["features"] == claim.features and row["features"] is not claim.features


def test_a_declared_column_without_source_fails_even_with_no_records():
    with pytest.raises(ColumnSourceError, match=r"claims\.claim_id: no source"):
        build_rows(schema.table("claims"), Claim, [], fixed={"article_id": AID})


def test_a_column_with_two_sources_fails():
    with pytest.raises(ColumnSourceError, match=r"claims\.kind: two sources"):
        build_rows(schema.table("claims"), Claim, [_claim()], fixed={"article_id": AID},
                   per_record={"claim_id": [0], "kind": ["assertion"]})


def test_values_for_undeclared_columns_fail():
    with pytest.raises(ColumnSourceError, match="undeclared columns"):
        build_rows(schema.table("entities"), Mention, [],
                   fixed={"article_id": AID, "entity_kind": "x"})


def test_per_record_values_must_match_the_records():
    with pytest.raises(ColumnSourceError, match="1 values for 2 records"):
        build_rows(schema.table("claims"), Claim, [_claim(), _claim()],
                   fixed={"article_id": AID}, per_record={"claim_id": [0]})


def test_record_types_are_dataclasses_or_named_tuples():
    class Span(NamedTuple):
        start: int
        end: int

    assert record_fields(Span) == {"start", "end"}
    assert "speaker_via" in record_fields(_ClaimWithDiagnostics)
    with pytest.raises(TypeError, match="not a record type"):
        record_fields(dict)


def test_build_row_takes_exactly_the_declared_columns():
    article = tiny_batch()["articles"].to_dicts()[0]
    shuffled = dict(reversed(article.items()))
    assert list(build_row(schema.table("articles"), shuffled)) == schema.table("articles").names
    del shuffled["n_claims"]
    with pytest.raises(ColumnSourceError, match=r"missing columns \['n_claims'\]"):
        build_row(schema.table("articles"), shuffled)
    with pytest.raises(ColumnSourceError, match=r"undeclared \['nclaims'\]"):
        build_row(schema.table("articles"), {**article, "nclaims": 0})
