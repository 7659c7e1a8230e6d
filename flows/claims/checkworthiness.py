"""Check-worthiness: transparent features that say whether a sentence states a checkable fact.

`score_check_worthiness(span)` returns a score in [0, 1] and the names of the features
that fired; the score is the clipped sum of their `FEATURE_WEIGHTS`. Numbers, statistics,
percentages, money, dates, named entities and past events raise it; modals, hedges,
first/second person, questions, imperatives and subjective or descriptive language lower
it. A sentence without a finite verb (headline fragment, dateline) gets the
pseudo-feature `no_finite_verb` and score 0.

Why features and not a classifier: the claims table stores the score next to the feature
names, so an analyst can see why a sentence was kept and recompute the score by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Token

from flows.claims.lexicon_en import (
    FEATURE_WEIGHTS,
    HEDGE_VERBS,
    HEDGES,
    MODALS_FUTURE,
    MODALS_HEDGING,
    NE_LABELS,
    STATIVE,
    SUBJECT_DEPS,
    SUBJECTIVE,
)
from flows.steps.docindex import children


def score_check_worthiness(span: Iterable[Token]) -> tuple[float, list[str]]:
    """Check-worthiness in [0, 1] from named features; returns (score, fired features).

    Why features and not a classifier: the score is stored next to the feature names so
    that an analyst can see why a sentence was kept. A sentence without a finite verb
    (headline fragment, dateline) gets the pseudo-feature `no_finite_verb` and score 0.
    """
    toks = [t for t in span if not t.is_space]
    words = [t for t in toks if not t.is_punct]
    fired: list[str] = []
    finite = any(
        t.tag_ in {"VBD", "VBZ", "VBP", "MD"}
        or (
            t.tag_ in {"VB", "VBN", "VBG"}
            and any(c.dep_ in {"aux", "auxpass"} for c in children(t))
        )
        for t in toks
    )
    if not finite:
        return 0.0, ["no_finite_verb"]
    fired.append("finite_verb")
    labels_by_tok = [t.ent_type_ for t in toks]
    # Distinct entities (B-I-O aware), so "Xi Jinping" counts once.
    ne_texts: set[str] = set()
    current: list[str] = []
    for t in toks:
        if t.ent_type_ in NE_LABELS and (t.ent_iob_ == "I" and current):
            current.append(t.lower_)
            continue
        if current:
            ne_texts.add(" ".join(current))
        current = [t.lower_] if t.ent_type_ in NE_LABELS else []
    if current:
        ne_texts.add(" ".join(current))
    if ne_texts:
        fired.append("named_entity")
        if len(ne_texts) >= 2:
            fired.append("multiple_entities")
    numbers = [
        t for t in toks
        if (t.like_num or t.pos_ == "NUM")
        and t.ent_type_ not in {"DATE", "TIME", "ORDINAL"}
        and t.lower_ not in {"one", "two", "a"}
    ]
    if numbers:
        fired.append("number")
        if any(
            any(ch.isdigit() for ch in t.text)
            and (len([ch for ch in t.text if ch.isdigit()]) >= 2 or "." in t.text)
            for t in numbers
        ):
            fired.append("statistic")
    lowers = [t.lower_ for t in toks]
    if "PERCENT" in labels_by_tok or "%" in lowers or "percent" in lowers:
        fired.append("percent")
    if "MONEY" in labels_by_tok or any(t.tag_ == "$" for t in toks):
        fired.append("money")
    if "QUANTITY" in labels_by_tok:
        fired.append("quantity")
    if "DATE" in labels_by_tok or "TIME" in labels_by_tok:
        fired.append("date")
    if any(
        t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() not in STATIVE and (
            t.tag_ == "VBD"
            or (t.tag_ == "VBN" and any(
                c.dep_ in {"aux", "auxpass"} and c.lemma_ in {"have", "be"} for c in children(t)
            ))
        )
        for t in toks
    ):
        fired.append("past_event_verb")
    text_low = " ".join(lowers)
    if any(t.tag_ in {"JJR", "RBR"} for t in toks) or re.search(
        r"\b(more|less|fewer) than\b", text_low
    ):
        fired.append("comparative")
    if any(t.tag_ in {"JJS", "RBS"} for t in toks):
        fired.append("superlative")
    if any(t.tag_ == "MD" and t.lower_ in MODALS_HEDGING for t in toks):
        fired.append("modal")
    if any(t.tag_ == "MD" and t.lower_ in MODALS_FUTURE for t in toks):
        fired.append("future")
    if any(t.lower_ in HEDGES or (t.pos_ == "VERB" and t.lemma_ in HEDGE_VERBS) for t in toks):
        fired.append("hedge")
    if any(
        t.pos_ == "PRON" and t.lower_ in {"i", "me", "my", "mine", "we", "us", "our", "ours",
                                          "you", "your", "yours", "myself", "ourselves"}
        for t in toks
    ):
        fired.append("first_second_person")
    if any(t.text == "?" for t in toks[-2:]):
        fired.append("question")
    root = next((t for t in toks if t.dep_ == "ROOT"), None)
    if (
        root is not None
        and root.tag_ == "VB"
        and not any(c.dep_ in SUBJECT_DEPS or c.dep_ in {"aux", "expl"} for c in children(root))
        and words
        and words[0].i == root.i
    ):
        fired.append("imperative")
    if any(t.lower_ in SUBJECTIVE for t in toks):
        fired.append("subjective_language")
    if (
        root is not None
        and root.lemma_ in {"be", "seem", "look", "feel", "sound", "remain"}
        and any(c.dep_ == "acomp" for c in children(root))
        and not {"number", "percent", "money", "date", "quantity"} & set(fired)
    ):
        fired.append("copula_description")
    if len(words) < 6:
        fired.append("short")
    score = sum(FEATURE_WEIGHTS[f] for f in fired)
    return round(min(1.0, max(0.0, score)), 3), fired
