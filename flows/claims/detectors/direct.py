"""Direct quotes: quoted passages that are a speaker's words, standing on their own.

Quoted text nobody says is dropped first (`not_speech`): quotes in a headline-like first
paragraph, citations (`"Title" — Source, date`), terms cited as terms (`the words "…"`)
and names (`so-called "X"`). A passage that stands on its own is a `direct_quote`: at a
paragraph or sentence start, after a colon, right after a speech verb (`said "we…"`),
after a comma when it is a whole utterance (`X said, "We…"`, the second half of a split
quote, a clause), or a continuation of a multi-paragraph quote. After a comma that closes
a that-clause or a clause with its own verb (`told the court that, in May, "…"`) it is a
fragment, which the partial detector handles.

A direct quote's speaker comes from its own cue (`flows.claims.cues`) or, failing that,
from the inheritance strategies (`flows.claims.inherit`). A direct quote left without any
speaker is still emitted (speaker None) unless it is at most `SCARE_QUOTE_MAX_WORDS`
words without final punctuation, or a title: then it is a scare quote or a name.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from flows.claims.cues import is_cue, touching_cue, words_of
from flows.claims.detectors.base import Context, Finding
from flows.claims.lexicon_en import (
    DQ_ALL,
    NAMING_LEADS,
    NAMING_VERBS,
    REPORTING_LEMMAS,
    SCARE_QUOTE_MAX_WORDS,
    SUBJECT_DEPS,
    TERM_NOUNS,
)
from flows.claims.passages import (
    Passage,
    Quotes,
    is_title,
    prev_char,
    terminal,
    token_before,
    word_count,
)
from flows.claims.view import ArticleView
from flows.steps.docindex import children, subtree


class DirectQuoteDetector:
    """Passages that stand alone, with the attribution of their own cue (or None)."""

    kind = "direct_quote"

    def detect(self, inp: Context) -> tuple[Finding, ...]:
        """One finding per stand-alone passage; `via` names the cue rule."""
        out: list[Finding] = []
        for i, p in enumerate(inp.quotes.passages):
            if not_speech(inp.view, p) or not stands_alone(inp.view, inp.quotes, p):
                continue
            attr, via = inp.own_attribution(i)
            out.append(Finding(self.kind, p.start, p.end, attr, via,
                               attr.cue_start if attr else None, passage=i))
        return tuple(out)


def _person_credit(view: ArticleView, start: int, end: int) -> bool:
    """A credit that opens with a person's name and holds no digit (no date)."""
    toks = [view.doc[i] for i in view.tokens_in(start, end)]
    words = [t for t in toks if not (t.is_punct or t.is_space)]
    if not words or any(c.isdigit() for c in view.text[start:end]):
        return False
    m = view.tok_mention[words[0].i]
    return m is not None and m.label == "PERSON"


def not_speech(view: ArticleView, p: Passage) -> bool:
    """Quoted text that nobody says: headline quotes, cited titles, words as words.

    * a passage in a headline-like first paragraph (headlines are not claims);
    * a citation, the quote followed by a dash and its source
      (`"Flood warning issued" — The Herald, May 2, 2024`), when the passage does not
      end like a sentence and the credit is not a person without a date (`"We will not
      back down" –Jane Doe` is a pull quote);
    * a term cited as a term (`the words "and Emergency"`, `the phrase "…"`);
    * a word or name that is the subject of the clause it opens (`"Friends" is another
      name for the Quakers`, `'Swiderski' is also quoted as saying`): a mention of the
      word, not anybody's words.
    """
    if view.headline_like(p.start):
        return True
    if _subject_mention(view, p):
        return True
    if p.close_mark >= 0 and not terminal(view, p):
        pe = view.paras[p.para][1]
        after = view.text[p.close_mark + 1:pe].lstrip(" ,")
        if after[:1] in {"—", "–", "-"} and not _person_credit(view, pe - len(after) + 1, pe):
            return True
    before = token_before(view, p)
    if before is None:
        return False
    if before.lemma_.lower() in TERM_NOUNS:
        return True
    if before.text == ":" and _naming_clause(view, before):
        return True
    # A name or a label, not anybody's words: `so-called "X"`, `known as "X"`.
    lead = view.text[max(view.paras[p.para][0], p.open_mark - 12):p.open_mark].lower()
    return lead.rstrip().endswith(NAMING_LEADS)


#: Longest passage (in words) that can be a word or name cited as a clause's subject.
SUBJECT_MENTION_MAX_WORDS = 3


