"""The model's matrix products on numpy's BLAS annotate exactly as on thinc's BLIS.

`nlp.load` builds the model's layers with `NumpyOps(use_blis=False)` (faster; see
`flows.steps.blas.backend`). Floats then differ in their last bits, so equality of the
annotations is a measured fact, asserted here on real news: every whole Wikinews article
in the repository (GUM and the claims-gold articles, CC BY 2.5, `eval/data/LICENSES.md`;
~60,000 tokens), the seed and the hand-written test articles.
"""

from __future__ import annotations

import pytest
import threadpoolctl
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, SENT_START, TAG

from bench.corpus import real_articles
from flows.settings import Settings
from flows.steps import clean, parse
from flows.steps import nlp as nlp_mod
from tests.conftest import ARTICLES, SEED

COLUMNS = [TAG, DEP, HEAD, ENT_IOB, ENT_TYPE, LEMMA, SENT_START]


def _bodies() -> list[str]:
    texts = [a.text for a in real_articles()]
    texts += [p.read_text(encoding="utf-8") for p in [SEED, *sorted(ARTICLES.glob("*.txt"))]]
    return [clean.clean(parse.parse(t)).body for t in texts]


def _layers_on_blis(nlp) -> dict[str, int]:
    """Per component, how many of its layers multiply with BLIS."""
    return {name: sum(bool(getattr(node.ops, "use_blis", False)) for node in pipe.model.walk())
            for name, pipe in nlp.pipeline if hasattr(pipe, "model")}


@pytest.fixture(scope="module")
def on_blis():
    """The same pipeline (compiled rules too), its layers on thinc's default BLIS."""
    return nlp_mod.load.__wrapped__(Settings().model, numpy_blas=False)


def test_the_layers_use_numpy_blas_on_one_thread(nlp, on_blis):
    # tok2vec and tagger entirely; the parsers but for the output layer spaCy builds
    # with the default backend (its step loop is compiled BLIS either way).
    assert _layers_on_blis(nlp) == {"tok2vec": 0, "tagger": 0, "parser": 1, "ner": 1}
    assert _layers_on_blis(on_blis)["tok2vec"] > 0  # the switch, not the default, did it
    assert [p["num_threads"] for p in threadpoolctl.threadpool_info()
            if p["user_api"] == "blas"] == [1]


def test_real_news_gets_the_same_annotations(nlp, on_blis):
    bodies = _bodies()
    n_tokens = 0
    for fast, slow in zip(nlp.pipe(bodies, batch_size=4), on_blis.pipe(bodies, batch_size=4),
                          strict=True):
        assert fast.text == slow.text
        assert (fast.to_array(COLUMNS) == slow.to_array(COLUMNS)).all(), fast.text[:80]
        n_tokens += len(fast)
    assert n_tokens > 50_000
