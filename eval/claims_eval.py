"""Score claim extraction against the hand-annotated gold set in ``eval/claims/``.

The gold (``eval/claims/gold.jsonl``, see ``eval/claims/GUIDELINE.md``) was annotated on the
raw Wikinews texts without looking at the extraction code, so this module only ever calls
the real pipeline (``flows.batch.process_batch``) and never imports ``flows.claims``:
the evaluation must stay independent of what it measures.

This module also holds the two pieces every evaluation of the pipeline needs (the
entity and sentence evaluations import them from here):

* :func:`run_pipeline` runs the real batch step on texts written to temporary ``.txt``
  files, exactly as a user's files would go through it (no Prefect needed);
* :class:`OffsetMap` maps offsets in the pipeline's cleaned ``articles.body`` back to the
  raw gold text.

How offsets are mapped (``OffsetMap``)
--------------------------------------
Cleaning normalises whitespace, joins paragraphs with a blank line, applies NFC and
removes boilerplate paragraphs, so body offsets are not raw offsets. Both texts are cut
into whitespace-separated words and the two word sequences are aligned with
``difflib.SequenceMatcher`` (no autojunk). Words in an ``equal`` block are identical, so
their characters map one to one; words in a ``replace`` block (a character changed by
NFC or a removed zero-width character) are aligned character by character with a second
``SequenceMatcher`` restricted to that block, and a body character left without a
partner there (``é`` that NFC composed from ``e`` + accent) maps to the raw text between
its matched neighbours; removed paragraphs are ``delete`` blocks and simply have no
image. A span maps through its first and last aligned non-space characters, so a span
that starts or ends on whitespace still maps to the raw text it covers. On the 24 GUM
texts every non-space body character is aligned (``alignment_min_coverage`` in the JSON
records this on every run). Aligning words rather than
characters keeps the matcher fast (thousands of distinct words instead of a
30-letter alphabet) and makes a wrong long-range match practically impossible.

How claims are scored
---------------------
Only the attributed kinds are scored (``direct_quote``, ``partial_quote``, ``indirect``,
``belief``); the gold has no ``assertion`` annotations, so assertions are ignored. The kind
``belief`` exists from guideline version 2 on (a record's ``guideline_version``): on an
older record, which annotated no beliefs, predicted beliefs are left out of the scoring
(neither hits nor false positives) rather than counted against a gold that never looked
for them.

The gold file is ``eval/claims/gold.jsonl`` unless the ``CLAIMS_GOLD`` environment
variable or ``--gold`` names another (a newer gold set being annotated elsewhere). With
``--split dev`` (or ``test``) the pipeline only runs on that split's articles.

* **Content overlap** is the token-level F1 between the word tokens (``\\w+``) of the
  predicted and the gold content, where a token is identified by its *position* in the
  raw text (the predicted span is mapped to raw offsets first). For two spans at the same
  place this is exactly the usual F1 over lowercased word tokens; using positions in
  addition means a repeated sentence (hackers prints the same words twice, with two
  speakers) can only match the occurrence it actually covers. When a predicted span
  cannot be mapped, the overlap falls back to the multiset F1 of the lowercased tokens
  of the two content strings.
* **Matching** is one-to-one and greedy: all (prediction, gold) pairs of the same
  document with overlap >= ``MATCH_THRESHOLD`` (0.5) are sorted by overlap (ties: the
  earlier gold, then the earlier prediction) and accepted when neither side is taken
  yet. Per-kind figures only pair claims of the same kind; the "all attributed kinds"
  figures ignore the kind (a ``partial_quote`` found as a ``direct_quote`` counts there).
* **Marginal gold claims** (``marginal: true``): by default (the headline numbers) they
  are excluded from recall, and a prediction matched to one is neither a true nor a false
  positive ("ignored"). The ``marginal_included`` figures treat them as ordinary gold.
* **Speaker accuracy** is measured over the matched (true-positive) pairs; see
  :func:`speaker_correct` for the exact rule. **Cue accuracy** likewise, see
  :func:`cue_correct`.

How speakers are explained
--------------------------
The pipeline's ``Claim`` records carry ``speaker_via``, the cue rule or inheritance
strategy that gave the speaker (not a table column: :func:`run_pipeline` receives the
records through ``process_batch(claims_sink=...)``). Every per-kind result counts, per
strategy, the predictions that matched a gold claim (and how many of those had the right
speaker) and those that matched none (``speaker_via``; ``quote_strategies`` sums the
quote kinds), and classifies each wrong speaker of a match by cause
(``speaker_errors``, see :func:`speaker_error_cause`). Both are printed by ``make eval``
and written to the results JSON.

Targets (printed next to the results): direct-quote speaker accuracy >= 0.9, indirect
recall >= 0.6, precision over all attributed kinds >= 0.85.
"""

from __future__ import annotations

