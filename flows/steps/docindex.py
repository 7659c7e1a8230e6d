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
_CHILDREN = "newstables.children"


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


def children(tok: Token) -> tuple[Token, ...]:
    """`tuple(tok.children)`, looked up in an index of the whole Doc built once.

    spaCy's `Token.children` scans every token between the token's left and right edge
    (its whole subtree) to find the few whose head it is, in C, unseen by a profiler.
    In one long sentence of nested reports (`He said "yes He said "yes …`) each cue's
    subtree is the rest of the sentence, so asking each cue for its children was
    quadratic (issue 14). The index lists each token's children in spaCy's order
    (left children, then right, each in text order), built from one pass over the heads.
    """
    doc = tok.doc
    got = doc.user_data.get(_CHILDREN)
    if got is None:
        toks = tokens(doc)
        kids: list[list[Token]] = [[] for _ in toks]
        for t in toks:
            head = t.head.i
            if head != t.i:
                kids[head].append(t)
        got = doc.user_data[_CHILDREN] = tuple(tuple(k) for k in kids)
    return got[tok.i]


def subtree(tok: Token) -> list[Token]:
    """`list(tok.subtree)` in spaCy's order, walked over `children` (see there for why)."""
    out: list[Token] = []
    stack: list[tuple[Token, bool]] = [(tok, False)]
    while stack:
        t, expanded = stack.pop()
        if expanded:
            out.append(t)
            continue
        kids = children(t)
        rights = [c for c in kids if c.i > t.i]
        lefts = [c for c in kids if c.i < t.i]
        stack.extend((c, False) for c in reversed(rights))
        stack.append((t, True))
        stack.extend((c, False) for c in reversed(lefts))
    return out


def release(doc: Doc) -> None:
    """Drop the shared lists, so the Doc is freed without waiting for the cycle collector."""
    for key in (_TEXT, _TOKENS, _SENTS, _CHILDREN):
        doc.user_data.pop(key, None)
