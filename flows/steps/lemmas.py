"""The model's lemmatizer, remembered per token form: the same lemmas, less Python per token.

spaCy's rule lemmatizer visits every token in Python, creating a `Token`, reading its
part of speech and morphology and setting `lemma_` one by one, although a lemma depends
only on the form, the part of speech and the morphology (spaCy's own cache is keyed by
exactly those three). On 64 long Wikinews articles it cost 0.30 s of the model's 12.0 s.

`MemoLemmatizer` reads those three columns for the whole Doc with `Doc.to_array`, looks
each key up in a memo, asks the stock lemmatizer (its public `rule_lemmatize` /
`lookup_lemmatize`) only for keys it has not seen, and writes every lemma back with one
`Doc.from_array`. Tokens that already carry a lemma (set by the attribute rules) keep it,
as the stock component does unless configured to overwrite.

Identity is tested on real text against the stock component
(`tests/steps/test_attribute_rules.py`).
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

#: Keys remembered before the memo starts afresh (a few MB).
MEMO_SIZE = 50_000


class MemoLemmatizer:
    """A pipeline component asking a stock rule or lookup lemmatizer (see `wrap`)."""

    def __init__(self, overwrite: bool) -> None:
        self.overwrite = overwrite
        self.lemmatize: Any = None
        self.memo: dict[tuple[int, int, int], int] = {}

    def wrap(self, stock: Any) -> None:
        """Ask `stock` for the lemmas of forms not seen yet."""
        self.lemmatize = stock.rule_lemmatize if stock.mode == "rule" else stock.lookup_lemmatize
        self.memo = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.lemmatize is None:
            raise ValueError("newstables_lemmatizer wraps no lemmatizer yet")
        n = len(doc)
        if n == 0:
            return doc
        if len(self.memo) > MEMO_SIZE:
            self.memo.clear()
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = columns[:, 3].copy()
        strings = doc.vocab.strings
        memo = self.memo
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not self.overwrite:
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = memo[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas)
        return doc


def use_memo(nlp: Language, name: str = "lemmatizer") -> bool:
    """Swap the stock lemmatizer `name` for its memoised twin; True if it was swapped."""
    if name not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe(name)
    if not _pure_in_form_pos_morph(stock):
        return False
    overwrite = bool(nlp.config["components"][name].get("overwrite", False))
    nlp.replace_pipe(name, "newstables_lemmatizer", config={"overwrite": overwrite})
    nlp.get_pipe(name).wrap(stock)
    return True


def _pure_in_form_pos_morph(stock: Any) -> bool:
    """Only lemmatizers known to read nothing but the form, POS and morphology: spaCy's
    own rule and lookup modes, with the English base-form test. A language whose
    lemmatizer overrides them (and may read more of a token) keeps its stock component."""
    kind = type(stock)
    if not isinstance(stock, Lemmatizer):
        return False
    if stock.mode == "lookup":
        return kind.lookup_lemmatize is Lemmatizer.lookup_lemmatize
    return (stock.mode == "rule" and kind.rule_lemmatize is Lemmatizer.rule_lemmatize
            and kind.is_base_form in (Lemmatizer.is_base_form, EnglishLemmatizer.is_base_form))


@Language.factory("newstables_lemmatizer", default_config={"overwrite": False})
def make_lemmatizer(nlp: Language, name: str, overwrite: bool) -> MemoLemmatizer:
    return MemoLemmatizer(overwrite)
