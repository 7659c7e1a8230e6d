"""Hand-built parsed Docs for the stage tests, as spaCy's own tests build them: no model.

`hand_doc(text, rows)` aligns one row per token with `text` (so a test reads its
sentence) and sets the annotation a parser would: `word POS TAG DEP HEAD [LEMMA]`, HEAD
an absolute token index (a root points at itself), LEMMA the lower-cased word when left
out, `¶` a paragraph break token ("\\n\\n"). Sentence boundaries follow from the roots.
Entities are `(first_token, end_token, label)`. Because the parse is written by hand,
these tests keep passing whatever a parser model would decide for the same words.
"""

from __future__ import annotations

from collections.abc import Sequence

import spacy
from spacy.tokens import Doc

from flows.tables.records import Mention

VOCAB = spacy.blank("en").vocab
BLANK = spacy.blank("en")


def hand_doc(text: str, rows: str, ents: Sequence[tuple[int, int, str]] = ()) -> Doc:
    """A Doc of `text` with the hand-written parse `rows` (see the module docstring)."""
    words: list[str] = []
    pos: list[str] = []
    tags: list[str] = []
    deps: list[str] = []
    heads: list[int] = []
    lemmas: list[str] = []
    for line in rows.strip().splitlines():
        parts = line.split()
        if not parts:
            continue
        word = "\n\n" if parts[0] == "¶" else parts[0]
        words.append(word)
        pos.append(parts[1])
        tags.append(parts[2])
        deps.append(parts[3])
        heads.append(int(parts[4]))
        lemmas.append(parts[5] if len(parts) > 5 else word.lower())
    spaces: list[bool] = []
    at = 0
    for i, word in enumerate(words):
        found = text.index(word, at)
        gap = text[at:found]
        assert gap in {"", " "}, (word, gap)
        if i:
            spaces.append(gap == " ")
        elif gap:
            raise AssertionError("text starts with a space")
        at = found + len(word)
    spaces.append(False)
    assert at == len(text), text[at:]
    iob = ["O"] * len(words)
    for start, end, label in ents:
        iob[start] = f"B-{label}"
        for k in range(start + 1, end):
            iob[k] = f"I-{label}"
    doc = Doc(VOCAB, words=words, spaces=spaces, pos=pos, tags=tags, deps=deps,
              heads=heads, lemmas=lemmas, ents=iob)
    assert doc.text == text
    return doc


def text_doc(text: str) -> Doc:
    """Tokens only (the rule-based tokenizer of a blank English pipeline), no parse."""
    return BLANK.make_doc(text)


def mentions_of(doc: Doc, canonical: dict[str, str] | None = None) -> list[Mention]:
    """One mention per entity of `doc`; mentions with the same canonical name (default:
    their text) share a cluster."""
    canonical = canonical or {}
    clusters: dict[str, int] = {}
    out: list[Mention] = []
    for i, ent in enumerate(doc.ents):
        name = canonical.get(ent.text, ent.text)
        out.append(Mention(
            entity_id=i, sentence_id=0, start=ent.start_char, end=ent.end_char,
            text=ent.text, label=ent.label_, canonical=name,
            cluster_id=clusters.setdefault(name, len(clusters)),
        ))
    return out


def shifted(rows: str, by: int) -> str:
    """`rows` with every HEAD moved by `by`, to follow `by` tokens of another piece."""
    out = []
    for line in rows.strip().splitlines():
        parts = line.split()
        parts[4] = str(int(parts[4]) + by)
        out.append(" ".join(parts))
    return "\n".join(out)


# Pieces several stage tests share (text, rows).
SAID_WE_WON = ('Doe said "We won."', """
Doe  PROPN NNP nsubj 1
said VERB  VBD ROOT  1 say
"    PUNCT ``  punct 4
We   PRON  PRP nsubj 4
won  VERB  VBD ccomp 1 win
.    PUNCT .   punct 4
"    PUNCT ''  punct 1
""")
WE_WON_DOE_SAID = ('"We won," Doe said.', """
"    PUNCT ``  punct     2
We   PRON  PRP nsubj     2
won  VERB  VBD ROOT      2 win
,    PUNCT ,   punct     2
"    PUNCT ''  punct     2
Doe  PROPN NNP nsubj     6
said VERB  VBD parataxis 2 say
.    PUNCT .   punct     2
""")
DOE_SAID_REBUILD = ("Doe said the town would rebuild.", """
Doe     PROPN NNP nsubj 1
said    VERB  VBD ROOT  1 say
the     DET   DT  det   3
town    NOUN  NN  nsubj 5
would   AUX   MD  aux   5
rebuild VERB  VB  ccomp 1
.       PUNCT .   punct 1
""")
#: A quote of its own sentence, heads relative to its first token (use `shifted`).
WE_WILL = ('"We will."', """
"    PUNCT ``  punct 2
We   PRON  PRP nsubj 2
will AUX   MD  ROOT  2
.    PUNCT .   punct 2
"    PUNCT ''  punct 2
""")