import argparse
import bisect
import difflib
import functools
import json
import os
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD_FILE = Path(os.environ.get("CLAIMS_GOLD") or ROOT / "eval" / "claims" / "gold.jsonl")
ATTRIBUTED_KINDS: tuple[str, ...] = ("direct_quote", "partial_quote", "indirect", "belief")
#: Kinds each guideline version annotated (a record without a version is version 1).
KINDS_BY_VERSION: dict[int, frozenset[str]] = {
    1: frozenset({"direct_quote", "partial_quote", "indirect"}),
    2: frozenset(ATTRIBUTED_KINDS),
}
MATCH_THRESHOLD = 0.5
SPLITS: tuple[str, ...] = ("dev", "test", "all")

#: Target name -> (minimum value, where it is read in a result of :func:`score_claims`).
TARGETS: dict[str, float] = {
    "direct_quote_speaker_accuracy": 0.9,
    "indirect_recall": 0.6,
    "all_attributed_precision": 0.85,
}

_WORD = re.compile(r"\w+")
_NONSPACE = re.compile(r"\S+")


# --- offsets: cleaned body -> raw text ------------------------------------------------


@dataclass
class OffsetMap:
    """Character alignment of a cleaned body to the raw text it was made from.

    Build it with :meth:`build`. Body character ``i`` has the raw image
    ``raw[starts[i]:ends[i]]`` (one character, or the few an NFC composition replaced),
    or ``starts[i] == -1`` when it has none (whitespace, a paragraph separator). See the
    module docstring for the method.
    """

    body: str
    raw: str
    starts: list[int]
    ends: list[int]
    _mapped: list[int] = field(default_factory=list, repr=False)

    @classmethod
    def build(cls, body: str, raw: str) -> OffsetMap:
        """Align ``body`` to ``raw`` word by word, then character by character."""
        starts = [-1] * len(body)
        ends = [-1] * len(body)
        bw = [(m.start(), m.group()) for m in _NONSPACE.finditer(body)]
        rw = [(m.start(), m.group()) for m in _NONSPACE.finditer(raw)]
        sm = difflib.SequenceMatcher(None, [w for _, w in bw], [w for _, w in rw],
                                     autojunk=False)
        for tag, b0, b1, r0, r1 in sm.get_opcodes():
            if tag == "equal":
                for (bs, word), (rs, _) in zip(bw[b0:b1], rw[r0:r1], strict=True):
                    for k in range(len(word)):
                        starts[bs + k], ends[bs + k] = rs + k, rs + k + 1
            elif tag == "replace":
                bstart, bend = bw[b0][0], bw[b1 - 1][0] + len(bw[b1 - 1][1])
                rstart, rend = rw[r0][0], rw[r1 - 1][0] + len(rw[r1 - 1][1])
                _align_block(body, raw, bstart, bend, rstart, rend, starts, ends)
        mapped = [i for i, r in enumerate(starts) if r >= 0]
        return cls(body, raw, starts, ends, mapped)

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Raw ``(start, end)`` of the body span ``[start, end)``, or None if unaligned.

        The first aligned character at or after ``start`` and the last aligned one
        before ``end`` are mapped, so edge whitespace does not lose the span.
        """
        i = bisect.bisect_left(self._mapped, start)
        j = bisect.bisect_left(self._mapped, end) - 1
        if i >= len(self._mapped) or j < i or self._mapped[i] >= end:
            return None
        rs, re_ = self.starts[self._mapped[i]], self.ends[self._mapped[j]]
        return (rs, re_) if rs < re_ else None

    def coverage(self) -> float:
        """Share of the body's non-space characters that have a raw image (should be 1)."""
        nonspace = sum(1 for c in self.body if not c.isspace())
        return len(self._mapped) / nonspace if nonspace else 1.0


def _align_block(body: str, raw: str, bstart: int, bend: int, rstart: int, rend: int,
                 starts: list[int], ends: list[int]) -> None:
    """Align the characters of a changed block (``body[bstart:bend]`` ~ ``raw[rstart:rend]``).

    Identical characters map one to one. A run of body characters without a partner
    (``é`` composed by NFC from ``e`` + combining accent) maps, as a whole, to the raw
    text between its matched neighbours, so a span ending on it keeps the accent.
    """
    pairs: dict[int, int] = {}
    csm = difflib.SequenceMatcher(None, body[bstart:bend], raw[rstart:rend], autojunk=False)
    for a, b, size in csm.get_matching_blocks():
        for k in range(size):
            if not body[bstart + a + k].isspace():
                pairs[bstart + a + k] = rstart + b + k
    prev_end = rstart
    run: list[int] = []
    for i in range(bstart, bend + 1):
        if i < bend and i not in pairs:
            if not body[i].isspace():
                run.append(i)
            continue
        nxt = pairs[i] if i < bend else rend
        if run:
            gap = raw[prev_end:nxt]
            gs = prev_end + len(gap) - len(gap.lstrip())
            ge = prev_end + len(gap.rstrip())
            if gs < ge:
                for j in run:
                    starts[j], ends[j] = gs, ge
            run = []
        if i < bend:
            starts[i], ends[i] = pairs[i], pairs[i] + 1
            prev_end = pairs[i] + 1


