"""Each article's language, detected offline with py3langid (it ships its model).

Why py3langid: a maintained fork of langid.py (97 languages, model inside the wheel, no
download at run time, a few ms per article, numpy only). lingua-language-detector is
more accurate on short strings but its wheel with every model is ~100 MB of models a
news pipeline does not need; articles are paragraphs long, where langid-style models are
reliable.

The decision (:func:`decide`) is deliberately conservative, because refusing an article
costs more than processing it with a model for another language: an article is
*unsupported* only when, on at least :data:`MIN_WORDS` words, the detector gives the
spaCy model's language less than :data:`MAX_MODEL_PROBABILITY`. ``language`` is the top
language when its probability is at least :data:`MIN_CONFIDENCE`, else null.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

#: Fewer words than this: no decision (``language`` null, the article is processed).
MIN_WORDS = 12
#: Probability the top language must reach to be recorded in ``language``.
MIN_CONFIDENCE = 0.5
#: An article is in another language than the model's only when the detector gives the
#: model's language less than this probability: close pairs (Indonesian and Malay share
#: the mass, 0.78/0.22 on a 40-word text) are still confidently "not English".
MAX_MODEL_PROBABILITY = 0.01
#: Characters of text looked at: the start of an article says its language.
MAX_CHARS = 5000


@dataclass(frozen=True)
class Language:
    """A detection: ISO 639-1 code (None when undecided), the detector's confidence in
    it, and the probability it gives the model's language (1.0 when not asked)."""

    code: str | None
    confidence: float
    model_probability: float = 1.0


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str, model_lang: str | None = None) -> Language:
    """The language of `text` (code None when too short or too uncertain to say)."""
    sample = text[:MAX_CHARS]
    if len(sample.split()) < MIN_WORDS:
        return Language(None, 0.0)
    ranked = _identifier().rank(sample)
    code, confidence = ranked[0]
    model_p = next((p for c, p in ranked if c == model_lang), 0.0) if model_lang else 1.0
    return Language(str(code) if confidence >= MIN_CONFIDENCE else None, float(confidence),
                    float(model_p))


def unsupported(found: Language, model_lang: str) -> bool:
    """True when the article is confidently in a language the model does not serve.

    spaCy's ``xx`` (multi-language) pipelines serve every language.
    """
    return (found.code is not None and model_lang != "xx" and found.code != model_lang
            and found.model_probability < MAX_MODEL_PROBABILITY)
