"""Property-based tests: arbitrary text through parse, clean and tokenise.

Whatever the input, the steps must not crash, every offset must point at its text in
the body, and ids must not depend on anything but the bytes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows import batch
from flows.claims import extract_claims
from flows.settings import Settings
from flows.steps import clean, entities, ingest, parse
from flows.steps import nlp as nlp_mod

#: Text made of the things news files contain: words, quotes of every kind, dashes,
#: newlines, odd spaces, combining marks, emoji, control characters.
NEWSY = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("abcXYZ .,;:!?'\"“”‘’—–-()[]\n\n\t\u00a0\u200b\u0301é😀0123")),
        st.characters(codec="utf-8"),
    ),
    max_size=400,
)
SENTENCES = st.lists(
    st.sampled_from([
        "Xi Jinping said on Friday that talks would resume.",
        "\"We will win,\" said Smith.",
        "“It is over,” she told reporters.",
        "The SCO was founded in 2001.",
        "Officials said the bridge would reopen in June.",
        "Advertisement",
        "(With inputs from AFP)",
        "According to the ministry, 12 people died.",
        "Dr. Jones arrived at 5 p.m. in Washington D.C. on Tuesday…",
        "",
    ]),
    max_size=12,
).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(NEWSY, SENTENCES))
def test_parse_and_clean_never_crash_and_spans_hold(text):
    parsed = parse.parse(text)
    cleaned = clean.clean(parsed)
    assert len(cleaned.paragraph_spans) == len(cleaned.paragraph_sections)
    for s, e in cleaned.paragraph_spans:
        para = cleaned.body[s:e]
        assert para and "\n" not in para
        assert clean.normalise(para) == para  # normalised: NFC, single spaces, trimmed
    assert len(cleaned.removed) == len(cleaned.removed_rules)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(NEWSY, SENTENCES))
def test_tokenise_entities_claims_offsets_always_match(nlp, text):
    cleaned = clean.clean(parse.parse(text))
    doc = nlp(cleaned.body)
    sents = nlp_mod.sentence_spans(doc, cleaned.paragraph_spans)
    tok_sent = nlp_mod.token_sentence_ids(doc, sents)
    body = cleaned.body
    for s in sents:
        assert body[s.start:s.end] == body[s.start:s.end].strip() != ""
    cols = nlp_mod.token_columns(doc, tok_sent, "x")
    assert len({len(v) for v in cols.values()}) <= 1  # equal-length columns
    for start, end, text, head in zip(cols["char_start"], cols["char_end"], cols["token_text"],
                                      cols["head_token_id"], strict=True):
        assert body[start:end] == text
        assert tok_sent[head] is not None
    mentions = entities.resolve(doc, tok_sent)
    for m in mentions:
        assert body[m.start:m.end] == m.text
    ids = {m.entity_id for m in mentions}
    for c in extract_claims(doc, mentions):
        assert body[c.content_start:c.content_end] == c.content
        assert c.speaker_entity_id is None or c.speaker_entity_id in ids
        assert 0 <= c.sentence_id <= c.last_sentence_id < max(1, len(sents))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(SENTENCES.filter(lambda t: t.strip()))
def test_ids_and_rows_are_stable_across_runs(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("stable")
    path = Path(folder) / "a.txt"
    path.write_text(text, encoding="utf-8")
    first = batch.process_batch([str(path)], Settings(), run_id="one")
    second = batch.process_batch([str(path)], Settings(), run_id="two")
    assert first.batch_id == second.batch_id
    for name, df in first.tables.items():
        drop = [c for c in ("processed_at", "run_id") if c in df.columns]
        assert df.drop(drop).equals(second.tables[name].drop(drop)), name
    raw = ingest.read_article(path, 10_000)
    if isinstance(raw, ingest.RawArticle):
        assert raw.article_id == hashlib.sha256(path.read_bytes()).hexdigest()
        assert first.tables["articles"]["article_id"].to_list() in ([raw.article_id], [])