# --- running the real pipeline ----------------------------------------------------------


@dataclass
class PipelineDoc:
    """The pipeline's rows for one input text, with the map back to that text."""

    doc_id: str
    text: str
    body: str
    offsets: OffsetMap
    tables: dict[str, list[dict[str, Any]]]
    #: The article's `Claim` records in ``claim_id`` order (fields no table stores, such
    #: as ``speaker_via``), received through ``process_batch(claims_sink=...)``.
    claims: list[Any] = field(default_factory=list)


@dataclass
class PipelineRun:
    """Outputs of one :func:`run_pipeline` call: documents by id, refusals, timing."""

    docs: dict[str, PipelineDoc]
    quarantine: list[dict[str, Any]]
    seconds: float
    model: str | None


def _safe_name(doc_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", doc_id) or "doc"


def run_pipeline(texts: Mapping[str, str], settings: Any = None) -> PipelineRun:
    """Run ``flows.batch.process_batch`` on ``{doc_id: raw text}``, in process.

    Each text is written to ``<doc_id>.txt`` (with a final newline, as the gold article
    files are) in a temporary folder, so the pipeline reads it exactly as it reads a
    user's file. Texts that are quarantined are reported in ``quarantine`` and missing
    from ``docs`` (their gold then counts as missed).
    """
    import time

    from flows import batch
    from flows.settings import Settings

    settings = settings or Settings()
    started = time.perf_counter()
    # Identical texts are one article to the pipeline (same bytes, same article_id), so
    # each distinct text is written once and its rows are shared by its doc ids.
    ids_by_text: dict[str, list[str]] = {}
    for doc_id, text in texts.items():
        ids_by_text.setdefault(text, []).append(doc_id)
    with tempfile.TemporaryDirectory(prefix="newstables-eval-") as tmp:
        text_by_path: dict[str, str] = {}
        for text, ids in ids_by_text.items():
            path = Path(tmp) / f"{_safe_name(ids[0])}.txt"
            if str(path) in text_by_path:
                raise ValueError(f"two doc ids map to the file name {path.name}")
            path.write_text(text + "\n", encoding="utf-8")
            text_by_path[str(path)] = text
        sink: list[tuple[str, list[Any]]] = []
        result = batch.process_batch(list(text_by_path), settings, run_id="eval",
                                       claims_sink=sink)
    claims_by_aid = dict(sink)
    tables = {name: df.to_dicts() for name, df in result.tables.items()}
    docs: dict[str, PipelineDoc] = {}
    ids_by_aid: dict[str, list[str]] = {}
    for art in tables["articles"]:
        text = text_by_path[art["source_path"]]
        offsets = OffsetMap.build(art["body"], text)
        ids_by_aid[art["article_id"]] = ids_by_text[text]
        for doc_id in ids_by_text[text]:
            docs[doc_id] = PipelineDoc(doc_id, text, art["body"], offsets,
                                       {name: [] for name in tables},
                                       claims_by_aid.get(art["article_id"], []))
    for name, rows in tables.items():
        for row in rows:
            for doc_id in ids_by_aid.get(row["article_id"], []):
                docs[doc_id].tables[name].append(row)
    quarantine = [
        {**q, "doc_ids": ids_by_text.get(text_by_path.get(q["path"], ""), [])}
        for q in result.quarantine
    ]
    model = tables["articles"][0]["model"] if tables["articles"] else None
    return PipelineRun(docs, quarantine, time.perf_counter() - started, model)


# --- claim records ----------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimRec:
    """A gold or predicted claim; ``start``/``end`` are raw-text offsets (None: unmapped)."""

    kind: str
    content: str
    start: int | None
    end: int | None
    speaker: str | None = None
    speaker_canonical: str | None = None
    cue: str | None = None
    marginal: bool = False
    speaker_entity_id: int | None = None  # predictions only
    speaker_via: str | None = None  # predictions only: the rule or strategy of the speaker


@dataclass
class DocClaims:
    """One gold document with its gold claims and the pipeline's predictions."""

    doc_id: str
    split: str
    text: str
    gold: list[ClaimRec]
    pred: list[ClaimRec]


def scored_kinds(record: Mapping[str, Any]) -> frozenset[str]:
    """The kinds the record's guideline version annotated (version 1 when unstated)."""
    version = int(record.get("guideline_version") or 1)
    return KINDS_BY_VERSION[min(version, max(KINDS_BY_VERSION))]


def load_gold(path: Path | str = GOLD_FILE) -> list[dict[str, Any]]:
    """The gold records, one per article (see eval/claims/GUIDELINE.md)."""
    with Path(path).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold_claims(record: Mapping[str, Any]) -> list[ClaimRec]:
    """Gold claims of one record as :class:`ClaimRec` (offsets are already raw)."""
    return [
        ClaimRec(c["kind"], c["content"], c["content_start"], c["content_end"],
                 c.get("speaker"), c.get("speaker_canonical"), c.get("cue"),
                 bool(c.get("marginal", False)))
        for c in record["claims"]
    ]


def predicted_claims(doc: PipelineDoc) -> list[ClaimRec]:
    """The pipeline's attributed claims with offsets mapped to the raw text.

    When the alignment cannot place a span (never seen on the gold texts), the content
    string is looked up in the raw text, nearest to where the body offset would put it;
    if even that fails the claim keeps ``start=None`` and is scored by string overlap.
    """
    out = []
    for row in doc.tables.get("claims", []):
        if row["kind"] not in ATTRIBUTED_KINDS:
            continue
        span = doc.offsets.span(row["content_start"], row["content_end"])
        if span is None:
            span = _find_nearest(doc.text, row["content"], row["content_start"])
        claim_id = row.get("claim_id")
        record = doc.claims[claim_id] if claim_id is not None and claim_id < len(
            doc.claims) else None
        out.append(ClaimRec(
            row["kind"], row["content"], span[0] if span else None, span[1] if span else None,
            row.get("speaker"), row.get("speaker_canonical"), row.get("cue"), False,
            row.get("speaker_entity_id"), getattr(record, "speaker_via", None)))
    return out


def _find_nearest(text: str, needle: str, near: int) -> tuple[int, int] | None:
    hits = [m.start() for m in re.finditer(re.escape(needle), text)] if needle else []
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - near))
    return best, best + len(needle)


