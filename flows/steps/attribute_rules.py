"""The model's attribute rules as lookups: the same output as spaCy's AttributeRuler, faster.

spaCy's `AttributeRuler` runs a `Matcher` holding every rule (179 in en_core_web_sm
3.8: the tag map, the morph rules, a few two-token lemma rules) over every token. On
long news that is 11.7 % of the model's CPU (64 long Wikinews articles, each component
timed in one process: tok2vec 2.87 s, parser 1.87 s, attribute_ruler 1.41 s, ner
5.52 s of 12.0 s), a Matcher's worth of state machines to find, for nearly every token, the one
rule keyed by its tag and the one keyed by its lowercase form.

`compile_rules` turns the ruler's public `patterns` into lookups: each pattern is
indexed under one exact value it requires (a LOWER, a TAG, a member of an IN list...),
and a token's single-token rules are cached by the attributes the rules read, so a
typical token costs one tuple and one dict lookup. The semantics are the ruler's: all
rules are matched against the doc as the earlier components left it, then applied in
rule order, so a later rule wins an attribute a former one also set. Patterns outside
the subset handled here (operators, other attributes, other predicates) make
`compile_rules` return None, and the stock component stays.

Identity is tested, not assumed: `tests/steps/test_attribute_rules.py` compares every
token's TAG, POS, MORPH, DEP, LEMMA and HEAD against the stock pipeline on real text (the
GUM news documents, the seed and the test articles), plus hand-built Docs for each kind
of rule. Measured on the same 64 articles, the component alone: 1.33-1.52 s stock, 0.09 s
compiled; the whole model with both swaps, interleaved per 4 articles on 100 long
articles: 0.855 of the stock model's CPU.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: Token attributes a pattern may test (read with `Doc.to_array`, compared as the
#: Matcher does: strings by their hash, IS_SPACE as a boolean).
READ = {"ORTH": ORTH, "LOWER": LOWER, "NORM": NORM, "TAG": TAG, "POS": POS, "DEP": DEP,
        "IS_SPACE": IS_SPACE}
#: Attributes a rule may set, in `Doc.from_array` order.
WRITE = {"TAG": TAG, "POS": POS, "MORPH": MORPH, "DEP": DEP, "LEMMA": LEMMA}
#: The attribute a pattern is indexed under, when its first token gives it an exact value
#: (or an IN list): the most selective first.
ANCHORS = ("ORTH", "LOWER", "NORM", "TAG", "DEP", "POS", "IS_SPACE")

Test = Callable[[tuple[int, ...]], bool]


@dataclass(frozen=True)
class Pattern:
    """One token sequence of one rule; `target` is the offset of the token it sets."""

    rule: int
    tests: tuple[Test, ...]
    target: int


@dataclass(frozen=True)
class CompiledRules:
    """Patterns indexed by (attribute, exact value) of their first token."""

    columns: tuple[str, ...]  # READ keys, in the order of a token's key tuple
    anchors: tuple[tuple[int, int], ...]  # (position in the key tuple, attribute id)
    index: Mapping[tuple[int, int], tuple[Pattern, ...]]
    anywhere: tuple[Pattern, ...]  # first token with no exact value to index by
    values: tuple[Mapping[int, int], ...]  # per rule: WRITE attribute id -> value
    writes: tuple[int, ...]  # WRITE attribute ids any rule sets


def compile_rules(patterns: Iterable[Mapping[str, Any]], vocab: Vocab) -> CompiledRules | None:
    """The ruler's `patterns` as lookups, or None if one uses anything not handled here."""
    rules = list(patterns)
    if not _all_readable(rules):
        return None
    used = {key for rule in rules for pattern in rule.get("patterns", ())
            for token in pattern for key in token}
    columns = tuple(key for key in READ if key in used)
    position = {key: i for i, key in enumerate(columns)}
    index: dict[tuple[int, int], list[Pattern]] = {}
    anywhere: list[Pattern] = []
    values: list[dict[int, int]] = []
    for number, rule in enumerate(rules):
        written = _values(rule.get("attrs", {}), vocab)
        if written is None:
            return None
        values.append(written)
        for sequence in rule["patterns"]:
            target = rule.get("index", 0)
            target = target + len(sequence) if target < 0 else target
            if not sequence or not 0 <= target < len(sequence):
                return None
            tests = [_test(token, position, vocab) for token in sequence]
            if any(t is None for t in tests):
                return None
            compiled = Pattern(number, tuple(tests), target)  # type: ignore[arg-type]
            keys = _anchor(sequence[0], vocab)
            if keys is None:
                anywhere.append(compiled)
            for key in keys or ():
                index.setdefault(key, []).append(compiled)
    writes = tuple(sorted({attr for v in values for attr in v}, key=list(WRITE.values()).index))
    anchors = tuple((at, READ[key]) for at, key in enumerate(columns))
    return CompiledRules(columns, anchors, {k: tuple(v) for k, v in index.items()},
                         tuple(anywhere), tuple(values), writes)


