"""A Doc's tokens and sentences, built once per article and shared by every step.

spaCy creates a new Python `Token` object on every iteration of a Doc, and rebuilds
`doc.sents` (another pass over every token) on every access. Sentences, entities,
claims and token rows each walked the Doc on their own, eight passes in all:
measured at a third of the time spent outside spaCy. These helpers walk it once and
keep the result on the Doc (`doc.user_data`) until `release()`.
"""

from __future__ import annotations

import itertools

import numpy as np
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span, Token

_TOKENS = "newstables.tokens"
_SENTS = "newstables.sents"


_TEXT = "newstables.text"


def text(doc: Doc) -> str:
    """`doc.text`, once: spaCy joins every token's text on each access."""
    got = doc.user_data.get(_TEXT)
    if got is None:
        got = doc.user_data[_TEXT] = doc.text
    return got


def share_text(doc: Doc, text_: str) -> None:
    """Record the text the Doc was made from, which spaCy keeps character for character."""
    last = doc[-1] if len(doc) else None
    if (last.idx + len(last.text_with_ws) if last is not None else 0) != len(text_):
        raise ValueError("not the text this Doc was made from")
    doc.user_data[_TEXT] = text_


def tokens(doc: Doc) -> list[Token]:
    """`list(doc)`, once."""
    got = doc.user_data.get(_TOKENS)
    if got is None:
        got = doc.user_data[_TOKENS] = list(doc)
    return got


def sents(doc: Doc) -> list[Span]:
    """`list(doc.sents)`, once, read off the SENT_START array without per-token objects."""
    got = doc.user_data.get(_SENTS)
    if got is None:
        if len(doc) == 0:
            got = []
        else:
            starts = np.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
            if not starts or starts[0] != 0:
                starts.insert(0, 0)
            bounds = [*starts, len(doc)]
            got = [doc[a:b] for a, b in itertools.pairwise(bounds)]
        doc.user_data[_SENTS] = got
    return got


def release(doc: Doc) -> None:
    """Drop the shared lists, so the Doc is freed without waiting for the cycle collector."""
    for key in (_TEXT, _TOKENS, _SENTS):
        doc.user_data.pop(key, None)