# --- scoring primitives -------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def _token_index(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the ``\\w+`` tokens of ``text`` (cached: every pair of a
    document is scored against the same text)."""
    found = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    return [s for s, _ in found], [e for _, e in found]


def token_positions(text: str, start: int, end: int) -> frozenset[int]:
    """Start offsets of the ``\\w+`` tokens of ``text`` that overlap ``[start, end)``."""
    starts, ends = _token_index(text)
    lo = bisect.bisect_right(ends, start)  # first token ending after ``start``
    hi = bisect.bisect_left(starts, end)  # tokens starting before ``end``
    return frozenset(starts[lo:hi])


def _f1(common: int, a: int, b: int) -> float:
    return 2 * common / (a + b) if a + b else 0.0


def string_token_f1(a: str, b: str) -> float:
    """Multiset F1 of lowercased word tokens (the fallback for unmapped spans)."""
    ta, tb = Counter(_WORD.findall(a.lower())), Counter(_WORD.findall(b.lower()))
    return _f1(sum((ta & tb).values()), sum(ta.values()), sum(tb.values()))


def content_overlap(pred: ClaimRec, gold: ClaimRec, text: str) -> float:
    """Token F1 of the two contents, tokens identified by their position in ``text``."""
    if pred.start is None or pred.end is None or gold.start is None or gold.end is None:
        return string_token_f1(pred.content, gold.content)
    a = token_positions(text, pred.start, pred.end)
    b = token_positions(text, gold.start, gold.end)
    return _f1(len(a & b), len(a), len(b))


def greedy_match(
    n_pred: int,
    n_gold: int,
    score: Callable[[int, int], float],
    threshold: float = MATCH_THRESHOLD,
) -> list[tuple[int, int, float]]:
    """One-to-one greedy matching: best-scoring pairs first, each side used once.

    Pairs scoring below ``threshold`` are never matched. Ties are broken by gold index,
    then prediction index, so the result does not depend on dict or set order.
    """
    pairs = [
        (s, g, p)
        for p in range(n_pred)
        for g in range(n_gold)
        if (s := score(p, g)) >= threshold
    ]
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for s, g, p in pairs:
        if p in used_p or g in used_g:
            continue
        used_p.add(p)
        used_g.add(g)
        out.append((p, g, s))
    return out


_PRONOUNS = frozenset((
    "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "this",
    "that", "who", "one", "someone",
))
_AUX = frozenset((
    "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will",
    "would", "shall", "should", "can", "could", "may", "might", "must", "do", "does",
    "did", "also", "then", "later",
))


def normalise_name(name: str | None) -> str:
    """Casefolded words of a name: NFKC, curly apostrophes straightened, possessive
    ``'s`` and punctuation dropped, a leading "the" removed ("The U.N.'s" -> "un")."""
    if not name:
        return ""
    s = unicodedata.normalize("NFKC", name).casefold().replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s]", "", s)
    words = s.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _contains_words(longer: str, shorter: str) -> bool:
    return bool(shorter) and f" {shorter} " in f" {longer} "


