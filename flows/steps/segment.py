"""Rule-based sentence segmentation for cleaned news bodies, plus its spaCy component.

Why not the parser: en_core_web_sm's parser splits sentences poorly on news text
(abbreviations such as "U.S.", quotes, datelines), and everything downstream (claims,
mentions) is keyed by ``sentence_id``, so boundary errors propagate. Why not pySBD
alone: it refuses to split inside quotations, which in news are often several
sentences long, and on its own it would add roughly a tenth to the pipeline's run
time. The rules here are a small regex scan per line that follows the English "Golden
Rules" for sentence boundaries (see flows/evaluation/sbd.py for the measurements).

Guarantees:

* every newline is a hard boundary (cleaned bodies put headline, dateline and each
  paragraph on their own lines, and a sentence never crosses a paragraph);
* spans are character offsets into the input, trimmed of whitespace, never empty;
* a new sentence always starts right after whitespace, so it starts on a spaCy token
  boundary and the component can mark tokens exactly.

Add the component before the parser so that the parser keeps these boundaries::

    nlp.add_pipe("newstables_sentencizer", before="parser")

Every token gets ``is_sent_start`` True or False (never None): the parser may only
place a boundary where the value is None, so it neither drops nor adds boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

import numpy as np
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["newstables_sentencizer", "sentence_spans"]

# Characters that may open a sentence before its first word, and that may close one
# after its final punctuation ('“' is included because typists sometimes close a quote
# with the opening glyph: `decision.“ However`).
_OPENERS = "\"'“‘«([{"
_CLOSERS = "\"'”’»)]}“‘"
_QUOTE_OPENERS = "\"'“‘«"
# Bullet glyphs that start a list item even in the middle of a line. ASCII '-' and
# dashes are deliberately absent: they are far more often hyphens ("six - member").
_BULLETS = "•⁃◦▪‣●"

# Line-breaking characters: each one is a hard sentence boundary.
_LINE = re.compile(r"[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+")

# Candidate sentence-final punctuation, optionally followed by closing quotes or
# brackets, and always followed by whitespace or the end of the line: without
# whitespace there is no boundary ("Jr.'s", "example.com", "mean...see").
_TERMINAL = re.compile(
    r"(?P<punct>"
    r"\[(?:\.{3}|…)\]"  # bracketed omission: [...]
    r"|\.(?:[ ]\.){2,}"  # spaced ellipsis: . . .  or . . . .
    r"|\.{2,}"  # run of dots: ...  ....
    r"|…[.?!]*"  # ellipsis character, maybe followed by a period
    r"|[?!][?!.]*"  # ? ! ?! !! ?!.
    r"|\."
    r")"
    r"(?P<close>[" + re.escape(_CLOSERS) + r"]*)"
    r"(?=\s|$)"
)

# A run of three or more terminal marks that is not followed (after closers) by
# whitespace or the line's end: no _TERMINAL match can start inside it, but every
# position of it would be tried, each scanning to the run's end (quadratic: 20,000 dots
# took 11 s). Only run starts are tried here (the lookbehind), and the possessive
# quantifiers never give back, so finding these runs is linear.
_DEAD_RUN = re.compile(
    r"(?<![.?!…])[.?!…]{3,}+(?=[" + re.escape(_CLOSERS) + r"]*+[^\s" + re.escape(_CLOSERS)
    + r"])"
)


def _terminals(line: str) -> Iterator[re.Match[str]]:
    """`_TERMINAL` matches of `line`, in linear time.

    Dead runs (see `_DEAD_RUN`) are masked with a letter of the same length first: no
    match can start or end inside one, and a letter, like the run's marks, is neither
    whitespace nor a closer for the lookahead of a match before it, so the matches (and
    their offsets) are exactly those of `_TERMINAL.finditer(line)`.
    """
    if _DEAD_RUN.search(line):
        line = _DEAD_RUN.sub(lambda m: "x" * len(m.group()), line)
    return _TERMINAL.finditer(line)


# A list-item label at a word start: "1.", "1)", "1.)", "a.", "b)" (optionally bulleted).
_LIST_MARKER = re.compile(
    r"(?:(?<=\s)|^)(?:[" + _BULLETS + r"]\s*)?"
    r"(?P<label>\d{1,3}|[A-Za-z])(?P<style>\.\)|\)|\.)(?=\s)"
)
_BULLET_AFTER_SPACE = re.compile(r"(?<=\s)[" + _BULLETS + r"]")
_ENUMERATOR = re.compile(r"\d{1,3}|[A-Za-z]|[ivxIVX]{1,4}")
# Dotted abbreviations and initialisms whose final period is ambiguous:
# "U.S.", "D.C.", "a.m.", "Ph.D.", "J.K.".
_MULTI_PERIOD = re.compile(r"(?:[A-Za-z]{1,3}\.)+[A-Za-z]{1,3}")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Abbreviations that (almost) never end a sentence: titles and the like precede a name,
# "e.g." and "vs." precede more of the same sentence.
_NEVER_FINAL = _wordset(
    """
    mr mrs ms mx dr prof rev hon sen sens rep reps gov gen lt col capt cmdr cdr adm maj
    sgt cpl pvt pfc brig det insp supt msgr fr messrs mssrs mme mlle mt pres atty attys
    vs v cf viz e.g i.e
    """
)
# Abbreviations that take a number after them: "No. 5", "p. 55", "N°. 1026". Only a
# following digit protects them: "no", "art" and "sec" are also words that end sentences.
_NUMBER_ABBR = _wordset("no nos nr n° № p pp vol vols fig figs ch sec art para op approx ca")
# Abbreviations that can end a sentence as well as sit inside one ("Briggs & Co. It
# closed" vs "Co. at noon"). For these a capitalised next word is weak evidence (it is
# often a name: "U.S. President", "St. Louis"), so they only end a sentence when the
# next word is one that typically opens a sentence (see _STARTERS). Words that are also
# ordinary English words ("no", "para", "sat") are deliberately not listed.
_AMBIGUOUS = _wordset(
    """
    co corp inc ltd llc plc bros jr sr esq st ave blvd rd ln hwy fwy ft dept univ assn
    govt intl natl mfg est jan feb apr jun jul aug sep sept oct nov dec
    mon tue tues thu thur thurs fri al
    """
)
# US state abbreviations (AP style) are matched with their capital, because several of
# them are ordinary words in lower case (ill, mass, wash, miss).
_AMBIGUOUS_CASED = _wordset(
    """
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss
    Mo Mont Neb Nebr Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wisc Wyo
    """
)
# Closed-class words that open sentences far more often than they continue a name. After
# an ambiguous abbreviation or initial, one of these signals a new sentence
# ("I live in the U.S. How about you?"); a capitalised open-class word does not
# ("the U.S. Government").
_STARTERS = _wordset(
    """
    A An The This That These Those Some Many Most Much Several Such Each Every Both All Any
    No None Neither Either Other Another Its His Her Their Our My Your
    I He She It We They You There Here
    And But Or Nor So Yet Then Thus Hence Also Still However Meanwhile Moreover Furthermore
    Nevertheless Nonetheless Instead Indeed Although Though Because Since While Whereas
    When Whenever Where Wherever If Unless Until After Before As Once
    In On At For From With Without By To Of Into During Under Over Among Between Despite
    Following Including According Earlier Later Today Yesterday Tomorrow Now Last Next
    What Who Whom Whose Which Why How
    Is Are Was Were Be Been Being Do Does Did Has Have Had Can Could Will Would Shall
    Should Might Must Not Only Even Just Never
    One Two Three Four Five Six Seven Eight Nine Ten Millions Thousands Hundreds
    """
)
# "I" is capitalised wherever it stands, so after an ellipsis it says nothing about a
# new sentence ("the thing is . . . I didn't mean it").
_PRONOUN_I = frozenset({"I", "I'm", "I’m", "I'd", "I’d", "I'll", "I’ll", "I've", "I’ve"})

_STRONG, _WEAK, _PERIOD, _SPLIT_AFTER_FIRST = range(4)


def _punct_kind(punct: str, attached: bool) -> int:
    """Classify terminal punctuation by how strongly it signals a sentence end.

    An ellipsis of three dots usually marks an omission inside a sentence, so it only
    ends one before a capitalised word; four dots are an ellipsis plus a full stop.
    "compounds. . . . The" is a full stop followed by an ellipsis that opens the next
    sentence, hence the split after the first dot when the dots start on a word.
    """
    if punct[0] in "?!":
        return _STRONG
    if punct[0] == "[":
        return _WEAK
    if punct[0] == "…":
        return _STRONG if len(punct) > 1 else _WEAK
    dots = punct.count(".")
    if dots == 1:
        return _PERIOD
    if " " in punct and dots >= 4 and attached:
        return _SPLIT_AFTER_FIRST
    return _STRONG if dots >= 4 else _WEAK


def _skip_space(line: str, i: int) -> int:
    n = len(line)
    while i < n and line[i].isspace():
        i += 1
    return i


def _next_word(line: str, i: int) -> tuple[str, str, str]:
    """Return (openers, first character, first word) of what follows position ``i``."""
    j = i
    n = len(line)
    while j < n and line[j] in _OPENERS:
        j += 1
    first = line[j] if j < n else ""
    m = _WORD.match(line, j)
    return line[i:j], first, m.group(0) if m else ""


def _period_ends_sentence(core: str, first: str, word: str, at_segment_start: bool) -> bool:
    """Decide a single period, given the word before it (``core``) and what follows."""
    if not core:
        return True
    if at_segment_start and _ENUMERATOR.fullmatch(core):
        return False  # list label: "1. The first item", "a. The first item"
    low = core.lower()
    if low in _NEVER_FINAL:
        return False
    if first.isdigit() and low in _NUMBER_ABBR:
        return False
    if (
        low in _AMBIGUOUS
        or core in _AMBIGUOUS_CASED
        or (len(core) == 1 and core.isalpha())
        or _MULTI_PERIOD.fullmatch(core)
    ):
        return word in _STARTERS
    return True


def _list_boundaries(line: str) -> set[int]:
    """Starts of list items that carry no sentence-final punctuation of their own.

    Only a line that itself opens with a list label is treated as a list, and only the
    next label in sequence (1→2→3, a→b→c, same style) starts an item: that keeps
    "sins: a) Leaving ... b) Refusing" and prose numbers intact. Bullet glyphs always
    start an item.
    """
    starts = {m.start() for m in _BULLET_AFTER_SPACE.finditer(line)}
    first = _LIST_MARKER.match(line, len(line) - len(line.lstrip()))
    if first is None:
        return starts
    label, style = first.group("label"), first.group("style")
    if label.isalpha() and label.isupper() and style == ".":
        return starts  # "A. Smith met B. Jones" is a name, not a list
    expected = _successor(label)
    for m in _LIST_MARKER.finditer(line, first.end()):
        if m.group("style") == style and m.group("label") == expected:
            starts.add(m.start())
            expected = _successor(expected)
    return starts


def _successor(label: str) -> str:
    if label.isdigit():
        return str(int(label) + 1)
    return chr(ord(label) + 1)


def _line_starts(line: str) -> list[int]:
    """Offsets (within ``line``) where sentences start, the first being 0."""
    list_starts = sorted(_list_boundaries(line))
    starts = {0, *list_starts}
    seg_start = 0
    k = 0  # index into list_starts
    for m in _terminals(line):
        pstart = m.start()
        while k < len(list_starts) and list_starts[k] <= pstart:
            seg_start = max(seg_start, list_starts[k])
            k += 1
        punct = m.group("punct")
        attached = pstart > 0 and not line[pstart - 1].isspace()
        kind = _punct_kind(punct, attached)
        if kind == _SPLIT_AFTER_FIRST:
            nxt = _skip_space(line, pstart + 1)
            after = _skip_space(line, m.end())
        else:
            nxt = after = _skip_space(line, m.end())
        if after >= len(line):
            continue
        openers, first, word = _next_word(line, after)
        if first.islower():
            continue
        if kind == _WEAK:
            split = (
                first.isupper()
                and all(c in _QUOTE_OPENERS for c in openers)
                and word not in _PRONOUN_I
            )
        elif kind == _PERIOD:
            tok_start = pstart
            while tok_start > seg_start and not line[tok_start - 1].isspace():
                tok_start -= 1
            prefix_blank = all(c.isspace() or c in _BULLETS for c in line[seg_start:tok_start])
            core = line[tok_start:pstart].strip(_OPENERS + _CLOSERS + _BULLETS)
            split = _period_ends_sentence(core, first, word, prefix_blank)
        else:
            split = True
        # A sentence needs a word: "Scientology. ... The next" must not yield "...".
        if split and any(c.isalnum() for c in line[seg_start:pstart]):
            starts.add(nxt)
            seg_start = nxt
    return sorted(starts)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences as (start, end) character offsets.

    Pure and spaCy-free so that it can be tested and evaluated on its own; the spaCy
    component only maps these offsets onto tokens.
    """
    spans: list[tuple[int, int]] = []
    for lm in _LINE.finditer(text):
        line = lm.group(0)
        base = lm.start()
        bounds = _line_starts(line)
        bounds.append(len(line))
        for a, b in pairwise(bounds):
            seg = line[a:b]
            stripped = seg.strip()
            if not stripped:
                continue
            lead = len(seg) - len(seg.lstrip())
            s = base + a + lead
            spans.append((s, s + len(stripped)))
    return spans


