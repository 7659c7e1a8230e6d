"""Stage 2: quoted passages, found per paragraph by a small state machine over quote marks.

Double quotes: straight and curly marks, each mark deciding from its neighbours whether
it opens or closes (a curly opening mark while inside means the previous quote never
closed; a mis-spaced straight mark toggles; an inch mark, `a 6" pipe`, opens nothing).
Single quotes count only when an opening mark at a word start pairs with a closing mark
that is not an apostrophe ("Xi’s", "don't" and "leaders’" are not marks); a single-quoted
passage straddling a double-quoted one loses, and quotes within quotes are dropped.

A paragraph that ends inside a quote and a next paragraph that opens with a quote mark
form a continuation chain (the news convention for multi-paragraph quotes); the next
paragraph may also forget its opening mark, and one paragraph without any quote mark (a
photo caption, an inserted link) may interrupt the chain.

Why a stage of its own: which characters are inside quotes decides everything after it
(a reporting verb inside a quote is not a cue), so `find_passages` returns a frozen
`Quotes` that every later stage takes as an argument.

Passage content is the text between the marks with surrounding whitespace trimmed and
without a final comma (the comma of `"We are ready," he said` only joins the quote to
its attribution); other punctuation inside the marks is kept.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from spacy.tokens import Token

from flows.claims.lexicon_en import (
    CLOSE_NEXT,
    DQ_ALL,
    DQ_CLOSE,
    DQ_OPEN,
    DQ_RE,
    DQ_STRAIGHT,
    OPEN_PREV,
    SQ_RE,
    TERMINAL,
)
from flows.claims.view import ArticleView


@dataclass(frozen=True, slots=True)
class Passage:
    """One quoted passage: content offsets plus the marks that delimit it."""

    start: int
    end: int
    open_mark: int  # char offset of the opening mark, -1 for a continuation without one
    close_mark: int  # char offset of the closing mark, -1 when the paragraph ends inside
    para: int
    chain_prev: int | None = None  # passage this one continues (multi-paragraph quote)
    chain_next: int | None = None
    single: bool = False  # delimited by single quote marks


@dataclass(frozen=True, slots=True, eq=False)
class Quotes:
    """Every passage of an article, in text order, and what is inside quotes."""

    passages: tuple[Passage, ...]
    tok_pass: tuple[int, ...]  # passage index of each token, -1 outside quotes
    mark_chars: frozenset[int]  # char offsets of every opening and closing mark
    close_marks: frozenset[int]
    passage_by_close: Mapping[int, int]  # closing mark offset -> passage index
    #: (first mark or start, last mark + 1 or end) of each passage, for `balance`.
    ranges: tuple[tuple[int, int], ...] = ()
    range_los: tuple[int, ...] = ()
    range_his: tuple[int, ...] = ()
    disjoint: bool = False  # the ranges are in order and none overlaps the next
    #: quoted_before[i]: tokens before token i that are `in_quote`, so "is any token of
    #: [i, j) quoted" costs O(1) (`any_quoted`) instead of a scan per cue.
    quoted_before: tuple[int, ...] = ()

    def any_quoted(self, i: int, j: int) -> bool:
        """True when a token of [i, j) is inside a passage or is a quote mark of one."""
        return j > i and self.quoted_before[j] - self.quoted_before[i] > 0

    def in_quote(self, tok: Token) -> bool:
        """True for a token inside a passage or a quote mark of one."""
        return self.tok_pass[tok.i] != -1 or tok.idx in self.mark_chars


def find_passages(view: ArticleView) -> Quotes:
    """Collect every quoted passage of the body, chained across paragraphs."""
    text = view.text
    passages: list[Passage] = []
    prev_open_ended: int | None = None  # index of the open-ended passage of para - 1
    skipped = 0  # paragraphs without any quote mark since that passage
    for pi, (ps, pe) in enumerate(view.paras):
        if prev_open_ended is not None and skipped == 0 and not DQ_RE.search(text, ps, pe):
            # One paragraph without quote marks (a photo caption, an inserted
            # link) may interrupt a multi-paragraph quote.
            found = drop_nested(single_passages(view, pi, ps, pe))
            open_ended = None
            passages.extend(found)
            if not found:
                skipped = 1
                continue
        else:
            found, open_ended = double_passages(view, pi, ps, pe, prev_open_ended)
            found += single_passages(view, pi, ps, pe)
            found = drop_nested(found)
            base = len(passages)
            passages.extend(found)
        prev_open_ended = None
        skipped = 0
        if open_ended is not None:
            for j, p in enumerate(found):
                if p is open_ended:
                    prev_open_ended = base + j
    # Link continuation chains now that indexes are final.
    chain_next: dict[int, int] = {}
    for i, p in enumerate(passages):
        if p.chain_prev is not None:
            chain_next[p.chain_prev] = i
    linked = tuple(
        dataclasses.replace(p, chain_next=chain_next[i]) if i in chain_next else p
        for i, p in enumerate(passages)
    )
    tok_pass = [-1] * len(view.doc)
    marks: set[int] = set()
    close_marks: set[int] = set()
    by_close: dict[int, int] = {}
    for pi, p in enumerate(linked):
        for i in view.tokens_in(p.start, p.end):
            tok_pass[i] = pi
        for mark in (p.open_mark, p.close_mark):
            if mark >= 0:
                marks.add(mark)
        if p.close_mark >= 0:
            close_marks.add(p.close_mark)
            by_close[p.close_mark] = pi
    quoted_before = [0]
    for tok in view.doc:
        quoted_before.append(quoted_before[-1]
                             + (tok_pass[tok.i] != -1 or tok.idx in marks))
    ranges = tuple((p.open_mark if p.open_mark >= 0 else p.start,
                    (p.close_mark + 1) if p.close_mark >= 0 else p.end) for p in linked)
    return Quotes(
        linked, tuple(tok_pass), frozenset(marks), frozenset(close_marks),
        MappingProxyType(by_close), ranges, tuple(lo for lo, _ in ranges),
        tuple(hi for _, hi in ranges),
        all(ranges[i][1] <= ranges[i + 1][0] for i in range(len(ranges) - 1)),
        tuple(quoted_before),
    )


def double_passages(
    view: ArticleView, pi: int, ps: int, pe: int, prev_open_ended: int | None
) -> tuple[list[Passage], Passage | None]:
    """Double-quoted passages of paragraph `pi` ([ps, pe)) and the one left open at its
    end, if any (the head of a continuation chain)."""
    text = view.text
    out: list[Passage] = []
    open_at = -1
    first_mark = True
    first_char = ps
    while first_char < pe and text[first_char].isspace():
        first_char += 1
    marks = [m.start() for m in DQ_RE.finditer(text, ps, pe)]
    open_strong = False
    for mi, pos in enumerate(marks):
        ch = text[pos]
        prev = text[pos - 1] if pos > ps else None
        nxt = text[pos + 1] if pos + 1 < pe else None
        o_ctx = (prev is None or prev.isspace() or prev in OPEN_PREV) and (
            nxt is not None and not nxt.isspace()
        )
        c_ctx = (prev is not None and not prev.isspace()) and (
            nxt is None or nxt.isspace() or nxt in CLOSE_NEXT
        )
        inside = open_at >= 0
        if ch in DQ_OPEN:
            acts_open = not (inside and c_ctx and not o_ctx)
        elif ch in DQ_CLOSE:
            acts_open = not inside and o_ctx and not c_ctx
        elif o_ctx != c_ctx:
            acts_open = o_ctx
        else:
            acts_open = not inside
        if not inside:
            if acts_open:
                open_at = pos
                open_strong = o_ctx or ch in DQ_OPEN
            elif first_mark and prev_open_ended is not None:
                # Continuation paragraph that forgot its opening mark.
                s, e = trim_quote(text, first_char, pos)
                if s < e:
                    out.append(Passage(s, e, -1, pos, pi, chain_prev=prev_open_ended))
            elif ch in DQ_STRAIGHT and mi + 1 < len(marks):
                open_at = pos  # mis-spaced straight mark: toggle semantics
                open_strong = False
        elif not acts_open or ch in DQ_STRAIGHT:
            _add_passage(text, out, open_at, pos, pi, first_char, prev_open_ended)
            open_at = -1
        else:  # a new opening curly mark while inside: the previous one never closed
            _add_passage(text, out, open_at, -1, pi, first_char, prev_open_ended, end=pos)
            open_at = pos
            open_strong = True
        first_mark = False
    open_ended: Passage | None = None
    if open_at >= 0 and open_strong:  # an inch mark (`a 6" pipe`) opens nothing
        before = len(out)
        _add_passage(text, out, open_at, -1, pi, first_char, prev_open_ended, end=pe)
        if len(out) > before:
            open_ended = out[-1]
    return out, open_ended


def _add_passage(
    text: str,
    out: list[Passage],
    open_at: int,
    close_at: int,
    pi: int,
    first_char: int,
    prev_open_ended: int | None,
    end: int | None = None,
) -> None:
    """Append the passage opened at `open_at` unless it holds no letter or digit; the
    paragraph's first passage, opening the paragraph, continues an open-ended one."""
    s, e = trim_quote(text, open_at + 1, close_at if close_at >= 0 else (end or open_at + 1))
    if s >= e or not any(c.isalnum() for c in text[s:e]):
        return
    chain = prev_open_ended if (open_at == first_char and not out) else None
    out.append(Passage(s, e, open_at, close_at, pi, chain_prev=chain))