#: Key tuples remembered per component before the memo starts afresh (~15 MB at most).
MEMO_SIZE = 50_000

Memo = dict[tuple[int, ...], tuple[tuple[int, ...], tuple["Pattern", ...]]]


def apply(rules: CompiledRules, doc: Doc, memo: Memo | None = None) -> Doc:
    """Match every rule on `doc` as it is, then set the attributes in rule order.

    `memo` carries what a token key matched from one doc to the next (a component's
    docs share a vocabulary, so its hashes mean the same)."""
    n = len(doc)
    if n == 0 or not rules.writes:
        return doc
    keys = [tuple(row) for row in _columns(doc, [READ[c] for c in rules.columns]).tolist()]
    seen: Memo = {} if memo is None else memo
    if len(seen) > MEMO_SIZE:
        seen.clear()
    wider: dict[int, list[int]] = {}  # token -> rules matched through a longer pattern
    matched: list[tuple[int, ...]] = [()] * n
    for i, key in enumerate(keys):
        known = seen.get(key)
        if known is None:
            known = seen[key] = _first_token(rules, key)
        matched[i], longer = known
        for pattern in longer:
            end = i + len(pattern.tests)
            if end <= n and all(pattern.tests[k](keys[i + k]) for k in range(1, end - i)):
                wider.setdefault(i + pattern.target, []).append(pattern.rule)
    out = _columns(doc, list(rules.writes))
    column = {attr: j for j, attr in enumerate(rules.writes)}
    settled: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}
    for i in range(n):
        hit = matched[i]
        if i in wider:
            hit = tuple(sorted(set(hit) | set(wider[i])))
            sets = _settle(rules, hit)
        else:
            sets = settled.get(hit)
            if sets is None:
                sets = settled[hit] = _settle(rules, hit)
        for attr, value in sets:
            out[i, column[attr]] = value
    doc.from_array(list(rules.writes), out)
    return doc


def _columns(doc: Doc, attrs: list[int]) -> Any:
    """`Doc.to_array` as one row per token even for one attribute (it returns 1-D then)."""
    return doc.to_array(attrs).reshape((len(doc), len(attrs)))


@Language.factory("newstables_attribute_rules", default_config={})
def make_attribute_rules(nlp: Language, name: str) -> AttributeRules:
    return AttributeRules(nlp.vocab)


class AttributeRules:
    """A pipeline component holding compiled rules (`load` them from a stock ruler)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.rules: CompiledRules | None = None
        self.memo: Memo = {}

    def load(self, rules: CompiledRules) -> None:
        self.rules = rules
        self.memo = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:
            raise ValueError("newstables_attribute_rules has no rules loaded")
        return apply(self.rules, doc, self.memo)


def use_compiled(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Swap the stock ruler `name` for its compiled twin, if its rules allow; True if so."""
    if name not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe(name)
    rules = compile_rules(getattr(stock, "patterns", None) or (), nlp.vocab)
    if rules is None or not getattr(stock, "patterns", None):
        return False
    nlp.replace_pipe(name, "newstables_attribute_rules")
    nlp.get_pipe(name).load(rules)
    return True