def speaker_correct(
    pred_speaker: str | None,
    pred_canonical: str | None,
    gold_speaker: str | None,
    gold_canonical: str | None,
) -> bool:
    """Whether a predicted speaker names the gold speaker.

    Exactly: names are compared after :func:`normalise_name`. The gold *targets* are the
    gold ``speaker_canonical`` and, unless it is a pronoun or a word-substring of the
    canonical (a short form such as "Xi" of "Xi Jinping"), the gold ``speaker`` as
    written (so a spelling the gold unified, "Bauchtman" -> "Lydia Buchtmann", still
    counts). The *predicted names* are ``speaker_canonical`` and ``speaker`` unless the
    latter is a pronoun. The prediction is correct when a predicted name

    * equals a target, or
    * contains a target as whole words (a fuller form: "Afghan Ambassador Hamdullah
      Mohib" for "Hamdullah Mohib", "critics of the plan" for "critics"), or
    * is contained in a target as whole words *and* has at least two words
      ("Central News Agency" in "Korean Central News Agency").

    A one-word partial name ("Xi", "Mohib") is therefore only correct when the pipeline
    resolved it: its ``speaker_canonical`` must be the full canonical. When the gold
    has no speaker (agentless passives), only a prediction without speaker is correct.
    """
    if gold_speaker is None and gold_canonical is None:
        return pred_speaker is None and pred_canonical is None
    gc = normalise_name(gold_canonical)
    gs = normalise_name(gold_speaker)
    targets = {gc} if gc else set()
    if gs and gs not in _PRONOUNS and not (gc and _contains_words(gc, gs) and gs != gc):
        targets.add(gs)
    names = {normalise_name(pred_canonical)}
    ps = normalise_name(pred_speaker)
    if ps not in _PRONOUNS:
        names.add(ps)
    names.discard("")
    for n in names:
        for t in targets:
            if n == t or _contains_words(n, t):
                return True
            if _contains_words(t, n) and len(n.split()) >= 2:
                return True
    return False


#: Speaker strategies that take the speaker from elsewhere than the claim's own cue (the
#: inheritance strategies of the claims engine; a test keeps the two lists equal).
INHERITED_VIA: frozenset[str] = frozenset((
    "continuation", "continuation_later", "split_quote", "credit_line", "colon_clause",
    "last_report",
    "previous_subject", "paragraph_only",
))
#: Causes of a wrong speaker, in the order they are tried (the first that applies).
SPEAKER_ERROR_CAUSES: tuple[str, ...] = (
    "speaker_where_gold_has_none", "no_speaker_found", "pronoun_resolved_wrongly",
    "inherited_wrongly", "non_entity_phrasing_differs", "wrong_person",
)
_NAME_FILLERS = frozenset(("a", "an", "of", "the", "for", "and", "in", "at", "to"))


def speaker_error_cause(pred: ClaimRec, gold: ClaimRec) -> str:
    """Why a matched prediction's speaker is wrong (one of `SPEAKER_ERROR_CAUSES`).

    * ``speaker_where_gold_has_none``: the gold has no speaker (an agentless passive);
    * ``no_speaker_found``: the prediction has none;
    * ``pronoun_resolved_wrongly``: the predicted speaker is a pronoun whose antecedent
      (its ``speaker_canonical``) is not the gold speaker;
    * ``inherited_wrongly``: the speaker came from an inheritance strategy
      (`INHERITED_VIA`: a neighbouring quote, a credit line, the previous sentence…);
    * ``non_entity_phrasing_differs``: a speaker that is no entity and shares a word with
      the gold speaker ("a spokesman" for "the ministry spokesman");
    * ``wrong_person``: anybody else.
    """
    if gold.speaker is None and gold.speaker_canonical is None:
        return "speaker_where_gold_has_none"
    if pred.speaker is None and pred.speaker_canonical is None:
        return "no_speaker_found"
    if normalise_name(pred.speaker) in _PRONOUNS:
        return "pronoun_resolved_wrongly"
    if pred.speaker_via in INHERITED_VIA:
        return "inherited_wrongly"
    pred_words = set(normalise_name(pred.speaker).split()) | set(
        normalise_name(pred.speaker_canonical).split())
    gold_words = set(normalise_name(gold.speaker).split()) | set(
        normalise_name(gold.speaker_canonical).split())
    if pred.speaker_entity_id is None and (pred_words & gold_words) - _NAME_FILLERS:
        return "non_entity_phrasing_differs"
    return "wrong_person"


def normalise_cue(cue: str | None) -> str:
    """Casefolded cue without leading auxiliaries or adverbs ("has also said" -> "said")."""
    words = (cue or "").casefold().replace("’", "'").split()
    while len(words) > 1 and words[0] in _AUX:
        words = words[1:]
    return " ".join(words)


def cue_correct(pred_cue: str | None, gold_cue: str | None) -> bool:
    """Equal after :func:`normalise_cue` (the gold strips auxiliaries: "has said" -> "said");
    both null (a continuation quote with no reporting expression) is correct too."""
    return normalise_cue(pred_cue) == normalise_cue(gold_cue)