@Language.component("newstables_sentencizer")
def newstables_sentencizer(doc: Doc) -> Doc:
    """Fix every token's ``is_sent_start`` from :func:`sentence_spans`.

    False (not None) on every non-initial token matters: None lets the parser insert
    its own, less reliable boundaries. Whitespace tokens (e.g. "\\n\\n") stay with the
    sentence before them, and leading whitespace joins the first sentence.

    The flags are written with one ``Doc.from_array`` call: assigning
    ``token.is_sent_start`` in a loop re-checks the whole doc for a parse on every
    assignment, which made the component cost about 7% of the whole pipeline's time.
    """
    n = len(doc)
    if n == 0:
        return doc
    if doc.has_annotation("DEP"):
        raise ValueError(
            "newstables_sentencizer must run before the parser: "
            'nlp.add_pipe("newstables_sentencizer", before="parser")'
        )
    token_starts = doc.to_array(IDX)
    starts = np.fromiter((s for s, _ in sentence_spans(doc.text)), dtype=np.int64)
    flags = np.full(n, -1, dtype=np.int64)
    if len(starts):
        first = np.searchsorted(token_starts, starts, side="right") - 1
        flags[first] = 1
        flags[first[0]] = -1  # only whitespace tokens can precede the first sentence
    flags[0] = 1
    doc.from_array([SENT_START], flags.view(np.uint64).reshape(n, 1))
    return doc