def single_passages(view: ArticleView, pi: int, ps: int, pe: int) -> list[Passage]:
    """Single-quoted passages; apostrophes ("Xi’s", "don't", "leaders’") are not marks."""
    text = view.text
    marks = [m.start() for m in SQ_RE.finditer(text, ps, pe)]
    if len(marks) < 2:
        return []
    # For each kind of closer, the first eligible closing mark at or after each index and
    # the first one in a "strong" context: an opener finds its closer in O(1), where a
    # scan from every opener was quadratic in unbalanced marks (4,000 took 17.7 s). The
    # pick is the one the scan made: the first eligible mark, unless it is a weak one
    # after an s (`leaders'`), then the next strong one, else that weak one.
    n = len(marks)
    nxt = {c: [n] * (n + 1) for c in "'’"}
    nxt_strong = {c: [n] * (n + 1) for c in "'’"}
    for j in range(n - 1, -1, -1):
        for c in "'’":
            nxt[c][j] = nxt[c][j + 1]
            nxt_strong[c][j] = nxt_strong[c][j + 1]
        q = marks[j]
        qc = text[q]
        qprev = text[q - 1]
        qnext = text[q + 1] if q + 1 < pe else ""
        if qc in nxt and not qprev.isspace() and not qnext.isalnum():
            nxt[qc][j] = j
            if qprev in ",.!?…" or qnext in ",.;:!?)" or qnext == "":
                nxt_strong[qc][j] = j
    out: list[Passage] = []
    k = 0
    while k < n:
        pos = marks[k]
        ch = text[pos]
        prev = text[pos - 1] if pos > ps else None
        after = text[pos + 1] if pos + 1 < pe else ""
        opens = ch != "’" and (prev is None or prev.isspace() or prev in "([{—–-“\"") and (
            after.isalpha() or (ch == "‘" and after.isalnum())
        )
        if not opens:
            k += 1
            continue
        closer = "’" if ch == "‘" else "'"
        pick = nxt[closer][k + 1]
        if pick == n:
            k += 1
            continue
        if nxt_strong[closer][pick] != pick and text[marks[pick] - 1] in "sS":
            strong = nxt_strong[closer][pick]
            pick = strong if strong < n else pick
        s, e = trim_quote(text, pos + 1, marks[pick])
        if s < e and any(c.isalpha() for c in text[s:e]):
            out.append(Passage(s, e, pos, marks[pick], pi, single=True))
        k = pick + 1
    return out