def _subject_mention(view: ArticleView, p: Passage) -> bool:
    """A short passage, not ending like a sentence, that is the whole subject of a verb
    after it: the quoted word is talked about, not said (see `not_speech`)."""
    if terminal(view, p):
        return False
    words = [view.doc[i] for i in view.tokens_in(p.start, p.end)]
    words = [t for t in words if not (t.is_punct or t.is_space)]
    if not words or len(words) > SUBJECT_MENTION_MAX_WORDS:
        return False
    last = words[-1].i
    # The whole subject is quoted: `the "uranium equivalent" of … amounts to` quotes a
    # part of its subject and is a partial quote.
    return any(
        t.dep_ in {"nsubj", "nsubjpass"} and t.head.i > last and t.head.pos_ in {"VERB", "AUX"}
        # main clause only: in a reported one (`conceded that "X" had …`) it is a partial quote
        and t.head.dep_ == "ROOT"
        and all(p.start <= g.idx < p.end for g in subtree(t) if not g.is_punct)
        for t in words if not (p.start <= t.head.idx < p.end)
    )


def unmarked_pull_quote(view: ArticleView, char: int) -> bool:
    """Is `char` in a pull quote printed without quotation marks, a paragraph closed by
    a dash and a person's name (`The US wants … pure and simple. — George W. Bush`)?
    The paragraph is that person's words, so what it reports is nested in a quotation."""
    ps, pe = view.paras[view.para_id(char)]
    text = view.text[ps:pe]
    k = max(text.rfind(" — "), text.rfind(" – "))
    if k < 0 or ps + k < char:
        return False
    credit = range(ps + k + 3, pe)
    if any(view.doc[i].pos_ in {"VERB", "AUX"} for i in view.tokens_in(credit.start, credit.stop)):
        return False  # `… — and the mayor agreed`: a clause, not a credit
    return _person_credit(view, credit.start, credit.stop)


def _naming_clause(view: ArticleView, colon: Token) -> bool:
    """True when the clause the colon ends is headed by a naming verb (`dubbed the
    conflict: "…"`): the quote is a name given to something, not anybody's words."""
    head = colon.head
    return head.pos_ == "VERB" and head.i < colon.i and (
        head.lemma_.lower() in NAMING_VERBS or head.lower_ in NAMING_LEADS
    )


def stands_alone(view: ArticleView, quotes: Quotes, p: Passage) -> bool:
    """True for passages that are a speaker's words rather than an embedded fragment."""
    if p.open_mark < 0 or p.chain_prev is not None:
        return True
    prev = prev_char(view, p)
    if prev is None or prev in ".!?…:" or prev in DQ_ALL + "’'":
        return True
    before = token_before(view, p)
    if before is not None and touching_cue(quotes, before):
        return True
    if prev == ";" and sentence_like(view, p):
        return True  # `…," said Ruto; "I don't think …."`: a new utterance
    if before is not None and whole_complement(view, quotes, p, before):
        return True
    if prev == ",":
        return _after_comma_stands_alone(view, quotes, p)
    return False


def whole_clause(view: ArticleView, p: Passage) -> bool:
    """A clause of at least four words that ends like a sentence or ends the
    reporter's sentence or clause (`… free speech"` closing the paragraph, `… like in
    your country," drawing laughter`)."""
    if not (word_count(view, p) >= 4 and _is_clause(view, p)):
        return False
    if terminal(view, p) or p.close_mark < 0:
        return True
    if view.text[p.start:p.close_mark].rstrip().endswith(","):
        return True  # the comma inside the marks closes the speaker's clause
    after = view.text[p.close_mark + 1:view.paras[p.para][1]].lstrip()
    return not after or after[0] in ".!?,;"


def sentence_like(view: ArticleView, p: Passage) -> bool:
    """A whole clause (`whole_clause`) that opens with a capital letter."""
    first = next((c for c in view.text[p.start:p.end] if c.isalpha()), "")
    return first.isupper() and whole_clause(view, p)


def whole_complement(view: ArticleView, quotes: Quotes, p: Passage, before: Token) -> bool:
    """The quote is the whole complement of a reporting verb: a whole clause right
    after the verb, after `that` (`said that "Unless …, …."`, `stated that, "[w]e …."`,
    lower case allowed: the speaker's sentence is quoted from its middle), or after the
    verb's own addressee or topic (`told NBC News "The notion …"`, `said of the leader
    "this morning I learned …"`, capitalised). A complement with more of the
    reporter's words before the quote (`told the court that, in May, "…"`) is not."""
    doc = view.doc
    lead = before
    if lead.text == "," and lead.i > 0:
        lead = doc[lead.i - 1]
    if lead.lower_ == "that" and lead.i > 0:
        if not whole_clause(view, p):
            return False
        # `stated that "…"`, or through the verb's own modifier: `said in an interview
        # that "if I can't …, then … doesn't mean anything."`
        return (touching_cue(quotes, doc[lead.i - 1], REPORTING_LEMMAS)
                or _cue_through_phrase(quotes, doc, lead.i - 1, prep_only=True))
    if lead.i != before.i:
        return False
    if (
        lead.lemma_ == "be" and lead.pos_ == "AUX" and sentence_like(view, p)
        and terminal(view, p)
    ):
        return True  # `his picture of it is "Al-Qaeda is not going to get a bomb."`
    if not whole_clause(view, p):
        return False
    if touching_cue(quotes, lead, REPORTING_LEMMAS):
        return sentence_like(view, p)  # `by claiming "It is wrong …."`
    # Through the addressee or topic to the verb: `told NBC News "The notion …"`, `said
    # of the leader "this morning I learned …."` (a whole clause, lower case allowed).
    return _cue_through_phrase(quotes, doc, lead.i)


