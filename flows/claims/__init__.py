"""Claim extraction: "who said what" from a parsed spaCy Doc.

The step is pure and deterministic: `extract_claims(doc, mentions)` reads the parse of the
cleaned article body plus the already-resolved entity mentions and returns `Claim` records
sorted by `(content_start, kind)`.

Why rules and not a model: the pipeline runs on every article, must be explainable to the
people who read the tables, and has no labelled training data. Every rule below is
written for English news conventions in general (wire copy, newspapers), never for one
article.

Pipeline of the step (each stage is linear, or near it, in the number of tokens):

1. Paragraphs are the maximal runs of text between newlines.
2. Quoted passages are found per paragraph with a small state machine over the quote
   marks (straight and curly double quotes; single quotes only when an opening mark at a
   word start pairs with a closing mark that is not an apostrophe). A paragraph that ends
   inside a quote and a next paragraph that opens with a quote mark form a continuation
   chain (the news convention for multi-paragraph quotes).
3. Each passage is classified. Quoted text nobody says is dropped first: quotes in a
   headline-like first paragraph, citations (`"Title" — Source, date`), terms cited
   as terms (`the words "…"`) and titles in running text. A passage that stands on
   its own (paragraph or sentence start, after a colon, right after a speech verb as
   in `said "we…"`, after a comma when it is a whole utterance: `X said, "We…"`, the
   second half of a split quote, a clause) is a `direct_quote`; after a comma that
   closes a that-clause or a clause with its own verb (`told the court that, in May,
   "…"`) it is a fragment. A fragment is a `partial_quote` when it sits inside the
   complement of a reporting verb (the outermost one: `said he believes "…"` has the
   cue `said`) or under an `according to X` of its sentence; a one-word fragment only
   when the cue applies it directly (`called it "reckless"`, not a quoted verb or a
   word deep in a reported clause); a scare quote (dropped) when it is short and
   nothing reports it, and otherwise a `partial_quote` without a speaker.
4. Direct quotes get their cue from (a) the dependency arc from the passage to a
   reporting verb outside it (participles used as adjectives, `an estimated cost`,
   are not cues), (b) the attribution after the closing mark in the same sentence
   (`"…," X said.` / `"…," said X.`), (c) the attribution before the opening mark when
   it ends with a colon or comma or the verb touches the mark (`X told Y: "…"`, `X
   said, "…"`, `In the words of X, "…"`, `X notes, "…"` with `notes` mis-tagged as a
   noun, also `X said:` or `X said,` closing the previous paragraph), (d) a short
   attribution sentence of its own after the quote (`"…." That is what X said.`), then
   (e) inherit from the neighbouring passage of the same paragraph (split quotes keep
   the cue) or of the continuation chain, (f) a credit line (pull quotes: `"…." — Jane
   Doe` or `Jane Doe, mayor: "…"`), (g) for a quote opening a sentence, the last
   report of its paragraph or the named subject of the previous sentence (`Doe issued a
   statement. "We…"`), and (h) a paragraph made only of a quote inherits the speaker of
   the previous paragraph's last attribution. Speakers inherited from another sentence
   or paragraph come with cue None (the quote has no reporting expression of its own).
   A continuation chain may skip one paragraph without quote marks (a photo caption).
   A direct quote left without any speaker is still emitted (speaker None) unless it
   is at most `SCARE_QUOTE_MAX_WORDS` words without final punctuation, or a title.
5. `indirect` claims come from reporting verbs outside quotes with a clausal (`ccomp`,
   after the cue preferred; one before it must be a clause with a subject) or
   infinitival (`xcomp`, for promise/request verbs) complement, from `call for` /
   `warn of` / `accuse … of`, from a that-clause hanging off the medium (`said in a
   statement that …`), from `As X said, <clause>`, and from `according to X, <clause>`.
   No indirect claim is made when its content overlaps a quote claim, when the cue is
   negated, when the complement is an embedded question ("did not say when…"), when no
   speaker is found (agentless passives), when the speaker is the writer ("I
   think…"), or when it is nested in another report ("Apple said it expected…" and
   "Doe noted the findings show…" give one claim each: the outermost act).
6. Speakers are the subject of the cue verb (following `conj`/`xcomp`/participle chains
   and relative clauses to the real subject; for a passive cue the agent, never the
   one spoken to; for a subjectless cue a name right before it). Pronouns: he/she
   resolve to a fitting named person earlier in the same sentence, else the named
   subject of the previous sentence, else the previous attribution's PERSON speaker,
   else the most recent PERSON mention, checked for grammatical gender when
   honorifics, role nouns or common first names give it away; they/it resolve to a
   plural (they) or organisation (it) subject of the same or previous sentence, else
   the last speaker of that kind, named or not (`The scientists found…. They
   estimated…`: canonical "The scientists", no entity), else an organisation mention.
7. `assertion`s are the remaining sentences (split at paragraph breaks) that host no
   claim content or cue, have a finite verb, are not in a headline-like first paragraph
   (no final punctuation) and score at least `ASSERTION_THRESHOLD` on transparent
   check-worthiness features (`FEATURE_WEIGHTS`).

Dependency arcs are only trusted inside one paragraph: the parser sometimes runs a
sentence across a paragraph break (headline into lede), and a subject or cue found
across the break is almost always wrong.

Span rule for indirect content: the complement's subtree, restricted to the tokens that
follow the cue verb when the complement straddles it (a fronted relative pronoun as in
"which critics say has left …" is not part of the content), or the whole subtree when
it precedes the verb ("The bridge will reopen, officials said."); a leading
complementizer "that", a leading infinitival "to", an inline dateline opening the
paragraph ("LONDON, March 3 (Reuters) - ") and edge punctuation are trimmed.
Direct and partial quote content is the text between the marks with surrounding
whitespace trimmed and without a final comma (the comma of `"We are ready," he said`
only joins the quote to its attribution); other punctuation inside the marks is kept.
Speakers are the mention's text when the subject is inside an entity mention ("Xi
Jinping" for "Chinese President Xi Jinping"), the pronoun as written when it is a pronoun
(canonical/entity from the antecedent), else the subject noun phrase without relative
clauses or appositions ("critics", "A spokesman for the ministry"). Addressees and
`according_to` sources are the full noun phrase as written, appositions included.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from flows.steps import docindex
from flows.tables.records import Claim, Mention

__all__ = ["ASSERTION_THRESHOLD", "extract_claims", "score_check_worthiness"]

#: Minimum check-worthiness for a sentence to be emitted as an `assertion`.
ASSERTION_THRESHOLD = 0.5
#: Quoted passages up to this many words, embedded without a reporting verb, are scare quotes.
SCARE_QUOTE_MAX_WORDS = 3
#: How many paragraphs back a pronoun may look for its antecedent.
PRONOUN_PARAGRAPH_WINDOW = 3

# --------------------------------------------------------------------------- lexicons


def _words(block: str) -> list[str]:
    """Whitespace-separated words of a lexicon block (keeps the lists readable)."""
    return block.split()


#: Verbs that report speech or a stated position (lemma). Used for every claim kind.
REPORTING_LEMMAS: frozenset[str] = frozenset(_words(
    """
    say tell add state announce claim insist argue explain note confirm deny warn urge
    promise pledge vow accuse allege acknowledge admit believe report suggest estimate
    predict write ask reply respond answer declare assert maintain stress emphasise
    emphasize tweet post recall reveal disclose concede complain contend comment remark
    observe reiterate repeat charge threaten demand propose recommend caution advise
    inform assure testify conclude forecast agree counter retort lament speculate posit
    blame mention recount tout boast joke quip shout whisper cry exclaim plead beg
    appeal vow swear think expect fear find show indicate project signal hint predict
    order call continue reason encourage
    """
))
#: Verbs that can introduce a quotation with nothing between verb and mark (`said "…"`).
DIRECT_SPEECH_LEMMAS: frozenset[str] = frozenset(_words(
    """
    say tell add ask write reply answer respond declare state tweet post announce exclaim
    shout whisper cry quip joke insist continue conclude recall explain warn reason
    """
))
#: Extra verbs that only count as cues for embedded quoted fragments
#: ("called the move "a betrayal"", "described a "scene of devastation"").
FRAGMENT_CUE_LEMMAS: frozenset[str] = REPORTING_LEMMAS | frozenset(_words(
    """
    describe dub label brand term characterise characterize condemn criticise criticize
    praise hail slam decry denounce welcome dismiss reject
    """
))
#: Cues that report speech only in particular frames; their clausal complement is not
#: reported content ("continue to grow", "call it a day", "ordered that troops…").
_NO_CCOMP: frozenset[str] = frozenset({"continue", "call", "order"})
#: Verbs whose infinitival complement is a reported commitment or request.
XCOMP_LEMMAS: frozenset[str] = frozenset(_words(
    """
    promise pledge vow urge threaten ask call tell warn claim demand appeal
    order advise swear plead beg encourage
    """
))
#: Verbs whose direct/indirect object is the person spoken to.
ADDRESSEE_LEMMAS: frozenset[str] = frozenset(_words(
    """
    tell urge warn ask inform assure remind advise caution brief promise order implore
    notify beg encourage
    """
))
#: Verbs whose prepositional phrase carries the reported content: lemma -> prepositions.
PREP_CONTENT: dict[str, frozenset[str]] = {
    "call": frozenset({"for"}),
    "warn": frozenset({"of", "against", "about"}),
    "accuse": frozenset({"of"}),
    "appeal": frozenset({"for"}),
}
#: Dependency labels through which a fragment can be the content of a cue verb.
_CONTENT_DEPS: frozenset[str] = frozenset(
    {"ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "parataxis", "prep", "conj", "advcl"}
)
_CONTENT_PREPS: frozenset[str] = frozenset(
    {"of", "about", "as", "for", "against", "on", "over", "to", "with", "that"}
)
_SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass"})
_OBJECT_DEPS: frozenset[str] = frozenset({"dobj", "dative", "iobj"})
_NP_INNER_DEPS: frozenset[str] = frozenset(
    {"det", "amod", "compound", "poss", "nummod", "nmod", "case", "quantmod", "predet",
     "prep", "pobj", "nn", "flat", "advmod", "cc", "conj"}
)
_NP_PREPS: frozenset[str] = frozenset({"of", "for", "at", "from", "in", "with", "to"})
_REL_PRONOUNS: frozenset[str] = frozenset({"who", "that", "which", "whom"})
_WH_LEADS: frozenset[str] = frozenset(
    {"whether", "if", "what", "when", "where", "why", "how", "who", "which", "whom"}
)
_MALE_PRONOUNS = frozenset({"he", "him"})
_FEMALE_PRONOUNS = frozenset({"she", "her"})
_GROUP_PRONOUNS = frozenset({"they", "them", "it"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us"})
_PERSON_LABELS = frozenset({"PERSON"})
_SPEAKER_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
_FEMALE_CUES = frozenset(_words(
    """
    ms ms. mrs mrs. miss madam madame lady queen princess duchess dame sister mother
    woman wife daughter chairwoman spokeswoman congresswoman businesswoman actress
    grandmother girl aunt niece countess empress baroness sen.-elect widow
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
    margaret sandra ashley kimberly emily donna michelle carol amanda melissa deborah
    stephanie rebecca laura sharon cynthia kathleen amy angela anna ann helen maria
    jane janet joan joyce judith julie karen kate katherine catherine kathryn kelly
    alice alicia andrea anne annie beatrice betty brenda caroline charlotte chloe claire
    diana diane dorothy eleanor ella ellen emma erin eva evelyn fiona frances grace
    hannah heather holly irene isabel isabella jacqueline jacinda jill jo josephine
    judy julia kamala kristen lauren leslie lily lucy margot marie marion martha megan
    melanie mia monica nicola nicole nina olivia pamela paula penelope rachel rose ruth
    samantha sophia sophie susanna tanya teresa theresa tracy ursula valerie vanessa
    victoria virginia wendy yvonne zoe hillary giorgia marine christine sanna
    olena yulia natalia olga irina svetlana tatiana ekaterina fatima aisha amina
    priya sonia indira nirmala sara ana rosa carmen lucia elena francesca giulia
    ingrid greta annalena ursula mette magdalena kaja maia ngozi christine kristalina
    """
))
_MALE_CUES = frozenset(_words(
    """
    mr mr. sir lord king prince duke father brother man husband son uncle nephew
    emperor baron chairman count widower boy grandfather
    james john robert michael william david richard joseph thomas charles christopher
    daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian
    george edward ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan
    stephen larry justin scott brandon benjamin samuel frank gregory raymond patrick
    peter alan alex alexander adam arthur bill bob bruce carl chris colin craig dennis
    derek dominic douglas ed eddie frederick gavin graham harry henry ian jack jake jeremy
    jim jimmy joe jon keith kenneth keir lee liam luke malcolm martin max mike neil nick
    nigel oliver oscar philip phil ralph ray rishi rob roger ross roy russell sam simon
    stuart ted terry theo tim tom tony trevor victor vincent walter wayne will
    barack vladimir xi emmanuel olaf boris narendra recep volodymyr benjamin joko
    sergei sergey dmitry alexei ivan mohammed muhammad mohamed ahmed ali hassan omar
    abdul ibrahim khalid mahmoud yousef juan carlos jose luis pedro miguel antonio
    javier pablo jean pierre francois jacques hans klaus friedrich wolfgang giuseppe
    giovanni marco matteo mario luca hiroshi fumio shinzo yoshihide
    """
))
#: Head nouns of people, which "it" does not refer to.
_PERSON_NOUNS = frozenset(_words(
    """
    spokesman spokeswoman spokesperson official officer minister president chairman
    chairwoman chair leader secretary director man woman boy girl author writer reporter
    expert analyst lawyer attorney judge prosecutor doctor scientist researcher professor
    teacher student mother father son daughter wife husband executive ceo founder
    governor mayor senator member representative worker resident witness victim person
    ambassador coach manager head chief commander general spokesmen
    """
))
_HEDGES = frozenset(_words(
    """
    perhaps possibly probably likely unlikely apparently seemingly reportedly allegedly
    arguably maybe presumably supposedly purportedly
    """
))
_HEDGE_VERBS = frozenset({"seem", "appear"})
_SUBJECTIVE = frozenset(_words(
    """
    beautiful terrible horrible awful wonderful amazing great fantastic brilliant
    disgraceful shameful outrageous ridiculous absurd stunning remarkable incredible
    magnificent tragic sad unfortunate fortunately unfortunately clearly obviously surely
    undoubtedly sadly hopefully nice lovely bad good important vital crucial essential
    excellent superb dreadful appalling shocking disappointing exciting delightful
    ugly stupid foolish wise brave heroic evil cruel unfair fair mistake
    """
))
_STATIVE = frozenset(_words(
    """
    be have seem appear feel think believe know want like need look sound remain become
    love hate hope wish mean
    """
))
_MODALS_HEDGING = frozenset({"may", "might", "could", "would", "should", "must", "can", "ought"})
_MODALS_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
_NE_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)

#: Weights of the check-worthiness features (transparent on purpose: the table stores the
#: names of the features that fired, so a reader can recompute the score).
FEATURE_WEIGHTS: dict[str, float] = {
    "finite_verb": 0.15,
    "named_entity": 0.15,
    "multiple_entities": 0.05,
    "number": 0.30,
    "statistic": 0.10,
    "percent": 0.15,
    "money": 0.15,
    "quantity": 0.10,
    "date": 0.15,
    "past_event_verb": 0.20,
    "comparative": 0.10,
    "superlative": 0.10,
    "modal": -0.20,
    "future": -0.10,
    "hedge": -0.15,
    "first_second_person": -0.30,
    "question": -0.50,
    "imperative": -0.30,
    "subjective_language": -0.15,
    "copula_description": -0.10,
    "short": -0.20,
}

_DQ_OPEN = "“„«"
_DQ_CLOSE = "”»"
_DQ_STRAIGHT = '"＂'
_DQ_ALL = _DQ_OPEN + _DQ_CLOSE + _DQ_STRAIGHT
_DQ_RE = re.compile("[" + re.escape(_DQ_ALL) + "]")
_SQ_RE = re.compile("[‘’']")
_PARA_RE = re.compile(r"[^\n]+")
#: An inline dateline opening a lede: "LONDON, March 3 (Reuters) - ", "WASHINGTON (AP) — ".
_DATELINE_RE = re.compile(
    r"[A-Z][A-Z .'’-]{1,40}(?:,[^()\n]{1,40}?)?\s*(?:\([^()\n]{1,40}\))?\s*[-—–]{1,2}\s+"
)
_OPEN_PREV = set("([{—–-/“‘'\"")
_CLOSE_NEXT = set(",.;:!?)]}—–-…'’\"”")
_TERMINAL = (".", "!", "?", "…")
_SENT_END = frozenset({".", "!", "?", "…", "..."})
#: Media a statement is made in (`said in a statement that …`).
_MEDIUM_NOUNS: frozenset[str] = frozenset(_words(
    """
    statement interview letter email e-mail post tweet speech briefing release report
    message address testimony filing submission blog video broadcast remarks comments
    """
))
#: Nouns that introduce a quoted term as a term (`the words "…"`, `the slogan "…"`).
_TERM_NOUNS: frozenset[str] = frozenset(_words(
    """
    word words term terms phrase phrases expression name names label slogan motto
    title titles headline headlines hashtag acronym tagline catchphrase nickname caption
    """
))
#: Words before a quote that make it a name or label (`so-called "X"`, `known as "X"`).
_NAMING_LEADS = (
    "so-called", "so called", "known as", "nicknamed", "titled", "entitled", "named",
    "code-named", "codenamed",
)
#: Most words a separate attribution sentence after a quote may have ("That is what X said.").
_SHORT_ATTRIBUTION = 8


# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class _Passage:
    """One quoted passage: content offsets plus the marks that delimit it."""

    start: int
    end: int
    open_mark: int  # char offset of the opening mark, -1 for a continuation without one
    close_mark: int  # char offset of the closing mark, -1 when the paragraph ends inside
    para: int
    chain_prev: int | None = None  # passage this one continues (multi-paragraph quote)
    chain_next: int | None = None
    single: bool = False  # delimited by single quote marks


@dataclass(slots=True, frozen=True)
class _Speaker:
    """A resolved speaker (or addressee-less attribution source)."""

    text: str
    start: int
    end: int
    canonical: str | None
    entity_id: int | None
    label: str | None = None  # label of the resolved mention, when any


@dataclass(slots=True, frozen=True)
class _Attribution:
    """Cue, speaker and the optional addressee/source of one claim."""

    cue: str | None
    cue_lemma: str | None
    cue_start: int | None
    speaker: _Speaker | None
    addressee: str | None = None
    according_to: str | None = None


# --------------------------------------------------------------------------- extractor


class _Extractor:
    """Holds the per-document indexes so each rule is a cheap lookup, not a rescan."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.text = docindex.text(doc)
        self.sents = docindex.sents(doc)
        self.sent_starts = [s.start_char for s in self.sents]
        self.tok_sent = [0] * len(doc)
        for si, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.tok_sent[i] = si
        self.char_tok = [-1] * (len(self.text) + 1)
        self.tokens = docindex.tokens(doc)
        for tok in self.tokens:
            for k in range(tok.idx, tok.idx + len(tok.text)):
                self.char_tok[k] = tok.i
        self.paras = [
            (m.start(), m.end()) for m in _PARA_RE.finditer(self.text) if m.group().strip()
        ]
        self.para_starts = [p[0] for p in self.paras]
        # Mentions: per token, and ordered lists for antecedent search.
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end, m.entity_id))
        self.tok_mention: list[Mention | None] = [None] * len(doc)
        for m in self.mentions:
            for i in self._tokens_in(m.start, m.end):
                if self.tok_mention[i] is None:
                    self.tok_mention[i] = m
        self.person_mentions = [
            m for m in self.mentions if m.label in _PERSON_LABELS and self._is_name_mention(m)
        ]
        self.person_starts = [m.start for m in self.person_mentions]
        self.group_mentions = [m for m in self.mentions if m.label in {"ORG", "GPE", "NORP"}]
        self.group_starts = [m.start for m in self.group_mentions]
        self.by_name_word: dict[str, list[Mention]] = {}
        for m in self.person_mentions:
            for word in m.text.split():
                self.by_name_word.setdefault(word.lower(), []).append(m)
        # Name-shaped ORG mentions ("Enver Mills", which NER can tag ORG), by last word.
        self.by_last_word: dict[str, list[Mention]] = {}
        for m in self.mentions:
            words = m.text.split()
            if m.label == "ORG" and 2 <= len(words) <= 3 and all(
                w[:1].isupper() and w.isalpha() for w in words
            ):
                self.by_last_word.setdefault(words[-1].lower(), []).append(m)
        self._gender_cache: dict[int, str | None] = {}
        self.by_cluster: dict[int, list[Mention]] = {}
        self.by_entity: dict[int, Mention] = {}
        for m in self.mentions:
            self.by_cluster.setdefault(m.cluster_id, []).append(m)
            self.by_entity.setdefault(m.entity_id, m)
        self.passages: list[_Passage] = []
        self.tok_pass = [-1] * len(doc)
        self.mark_chars: set[int] = set()
        self.close_marks: set[int] = set()
        self.passage_by_close: dict[int, int] = {}
        self.last_close_in_para: dict[int, int] = {}
        # Attribution history for pronouns: char offset of the subject, its speaker record
        # (the first mention of an entity) and its token.
        self.attr_pos: list[int] = []
        self.attr_speaker: list[_Speaker] = []
        self.attr_tok: list[Token] = []

    # ----------------------------------------------------------------- small helpers

    def _tokens_in(self, start: int, end: int) -> range:
        """Token indexes whose first character lies in [start, end)."""
        first = last = -1
        for k in range(start, min(end, len(self.text))):
            if self.char_tok[k] != -1:
                first = self.char_tok[k]
                break
        for k in range(min(end, len(self.text)) - 1, start - 1, -1):
            if self.char_tok[k] != -1:
                last = self.char_tok[k]
                break
        if first == -1 or last < first:
            return range(0)
        return range(first, last + 1)

    def _is_name_mention(self, m: Mention) -> bool:
        """False for PERSON mentions that are really modifiers ("the Tajik capital")."""
        toks = self._tokens_in(m.start, m.end)
        if not toks:
            return False
        roots = [t for t in (self.doc[i] for i in toks) if not (toks.start <= t.head.i < toks.stop)]
        root = roots[-1] if roots else self.doc[toks.stop - 1]
        return not (root.dep_ in {"compound", "amod", "nmod"} and root.head.pos_ == "NOUN")

    def sent_id(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def para_id(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def in_quote(self, tok: Token) -> bool:
        return self.tok_pass[tok.i] != -1 or tok.idx in self.mark_chars

    def is_cue(self, tok: Token, lemmas: frozenset[str] = REPORTING_LEMMAS) -> bool:
        """A reporting verb outside any quoted passage."""
        if self.in_quote(tok):
            return False
        if tok.lower_ == "according" and self._according_obj(tok) is not None:
            return True
        if tok.dep_ == "amod":
            return False  # a participle used as an adjective: "an estimated cost"
        return tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in lemmas and (
            tok.pos_ == "VERB" or tok.lemma_.lower() == "say"
        )

    @staticmethod
    def _according_obj(tok: Token) -> Token | None:
        """The object X of "according to X" headed by `tok`, if it is that construction."""
        for child in tok.children:
            if child.lower_ == "to":
                for obj in child.children:
                    if obj.dep_ == "pobj" or (obj.dep_ == "pcomp" and obj.text[:1].isupper()):
                        return obj  # a name the tagger took for a verb is a pcomp
        return None

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """Shrink [start, end) past whitespace and edge punctuation (not quote marks)."""
        strip = " \t\r\n,;:—–-"
        while start < end and self.text[start] in strip:
            start += 1
        while end > start and self.text[end - 1] in strip:
            end -= 1
        return start, end

    def _skip_dateline(self, start: int, end: int) -> int:
        """Start of [start, end) past an inline dateline, which nobody asserts or reports."""
        if start != self.paras[self.para_id(start)][0]:
            return start  # datelines only open a paragraph
        m = _DATELINE_RE.match(self.text, start, end)
        if m is None or m.end() >= end:
            return start
        nxt = self.text[m.end()]
        return m.end() if nxt.isupper() or nxt.isdigit() or nxt in _DQ_ALL + "‘'" else start

    def _trim_quote(self, start: int, end: int) -> tuple[int, int]:
        """Passage content: the text between the marks minus outer whitespace and the
        comma that only joins the quote to its attribution (`"We are ready," he said`)."""
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start and text[end - 1] == ",":
            end -= 1
            while end > start and text[end - 1].isspace():
                end -= 1
        return start, end

    def _balance(self, start: int, end: int) -> tuple[int, int]:
        """Widen a span so it never cuts a quoted passage in half (keeps marks paired)."""
        for p in self.passages:
            lo = p.open_mark if p.open_mark >= 0 else p.start
            hi = (p.close_mark + 1) if p.close_mark >= 0 else p.end
            if lo < start < hi or lo < end < hi:
                if hi <= start or lo >= end:
                    continue
                start, end = min(start, lo), max(end, hi)
        return start, end

    # ----------------------------------------------------------------- quotes

    def find_passages(self) -> None:
        """Collect every quoted passage of the body (see module docstring, step 2)."""
        passages: list[_Passage] = []
        prev_open_ended: int | None = None  # index of the open-ended passage of para - 1
        skipped = 0  # paragraphs without any quote mark since that passage
        for pi, (ps, pe) in enumerate(self.paras):
            if prev_open_ended is not None and skipped == 0 and not _DQ_RE.search(
                self.text, ps, pe
            ):
                # One paragraph without quote marks (a photo caption, an inserted
                # link) may interrupt a multi-paragraph quote.
                found = _drop_nested(self._single_passages(pi, ps, pe))
                open_ended = None
                passages.extend(found)
                if not found:
                    skipped = 1
                    continue
            else:
                found, open_ended = self._double_passages(pi, ps, pe, prev_open_ended)
                found += self._single_passages(pi, ps, pe)
                found = _drop_nested(found)
                base = len(passages)
                passages.extend(found)
            prev_open_ended = None
            skipped = 0
            if open_ended is not None:
                for j, p in enumerate(found):
                    if p is open_ended:
                        prev_open_ended = base + j
        # Link continuation chains now that indexes are final.
        for i, p in enumerate(passages):
            if p.chain_prev is not None:
                passages[p.chain_prev].chain_next = i
        self.passages = passages
        for pi, p in enumerate(passages):
            for i in self._tokens_in(p.start, p.end):
                self.tok_pass[i] = pi
            for mark in (p.open_mark, p.close_mark):
                if mark >= 0:
                    self.mark_chars.add(mark)
            if p.close_mark >= 0:
                self.close_marks.add(p.close_mark)
                self.passage_by_close[p.close_mark] = pi
                self.last_close_in_para[p.para] = p.close_mark

    def _double_passages(
        self, pi: int, ps: int, pe: int, prev_open_ended: int | None
    ) -> tuple[list[_Passage], _Passage | None]:
        text = self.text
        out: list[_Passage] = []
        open_at = -1
        first_mark = True
        first_char = ps
        while first_char < pe and text[first_char].isspace():
            first_char += 1
        marks = [m.start() for m in _DQ_RE.finditer(text, ps, pe)]
        open_strong = False
        for mi, pos in enumerate(marks):
            ch = text[pos]
            prev = text[pos - 1] if pos > ps else None
            nxt = text[pos + 1] if pos + 1 < pe else None
            o_ctx = (prev is None or prev.isspace() or prev in _OPEN_PREV) and (
                nxt is not None and not nxt.isspace()
            )
            c_ctx = (prev is not None and not prev.isspace()) and (
                nxt is None or nxt.isspace() or nxt in _CLOSE_NEXT
            )
            inside = open_at >= 0
            if ch in _DQ_OPEN:
                acts_open = not (inside and c_ctx and not o_ctx)
            elif ch in _DQ_CLOSE:
                acts_open = not inside and o_ctx and not c_ctx
            elif o_ctx != c_ctx:
                acts_open = o_ctx
            else:
                acts_open = not inside
            if not inside:
                if acts_open:
                    open_at = pos
                    open_strong = o_ctx or ch in _DQ_OPEN
                elif first_mark and prev_open_ended is not None:
                    # Continuation paragraph that forgot its opening mark.
                    s, e = self._trim_quote(first_char, pos)
                    if s < e:
                        out.append(_Passage(s, e, -1, pos, pi, chain_prev=prev_open_ended))
                elif ch in _DQ_STRAIGHT and mi + 1 < len(marks):
                    open_at = pos  # mis-spaced straight mark: toggle semantics
                    open_strong = False
            elif not acts_open or ch in _DQ_STRAIGHT:
                self._add_passage(out, open_at, pos, pi, first_char, prev_open_ended)
                open_at = -1
            else:  # a new opening curly mark while inside: the previous one never closed
                self._add_passage(out, open_at, -1, pi, first_char, prev_open_ended, end=pos)
                open_at = pos
                open_strong = True
            first_mark = False
        open_ended: _Passage | None = None
        if open_at >= 0 and open_strong:  # an inch mark (`a 6" pipe`) opens nothing
            before = len(out)
            self._add_passage(out, open_at, -1, pi, first_char, prev_open_ended, end=pe)
            if len(out) > before:
                open_ended = out[-1]
        return out, open_ended

    def _add_passage(
        self,
        out: list[_Passage],
        open_at: int,
        close_at: int,
        pi: int,
        first_char: int,
        prev_open_ended: int | None,
        end: int | None = None,
    ) -> None:
        s, e = self._trim_quote(open_at + 1, close_at if close_at >= 0 else (end or open_at + 1))
        if s >= e or not any(c.isalnum() for c in self.text[s:e]):
            return
        chain = prev_open_ended if (open_at == first_char and not out) else None
        out.append(_Passage(s, e, open_at, close_at, pi, chain_prev=chain))

    def _single_passages(self, pi: int, ps: int, pe: int) -> list[_Passage]:
        """Single-quoted passages; apostrophes ("Xi’s", "don't", "leaders’") are not marks."""
        text = self.text
        marks = [m.start() for m in _SQ_RE.finditer(text, ps, pe)]
        if len(marks) < 2:
            return []
        out: list[_Passage] = []
        k = 0
        while k < len(marks):
            pos = marks[k]
            ch = text[pos]
            prev = text[pos - 1] if pos > ps else None
            nxt = text[pos + 1] if pos + 1 < pe else ""
            opens = ch != "’" and (prev is None or prev.isspace() or prev in "([{—–-“\"") and (
                nxt.isalpha() or (ch == "‘" and nxt.isalnum())
            )
            if not opens:
                k += 1
                continue
            closer = ("’",) if ch == "‘" else ("'",)
            strong = weak = -1
            j = k + 1
            while j < len(marks):
                q = marks[j]
                qc = text[q]
                qprev = text[q - 1]
                qnext = text[q + 1] if q + 1 < pe else ""
                if qc in closer and not qprev.isspace() and not qnext.isalnum():
                    if qprev in ",.!?…" or qnext in ",.;:!?)" or qnext == "":
                        strong = j
                        break
                    if weak < 0:
                        weak = j
                        if qprev not in "sS":
                            strong = j
                            break
                j += 1
            pick = strong if strong >= 0 else weak
            if pick < 0:
                k += 1
                continue
            s, e = self._trim_quote(pos + 1, marks[pick])
            if s < e and any(c.isalpha() for c in text[s:e]):
                out.append(_Passage(s, e, pos, marks[pick], pi, single=True))
            k = pick + 1
        return out

    def word_count(self, p: _Passage) -> int:
        return sum(
            1 for i in self._tokens_in(p.start, p.end)
            if not self.doc[i].is_punct and not self.doc[i].is_space
        )

    def _prev_char(self, p: _Passage) -> str | None:
        """Last non-space character before the opening mark within the paragraph."""
        if p.open_mark < 0:
            return None
        ps = self.paras[p.para][0]
        k = p.open_mark - 1
        while k >= ps and self.text[k].isspace():
            k -= 1
        return self.text[k] if k >= ps else None

    def _token_before(self, p: _Passage) -> Token | None:
        k = p.open_mark - 1
        ps = self.paras[p.para][0]
        while k >= ps and (self.text[k].isspace() or self.char_tok[k] == -1):
            k -= 1
        return self.doc[self.char_tok[k]] if k >= ps else None

    def stands_alone(self, p: _Passage) -> bool:
        """True for passages that are a speaker's words rather than an embedded fragment."""
        if p.open_mark < 0 or p.chain_prev is not None:
            return True
        prev = self._prev_char(p)
        if prev is None or prev in ".!?…:" or prev in _DQ_ALL + "’'":
            return True
        before = self._token_before(p)
        if before is not None and self._touching_cue(before):
            return True
        if prev == ",":
            return self._after_comma_stands_alone(p)
        return False

    def _after_comma_stands_alone(self, p: _Passage) -> bool:
        """A passage opened after a comma: an utterance of its own, or the tail of a clause?

        `X said, "We…"` and the second half of a split quote (`"A," X said, "b."`) are
        utterances. The passage continues the reporter's sentence when the introducing
        clause has more than a cue, its subject and its addressee: a complementizer (`told
        the court that, in May, "…"`) or another verb (`said although …, "nobody…"`). A
        lower-case passage is an utterance only as a split quote's second half, when it
        ends like a sentence or when it is a clause (`told the police, "everything he did"`
        is a fragment).
        """
        first = next((c for c in self.text[p.start:p.end] if c.isalpha()), "")
        cue, after_close = self._clause_cue_before(p)
        gap_verb = gap_that = False
        if cue is not None:
            for i in self._tokens_in(cue.idx + len(cue.text), p.open_mark):
                t = self.doc[i]
                if self.in_quote(t):
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
        if first.isupper() or self.text[p.start] in _DQ_ALL:
            return True
        if cue is None or gap_verb:
            return False
        return after_close or self._terminal(p) or self._is_clause(p)

    def _is_clause(self, p: _Passage) -> bool:
        """True when the passage's top token is a verb with its own subject (a clause,
        `"because the fee is paid, this is commerce"`), not a noun phrase."""
        toks = self._tokens_in(p.start, p.end)
        for i in toks:
            t = self.doc[i]
            top = t.head.i == t.i or not (toks.start <= t.head.i < toks.stop)
            if top and t.pos_ in {"VERB", "AUX"} and any(
                c.dep_ in _SUBJECT_DEPS | {"csubj", "expl"} for c in t.children
            ):
                return True
        return False

    def _touching_cue(self, tok: Token) -> bool:
        """A speech verb right before an opening mark (`said "we…"`, not `so-called "x"`)."""
        if not self.is_cue(tok, DIRECT_SPEECH_LEMMAS) or tok.lower_ == "according":
            return False
        prev = self.doc[tok.i - 1] if tok.i > 0 else None
        return not ((prev is not None and prev.text == "-") or tok.tag_ == "JJ")

    def _clause_cue_before(self, p: _Passage) -> tuple[Token | None, bool]:
        """The reporting verb that introduces the passage from its own clause, if any,
        and whether that clause follows a closing quote mark (`"A," X said, "b."`)."""
        ps = self.paras[p.para][0]
        k = p.open_mark - 1
        while k >= ps:
            ch = self.text[k]
            if ch in ".!?" or (ch in _DQ_ALL and k in self.mark_chars):
                break
            t = self.char_tok[k]
            if t != -1 and self.doc[t].idx == k and (
                self.is_cue(self.doc[t]) or self._words_of(self.doc[t]) is not None
            ):
                return self.doc[t], self._close_before(k, ps)
            k -= 1
        return None, False

    def _close_before(self, k: int, ps: int) -> bool:
        """True when a closing quote mark precedes char `k` in its sentence."""
        while k >= ps:
            ch = self.text[k]
            if ch in ".!?":
                return False
            if ch in _DQ_ALL and k in self.mark_chars:
                j = self.passage_by_close.get(k)
                return j is not None and self.stands_alone(self.passages[j])
            k -= 1
        return False

    # ----------------------------------------------------------------- attribution

    def _is_reporting(self, tok: Token) -> bool:
        return (
            tok.pos_ == "VERB" and tok.lemma_.lower() in REPORTING_LEMMAS and not self.in_quote(tok)
        )

    def subject_of(self, verb: Token) -> Token | None:
        """The grammatical subject of a cue verb, following chains to the real subject.

        Participles ("…, adding that", "a statement saying") and verbs coordinated inside
        another report ("warned that X was temporary and urged…") share the subject of
        the reporting verb they hang off, which the parser does not always make visible.
        """
        if any(c.dep_ == "auxpass" for c in verb.children) or (
            verb.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in verb.children)
        ):
            # Passive: the subject is the one spoken to or about (`was told to…`); the
            # speaker is the agent, when there is one.
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            return next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
        own = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        participle = verb.tag_ == "VBG" and verb.dep_ in {"advcl", "acl", "conj", "xcomp", "pcomp"}
        if own is None and participle:
            anc = verb.head
            for _ in range(6):
                if anc.i == verb.i or self.para_id(anc.idx) != self.para_id(verb.idx):
                    break
                if self._is_reporting(anc):
                    return self.subject_of(anc)
                if anc.head.i == anc.i:
                    break
                anc = anc.head
        v = verb
        para = self.para_id(verb.idx)
        for _ in range(8):
            if self.para_id(v.idx) != para:
                break  # the parser ran a sentence across a paragraph break
            subj = self._own_subject(v, para)
            if subj is not None:
                if subj.lower_ in _REL_PRONOUNS and v.dep_ == "relcl":
                    return v.head
                return subj
            if v.dep_ == "relcl" and v.head.pos_ in {"NOUN", "PROPN"}:
                return v.head  # "officials who spoke…" without an explicit relativizer
            if (
                v.dep_ == "conj"
                and v.head.dep_ == "ccomp"
                and self._is_reporting(v.head.head)
                and not self._is_reporting(v.head)
            ):
                v = v.head.head  # "warned that X was … and urged Y": coordinated reports
                continue
            climb = v.dep_ in {"conj", "xcomp"} or (
                v.dep_ in {"advcl", "acl", "pcomp"} and v.tag_ == "VBG"
            ) or (v.i != verb.i and v.dep_ in {"dobj", "pobj", "prep"})
            if not climb or v.head.i == v.i:
                break
            v = v.head
        # Inverted attribution parsed without nsubj: `"…," said the spokesman.`,
        # `"…?" asked Sunak.` (the verb right after a closing mark precedes its subject).
        after_mark = self._follows_close_mark(verb)
        for c in verb.rights:
            if c.i > verb.i + 4:
                break
            if c.dep_ in {"dobj", "attr", "npadvmod", "oprd", "appos", "dative"} and c.pos_ in {
                "PROPN", "NOUN"
            } and (after_mark or verb.lemma_.lower() in {"say", "add", "write"}):
                return c
        for c in verb.children:
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        return self._name_before(verb)

    def _name_before(self, verb: Token) -> Token | None:
        """A named speaker right before a subjectless cue, which the parser hung
        elsewhere (`Speaking for the defence, Tom Molomby, SC, said …`)."""
        k = verb.i - 1
        para = self.para_id(verb.idx)
        while k >= 0 and (self.doc[k].is_punct or self.doc[k].is_space):
            k -= 1
        if k < 0 or self.para_id(self.doc[k].idx) != para:
            return None
        t = self.doc[k]
        for _ in range(4):
            if t.dep_ in {"appos", "compound", "flat"} and t.head.i < verb.i and t.head.i != t.i:
                t = t.head
            else:
                break
        m = self.tok_mention[t.i]
        if (
            m is None
            or m.label not in {"PERSON", "ORG"}
            or t.dep_ in {"pobj", "poss", "dobj", "compound"}
            or self.in_quote(t)
        ):
            return None
        return t

    def _own_subject(self, verb: Token, para: int) -> Token | None:
        """The verb's nsubj in the given paragraph, the one closest to the verb."""
        best: Token | None = None
        for c in verb.children:
            if c.dep_ in _SUBJECT_DEPS and self.para_id(c.idx) == para and (
                best is None or abs(c.i - verb.i) < abs(best.i - verb.i)
            ):
                best = c
        return best

    def _follows_close_mark(self, tok: Token) -> bool:
        """True when only punctuation separates `tok` from a preceding closing quote mark."""
        k = tok.i - 1
        while k >= 0 and (self.doc[k].is_punct or self.doc[k].is_space):
            if self.doc[k].idx in self.mark_chars:
                return self.doc[k].idx in self.close_marks
            k -= 1
        return False

    def np_bounds(self, head: Token, *, keep_appos: bool) -> tuple[int, int]:
        """Char bounds of the noun phrase headed by `head` (never its relative clauses).

        `keep_appos` gives the full phrase as written, for addressees and sources
        ("his Tajik counterpart Emomali Rahmon", "a transcript released by the White
        House"); without it the phrase stops at appositions, as speakers should.
        """
        lo = hi = head.i
        para = self.para_id(head.idx)
        stack: list[tuple[Token, bool]] = [(head, False)]
        while stack:
            t, whole = stack.pop()
            for c in t.children:
                if self.in_quote(c) or self.para_id(c.idx) != para:
                    continue
                dep = c.dep_
                ok = dep in _NP_INNER_DEPS or (keep_appos and dep in {"appos", "acl"})
                if dep == "prep" and c.lower_ not in _NP_PREPS:
                    ok = False
                if dep == "conj" and t.i == head.i and not keep_appos and (
                    self.tok_mention[head.i] is not None
                ):
                    ok = False  # "Smith and Jones said": the entity speaker is Smith
                if whole and dep not in {"relcl", "punct"}:
                    ok = True  # everything inside an apposition / participle phrase
                if ok:
                    lo = min(lo, c.i)
                    hi = max(hi, c.i)
                    stack.append((c, whole or dep in {"appos", "acl"}))
        # Keep the span contiguous and inside the head's sentence, then trim punctuation.
        while lo < head.i and (self.doc[lo].is_punct or self.doc[lo].dep_ == "cc"):
            lo += 1
        while hi > head.i and (self.doc[hi].is_punct or self.doc[hi].dep_ == "cc"):
            hi -= 1
        start, end = self.doc[lo].idx, self.doc[hi].idx + len(self.doc[hi].text)
        m = self.tok_mention[head.i]
        if m is not None:
            start, end = min(start, m.start), max(end, m.end)
        return start, end

    def resolve(self, subj: Token) -> _Speaker:
        """Speaker record for a subject token: entity, pronoun antecedent, or plain NP."""
        low = subj.lower_
        if low in _MALE_PRONOUNS | _FEMALE_PRONOUNS | _GROUP_PRONOUNS | _FIRST_PERSON:
            ante = self._antecedent(subj)
            canonical = None
            if ante is not None:
                canonical = ante.canonical if ante.canonical is not None else ante.text
            return _Speaker(
                subj.text, subj.idx, subj.idx + len(subj.text),
                canonical, ante.entity_id if ante else None, ante.label if ante else None,
            )
        m = self.tok_mention[subj.i]
        if m is not None and m.label not in _PERSON_LABELS and subj.text[:1].isupper():
            # A person's name inside a mention NER got wrong (`Rathbun the Scientology`
            # as ORG, a surname tagged GPE): a speaker is a person before a place.
            person = self._person_by_word(subj)
            if person is not None and len(person.text.split()) > 1 and (
                m.text.split()[0] == subj.text or len(m.text.split()) == 1
            ):
                return _Speaker(subj.text, subj.idx, subj.idx + len(subj.text),
                                person.canonical, person.entity_id, person.label)
        if m is None:
            for c in subj.children:  # "The president, Emomali Rahmon, said"
                if c.dep_ == "appos" and self.tok_mention[c.i] is not None:
                    cand = self.tok_mention[c.i]
                    if cand is not None and cand.label in _SPEAKER_LABELS:
                        m = cand
                        break
        if m is None and subj.pos_ in {"NOUN", "PROPN"}:
            # `Ambassador to the United States Hamdullah Mohib`: the title's phrase
            # ends with the name.
            r = subj.right_edge
            if r.i - subj.i <= 10 and self.para_id(r.idx) == self.para_id(subj.idx) and not any(
                t.pos_ in {"VERB", "AUX"} for t in self.doc[subj.i:r.i + 1]
            ):
                last = self.tok_mention[r.i]
                if last is not None and last.label in _PERSON_LABELS and (
                    last.end == r.idx + len(r.text)
                ):
                    m = last
        if m is not None and m.label in _SPEAKER_LABELS:
            return _Speaker(m.text, m.start, m.end, m.canonical, m.entity_id, m.label)
        if subj.pos_ == "PROPN" or (
            subj.pos_ == "NOUN" and subj.text[:1].isupper() and not subj.is_sent_start
        ):
            best = self._person_by_word(subj)
            if best is not None:
                start, end = self.np_bounds(subj, keep_appos=False)
                return _Speaker(
                    self.text[start:end], start, end, best.canonical, best.entity_id, best.label
                )
        start, end = self.np_bounds(subj, keep_appos=False)
        return _Speaker(self.text[start:end], start, end, None, None)

    def _person_by_word(self, tok: Token) -> Mention | None:
        """The fullest PERSON mention containing this word, preferring earlier ones."""
        cands = self.by_name_word.get(tok.lower_, [])
        if not cands:
            # A surname alone after a full name NER tagged as an organisation.
            cands = [c for c in self.by_last_word.get(tok.lower_, []) if c.end <= tok.idx]
            if not cands:
                return None
        before = [c for c in cands if c.start < tok.idx]
        return max(before or cands, key=lambda c: (len(c.text), -abs(c.start - tok.idx)))

    def _gender(self, m: Mention) -> str | None:
        """'f', 'm' or None from honorifics, role nouns and first names of the cluster."""
        if m.cluster_id in self._gender_cache:
            return self._gender_cache[m.cluster_id]
        votes = {"f": 0, "m": 0}
        for other in self.by_cluster.get(m.cluster_id, []):
            toks = self._tokens_in(other.start, other.end)
            if not toks:
                continue
            words = [self.doc[i].lower_ for i in toks]
            if toks.start > 0:
                words.append(self.doc[toks.start - 1].lower_)
            head = self.doc[toks.stop - 1]
            words += [c.lower_ for c in head.children if c.dep_ in {"appos", "compound"}]
            if head.dep_ == "appos":
                words.append(head.head.lower_)
            for w in words:
                if w in _FEMALE_CUES:
                    votes["f"] += 1
                elif w in _MALE_CUES:
                    votes["m"] += 1
        g = None if votes["f"] == votes["m"] else ("f" if votes["f"] > votes["m"] else "m")
        self._gender_cache[m.cluster_id] = g
        return g

    def _antecedent(self, pron: Token) -> _Speaker | None:
        """What a cue-subject pronoun most plausibly refers to (see module docstring).

        he/she: a fitting named person earlier in the same sentence (the leftmost, as in
        `Doe's sister pleaded with him, but he replied`), else the named person who is
        the subject of the previous sentence, else the last person speaker, else the
        most recent person mention. they/it: a plural (they) or organisation (it)
        subject earlier in the sentence or in the previous sentence, else the last
        speaker of that kind (named or not: `The scientists found…. They estimated…`),
        else the nearest organisation mention.
        """
        low = pron.lower_
        if low in _FIRST_PERSON or low == "you":
            return None
        if low in _GROUP_PRONOUNS:
            return self._group_antecedent(pron)
        min_para = self.para_id(pron.idx) - PRONOUN_PARAGRAPH_WINDOW
        want = "f" if low in _FEMALE_PRONOUNS else "m"

        def fits(m: Mention) -> bool:
            g = self._gender(m)
            return g is None or g == want

        sent = self.sents[self.tok_sent[pron.i]]
        k = bisect.bisect_left(self.person_starts, sent.start_char)
        while k < len(self.person_starts) and self.person_starts[k] < pron.idx:
            m = self.person_mentions[k]
            first = self._tokens_in(m.start, m.end)
            if first and not self.in_quote(self.doc[first.start]) and fits(m):
                return _mention_speaker(m)
            k += 1
        for subj in self._previous_subjects(pron):
            sp = self.resolve(subj)
            m = self.by_entity.get(sp.entity_id) if sp.entity_id is not None else None
            if m is not None and m.label in _PERSON_LABELS and fits(m):
                return sp
        k = bisect.bisect_left(self.attr_pos, pron.idx) - 1
        while k >= 0 and self.para_id(self.attr_pos[k]) >= min_para:
            sp = self.attr_speaker[k]
            m = self.by_entity.get(sp.entity_id) if sp.entity_id is not None else None
            if m is not None and m.label in _PERSON_LABELS:
                if fits(m):
                    return sp
                break  # the last person speaker has the other gender: try mentions
            k -= 1
        k = bisect.bisect_left(self.person_starts, pron.idx) - 1
        while k >= 0 and self.para_id(self.person_starts[k]) >= min_para:
            m = self.person_mentions[k]
            if fits(m):
                return _mention_speaker(m)
            k -= 1
        return None

    def _previous_subjects(self, pron: Token) -> list[Token]:
        """Non-pronoun subjects outside quotes of the sentence before the pronoun's, when
        it is in the same or the previous paragraph (main clause first)."""
        si = self.tok_sent[pron.i] - 1
        if si < 0 or self.para_id(self.sents[si].start_char) < self.para_id(pron.idx) - 1:
            return []
        subs = [
            t for t in self.sents[si]
            if t.dep_ in _SUBJECT_DEPS and t.pos_ != "PRON" and not self.in_quote(t)
        ]
        return sorted(subs, key=lambda t: (t.head.dep_ != "ROOT", t.i))

    def _group_kind(self, tok: Token, sp: _Speaker | None = None) -> str | None:
        """'they' for plural nouns and organisations, 'it' for organisations and
        singular non-person nouns, None otherwise (people, pronouns)."""
        m = self.tok_mention[tok.i]
        label = sp.label if sp is not None else (m.label if m is not None else None)
        if label in {"ORG", "NORP"}:
            return "both"
        if label == "GPE":
            return "it"
        if label is not None or tok.pos_ not in {"NOUN", "PROPN"}:
            return None
        if tok.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in tok.children):
            return "they"
        if tok.lemma_.lower() in _PERSON_NOUNS:
            return None
        return "it"

    def _group_antecedent(self, pron: Token) -> _Speaker | None:
        want = "they" if pron.lower_ in {"they", "them"} else "it"

        def ok(tok: Token, sp: _Speaker | None = None) -> bool:
            kind = self._group_kind(tok, sp)
            return kind == want or kind == "both"

        sent = self.sents[self.tok_sent[pron.i]]
        same = [
            t for t in self.doc[sent.start:pron.i]
            if t.dep_ in _SUBJECT_DEPS and t.pos_ != "PRON" and not self.in_quote(t)
            and self.para_id(t.idx) == self.para_id(pron.idx)
        ]
        # The subject of a report is the likelier referent (`Police said protesters had
        # gathered, and they warned…`), else the nearest subject.
        for subj in sorted(same, key=lambda t: (self._is_reporting(t.head), t.i), reverse=True):
            if ok(subj):
                return self.resolve(subj)
        for subj in self._previous_subjects(pron):
            if subj.dep_ == "nsubj" and ok(subj):  # agents: not `Plans were dropped.`
                return self.resolve(subj)
        min_para = self.para_id(pron.idx) - PRONOUN_PARAGRAPH_WINDOW
        k = bisect.bisect_left(self.attr_pos, pron.idx) - 1
        while k >= 0 and self.para_id(self.attr_pos[k]) >= min_para:
            if ok(self.attr_tok[k], self.attr_speaker[k]):
                return self.attr_speaker[k]
            k -= 1
        k = bisect.bisect_left(self.group_starts, pron.idx) - 1
        while k >= 0 and self.para_id(self.group_starts[k]) >= self.para_id(pron.idx) - 1:
            m = self.group_mentions[k]
            if m.label == "ORG" or (m.label == "NORP" and want == "they") or (
                m.label == "GPE" and want == "it"
            ):
                return _mention_speaker(m)
            k -= 1
        return None

    def build_attribution_history(self) -> None:
        """Positions of reporting-verb subjects (not pronouns), for pronoun resolution."""
        found: list[tuple[int, int, _Speaker, Token]] = []
        for tok in self.tokens:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in REPORTING_LEMMAS:
                continue
            if self.in_quote(tok):
                continue
            subj = self.subject_of(tok)
            if subj is None or subj.pos_ == "PRON":
                continue
            sp = self.resolve(subj)
            if sp.entity_id is not None:
                m = self.by_entity.get(sp.entity_id)
                if m is None:
                    continue
                sp = _mention_speaker(m)
            found.append((sp.start, subj.i, sp, subj))
        found.sort(key=lambda x: (x[0], x[1]))
        self.attr_pos = [f[0] for f in found]
        self.attr_speaker = [f[2] for f in found]
        self.attr_tok = [f[3] for f in found]

    def addressee_of(self, cue: Token, subj: Token | None = None) -> str | None:
        """The person or group spoken to: object of tell/urge/warn/…, or `say to X`."""
        lemma = cue.lemma_.lower()
        for c in cue.children:
            if self.in_quote(c) or (subj is not None and c.i == subj.i):
                continue
            if lemma in ADDRESSEE_LEMMAS and c.dep_ in _OBJECT_DEPS and c.pos_ in {
                "NOUN", "PROPN", "PRON"
            } and c.lower_ not in {"what", "that", "it", "this"}:
                s, e = self.np_bounds(c, keep_appos=True)
                return self.text[s:e]
            if c.dep_ in {"prep", "dative"} and c.lower_ == "to" and lemma in {
                "say", "explain", "announce", "confirm", "write", "complain", "admit", "speak"
            }:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    s, e = self.np_bounds(obj, keep_appos=True)
                    return self.text[s:e]
        return None

    def according_of(self, cue: Token) -> str | None:
        """`according to X` attached to the cue (or elsewhere in its sentence, outside quotes)."""
        if cue.lower_ == "according":
            return None
        sent = self.sents[self.tok_sent[cue.i]]
        found: list[Token] = [c for c in cue.children if c.lower_ == "according"]
        if not found:
            found = [
                t for t in sent if t.lower_ == "according" and not self.in_quote(t)
                and t.head.lemma_.lower() not in REPORTING_LEMMAS | {"accord"}
                and (t.head.i == sent.root.i or self.tok_pass[t.head.i] != -1)
            ]
        for acc in found:
            obj = self._according_obj(acc)
            if obj is not None:
                s, e = self.np_bounds(obj, keep_appos=True)
                return self.text[s:e]
        return None

    def attribution(self, cue: Token) -> _Attribution:
        if cue.lower_ == "according":
            obj = self._according_obj(cue)
            sp = self.resolve(obj) if obj is not None else None
            src = None
            if obj is not None:
                s, e = self.np_bounds(obj, keep_appos=True)
                src = self.text[s:e]
            return _Attribution("according to", "according to", cue.idx, sp, None, src)
        words_of = self._words_of(cue)
        if words_of is not None:
            of = self.doc[cue.i + 1]
            return _Attribution(
                self.text[self.doc[cue.i - 2].idx:of.idx + len(of.text)],
                "in the words of", self.doc[cue.i - 2].idx, self.resolve(words_of),
            )
        if cue.pos_ in {"NOUN", "PROPN"}:  # a mis-tagged verb (see `_noun_cue`)
            subj = self.doc[cue.i - 1]
            return _Attribution(cue.text, cue.lemma_.lower(), cue.idx, self.resolve(subj))
        subj = self.subject_of(cue)
        return _Attribution(
            cue.text, cue.lemma_.lower(), cue.idx,
            self.resolve(subj) if subj is not None else None,
            self.addressee_of(cue, subj), self.according_of(cue),
        )

    def _dep_cue(self, p: _Passage) -> Token | None:
        """Cue reached by a dependency arc from inside the passage to a verb outside it."""
        for i in self._tokens_in(p.start, p.end):
            t = self.doc[i]
            if t.is_punct:
                continue
            h = t.head
            if h.i == t.i or (p.start <= h.idx < p.end):
                continue
            if (
                self.is_cue(h)
                and h.lower_ != "according"
                and self.para_id(h.idx) == p.para
            ):
                return h
        return None

    def _after_cue(
        self, p: _Passage, next_open: int, *, next_sentence: bool = False
    ) -> Token | None:
        """Cue in the attribution that follows the closing mark.

        By default only the closing mark's own sentence is searched (`"…," X said.`).
        With `next_sentence` the search may go on into the next sentence, which must
        then be a short attribution of its own (`"…." That was what X said.`): the
        cue is its main verb and the sentence has at most `_SHORT_ATTRIBUTION` words.
        """
        if p.close_mark < 0:
            return None
        pe = self.paras[p.para][1]
        limit = min(pe, next_open)
        close_sent = self.sent_id(max(p.start, p.end - 1))
        seen_word = False
        cur_sent = -1
        for i in self._tokens_in(p.close_mark + 1, limit):
            t = self.doc[i]
            if self.in_quote(t):
                continue
            s = self.tok_sent[i]
            if s != cur_sent:
                if seen_word:
                    break
                cur_sent = s
            if t.is_punct or t.is_space:
                continue
            seen_word = True
            if s != close_sent and not next_sentence:
                return None
            if self.is_cue(t):
                if s != close_sent and (
                    t.lower_ == "according"
                    or t.dep_ != "ROOT"
                    or any(c.dep_ in {"ccomp", "xcomp"} for c in t.children)
                    or sum(1 for w in self.sents[s] if not (w.is_punct or w.is_space))
                    > _SHORT_ATTRIBUTION
                ):
                    return None  # a new report of its own, not this quote's attribution
                return t
        return None

    def _before_cue(self, p: _Passage, prev_close: int) -> Token | None:
        """Cue in an introducing attribution ending in a colon/comma (`X told Y: "…"`)."""
        prev = self._prev_char(p)
        before = self._token_before(p)
        ps, _ = self.paras[p.para]
        lo = max(ps, prev_close + 1)
        if prev is None and p.para > 0 and p.open_mark >= 0:
            # `X said:` (or `X said,`) closing the previous paragraph: its last sentence,
            # quoted words in it skipped (`called it "a trap" and "a lie":`).
            pps, ppe = self.paras[p.para - 1]
            tail = self.text[pps:ppe].rstrip()
            if not tail.endswith((":", ",")):
                return None
            lo, hi = max(pps, self.sent_starts[self.sent_id(pps + len(tail) - 1)]), ppe
        elif prev in {":", ","} or (before is not None and self._touching_cue(before)):
            hi = p.open_mark
        else:
            return None
        cue: Token | None = None
        for i in self._tokens_in(lo, hi):
            t = self.doc[i]
            if self.in_quote(t):
                continue
            if t.text in _SENT_END:
                cue = None
            elif self.is_cue(t) or self._words_of(t) is not None:
                cue = t
        if cue is None and prev in {":", ","} and before is not None and before.i > 0:
            word = self.doc[before.i - 1]
            if self._noun_cue(word):
                cue = word
        return cue

    def _words_of(self, tok: Token) -> Token | None:
        """X in `in the words of X` (a cue phrase, like `according to X`), else None."""
        if tok.lower_ != "words" or tok.i < 2 or self.in_quote(tok):
            return None
        if self.doc[tok.i - 2].lower_ != "in" or self.doc[tok.i - 1].lower_ != "the":
            return None
        of = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if of is None or of.lower_ != "of":
            return None
        return next((c for c in of.children if c.dep_ == "pobj"), None)

    def _noun_cue(self, tok: Token) -> bool:
        """A reporting verb the tagger took for a plural noun, right before `, "…"` or
        `: "…"` and after its subject (`The ministry notes, "…"`)."""
        return (
            tok.pos_ in {"NOUN", "PROPN"}
            and tok.tag_ in {"NNS", "NNPS"}
            and tok.lower_.endswith("s")
            and tok.lemma_.lower() in DIRECT_SPEECH_LEMMAS | {"note", "stress", "argue"}
            and not any(c.dep_ in {"det", "poss", "amod", "nummod"} for c in tok.children)
            and tok.i > 0
            and self.doc[tok.i - 1].pos_ in {"PROPN", "NOUN"}
            and not self.in_quote(tok)
        )

    def attribute_passages(self) -> list[_Attribution | None]:
        """Attribution per passage for stand-alone passages (None when not found)."""
        n = len(self.passages)
        attrs: list[_Attribution | None] = [None] * n
        for i, p in enumerate(self.passages):
            nxt = self.passages[i + 1] if i + 1 < n else None
            next_open = (
                nxt.open_mark if nxt is not None and nxt.para == p.para and nxt.open_mark >= 0
                else 1 << 60
            )
            prv = self.passages[i - 1] if i > 0 else None
            prev_close = (
                prv.close_mark if prv is not None and prv.para == p.para and prv.close_mark >= 0
                else -1
            )
            cue = (
                self._dep_cue(p)
                or self._after_cue(p, next_open)
                or self._before_cue(p, prev_close)
                or self._after_cue(p, next_open, next_sentence=True)
            )
            if cue is not None:
                attrs[i] = self.attribution(cue)
        return attrs

    def fragment_cue(self, p: _Passage) -> Token | None:
        """Nearest reporting verb whose complement contains the embedded fragment."""
        toks = self._tokens_in(p.start, p.end)
        for i in toks:
            t = self.doc[i]
            if t.is_punct:
                continue
            if t.head.i == t.i or toks.start <= t.head.i < toks.stop:
                # `He "strongly condemned" the attack`: the cue itself is quoted.
                if (
                    t.head.i == t.i
                    and t.pos_ == "VERB"
                    and t.lemma_.lower() in FRAGMENT_CUE_LEMMAS
                    and any(
                        c.dep_ in _SUBJECT_DEPS and not (toks.start <= c.i < toks.stop)
                        for c in t.children
                    )
                ):
                    return t
                continue
            # A one-word fragment is the speaker's only when the cue applies it directly
            # (`called it "dangerous"`, `described the damage as "catastrophic"`); a
            # quoted verb or a word deeper in a reported clause is a scare quote
            # (`said it would "streamline" its operations`).
            one_word = self.word_count(p) == 1
            if one_word and t.pos_ in {"VERB", "AUX"}:
                return None
            max_arcs = 10
            if one_word:
                max_arcs = 3 if t.head.lower_ in {"as", "like"} else 2
                if t.dep_ == "conj":  # `"reckless" and "unworkable"`: as the first one
                    max_arcs += 1
            child, cur = t, t.head
            for _ in range(max_arcs):
                if self.para_id(cur.idx) != p.para:
                    break
                if cur.dep_ == "acl" and cur.tag_ == "VBN" and not self.in_quote(cur):
                    break  # `a group called "X"`: a name, not a report
                if (
                    not self.in_quote(cur)
                    and cur.pos_ == "VERB"
                    and cur.lemma_.lower() in FRAGMENT_CUE_LEMMAS
                    and child.dep_ in _CONTENT_DEPS
                    and (child.dep_ != "prep" or child.lower_ in _CONTENT_PREPS)
                    and (child.dep_ != "conj" or child.pos_ in {"VERB", "AUX"} or any(
                        c.dep_ in {"oprd", "attr", "acomp"} and c.i < child.i
                        for c in cur.children
                    ))  # `called it "reckless" and "illegal"`
                    and (child.dep_ != "advcl" or child.tag_ == "VBG")
                ):
                    return self._outermost_report(cur)
                if cur.head.i == cur.i:
                    break
                child, cur = cur, cur.head
        return None

    def _outermost_report(self, cue: Token) -> Token:
        """The report a cue is the complement of, if any (`said he believes "…"` is a
        report with the cue `said`: only the outermost act is annotated)."""
        for _ in range(4):
            head = cue.head
            if (
                cue.dep_ == "ccomp"
                and head.i != cue.i
                and self.para_id(head.idx) == self.para_id(cue.idx)
                and self.is_cue(head)
                and head.lemma_.lower() not in _NO_CCOMP
            ):
                cue = head
            else:
                break
        return cue

    def _according_in_sentence(self, p: _Passage) -> Token | None:
        """An `according to X` of the passage's sentence, outside quotes."""
        sent = self.sents[self.sent_id(p.start)]
        for t in sent:
            if t.lower_ == "according" and not self.in_quote(t) and (
                self._according_obj(t) is not None
            ):
                return t
        return None

    def not_speech(self, p: _Passage) -> bool:
        """Quoted text that nobody says: headline quotes, cited titles, words as words.

        * a passage in a headline-like first paragraph (headlines are not claims);
        * a citation, the quote followed by a dash and its source
          (`"Flood warning issued" — The Herald, May 2, 2024`), when the passage does not
          end like a sentence;
        * a term cited as a term (`the words "and Emergency"`, `the phrase "…"`).
        """
        if self._headline_like(p.start):
            return True
        if p.close_mark >= 0 and not self._terminal(p):
            pe = self.paras[p.para][1]
            after = self.text[p.close_mark + 1:pe].lstrip(" ,")
            if after[:1] in {"—", "–", "-"}:
                return True
        before = self._token_before(p)
        if before is None:
            return False
        if before.lemma_.lower() in _TERM_NOUNS:
            return True
        # A name or a label, not anybody's words: `so-called "X"`, `known as "X"`.
        lead = self.text[max(self.paras[p.para][0], p.open_mark - 12):p.open_mark].lower()
        return lead.rstrip().endswith(_NAMING_LEADS)

    def _terminal(self, p: _Passage) -> bool:
        """True when the passage ends like a sentence (inner closing marks ignored)."""
        return self.text[p.start:p.end].rstrip("”’\"'").endswith(_TERMINAL)

    def is_title(self, p: _Passage) -> bool:
        """Title-cased passages ("The Crown", "Green Deal") name things; nobody says them."""
        words = re.findall(r"[A-Za-z][A-Za-z'’-]*", self.text[p.start:p.end])
        long = [w for w in words if len(w) > 3]
        return bool(long) and all(w[0].isupper() for w in long)

    # ----------------------------------------------------------------- claims

    def claim(
        self, kind: str, start: int, end: int, attr: _Attribution | None
    ) -> Claim:
        sp = attr.speaker if attr else None
        return Claim(
            sentence_id=self.sent_id(start),
            last_sentence_id=self.sent_id(max(start, end - 1)),
            kind=kind,
            content=self.text[start:end],
            content_start=start,
            content_end=end,
            speaker=sp.text if sp else None,
            speaker_start=sp.start if sp else None,
            speaker_end=sp.end if sp else None,
            speaker_canonical=sp.canonical if sp else None,
            speaker_entity_id=sp.entity_id if sp else None,
            cue=attr.cue if attr else None,
            cue_lemma=attr.cue_lemma if attr else None,
            addressee=attr.addressee if attr else None,
            according_to=attr.according_to if attr else None,
        )

    def quote_claims(self) -> tuple[list[Claim], list[int | None]]:
        """Direct and partial quote claims; also returns cue char offsets per claim."""
        attrs = self.attribute_passages()
        n = len(self.passages)
        kinds: list[str | None] = [None] * n
        for i, p in enumerate(self.passages):
            if self.not_speech(p):
                continue
            if self.stands_alone(p):
                kinds[i] = "direct_quote"
                continue
            if self.is_title(p) and self.word_count(p) >= 2 and not self._terminal(p):
                continue  # a title in running text (`launched "The Big Switch" on Monday`)
            cue = self.fragment_cue(p)
            attr = self.attribution(cue) if cue is not None else None
            if attr is None or attr.speaker is None:
                # `By then "…", according to the paper`; an agentless `was told to "…"`.
                acc = self._according_in_sentence(p)
                if acc is not None:
                    attr = self.attribution(acc)
            if attr is not None:
                kinds[i] = "partial_quote"
                attrs[i] = attr
            elif self.word_count(p) > SCARE_QUOTE_MAX_WORDS:
                kinds[i] = "partial_quote"
                attrs[i] = None
        # Propagate speakers to unattributed direct quotes (split and continuing quotes).
        for i in range(n):
            if kinds[i] == "direct_quote" and attrs[i] is None:
                attrs[i] = self._inherit(i, attrs, kinds)
        claims: list[Claim] = []
        cue_pos: list[int | None] = []
        for i, p in enumerate(self.passages):
            kind = kinds[i]
            if kind is None:
                continue
            a = attrs[i]
            if (
                kind == "direct_quote"
                and a is None
                and p.chain_prev is None
                and p.chain_next is None
                and (
                    (self.word_count(p) <= SCARE_QUOTE_MAX_WORDS
                     and (not self._terminal(p) or self.is_title(p)))
                    or (self.is_title(p) and not self._terminal(p))
                )
            ):
                continue  # unattributed short passage or title: a scare quote or a name
            claims.append(self.claim(kind, p.start, p.end, a))
            cue_pos.append(a.cue_start if a else None)
        return claims, cue_pos

    def _inherit(
        self, i: int, attrs: list[_Attribution | None], kinds: list[str | None]
    ) -> _Attribution | None:
        """Attribution for a direct quote that has no cue of its own.

        In order: the continuation chain (a multi-paragraph quote), the neighbouring
        passages of the paragraph (split quotes, which keep the cue), a credit line
        (pull quotes: `"…" — Jane Doe` or `Jane Doe: "…"`), the last report of the
        paragraph or the subject of the previous sentence for a quote that opens a
        sentence (`Doe issued a statement. "We…"`), and for a paragraph that is nothing
        but a quote, the last speaker of the previous paragraph. Speakers taken from
        another sentence or paragraph come without a cue: the quote has none of its own.
        """
        p = self.passages[i]
        # Continuation chain: nearest attributed member, earlier first.
        j = p.chain_prev
        while j is not None:
            if attrs[j] is not None:
                return _without_cue(attrs[j])
            j = self.passages[j].chain_prev
        j = p.chain_next
        while j is not None:
            if attrs[j] is not None:
                return attrs[j]
            j = self.passages[j].chain_next
        # Same paragraph: previous direct passage, then next one.
        for j in range(i - 1, -1, -1):
            q = self.passages[j]
            if q.para != p.para:
                break
            if kinds[j] == "direct_quote" and attrs[j] is not None:
                return attrs[j]
        for j in range(i + 1, len(self.passages)):
            q = self.passages[j]
            if q.para != p.para:
                break
            if kinds[j] == "direct_quote" and attrs[j] is not None:
                return attrs[j]
        credit = self._credit_line(p, i)
        if credit is not None:
            return _Attribution(None, None, None, credit)
        ps, pe = self.paras[p.para]
        prev = self._prev_char(p)
        if p.open_mark > ps and (prev in _TERMINAL or (
            prev in _DQ_ALL + "’'" and self._sentence_closed_before(p)
        )):
            # A quote opening a sentence inside a paragraph.
            best = self._last_report_attr(p.para, p.open_mark)
            if best is None or best.speaker is None:
                best = self._previous_subject_attr(p)
            if best is not None and best.speaker is not None:
                return _without_cue(best)
        # A paragraph that is nothing but a quote continues the previous paragraph's speaker.
        outside = self._outside_words(ps, pe)
        if outside == 0 and p.para > 0:
            best = None
            for j in range(i - 1, -1, -1):
                q = self.passages[j]
                if q.para < p.para - 1:
                    break
                if q.para == p.para - 1 and attrs[j] is not None:
                    best = attrs[j]
                    break
            if best is None:
                best = self._last_report_attr(p.para - 1, self.paras[p.para - 1][1])
            if best is not None and best.speaker is not None:
                return _without_cue(best)
        return None

    def _sentence_closed_before(self, p: _Passage) -> bool:
        """True when the text before the opening mark ends a sentence (`…." "Next…`)."""
        ps = self.paras[p.para][0]
        k = p.open_mark - 1
        while k >= ps and (self.text[k].isspace() or self.text[k] in _DQ_ALL + "’'"):
            k -= 1
        return k >= ps and self.text[k] in _TERMINAL

    def _credit_line(self, p: _Passage, i: int) -> _Speaker | None:
        """Speaker of a pull quote credited in its own paragraph, without a verb:
        `"…." — Jane Doe, mayor` or `Jane Doe, mayor: "…"`."""
        ps, pe = self.paras[p.para]
        if p.close_mark >= 0 and self._terminal(p):
            after = self.text[p.close_mark + 1:pe]
            m = re.match(r"\s*(?:[—–-]{1,2}\s*)?(?=\S)", after)
            dashed = m is not None and bool(after[:m.end()].strip())
            if m is not None and (dashed or (
                after[m.end():m.end() + 1].isupper() and len(after.split()) <= 8
            )):
                got = self._credit_speaker(p.close_mark + 1 + m.end(), pe)
                if got is not None:
                    return got
        if p.open_mark > ps and p.chain_prev is None and self._prev_char(p) in {":", ","}:
            k = p.open_mark - 1
            while k > ps and self.text[k] in " \t,:":
                k -= 1
            first_in_para = i == 0 or self.passages[i - 1].para != p.para
            lead = self._tokens_in(ps, k + 1)
            if first_in_para and lead and self.doc[lead.start].pos_ in {
                "PROPN", "NOUN", "DET", "ADJ"
            }:
                return self._credit_speaker(ps, k + 1)
        return None

    def _credit_speaker(self, start: int, end: int) -> _Speaker | None:
        """The name in a short verbless credit (`Jane Doe, Mayor of Springfield`)."""
        toks = [self.doc[i] for i in self._tokens_in(start, end)]
        words = [t for t in toks if not (t.is_punct or t.is_space)]
        if not words or len(words) > 12 or any(
            t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBN" for t in words
        ):
            return None
        for t in words:
            m = self.tok_mention[t.i]
            if m is not None and m.label in {"PERSON", "ORG", "NORP"}:
                return self.resolve(t)
        head = next((t for t in words if t.pos_ in {"PROPN", "NOUN"}), None)
        if head is None:
            return None
        while head.head.i != head.i and start <= head.head.idx < end and head.dep_ in {
            "compound", "amod", "nmod", "poss"
        }:
            head = head.head
        return self.resolve(head)

    def _outside_words(self, start: int, end: int) -> int:
        return sum(
            1 for i in self._tokens_in(start, end)
            if not self.in_quote(self.doc[i]) and not self.doc[i].is_punct
            and not self.doc[i].is_space
        )

    def _last_report_attr(self, para: int, limit: int) -> _Attribution | None:
        """Attribution of the paragraph's last outermost report before char `limit`: a
        reporting verb with a complement that is not itself inside another report."""
        ps, _ = self.paras[para]
        last: Token | None = None
        for i in self._tokens_in(ps, limit):
            t = self.doc[i]
            if not self.is_cue(t) or t.lower_ == "according" or self._complement(t) is None:
                continue
            if any(
                a.idx >= ps and self.is_cue(a) and a.lower_ != "according"
                and self._complement(a) is not None
                for a in t.ancestors
            ):
                continue  # nested: "Doe noted the findings show…" is Doe's report
            last = t
        if last is None:
            return None
        attr = self.attribution(last)
        return attr if attr.speaker is not None else None

    def _previous_subject_attr(self, p: _Passage) -> _Attribution | None:
        """The named person or organisation that is the subject of the sentence before
        the quote, in the same paragraph (`Doe issued a statement. "We…"`)."""
        ps = self.paras[p.para][0]
        si = self.sent_id(p.open_mark) - 1
        while si >= 0 and self.sents[si].end_char > p.open_mark:
            si -= 1
        if si < 0 or self.sents[si].end_char <= ps:
            return None
        root = self.sents[si].root
        if self.in_quote(root):
            return None
        subj = self._own_subject(root, p.para)
        if subj is None:
            return None
        sp = self.resolve(subj)
        if sp.entity_id is None or sp.label not in {"PERSON", "ORG"}:
            return None
        return _Attribution(None, None, None, sp)

    def _complement(self, cue: Token) -> Token | None:
        """The clause (or `call for`-type object) that holds what the cue reports.

        A clausal complement after the cue wins over one before it, and one before it
        must be a clause with a subject (`The bridge will reopen, officials said`; not a
        fronted `With the work almost complete, …`). Infinitives count for the
        commitment/request verbs of `XCOMP_LEMMAS` (`call` only as `call on X to`). A
        that-clause hanging off the medium (`said in a statement that …`) and an
        unmarked clause joined by a bare comma (`estimated by 2050, demand would …`,
        which the parser takes for a coordination) are complements too.
        """
        lemma = cue.lemma_.lower()
        preps = PREP_CONTENT.get(lemma, frozenset())
        after: Token | None = None
        before: Token | None = None
        for c in cue.children:
            if c.dep_ == "ccomp" and lemma not in _NO_CCOMP:
                if c.i > cue.i:
                    if after is None and not self._verb_between(cue, c):
                        after = c
                elif before is None and c.pos_ in {"VERB", "AUX"} and any(
                    g.dep_ in _SUBJECT_DEPS | {"csubj", "expl"} for g in c.children
                ):
                    before = c
            elif (
                c.dep_ == "xcomp"
                and lemma in XCOMP_LEMMAS
                and c.pos_ in {"VERB", "AUX"}
                and c.i > cue.i
                and (lemma != "call" or any(
                    g.dep_ == "prep" and g.lower_ in {"on", "upon"} for g in cue.children
                ))
            ):
                after = after or c
        if after is not None or before is not None:
            return after or before
        for c in cue.children:
            # "called for calm"; "accused the rebels of shelling" (prep on the object).
            heads = [c] + ([g for g in c.children if g.dep_ == "prep"] if c.dep_ == "dobj" else [])
            for h in heads:
                if h.dep_ == "prep" and h.lower_ in preps:
                    obj = next((g for g in h.children if g.dep_ in {"pobj", "pcomp"}), None)
                    if obj is not None:
                        return obj
        head = cue.head
        if (
            cue.dep_ == "advcl"
            and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
            and head.pos_ in {"VERB", "AUX"}
            and any(c.dep_ in _SUBJECT_DEPS | {"expl"} for c in head.children)
            and (lemma in ADDRESSEE_LEMMAS or not any(c.dep_ == "dobj" for c in cue.children))
        ):
            return head  # `As Doe told the Post, ozone has dropped`: the main clause
        if (
            cue.dep_ == "ccomp"
            and cue.i < head.i
            and head.pos_ in {"VERB", "AUX"}
            and any(c.dep_ in _SUBJECT_DEPS for c in cue.children)
            and not any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in cue.children)
            and cue.right_edge.i + 2 < len(self.doc)
            and self.doc[cue.right_edge.i + 1].text == ","
            and any(
                c.dep_ in _SUBJECT_DEPS | {"expl"} and c.left_edge.i == cue.right_edge.i + 2
                for c in head.children
            )
        ):
            return head  # `They estimated by 2040, demand would double`, parsed upside down
        if lemma in _NO_CCOMP:
            return None
        for c in cue.children:
            if c.dep_ == "prep" and c.lower_ in {"in", "via", "through"}:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is None or obj.lemma_.lower() not in _MEDIUM_NOUNS:
                    continue
                for g in obj.children:
                    if g.dep_ in {"acl", "relcl", "ccomp"} and g.i > obj.i and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in g.children
                    ):
                        return g
        if not any(c.dep_ == "cc" for c in cue.children):
            for c in cue.children:
                if (
                    c.dep_ == "conj"
                    and c.i > cue.i
                    and c.pos_ in {"VERB", "AUX"}
                    and self.doc[c.left_edge.i - 1].text == ","
                    and any(g.dep_ in _SUBJECT_DEPS | {"csubj"} for g in c.children)
                    and (c.tag_ in {"VBD", "VBZ", "VBP"} or any(
                        g.tag_ == "MD" or g.dep_ == "aux" for g in c.children
                    ))
                    and not any(g.dep_ == "cc" for g in c.children)
                ):
                    return c
        return None

    def _verb_between(self, cue: Token, comp: Token) -> bool:
        """True when a verb outside `comp` sits between the cue and `comp` (the parser
        attached a later clause to the cue: `accused of taking X … they had been given`)."""
        lo = comp.left_edge.i
        return any(
            self.doc[k].pos_ == "VERB" for k in range(cue.i + 1, lo)
        )

    def indirect_claims(self, taken: list[tuple[int, int]]) -> tuple[list[Claim], list[int]]:
        """Reported speech without quotation marks (see module docstring for the span rule)."""
        # Quote passages never overlap each other, so sorted starts imply sorted ends and
        # one bisection answers "does [s, e) touch a quote claim?".
        taken_sorted = sorted(taken)
        t_starts = [t[0] for t in taken_sorted]
        t_ends = [t[1] for t in taken_sorted]

        def overlaps(s: int, e: int) -> bool:
            k = bisect.bisect_left(t_starts, e) - 1
            return k >= 0 and t_ends[k] > s

        found: list[tuple[Claim, int]] = []
        for tok in self.tokens:
            if tok.lower_ == "according" and self._according_obj(tok) is not None:
                got = self._according_claim(tok, overlaps)
                if got is not None:
                    found.append((got, tok.idx))
                continue
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in REPORTING_LEMMAS:
                continue
            if self.in_quote(tok) or any(c.dep_ == "neg" for c in tok.children):
                continue
            comp = self._complement(tok)
            if comp is None:
                continue
            span = self._content_span(tok, comp)
            if span is None or overlaps(*span):
                continue
            attr = self.attribution(tok)
            if attr.speaker is None:
                continue  # no one to attribute it to (often a misparsed headline)
            if attr.speaker.text.lower() in _FIRST_PERSON | {"you"}:
                continue  # the writer's own "I think…": opinion, not attribution
            found.append((self.claim("indirect", span[0], span[1], attr), tok.idx))
        return self._drop_nested_reports(found)

    @staticmethod
    def _drop_nested_reports(found: list[tuple[Claim, int]]) -> tuple[list[Claim], list[int]]:
        """Drop a report nested in the content of another (outermost act only)."""
        keep: list[tuple[Claim, int]] = []
        for c, cue in found:
            nested = False
            for outer, _ in found:
                if outer is c or not (outer.content_start <= cue < outer.content_end):
                    continue
                # Only the outermost act is a claim ("Apple said it expected…", "Doe
                # noted the findings show…"); `According to A, B believes X` is one claim
                # of B's, made by the according-to rule, not a nesting.
                if outer.cue_lemma != "according to":
                    nested = True
                    break
            if not nested:
                keep.append((c, cue))
        return [c for c, _ in keep], [cue for _, cue in keep]

    def _content_span(self, cue: Token, comp: Token) -> tuple[int, int] | None:
        lo, hi = comp.left_edge.i, comp.right_edge.i
        if comp.i == cue.head.i:  # `As X said, <clause>` / `<clause>, as X said`
            if cue.i < comp.i:
                lo = cue.right_edge.i + 1
            else:
                hi = cue.left_edge.i - 1
        elif hi > cue.i:
            lo = max(lo, cue.i + 1)
            # Two clausal complements after the cue are one clause the parser split
            # (`revealed that a defector called X was persuaded …`) or a list of them.
            for c in cue.children:
                if c.dep_ == "ccomp" and c.i > comp.i and not any(
                    self.in_quote(self.doc[k]) for k in range(hi + 1, c.right_edge.i + 1)
                ):
                    hi = max(hi, c.right_edge.i)
        # Stay in the cue's paragraph: the parser may run a sentence across a break.
        ps, pe = self.paras[self.para_id(cue.idx)]
        while lo <= hi and self.doc[lo].idx < ps:
            lo += 1
        while hi >= lo and self.doc[hi].idx >= pe:
            hi -= 1
        # A nested report ("…, adding that …", "… and urged …") is a claim of its own.
        for k in range(max(lo, comp.i + 1), hi + 1):
            t = self.doc[k]
            if (
                t.dep_ in {"conj", "advcl", "acl"}
                and (t.dep_ != "acl" or t.tag_ == "VBG")
                and self._is_reporting(t)
                and not any(c.dep_ in _SUBJECT_DEPS for c in t.children)
                and self._complement(t) is not None
            ):
                hi = k - 1
                while hi >= lo and (self.doc[hi].dep_ == "cc" or self.doc[hi].is_punct):
                    hi -= 1
                break
        # Trim leading complementizer / infinitival marker and edge punctuation.
        while lo <= hi and (
            self.doc[lo].is_punct
            or self.doc[lo].is_space
            or (self.doc[lo].lower_ == "that" and self.doc[lo].dep_ == "mark")
            or (self.doc[lo].lower_ == "to" and self.doc[lo].dep_ == "aux" and lo < comp.i)
        ):
            lo += 1
        while hi >= lo and (self.doc[hi].is_punct or self.doc[hi].is_space):
            hi -= 1
        if hi < lo:
            return None
        first = self.doc[lo]
        if first.lower_ in _WH_LEADS and first.i != comp.i and first.lower_ not in {"who"}:
            return None  # "did not say when…", "asked whether…": no claim is made
        if first.lower_ in {"whether", "if"}:
            return None
        e = self.doc[hi].idx + len(self.doc[hi].text)
        s = self._skip_dateline(first.idx, e)
        s, e = self._balance(*self._trim(s, e))
        return (s, e) if s < e else None

    def _according_claim(
        self, acc: Token, overlaps: Callable[[int, int], bool]
    ) -> Claim | None:
        """`According to X, <clause>` as an indirect claim with speaker X."""
        if self.in_quote(acc):
            return None
        head = acc.head
        if head.i == acc.i or (
            head.pos_ == "VERB"
            and head.lemma_.lower() in REPORTING_LEMMAS
            and self._complement(head) is not None
        ):
            return None  # attached to a cue: it is the `according_to` of that claim
        if self.in_quote(head):
            return None
        # The clause: the head's subtree, clipped to the sentence, minus the phrase.
        sent = self.sents[self.tok_sent[acc.i]]
        root = head
        while root.head.i != root.i and (
            root.dep_ not in {"ROOT", "ccomp", "conj"}
            # `X burned … and destroyed …, according to Y`: Y reports both conjuncts.
            or (root.dep_ == "conj" and acc.i > root.i)
        ):
            if root.head.i < sent.start or root.head.i >= sent.end:
                break
            root = root.head
        lo, hi = root.left_edge.i, root.right_edge.i
        while hi > lo and (self.doc[hi].is_punct or self.doc[hi].is_space):
            hi -= 1
        while lo < hi and (self.doc[lo].is_punct or self.doc[lo].is_space):
            lo += 1
        alo, ahi = acc.left_edge.i, acc.right_edge.i
        if alo <= lo + 1:
            lo = ahi + 1
        elif ahi >= hi - 1:
            hi = alo - 1
        while lo <= hi and (self.doc[lo].is_punct or self.doc[lo].is_space):
            lo += 1
        while hi >= lo and (self.doc[hi].is_punct or self.doc[hi].is_space):
            hi -= 1
        if hi - lo < 2:
            return None
        e = self.doc[hi].idx + len(self.doc[hi].text)
        s = self._skip_dateline(self.doc[lo].idx, e)
        s, e = self._balance(*self._trim(s, e))
        if s >= e or overlaps(s, e):
            return None
        return self.claim("indirect", s, e, self.attribution(acc))

    # ----------------------------------------------------------------- assertions

    def assertion_claims(self, claims: list[Claim], cue_chars: list[int]) -> list[Claim]:
        """The article's own check-worthy sentences that host no attributed claim.

        The unit is a parser sentence cut at paragraph breaks. A unit is skipped when a
        claim's content overlaps it or a claim's cue lies in it (it is attribution, not
        the article speaking), and a first paragraph without final punctuation is taken
        for a headline (it repeats the lede).
        """
        taken = sorted([(c.content_start, c.content_end) for c in claims] +
                       [(ch, ch + 1) for ch in cue_chars])
        starts = [t[0] for t in taken]
        max_end: list[int] = []  # running max of ends, for an O(log n) overlap test
        for _, end in taken:
            max_end.append(max(end, max_end[-1]) if max_end else end)

        def hosted(s: int, e: int) -> bool:
            k = bisect.bisect_left(starts, e) - 1
            return k >= 0 and max_end[k] > s

        out: list[Claim] = []
        for si, sent in enumerate(self.sents):
            for ps, pe in self._paragraph_pieces(sent.start_char, sent.end_char):
                s, e = self._trim(self._skip_dateline(ps, pe), pe)
                if s >= e or hosted(s, e) or self._headline_like(s):
                    continue
                span = self.doc.char_span(s, e, alignment_mode="expand")
                if span is None:
                    continue
                score, feats = score_check_worthiness(span)
                if "no_finite_verb" in feats or score < ASSERTION_THRESHOLD:
                    continue
                out.append(Claim(
                    sentence_id=si, last_sentence_id=si, kind="assertion",
                    content=self.text[s:e], content_start=s, content_end=e,
                    check_worthiness=score, features=feats,
                ))
        return out

    def _headline_like(self, char: int) -> bool:
        """True inside a first paragraph that does not end like a sentence."""
        if len(self.paras) < 2 or self.para_id(char) != 0:
            return False
        ps, pe = self.paras[0]
        tail = self.text[ps:pe].rstrip().rstrip("\"”’'").rstrip()
        return not tail.endswith((".", "!", "?", "…"))

    def _paragraph_pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """Split [start, end) at paragraph breaks (a parser sentence may run across them)."""
        pieces: list[tuple[int, int]] = []
        k = self.para_id(start)
        while k < len(self.paras) and self.paras[k][0] < end:
            ps, pe = self.paras[k]
            s, e = max(ps, start), min(pe, end)
            if s < e:
                pieces.append((s, e))
            k += 1
        return pieces


