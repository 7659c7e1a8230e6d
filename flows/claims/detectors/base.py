"""The one small protocol every claim detector follows, and the records it returns.

A detector reads frozen stage outputs and returns `Finding`s: the kind, the content span,
the attribution and how the speaker was found (`via`). Detectors run in this order,
each taking the previous ones' findings as its input where it needs them:

1. `direct` and `partial` (quoted passages) take a `Context`;
2. inheritance (`flows.claims.inherit`) gives speakers to direct quotes without a cue;
3. `indirect`, `according`, `belief` and `nominal` take a `Reported` (the context plus
   the quote claims, whose content a reported claim may not overlap);
4. `assertion` takes an `Attributed` (every attributed claim and cue, which an assertion
   may not host).

Why a protocol and inputs as data: a detector cannot run before the stage it depends on,
because it cannot be called without that stage's output.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, TypeVar

from flows.claims.cues import PassageCue
from flows.claims.passages import Quotes
from flows.claims.speakers import Attribution, Speakers
from flows.claims.view import ArticleView

InT = TypeVar("InT", contravariant=True)


@dataclass(frozen=True, slots=True)
class Finding:
    """One claim found by a detector, before it becomes a `Claim` record."""

    kind: str  # direct_quote | partial_quote | indirect | belief | assertion
    start: int
    end: int
    attribution: Attribution | None = None
    via: str | None = None  # the rule or inheritance strategy that gave the speaker
    cue_char: int | None = None  # where the cue is, which an assertion may not host
    check_worthiness: float | None = None
    features: tuple[str, ...] = ()
    passage: int | None = None  # index of the quoted passage, for the quote kinds

    @property
    def speaker_via(self) -> str | None:
        """`via`, when the finding has a speaker at all."""
        a = self.attribution
        return self.via if a is not None and a.speaker is not None else None


@dataclass(frozen=True, slots=True, eq=False)
class Context:
    """Stages 1-4: the view, the passages, their own cues and the speaker resolver."""

    view: ArticleView
    quotes: Quotes
    cues: tuple[PassageCue | None, ...]  # one per passage
    speakers: Speakers

    def own_attribution(self, i: int) -> tuple[Attribution | None, str | None]:
        """Attribution of passage `i` from its own cue, and the rule that found the cue."""
        cue = self.cues[i]
        if cue is None:
            return None, None
        return self.speakers.attribution(cue.token), cue.via


@dataclass(frozen=True, slots=True, eq=False)
class Reported:
    """The context plus the quote claims (direct and partial, attributed or not)."""

    context: Context
    quote_findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Attributed:
    """Every attributed claim of the article, for the assertion detector."""

    view: ArticleView
    findings: tuple[Finding, ...]


class Detector(Protocol[InT]):
    """Finds the claims of one kind from the frozen output of the earlier stages."""

    kind: str

    def detect(self, inp: InT) -> tuple[Finding, ...]:
        """The findings of this detector's kind, in text order."""
        ...