def _rng(p: Passage) -> tuple[int, int]:
    """A passage's extent, its quote marks included."""
    return (p.open_mark if p.open_mark >= 0 else p.start,
            p.close_mark if p.close_mark >= 0 else p.end)


def _dropped(p: Passage, q: Passage) -> bool:
    """`p` goes because of `q`: nested inside it, or a single straddling a double."""
    a, b = _rng(p)
    c, d = _rng(q)
    if c <= a and b <= d and (c, d) != (a, b):
        return True  # nested inside q
    # straddling: the double-quoted passage wins over the single one
    return ((c < a < d < b) or (a < c < b < d)) and p.single and not q.single


def _disjoint(ranges: list[tuple[int, int]]) -> bool:
    return all(ranges[i][1] < ranges[i + 1][0] for i in range(len(ranges) - 1))


def drop_nested(passages: list[Passage]) -> list[Passage]:
    """Keep outer passages: inner marks are quotes within quotes; straddling singles go.

    Passages of one kind (single or double) never overlap each other as the state
    machines make them, so a passage can only be dropped by an overlapping one of the
    other kind, found by bisection: O(n log n). Comparing every pair, as before, was
    quadratic in quote marks. When a kind's passages do overlap, every pair is compared.
    """
    by_kind = {kind: sorted((q for q in passages if q.single is kind), key=_rng)
               for kind in (False, True)}
    ranges = {kind: [_rng(q) for q in qs] for kind, qs in by_kind.items()}
    keep: list[Passage] = []
    if not all(_disjoint(r) for r in ranges.values()):
        keep = [p for p in passages
                if not any(q is not p and _dropped(p, q) for q in passages)]
    else:
        ends = {kind: [d for _, d in r] for kind, r in ranges.items()}
        for p in passages:
            a, b = _rng(p)
            other = not p.single
            i = bisect_left(ends[other], a)  # the first of the other kind ending at or after a
            bad = False
            while i < len(ranges[other]) and ranges[other][i][0] <= b:
                if _dropped(p, by_kind[other][i]):
                    bad = True
                    break
                i += 1
            if not bad:
                keep.append(p)
    keep.sort(key=lambda p: p.start)
    return keep