def _mention_speaker(m: Mention) -> _Speaker:
    return _Speaker(m.text, m.start, m.end, m.canonical, m.entity_id, m.label)


def _without_cue(attr: _Attribution) -> _Attribution:
    """The same speaker (and addressee/source) for a quote that has no cue of its own."""
    return _Attribution(None, None, None, attr.speaker, attr.addressee, attr.according_to)


def _drop_nested(passages: list[_Passage]) -> list[_Passage]:
    """Keep outer passages: inner marks are quotes within quotes; straddling singles go."""
    def rng(p: _Passage) -> tuple[int, int]:
        return (p.open_mark if p.open_mark >= 0 else p.start,
                p.close_mark if p.close_mark >= 0 else p.end)

    keep: list[_Passage] = []
    for p in passages:
        a, b = rng(p)
        bad = False
        for q in passages:
            if q is p:
                continue
            c, d = rng(q)
            if c <= a and b <= d and (c, d) != (a, b):
                bad = True  # nested inside q
                break
            if ((c < a < d < b) or (a < c < b < d)) and p.single and not q.single:
                bad = True  # straddling: the double-quoted passage wins over the single one
                break
        if not bad:
            keep.append(p)
    keep.sort(key=lambda p: p.start)
    return keep


# --------------------------------------------------------------------------- scoring


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
            and any(c.dep_ in {"aux", "auxpass"} for c in t.children)
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
        if t.ent_type_ in _NE_LABELS and (t.ent_iob_ == "I" and current):
            current.append(t.lower_)
            continue
        if current:
            ne_texts.add(" ".join(current))
        current = [t.lower_] if t.ent_type_ in _NE_LABELS else []
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
        t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() not in _STATIVE and (
            t.tag_ == "VBD"
            or (t.tag_ == "VBN" and any(
                c.dep_ in {"aux", "auxpass"} and c.lemma_ in {"have", "be"} for c in t.children
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
    if any(t.tag_ == "MD" and t.lower_ in _MODALS_HEDGING for t in toks):
        fired.append("modal")
    if any(t.tag_ == "MD" and t.lower_ in _MODALS_FUTURE for t in toks):
        fired.append("future")
    if any(t.lower_ in _HEDGES or (t.pos_ == "VERB" and t.lemma_ in _HEDGE_VERBS) for t in toks):
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
        and not any(c.dep_ in _SUBJECT_DEPS or c.dep_ in {"aux", "expl"} for c in root.children)
        and words
        and words[0].i == root.i
    ):
        fired.append("imperative")
    if any(t.lower_ in _SUBJECTIVE for t in toks):
        fired.append("subjective_language")
    if (
        root is not None
        and root.lemma_ in {"be", "seem", "look", "feel", "sound", "remain"}
        and any(c.dep_ == "acomp" for c in root.children)
        and not {"number", "percent", "money", "date", "quantity"} & set(fired)
    ):
        fired.append("copula_description")
    if len(words) < 6:
        fired.append("short")
    score = sum(FEATURE_WEIGHTS[f] for f in fired)
    return round(min(1.0, max(0.0, score)), 3), fired


# --------------------------------------------------------------------------- entry point


def extract_claims(doc: Doc, mentions: Sequence[Mention]) -> list[Claim]:
    """All claims of one article, sorted by (content_start, kind).

    `doc` is the spaCy parse of the cleaned body; `mentions` the resolved entity mentions
    (their `entity_id`s are the only ones a claim may point to). Pure and deterministic.
    """
    ex = _Extractor(doc, mentions)
    ex.find_passages()
    ex.build_attribution_history()
    quote_claims, quote_cues = ex.quote_claims()
    taken = [(c.content_start, c.content_end) for c in quote_claims]
    indirect, indirect_cues = ex.indirect_claims(taken)
    attributed = quote_claims + indirect
    cue_chars = [c for c in quote_cues if c is not None] + indirect_cues
    assertions = ex.assertion_claims(attributed, cue_chars)
    seen: set[tuple[int, int, str]] = set()
    out: list[Claim] = []
    ordered = sorted(
        attributed + assertions, key=lambda c: (c.content_start, c.kind, c.content_end)
    )
    for c in ordered:
        key = (c.content_start, c.content_end, c.kind)
        if key in seen:
            continue
        seen.add(key)
        if c.speaker and c.speaker_canonical is None and c.speaker.lower() not in _ALL_PRONOUNS:
            c.speaker_canonical = c.speaker  # "critics", "officials": kept as written
        out.append(c)
    return out


#: Pronouns that stay unresolved are not names, so they never become a canonical speaker.
_ALL_PRONOUNS = frozenset({"he", "him", "she", "her", "they", "them", "it", "i", "we", "you"})