# --- scoring ----------------------------------------------------------------------------


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass
class _Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    ignored: int = 0
    speaker_ok: int = 0
    cue_ok: int = 0
    via_matched: Counter[str] = field(default_factory=Counter)
    via_unmatched: Counter[str] = field(default_factory=Counter)
    via_speaker_ok: Counter[str] = field(default_factory=Counter)
    speaker_errors: Counter[str] = field(default_factory=Counter)

    def result(self) -> dict[str, Any]:
        vias = sorted(set(self.via_matched) | set(self.via_unmatched))
        return {
            **_prf(self.tp, self.fp, self.fn),
            "ignored": self.ignored,
            "speaker_accuracy": _ratio(self.speaker_ok, self.tp),
            "speaker_correct": self.speaker_ok,
            "cue_accuracy": _ratio(self.cue_ok, self.tp),
            "cue_correct": self.cue_ok,
            "speaker_via": {
                v: {"matched": self.via_matched[v], "unmatched": self.via_unmatched[v],
                    "speaker_correct": self.via_speaker_ok[v]}
                for v in vias
            },
            "speaker_errors": {c: self.speaker_errors[c] for c in SPEAKER_ERROR_CAUSES},
        }


#: How `speaker_via` is shown when a prediction has no speaker.
NO_VIA = "(no speaker)"


def _describe(c: ClaimRec) -> dict[str, Any]:
    return {"kind": c.kind, "content": c.content, "start": c.start, "end": c.end,
            "speaker": c.speaker, "speaker_canonical": c.speaker_canonical, "cue": c.cue,
            "marginal": c.marginal, "speaker_via": c.speaker_via}


def _score_pairs(
    doc: DocClaims,
    preds: Sequence[ClaimRec],
    golds: Sequence[ClaimRec],
    include_marginal: bool,
    tally: _Tally,
    errors: list[dict[str, Any]] | None,
    label: str,
) -> list[tuple[int, int, float]]:
    """Match ``preds`` to ``golds`` of one document and add the outcome to ``tally``."""
    matches = greedy_match(len(preds), len(golds),
                           lambda p, g: content_overlap(preds[p], golds[g], doc.text))
    matched_p = {p for p, _, _ in matches}
    matched_g = {g for _, g, _ in matches}
    for p, g, s in matches:
        gold, pred = golds[g], preds[p]
        if gold.marginal and not include_marginal:
            tally.ignored += 1
            continue
        tally.tp += 1
        sp_ok = speaker_correct(pred.speaker, pred.speaker_canonical, gold.speaker,
                                gold.speaker_canonical)
        cue_ok = cue_correct(pred.cue, gold.cue)
        tally.speaker_ok += sp_ok
        tally.cue_ok += cue_ok
        via = pred.speaker_via or NO_VIA
        tally.via_matched[via] += 1
        tally.via_speaker_ok[via] += sp_ok
        cause = None if sp_ok else speaker_error_cause(pred, gold)
        if cause is not None:
            tally.speaker_errors[cause] += 1
        if errors is not None and not (sp_ok and cue_ok):
            errors.append({"doc_id": doc.doc_id, "scope": label,
                           "error": "wrong_speaker" if not sp_ok else "wrong_cue",
                           "cause": cause, "overlap": round(s, 3), "gold": _describe(gold),
                           "pred": _describe(pred)})
    for p, pred in enumerate(preds):
        if p not in matched_p:
            tally.fp += 1
            tally.via_unmatched[pred.speaker_via or NO_VIA] += 1
            if errors is not None:
                errors.append({"doc_id": doc.doc_id, "scope": label,
                               "error": "false_positive", "pred": _describe(pred)})
    for g, gold in enumerate(golds):
        if g not in matched_g and (include_marginal or not gold.marginal):
            tally.fn += 1
            if errors is not None:
                errors.append({"doc_id": doc.doc_id, "scope": label, "error": "missed",
                               "gold": _describe(gold)})
    return matches


def score_claims(docs: Iterable[DocClaims], include_marginal: bool = False) -> dict[str, Any]:
    """Per-kind and all-attributed-kinds figures over ``docs`` (micro-averaged).

    Returns ``kinds`` (per kind: precision, recall, f1, tp, fp, fn, ignored,
    speaker_accuracy, cue_accuracy), ``all_attributed`` (the same with the kind
    ignored, plus ``kind_confusion`` gold kind -> predicted kind over its matches),
    ``speaker_accuracy_matched`` (over the per-kind matches of every kind), ``docs``,
    ``gold_claims`` and ``errors`` (per-kind misses, false positives and wrong
    speakers/cues; the all-kinds scope's own errors are left out to avoid repeats).
    """
    docs = list(docs)
    kinds = {k: _Tally() for k in ATTRIBUTED_KINDS}
    overall = _Tally()
    confusion: dict[str, Counter[str]] = {k: Counter() for k in ATTRIBUTED_KINDS}
    errors: list[dict[str, Any]] = []
    n_gold = 0
    for doc in docs:
        n_gold += sum(1 for g in doc.gold if include_marginal or not g.marginal)
        for kind in ATTRIBUTED_KINDS:
            preds = [c for c in doc.pred if c.kind == kind]
            golds = [c for c in doc.gold if c.kind == kind]
            _score_pairs(doc, preds, golds, include_marginal, kinds[kind], errors, kind)
        preds = [c for c in doc.pred if c.kind in ATTRIBUTED_KINDS]
        golds = [c for c in doc.gold if c.kind in ATTRIBUTED_KINDS]
        for p, g, _ in _score_pairs(doc, preds, golds, include_marginal, overall, None,
                                    "all"):
            if include_marginal or not golds[g].marginal:
                confusion[golds[g].kind][preds[p].kind] += 1
    speaker_ok = sum(t.speaker_ok for t in kinds.values())
    matched = sum(t.tp for t in kinds.values())
    return {
        "docs": len(docs),
        "doc_ids": [d.doc_id for d in docs],
        "gold_claims": n_gold,
        "predicted_claims": sum(len(d.pred) for d in docs),
        "kinds": {k: t.result() for k, t in kinds.items()},
        "all_attributed": {**overall.result(),
                           "kind_confusion": {k: dict(v) for k, v in confusion.items()}},
        "speaker_accuracy_matched": _ratio(speaker_ok, matched),
        "errors": errors,
    }


