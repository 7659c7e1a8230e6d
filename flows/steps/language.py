"""Each article's language, detected offline with py3langid (it ships its model).

Why py3langid: a maintained fork of langid.py (97 languages, model inside the wheel, no
download at run time, a few ms per article, numpy only). lingua-language-detector is
more accurate on short strings but its wheel with every model is ~100 MB of models a
news pipeline does not need; articles are paragraphs long, where langid-style models are
reliable.

The decision (:func:`decide`) is deliberately conservative, because refusing an article
costs more than processing it with a model for another language: an article is
*unsupported* only when the detector is confident (normalised probability
:data:`MIN_CONFIDENCE`) on at least :data:`MIN_WORDS` words that it is in another
language than the spaCy model's. Shorter or uncertain text gets ``language`` null.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

#: Fewer words than this: no decision (``language`` null, the article is processed).
MIN_WORDS = 12
#: Normalised probability the detector must reach for a decision.
MIN_CONFIDENCE = 0.9
#: Characters of text looked at: the start of an article says its language.
MAX_CHARS = 5000


@dataclass(frozen=True)
class Language:
    """A detection: ISO 639-1 code (None when undecided) and the detector's confidence."""

    code: str | None
    confidence: float


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> Language:
    """The language of `text`, or code None when too short or too uncertain to say."""
    sample = text[:MAX_CHARS]
    if len(sample.split()) < MIN_WORDS:
        return Language(None, 0.0)
    code, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE:
        return Language(None, float(confidence))
    return Language(str(code), float(confidence))


def unsupported(found: Language, model_lang: str) -> bool:
    """True when the article is confidently in a language the model does not serve.

    spaCy's ``xx`` (multi-language) pipelines serve every language.
    """
    return found.code is not None and model_lang != "xx" and found.code != model_lang
