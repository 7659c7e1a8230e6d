"""Stage 1: the per-article view, every index the later stages look things up in.

`ArticleView.build(doc, mentions)` walks the Doc and the mentions once and freezes the
result: paragraphs (the maximal runs of text between newlines), sentences, the token at
each character, the mention of each token and the mention lists the speaker resolution
searches (named people, groups, mentions by name word, by cluster and by entity).

Why a view: every rule of the later stages is a cheap lookup here instead of a rescan of
the Doc, which keeps each stage linear, or near it, in the number of tokens. The view is
immutable, so no stage can change what another one reads.

Paragraph ids matter beyond layout: dependency arcs are only trusted inside one
paragraph, because the parser sometimes runs a sentence across a paragraph break
(headline into lede), and a subject or cue found across the break is almost always wrong.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from spacy.tokens import Doc, Span, Token

from flows.claims.lexicon_en import DATELINE_RE, DQ_ALL, PARA_RE, PERSON_LABELS, TERMINAL
from flows.steps import docindex
from flows.tables.records import Mention


def _tokens_in(char_tok: Sequence[int], text_len: int, start: int, end: int) -> range:
    """Token indexes whose first character lies in [start, end)."""
    first = last = -1
    for k in range(start, min(end, text_len)):
        if char_tok[k] != -1:
            first = char_tok[k]
            break
    for k in range(min(end, text_len) - 1, start - 1, -1):
        if char_tok[k] != -1:
            last = char_tok[k]
            break
    if first == -1 or last < first:
        return range(0)
    return range(first, last + 1)


def _is_name_mention(doc: Doc, toks: range) -> bool:
    """False for PERSON mentions that are really modifiers ("the Tajik capital")."""
    if not toks:
        return False
    roots = [t for t in (doc[i] for i in toks) if not (toks.start <= t.head.i < toks.stop)]
    root = roots[-1] if roots else doc[toks.stop - 1]
    return not (root.dep_ in {"compound", "amod", "nmod"} and root.head.pos_ == "NOUN")


def _group(items: Sequence[tuple[Any, Mention]]) -> Mapping[Any, tuple[Mention, ...]]:
    """Mentions grouped by key, in the order given, frozen."""
    grouped: dict[Any, list[Mention]] = {}
    for key, m in items:
        grouped.setdefault(key, []).append(m)
    return MappingProxyType({k: tuple(v) for k, v in grouped.items()})


@dataclass(frozen=True, slots=True, eq=False)
class ArticleView:
    """Frozen indexes of one parsed article (build it with `ArticleView.build`)."""

    doc: Doc
    text: str
    sents: tuple[Span, ...]
    sent_starts: tuple[int, ...]
    tok_sent: tuple[int, ...]  # sentence index of each token
    #: token index of each sentence's root: spaCy's `Span.root` scans the sentence (in C,
    #: unseen by a profiler) on every access, once per cue in a long sentence (issue 14).
    sent_roots: tuple[int, ...]
    char_tok: tuple[int, ...]  # token index of each character, -1 between tokens
    tokens: tuple[Token, ...]
    paras: tuple[tuple[int, int], ...]  # (start, end) of each non-blank paragraph
    para_starts: tuple[int, ...]
    mentions: tuple[Mention, ...]  # sorted by (start, end, entity_id)
    tok_mention: tuple[Mention | None, ...]  # the first mention covering each token
    person_mentions: tuple[Mention, ...]  # PERSON mentions that are names, in text order
    person_starts: tuple[int, ...]
    group_mentions: tuple[Mention, ...]  # ORG, GPE and NORP mentions, in text order
    group_starts: tuple[int, ...]
    by_name_word: Mapping[str, tuple[Mention, ...]]  # lower-cased word of a person's name
    by_last_word: Mapping[str, tuple[Mention, ...]]  # last word of a name-shaped ORG
    by_cluster: Mapping[int, tuple[Mention, ...]]
    by_entity: Mapping[int, Mention]
    #: sentence index -> its tokens spelled "according", so that a cue or a passage finds
    #: its sentence's `according to` at once: a scan of the sentence per cue was
    #: quadratic in a long sentence with many cues or quotes.
    according: Mapping[int, tuple[int, ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Doc, mentions: Sequence[Mention]) -> ArticleView:
        """One pass over the tokens, the characters and the mentions."""
        text = docindex.text(doc)
        sents = tuple(docindex.sents(doc))
        tok_sent = [0] * len(doc)
        for si, sent in enumerate(sents):
            for i in range(sent.start, sent.end):
                tok_sent[i] = si
        tokens = tuple(docindex.tokens(doc))
        char_tok = [-1] * (len(text) + 1)
        for tok in tokens:
            for k in range(tok.idx, tok.idx + len(tok.text)):
                char_tok[k] = tok.i
        paras = tuple((m.start(), m.end()) for m in PARA_RE.finditer(text) if m.group().strip())
        ordered = tuple(sorted(mentions, key=lambda m: (m.start, m.end, m.entity_id)))
        tok_mention: list[Mention | None] = [None] * len(doc)
        for m in ordered:
            for i in _tokens_in(char_tok, len(text), m.start, m.end):
                if tok_mention[i] is None:
                    tok_mention[i] = m
        persons = tuple(
            m for m in ordered
            if m.label in PERSON_LABELS
            and _is_name_mention(doc, _tokens_in(char_tok, len(text), m.start, m.end))
        )
        groups = tuple(m for m in ordered if m.label in {"ORG", "GPE", "NORP"})
        # Name-shaped ORG mentions ("Enver Mills", which NER can tag ORG), by last word.
        name_shaped_orgs = [
            (words[-1].lower(), m) for m in ordered
            if m.label == "ORG" and 2 <= len(words := m.text.split()) <= 3
            and all(w[:1].isupper() and w.isalpha() for w in words)
        ]
        according: dict[int, list[int]] = {}
        for tok in tokens:
            if tok.lower_ == "according":
                according.setdefault(tok_sent[tok.i], []).append(tok.i)
        by_entity: dict[int, Mention] = {}
        for m in ordered:
            by_entity.setdefault(m.entity_id, m)
        return cls(
            doc=doc,
            text=text,
            sents=sents,
            sent_starts=tuple(s.start_char for s in sents),
            tok_sent=tuple(tok_sent),
            sent_roots=tuple(s.root.i for s in sents),
            char_tok=tuple(char_tok),
            tokens=tokens,
            paras=paras,
            para_starts=tuple(p[0] for p in paras),
            mentions=ordered,
            tok_mention=tuple(tok_mention),
            person_mentions=persons,
            person_starts=tuple(m.start for m in persons),
            group_mentions=groups,
            group_starts=tuple(m.start for m in groups),
            according=MappingProxyType({k: tuple(v) for k, v in according.items()}),
            by_name_word=_group([(w.lower(), m) for m in persons for w in m.text.split()]),
            by_last_word=_group(name_shaped_orgs),
            by_cluster=_group([(m.cluster_id, m) for m in ordered]),
            by_entity=MappingProxyType(by_entity),
        )

    # ----------------------------------------------------------------- lookups

    def tokens_in(self, start: int, end: int) -> range:
        """Token indexes whose first character lies in [start, end)."""
        return _tokens_in(self.char_tok, len(self.text), start, end)

    def sent_id(self, char: int) -> int:
        """Index of the sentence holding character `char`."""
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def para_id(self, char: int) -> int:
        """Index of the paragraph holding (or last starting before) character `char`."""
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Shrink [start, end) past whitespace and edge punctuation (not quote marks)."""
        strip = " \t\r\n,;:—–-"
        while start < end and self.text[start] in strip:
            start += 1
        while end > start and self.text[end - 1] in strip:
            end -= 1
        return start, end

    def skip_dateline(self, start: int, end: int) -> int:
        """Start of [start, end) past an inline dateline, which nobody asserts or reports
        ("LONDON, March 3 (Reuters) - "); datelines only open a paragraph."""
        if start != self.paras[self.para_id(start)][0]:
            return start
        m = DATELINE_RE.match(self.text, start, end)
        if m is None or m.end() >= end:
            return start
        nxt = self.text[m.end()]
        return m.end() if nxt.isupper() or nxt.isdigit() or nxt in DQ_ALL + "‘'" else start

    def headline_like(self, char: int) -> bool:
        """True inside a first paragraph that does not end like a sentence: headlines
        repeat the lede and are neither claims nor assertions."""
        if len(self.paras) < 2 or self.para_id(char) != 0:
            return False
        ps, pe = self.paras[0]
        tail = self.text[ps:pe].rstrip().rstrip("\"”’'").rstrip()
        return not tail.endswith(TERMINAL)

    def paragraph_pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """Split [start, end) at paragraph breaks (a parser sentence may run across them)."""
        pieces: list[tuple[int, int]] = []
        k = self.para_id(start)
        while k < len(self.paras) and self.paras[k][0] < end:
            ps, pe = self.paras[k]
            s, e = max(ps, start), min(pe, end)
            if s < e:
                pieces.append((s, e))
            k += 1
        return pieces
