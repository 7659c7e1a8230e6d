"""Plain records passed between the pure steps.

They live in one module so that `entities`, `claims` and the table builder agree on
field names without importing each other. Offsets are always character (code point)
offsets into the cleaned article body.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Mention:
    """One named-entity mention, resolved to its per-article cluster."""

    entity_id: int  # ordinal of the mention within the article
    sentence_id: int
    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, DATE, ...
    canonical: str  # the cluster's canonical name ("Xi Jinping" for "Xi")
    cluster_id: int  # ordinal of the cluster within the article
    kb_id: str | None = None
    kb_source: str | None = None
    kb_name: str | None = None  # the kb entry's name: "Tajikistan" beside TJ
    latitude: float | None = None
    longitude: float | None = None
    normalized: str | None = None  # ISO date for DATE mentions, when known
    #: Identity across articles (see `entities.entity_keys`): `kb:<source>:<id>`,
    #: `person:<full name>`, `person:~<surname>`, `org:<name>`, `place:<name>`; None
    #: for other labels.
    entity_key: str | None = None


@dataclass(slots=True)
class Claim:
    """One attributed statement (or one of the article's own assertions)."""

    sentence_id: int  # sentence where the content starts
    last_sentence_id: int  # sentence where the content ends
    kind: str  # direct_quote | partial_quote | indirect | assertion
    content: str
    content_start: int
    content_end: int
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_canonical: str | None = None
    speaker_entity_id: int | None = None
    #: The speaker's identity across articles: the `entity_key` of the mention
    #: `speaker_entity_id` points to (set by `flows.batch`, which has the mentions).
    speaker_key: str | None = None
    cue: str | None = None
    cue_lemma: str | None = None
    addressee: str | None = None
    according_to: str | None = None
    check_worthiness: float | None = None
    features: list[str] = field(default_factory=list)
    #: Which cue rule or inheritance strategy gave the speaker ("dependency",
    #: "after_quote", "continuation", "credit_line", …); None without a speaker. Kept for
    #: the evaluation's error analysis, not a table column.
    speaker_via: str | None = None