def trim_quote(text: str, start: int, end: int) -> tuple[int, int]:
    """Passage content: the text between the marks minus outer whitespace and the
    comma that only joins the quote to its attribution (`"We are ready," he said`)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] == ",":
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


# --------------------------------------------------------------------------- queries


def word_count(view: ArticleView, p: Passage) -> int:
    """Words (not punctuation) inside the passage."""
    return sum(
        1 for i in view.tokens_in(p.start, p.end)
        if not view.doc[i].is_punct and not view.doc[i].is_space
    )


def prev_char(view: ArticleView, p: Passage) -> str | None:
    """Last non-space character before the opening mark within the paragraph."""
    if p.open_mark < 0:
        return None
    ps = view.paras[p.para][0]
    k = p.open_mark - 1
    while k >= ps and view.text[k].isspace():
        k -= 1
    return view.text[k] if k >= ps else None


def token_before(view: ArticleView, p: Passage) -> Token | None:
    """The token right before the opening mark, within the paragraph."""
    k = p.open_mark - 1
    ps = view.paras[p.para][0]
    while k >= ps and (view.text[k].isspace() or view.char_tok[k] == -1):
        k -= 1
    return view.doc[view.char_tok[k]] if k >= ps else None


def terminal(view: ArticleView, p: Passage) -> bool:
    """True when the passage ends like a sentence (inner closing marks ignored)."""
    return view.text[p.start:p.end].rstrip("”’\"'").endswith(TERMINAL)


#: Function words that title case keeps in lower case even when longer than three letters.
TITLE_LOWER = frozenset({"from", "into", "onto", "upon", "with", "over", "than",
                         "about", "after", "under", "without"})


def is_title(view: ArticleView, p: Passage) -> bool:
    """Title-cased passages ("The Crown", "Green Deal") name things; nobody says them."""
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", view.text[p.start:p.end])
    # Title case leaves short function words in lower case, four-letter ones included
    # ("Photographs and Prints from the University Collection").
    long = [w for w in words if len(w) > 3 and w not in TITLE_LOWER]
    return bool(long) and all(w[0].isupper() for w in long)


def sentence_closed_before(view: ArticleView, p: Passage) -> bool:
    """True when the text before the opening mark ends a sentence (`…." "Next…`)."""
    ps = view.paras[p.para][0]
    k = p.open_mark - 1
    while k >= ps and (view.text[k].isspace() or view.text[k] in DQ_ALL + "’'"):
        k -= 1
    return k >= ps and view.text[k] in TERMINAL


def outside_words(view: ArticleView, quotes: Quotes, start: int, end: int) -> int:
    """Words of [start, end) outside every passage."""
    return sum(
        1 for i in view.tokens_in(start, end)
        if not quotes.in_quote(view.doc[i]) and not view.doc[i].is_punct
        and not view.doc[i].is_space
    )


def balance(quotes: Quotes, start: int, end: int) -> tuple[int, int]:
    """Widen a span so it never cuts a quoted passage in half (keeps marks paired).

    Only passages that overlap [start, end) can widen it, and since passages are in text
    order and never overlap each other, two bisections find them: a scan of every
    passage per call made claims quadratic in article length. Of those, only the first
    can hold `start` and only the last `end`, so just these two are looked at: a span
    over a whole sentence of many quotes (one unpunctuated sentence of `said "`) cost a
    walk over all its passages per cue. (Disordered passages, which `find_passages`
    does not make, fall back to the scan.)
    """
    ranges = quotes.ranges
    touched: Sequence[int]
    if quotes.disjoint:
        first = bisect.bisect_right(quotes.range_his, start)
        last = bisect.bisect_left(quotes.range_los, end) - 1
        touched = (first, last) if last > first else range(first, last + 1)
    else:
        touched = range(len(ranges))
    for k in touched:
        lo, hi = ranges[k]
        if lo < start < hi or lo < end < hi:
            if hi <= start or lo >= end:
                continue
            start, end = min(start, lo), max(end, hi)
    return start, end