def target_checks(result: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The three claims targets read off a :func:`score_claims` result."""
    values = {
        "direct_quote_speaker_accuracy": result["kinds"]["direct_quote"]["speaker_accuracy"],
        "indirect_recall": result["kinds"]["indirect"]["recall"],
        "all_attributed_precision": result["all_attributed"]["precision"],
    }
    return {
        name: {"value": v, "target": TARGETS[name], "met": v is not None and v >= TARGETS[name]}
        for name, v in values.items()
    }


def build_docs(records: Sequence[Mapping[str, Any]], run: PipelineRun) -> list[DocClaims]:
    """Pair every gold record with the pipeline's claims for its text."""
    out = []
    for rec in records:
        pdoc = run.docs.get(rec["doc_id"])
        pred = predicted_claims(pdoc) if pdoc is not None else []
        kinds = scored_kinds(rec)
        pred = [c for c in pred if c.kind in kinds]
        out.append(DocClaims(rec["doc_id"], rec["split"], rec["text"], gold_claims(rec), pred))
    return out


def evaluate_claims(
    run: PipelineRun | None = None, gold_path: Path | str = GOLD_FILE,
    splits: Sequence[str] = SPLITS,
) -> dict[str, Any]:
    """The given splits ("dev", "test", "all") with and without marginal gold claims.

    ``run`` is a :func:`run_pipeline` result covering the gold doc ids (it is computed
    when omitted, on the articles of `splits` only). Result: ``{split:
    {"marginal_excluded": ..., "marginal_included": ..., "targets": ...}}`` plus
    ``alignment`` (minimum share of body characters mapped).
    """
    records = load_gold(gold_path)
    if "all" not in splits:
        records = [r for r in records if r["split"] in splits]
    if run is None:
        run = run_pipeline({r["doc_id"]: r["text"] for r in records})
    docs = build_docs(records, run)
    out: dict[str, Any] = {}
    for split in splits:
        chosen = [d for d in docs if split == "all" or d.split == split]
        excluded = score_claims(chosen, include_marginal=False)
        out[split] = {
            "marginal_excluded": excluded,
            "marginal_included": score_claims(chosen, include_marginal=True),
            "targets": target_checks(excluded),
            # Marginal gold excluded, as the headline figures.
            "quote_strategies": strategy_counts(excluded),
            "speaker_errors": {
                cause: sum(k["speaker_errors"][cause] for k in excluded["kinds"].values())
                for cause in SPEAKER_ERROR_CAUSES
            },
        }
    covered = [run.docs[r["doc_id"]].offsets.coverage() for r in records
               if r["doc_id"] in run.docs]
    out["alignment_min_coverage"] = min(covered) if covered else None
    out["missing_docs"] = [r["doc_id"] for r in records if r["doc_id"] not in run.docs]
    return out


# --- printing ---------------------------------------------------------------------------


def _fmt(v: float | None) -> str:
    return "  n/a" if v is None else f"{v:.3f}"


def format_result(result: Mapping[str, Any], title: str) -> list[str]:
    """Lines of a per-kind table for one :func:`score_claims` result."""
    lines = [title,
             f"  {'kind':<15}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}{'ign':>5}"
             f"{'speaker':>9}{'cue':>7}"]
    rows = [*result["kinds"].items(), ("all attributed", result["all_attributed"])]
    for name, r in rows:
        lines.append(
            f"  {name:<15}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}"
            f"{r['tp']:>5}{r['fp']:>5}{r['fn']:>5}{r['ignored']:>5}"
            f"{_fmt(r['speaker_accuracy']):>9}{_fmt(r['cue_accuracy']):>7}"
        )
    return lines


#: The claim kinds whose speakers come from quote attribution and inheritance.
QUOTE_KINDS: tuple[str, ...] = ("direct_quote", "partial_quote")


def strategy_counts(
    result: Mapping[str, Any], kinds: Sequence[str] = QUOTE_KINDS
) -> dict[str, dict[str, int]]:
    """Per speaker rule or inheritance strategy, summed over `kinds` of a
    :func:`score_claims` result: predictions that matched a gold claim, how many of those
    had the right speaker, and predictions that matched none."""
    totals: dict[str, Counter[str]] = {}
    for kind in kinds:
        for via, c in result["kinds"][kind]["speaker_via"].items():
            totals.setdefault(via, Counter()).update(c)
    return {
        via: {key: totals[via][key] for key in ("matched", "speaker_correct", "unmatched")}
        for via in sorted(totals, key=lambda v: (-sum(totals[v].values()), v))
    }


def format_strategies(result: Mapping[str, Any], kinds: Sequence[str] = QUOTE_KINDS) -> list[str]:
    """Lines of :func:`strategy_counts` (quotes by default)."""
    lines = [f"Speaker rule / inheritance strategy of predicted quotes ({', '.join(kinds)})",
             f"  {'strategy':<22}{'matched':>9}{'speaker ok':>12}{'unmatched':>11}"]
    for via, c in strategy_counts(result, kinds).items():
        lines.append(f"  {via:<22}{c['matched']:>9}{c['speaker_correct']:>12}"
                     f"{c['unmatched']:>11}")
    return lines


def format_speaker_errors(result: Mapping[str, Any]) -> list[str]:
    """Lines of the wrong speakers of matched claims by cause, per kind."""
    kinds = list(result["kinds"])
    lines = ["Speaker errors of matched claims by cause",
             f"  {'cause':<30}" + "".join(f"{k:>15}" for k in kinds) + f"{'total':>8}"]
    for cause in SPEAKER_ERROR_CAUSES:
        counts = [result["kinds"][k]["speaker_errors"][cause] for k in kinds]
        lines.append(f"  {cause:<30}" + "".join(f"{n:>15}" for n in counts)
                     + f"{sum(counts):>8}")
    return lines


def _short(c: Mapping[str, Any], width: int = 110) -> str:
    text = c["content"] if len(c["content"]) <= width else c["content"][: width - 1] + "…"
    who = c["speaker_canonical"] or c["speaker"]
    return f"[{c['kind']}] {who!r} {c['cue']!r}: {text!r}"


def format_errors(result: Mapping[str, Any]) -> list[str]:
    """Per-document listing of misses, false positives and wrong speakers/cues."""
    lines: list[str] = []
    by_doc: dict[str, list[Mapping[str, Any]]] = {}
    for e in result["errors"]:
        by_doc.setdefault(e["doc_id"], []).append(e)
    order = {"missed": 0, "false_positive": 1, "wrong_speaker": 2, "wrong_cue": 3}
    for doc_id in result["doc_ids"]:
        errs = sorted(by_doc.get(doc_id, []), key=lambda e: (order[e["error"]],
                      (e.get("gold") or e.get("pred") or {}).get("start") or 0))
        lines.append(f"  {doc_id}: {len(errs)} error(s)")
        for e in errs:
            if e["error"] == "missed":
                lines.append(f"    MISSED  {_short(e['gold'])}"
                             + ("  (marginal)" if e["gold"]["marginal"] else ""))
            elif e["error"] == "false_positive":
                lines.append(f"    FP      {_short(e['pred'])}")
            else:
                tag = "SPEAKER" if e["error"] == "wrong_speaker" else "CUE    "
                lines.append(f"    {tag} gold {_short(e['gold'], 60)}")
                lines.append(f"            pred {_short(e['pred'], 60)}"
                             f"  via {e['pred'].get('speaker_via')}"
                             + (f", cause {e['cause']}" if e.get("cause") else ""))
    return lines


def main(argv: list[str] | None = None) -> None:
    """Print the claims tables (standalone; ``python -m eval`` prints all)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, default="test")
    parser.add_argument("--verbose", action="store_true", help="list errors per document")
    parser.add_argument("--gold", default=str(GOLD_FILE),
                        help="gold file (default: $CLAIMS_GOLD or eval/claims/gold.jsonl)")
    args = parser.parse_args(argv)
    res = evaluate_claims(gold_path=args.gold, splits=(args.split,))
    chosen = res[args.split]
    for key, title in (("marginal_excluded", "marginal gold excluded (headline)"),
                       ("marginal_included", "marginal gold included")):
        print("\n".join(format_result(chosen[key], f"Claims, split={args.split}, {title}")))
    for name, t in chosen["targets"].items():
        print(f"  target {name} >= {t['target']}: {_fmt(t['value'])} "
              f"{'met' if t['met'] else 'NOT met'}")
    print("\n".join(format_strategies(chosen["marginal_excluded"])))
    print("\n".join(format_speaker_errors(chosen["marginal_excluded"])))
    if args.verbose:
        print("\n".join(format_errors(chosen["marginal_excluded"])))


if __name__ == "__main__":
    main()