# --------------------------------------------------------------------------------------
# compiling


def _all_readable(rules: Sequence[Mapping[str, Any]]) -> bool:
    for rule in rules:
        for pattern in rule.get("patterns", ()):
            for token in pattern:
                if not isinstance(token, Mapping) or not set(token) <= set(READ):
                    return False
    return True


def _values(attrs: Mapping[str, Any], vocab: Vocab) -> dict[int, int] | None:
    out: dict[int, int] = {}
    for name, value in attrs.items():
        if name not in WRITE or not isinstance(value, str):
            return None
        if name == "MORPH":
            out[MORPH] = vocab.morphology.add(value)
        else:
            out[WRITE[name]] = vocab.strings.add(value)
    return out


def _hash(key: str, value: Any, vocab: Vocab) -> int | None:
    if key == "IS_SPACE":
        return int(value) if isinstance(value, bool) else None
    return vocab.strings.add(value) if isinstance(value, str) else None


def _test(token: Mapping[str, Any], position: Mapping[str, int], vocab: Vocab) -> Test | None:
    """One predicate over a token's key tuple, the conjunction of its attribute tests."""
    parts: list[Callable[[tuple[int, ...]], bool]] = []
    for key, spec in token.items():
        at = position[key]
        if not isinstance(spec, dict):
            want = _hash(key, spec, vocab)
            if want is None:
                return None
            parts.append(lambda row, at=at, want=want: row[at] == want)
            continue
        if len(spec) != 1:
            return None
        (op, arg), = spec.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list):
            members = {_hash(key, v, vocab) for v in arg}
            if None in members:
                return None
            if op == "IN":
                parts.append(lambda row, at=at, m=frozenset(members): row[at] in m)
            else:
                parts.append(lambda row, at=at, m=frozenset(members): row[at] not in m)
        elif op == "REGEX" and isinstance(arg, str) and key != "IS_SPACE":
            regex = re.compile(arg)
            strings = vocab.strings
            parts.append(lambda row, at=at, rx=regex, s=strings: rx.search(s[row[at]]) is not None)
        else:
            return None
    frozen = tuple(parts)
    return lambda row: all(part(row) for part in frozen)


def _anchor(token: Mapping[str, Any], vocab: Vocab) -> list[tuple[int, int]] | None:
    """Exact (attribute, value) keys a token must have one of, or None if none can say."""
    for key in ANCHORS:
        spec = token.get(key)
        if spec is None:
            continue
        if not isinstance(spec, dict):
            return [(READ[key], _hash(key, spec, vocab))]  # type: ignore[list-item]
        if set(spec) == {"IN"}:  # each value once: a token then finds the pattern once
            values = dict.fromkeys(_hash(key, v, vocab) for v in spec["IN"])
            return [(READ[key], v) for v in values]  # type: ignore[misc]
    return None


# --------------------------------------------------------------------------------------
# matching


def _candidates(rules: CompiledRules, key: tuple[int, ...]) -> Iterable[Pattern]:
    """Patterns whose first token may be this one: a pattern is indexed under values of
    one attribute only, and a token has one value per attribute, so each comes once."""
    for position, attr in rules.anchors:
        yield from rules.index.get((attr, key[position]), ())
    yield from rules.anywhere


def _first_token(rules: CompiledRules, key: tuple[int, ...]
                 ) -> tuple[tuple[int, ...], tuple[Pattern, ...]]:
    """Rules a token with this key matches alone, and longer patterns it may begin."""
    first = [p for p in _candidates(rules, key) if p.tests[0](key)]
    alone = tuple(sorted({p.rule for p in first if len(p.tests) == 1}))
    return alone, tuple(p for p in first if len(p.tests) > 1)


def _settle(rules: CompiledRules, matched: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
    """The value each attribute ends with: rules applied in order, the last one wins."""
    final: dict[int, int] = {}
    for rule in matched:
        final.update(rules.values[rule])
    return tuple(final.items())