def _cue_through_phrase(quotes: Quotes, doc: Doc, last: int, prep_only: bool = False) -> bool:
    """True when the tokens ending at `last` are a short addressee, topic or
    prepositional phrase of a reporting verb just before them, outside quotes; with
    `prep_only`, a prepositional phrase only (`said in an interview that`, not `shows
    people that`)."""
    k = last
    for _ in range(6):
        t = doc[k]
        if t.pos_ not in {"NOUN", "PROPN", "DET", "ADP", "ADJ", "PRON"} or quotes.in_quote(t):
            return False
        k -= 1
        if k < 0:
            return False
        cue = doc[k]
        if touching_cue(quotes, cue, REPORTING_LEMMAS):
            if prep_only and doc[k + 1].pos_ != "ADP":
                return False
            return all(cue.i in {a.i for a in doc[j].ancestors} for j in range(k + 1, last + 1))
    return False


def unattributed_scare(view: ArticleView, p: Passage) -> bool:
    """A passage outside any chain that is too short or too title-like to be a quote
    nobody is credited with: a scare quote or a name."""
    return (
        p.chain_prev is None
        and p.chain_next is None
        and (
            (word_count(view, p) <= SCARE_QUOTE_MAX_WORDS
             and (not terminal(view, p) or is_title(view, p)))
            or (is_title(view, p) and not terminal(view, p))
        )
    )


def _after_comma_stands_alone(view: ArticleView, quotes: Quotes, p: Passage) -> bool:
    """A passage opened after a comma: an utterance of its own, or the tail of a clause?

    `X said, "We…"` and the second half of a split quote (`"A," X said, "b."`) are
    utterances. The passage continues the reporter's sentence when the introducing
    clause has more than a cue, its subject and its addressee: a complementizer (`told
    the court that, in May, "…"`) or another verb (`said although …, "nobody…"`). A
    lower-case passage is an utterance only as a split quote's second half, when it
    ends like a sentence or when it is a clause (`told the police, "everything he did"`
    is a fragment).
    """
    first = next((c for c in view.text[p.start:p.end] if c.isalpha()), "")
    cue, after_close = _clause_cue_before(view, quotes, p)
    gap_verb = gap_that = False
    if cue is not None:
        for i in view.tokens_in(cue.idx + len(cue.text), p.open_mark):
            t = view.doc[i]
            if quotes.in_quote(t):
                continue
            if t.lower_ == "that" and (
                t.dep_ == "mark" or t.i == cue.i + 1 or t.head.idx > p.open_mark
            ):
                gap_that = True
                gap_verb = False  # only verbs after the complementizer count
            elif t.pos_ in {"VERB", "AUX"}:
                gap_verb = True
    if gap_that and not gap_verb:
        return False  # the quote is the body of a that-clause
    if first.isupper() or view.text[p.start] in DQ_ALL:
        return True
    if cue is None or gap_verb:
        return False
    return after_close or terminal(view, p) or _is_clause(view, p)


def _is_clause(view: ArticleView, p: Passage) -> bool:
    """True when the passage's top token is a verb with its own subject (a clause,
    `"because the fee is paid, this is commerce"`), not a noun phrase."""
    toks = view.tokens_in(p.start, p.end)
    for i in toks:
        t = view.doc[i]
        top = t.head.i == t.i or not (toks.start <= t.head.i < toks.stop)
        if top and t.pos_ in {"VERB", "AUX"} and any(
            c.dep_ in SUBJECT_DEPS | {"csubj", "expl"} for c in children(t)
        ):
            return True
    return False


def _clause_cue_before(view: ArticleView, quotes: Quotes, p: Passage) -> tuple[Token | None, bool]:
    """The reporting verb that introduces the passage from its own clause, if any,
    and whether that clause follows a closing quote mark (`"A," X said, "b."`)."""
    ps = view.paras[p.para][0]
    k = p.open_mark - 1
    while k >= ps:
        ch = view.text[k]
        if ch in ".!?" or (ch in DQ_ALL and k in quotes.mark_chars):
            break
        t = view.char_tok[k]
        if t != -1 and view.doc[t].idx == k and (
            is_cue(quotes, view.doc[t]) or words_of(quotes, view.doc[t]) is not None
        ):
            return view.doc[t], _close_before(view, quotes, k, ps)
        k -= 1
    return None, False


def _close_before(view: ArticleView, quotes: Quotes, k: int, ps: int) -> bool:
    """True when a closing quote mark of a stand-alone passage precedes char `k` in its
    sentence."""
    while k >= ps:
        ch = view.text[k]
        if ch in ".!?":
            return False
        if ch in DQ_ALL and k in quotes.mark_chars:
            j = quotes.passage_by_close.get(k)
            return j is not None and stands_alone(view, quotes, quotes.passages[j])
        k -= 1
    return False
