"""Partial quotes: quoted fragments embedded in the reporter's own sentence.

A passage that does not stand alone (see `direct.stands_alone`) is a fragment. It is a
`partial_quote` when it sits inside the complement of a reporting verb (the outermost
one: `said he believes "…"` has the cue `said`) or under an `according to X` of its
sentence; a one-word fragment only when the cue applies it directly (`called it
"reckless"`, not a quoted verb or a word deep in a reported clause). A short fragment
nothing reports (at most `SCARE_QUOTE_MAX_WORDS` words) is a scare quote and dropped; a
longer one is a `partial_quote` without a speaker. A title in running text (`launched
"The Big Switch" on Monday`) is nobody's words.
"""

from __future__ import annotations

from spacy.tokens import Token

from flows.claims.cues import according_obj, outermost_report
from flows.claims.detectors.base import Context, Finding
from flows.claims.detectors.direct import not_speech, stands_alone
from flows.claims.lexicon_en import (
    CONTENT_DEPS,
    CONTENT_PREPS,
    FRAGMENT_CUE_LEMMAS,
    SCARE_QUOTE_MAX_WORDS,
    SUBJECT_DEPS,
)
from flows.claims.passages import Passage, Quotes, is_title, terminal, word_count
from flows.claims.view import ArticleView
from flows.steps.docindex import children


class PartialQuoteDetector:
    """Fragments reported by a cue or an `according to`, and long unreported ones."""

    kind = "partial_quote"

    def detect(self, inp: Context) -> tuple[Finding, ...]:
        """One finding per reported (or long) fragment; `via` is ``fragment_cue`` or
        ``according_to``."""
        view, quotes = inp.view, inp.quotes
        out: list[Finding] = []
        for i, p in enumerate(quotes.passages):
            if not_speech(view, p) or stands_alone(view, quotes, p):
                continue
            if is_title(view, p) and word_count(view, p) >= 2 and not terminal(view, p):
                continue  # a title in running text (`launched "The Big Switch" on Monday`)
            cue = fragment_cue(view, quotes, p)
            attr = inp.speakers.attribution(cue) if cue is not None else None
            via = "fragment_cue"
            if attr is None or attr.speaker is None:
                # `By then "…", according to the paper`; an agentless `was told to "…"`.
                acc = according_in_sentence(view, quotes, p)
                if acc is not None:
                    attr, via = inp.speakers.attribution(acc), "according_to"
            if attr is not None:
                out.append(Finding(self.kind, p.start, p.end, attr, via, attr.cue_start, passage=i))
            elif word_count(view, p) > SCARE_QUOTE_MAX_WORDS:
                out.append(Finding(self.kind, p.start, p.end, passage=i))
        return tuple(out)


def fragment_cue(view: ArticleView, quotes: Quotes, p: Passage) -> Token | None:
    """Nearest reporting verb whose complement contains the embedded fragment."""
    toks = view.tokens_in(p.start, p.end)
    for i in toks:
        t = view.doc[i]
        if t.is_punct:
            continue
        if t.head.i == t.i or toks.start <= t.head.i < toks.stop:
            # `He "strongly condemned" the attack`: the cue itself is quoted.
            if (
                t.head.i == t.i
                and t.pos_ == "VERB"
                and t.lemma_.lower() in FRAGMENT_CUE_LEMMAS
                and any(
                    c.dep_ in SUBJECT_DEPS and not (toks.start <= c.i < toks.stop)
                    for c in children(t)
                )
            ):
                return t
            continue
        # A one-word fragment is the speaker's only when the cue applies it directly
        # (`called it "dangerous"`, `described the damage as "catastrophic"`); a
        # quoted verb or a word deeper in a reported clause is a scare quote
        # (`said it would "streamline" its operations`).
        one_word = word_count(view, p) == 1
        if one_word and t.pos_ in {"VERB", "AUX"}:
            return None
        max_arcs = 10
        if one_word:
            max_arcs = 3 if t.head.lower_ in {"as", "like"} else 2
            if t.pos_ == "ADJ" and t.dep_ == "amod":
                # An epithet the speaker gave a thing of the reported clause (`says
                # many had "unusual" burns`): the speaker's own word, so the act is a
                # partial quote, not an indirect claim.
                max_arcs = 4
            if t.dep_ == "conj":  # `"reckless" and "unworkable"`: as the first one
                max_arcs += 1
        child, cur = t, t.head
        for _ in range(max_arcs):
            if view.para_id(cur.idx) != p.para:
                break
            if cur.dep_ == "acl" and cur.tag_ == "VBN" and not quotes.in_quote(cur):
                break  # `a group called "X"`: a name, not a report
            if (
                not quotes.in_quote(cur)
                and cur.pos_ == "VERB"
                and cur.lemma_.lower() in FRAGMENT_CUE_LEMMAS
                and child.dep_ in CONTENT_DEPS
                and (child.dep_ != "prep" or child.lower_ in CONTENT_PREPS)
                and (child.dep_ != "conj" or child.pos_ in {"VERB", "AUX"} or any(
                    c.dep_ in {"oprd", "attr", "acomp"} and c.i < child.i
                    for c in children(cur)
                ))  # `called it "reckless" and "illegal"`
                and (child.dep_ != "advcl" or child.tag_ == "VBG")
            ):
                return outermost_report(view, quotes, cur)
            if cur.head.i == cur.i:
                break
            child, cur = cur, cur.head
    return None


def according_in_sentence(view: ArticleView, quotes: Quotes, p: Passage) -> Token | None:
    """An `according to X` of the passage's sentence, outside quotes."""
    for i in view.according.get(view.sent_id(p.start), ()):
        t = view.doc[i]
        if not quotes.in_quote(t) and according_obj(t) is not None:
            return t
    return None
