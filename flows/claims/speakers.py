"""Stage 4: speakers, who a cue's words belong to, in one place.

Speakers are the subject of the cue verb (following `conj`/`xcomp`/participle chains and
relative clauses to the real subject; for a passive cue the agent, never the one spoken
to; for a subjectless cue a name right before it).

The speaker's text is the mention's text when the subject is inside an entity mention
("Xi Jinping" for "Chinese President Xi Jinping", entity clusters give the canonical
name), the pronoun as written when it is a pronoun (canonical and entity from the
antecedent; possessives `his`/`their` resolve as `he`/`they`), else the subject noun
phrase without relative clauses or appositions ("critics", "A spokesman for the
ministry": a non-entity speaker). Addressees and `according_to` sources are the full
noun phrase as written, appositions included.

Canonical names, beyond the entity clusters:

* a one-word person name takes the full name the article gives anywhere, even where NER
  tagged only the surname (`full_names`: PERSON mentions and runs of capitalised names,
  from the given name on); a surname two people share (`Jane Doe`, `John Doe`) stays
  unresolved, whatever a cluster says;
* a definite role (`the president`, `the company's spokeswoman`) is the person the
  article introduced with that role before it (`role_index`: `X, the company's
  spokeswoman,`, `spokeswoman X`, `President X`); an indefinite one is someone new;
* a bare definite description takes the fuller earlier speaker with its head (`The
  authors` -> `report's authors`), a bare document the author the article named for it
  (`the council passed a resolution …. The resolution read`);
* any other non-entity speaker is its head phrase: without determiners, quantifiers or
  relative clauses, lower-cased except for names (`Some individuals` -> `individuals`).

Pronouns: he/she resolve to a fitting named person earlier in the same sentence, else
the named subject of the previous sentence, else the previous attribution's PERSON
speaker, else the most recent PERSON mention, checked for grammatical gender when
honorifics, role nouns or common first names give it away; they/it resolve to a plural
(they) or organisation (it) subject of the same or previous sentence, else the last
speaker of that kind, named or not (`The scientists found…. They estimated…`: canonical
"The scientists", no entity), else an organisation mention.

Why the attribution history is data: pronoun resolution needs the earlier attributions
of the article. `build_history` computes them with a resolver that has no history (the
history records only non-pronoun subjects, so it never needs one), and the resolver the
detectors use is built from that history: the order is in the arguments, not in the
order of method calls.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from spacy.tokens import Token

from flows.claims.cues import according_obj, is_reporting, words_of
from flows.claims.lexicon_en import (
    ADDRESSEE_LEMMAS,
    DOCUMENT_NOUNS,
    FEMALE_CUES,
    FEMALE_PRONOUNS,
    FIRST_PERSON,
    GROUP_PRONOUNS,
    MALE_CUES,
    NAME_TITLES,
    NP_INNER_DEPS,
    NP_PREPS,
    OBJECT_DEPS,
    PERSON_LABELS,
    PERSON_NOUNS,
    PRONOUN_BASE,
    PRONOUN_PARAGRAPH_WINDOW,
    REL_PRONOUNS,
    REPORTING_LEMMAS,
    ROLE_NOUNS,
    SPEAKER_DETERMINERS,
    SPEAKER_LABELS,
    SPEAKER_PRONOUNS,
    SUBJECT_DEPS,
)
from flows.claims.passages import Quotes
from flows.claims.view import ArticleView
from flows.steps.docindex import children
from flows.tables.records import Mention


@dataclass(slots=True, frozen=True)
class Speaker:
    """A resolved speaker (or addressee-less attribution source)."""

    text: str
    start: int
    end: int
    canonical: str | None
    entity_id: int | None
    label: str | None = None  # label of the resolved mention, when any


@dataclass(slots=True, frozen=True)
class Attribution:
    """Cue, speaker and the optional addressee/source of one claim."""

    cue: str | None
    cue_lemma: str | None
    cue_start: int | None
    speaker: Speaker | None
    addressee: str | None = None
    according_to: str | None = None


def mention_speaker(m: Mention) -> Speaker:
    """The speaker record of a mention as written."""
    return Speaker(m.text, m.start, m.end, m.canonical, m.entity_id, m.label)


def without_cue(attr: Attribution) -> Attribution:
    """The same speaker (and addressee/source) for a quote that has no cue of its own."""
    return Attribution(None, None, None, attr.speaker, attr.addressee, attr.according_to)


@dataclass(frozen=True, slots=True)
class AttributionHistory:
    """Non-pronoun subjects of reporting verbs in text order, for pronoun resolution:
    char offset of the speaker, its record (the first mention of an entity), its token."""

    pos: tuple[int, ...] = ()
    speaker: tuple[Speaker, ...] = ()
    tok: tuple[Token, ...] = ()


def cluster_genders(view: ArticleView) -> Mapping[int, str | None]:
    """'f', 'm' or None per cluster from honorifics, role nouns and first names."""
    out: dict[int, str | None] = {}
    for cluster_id, members in view.by_cluster.items():
        votes = {"f": 0, "m": 0}
        for other in members:
            toks = view.tokens_in(other.start, other.end)
            if not toks:
                continue
            words = [view.doc[i].lower_ for i in toks]
            if toks.start > 0:
                words.append(view.doc[toks.start - 1].lower_)
            head = view.doc[toks.stop - 1]
            words += [c.lower_ for c in children(head) if c.dep_ in {"appos", "compound"}]
            if head.dep_ == "appos":
                words.append(head.head.lower_)
            for w in words:
                if w in FEMALE_CUES:
                    votes["f"] += 1
                elif w in MALE_CUES:
                    votes["m"] += 1
        out[cluster_id] = (
            None if votes["f"] == votes["m"] else ("f" if votes["f"] > votes["m"] else "m")
        )
    return MappingProxyType(out)


@dataclass(frozen=True, slots=True, eq=False)
class Speakers:
    """Speaker resolution over a frozen view, the passages and the attribution history."""

    view: ArticleView
    quotes: Quotes
    genders: Mapping[int, str | None]
    history: AttributionHistory = AttributionHistory()
    full_names: Mapping[str, str | None] = field(default_factory=dict)
    lower_words: frozenset[str] = frozenset()  # words the article writes in lower case
    roles: Mapping[str, tuple[tuple[int, Mention], ...]] = field(default_factory=dict)

    @classmethod
    def build(cls, view: ArticleView, quotes: Quotes) -> Speakers:
        """The resolver with the article's attribution history, full names and roles."""
        names, roles = full_names(view), role_index(view)
        lower = frozenset(t.text for t in view.tokens if t.text.islower())
        bare = cls(view, quotes, cluster_genders(view), full_names=names, lower_words=lower,
                   roles=roles)
        return cls(view, quotes, bare.genders, build_history(bare), names, lower, roles)

    # ----------------------------------------------------------------- subjects

    def subject_of(self, verb: Token) -> Token | None:
        """The grammatical subject of a cue verb, following chains to the real subject.

        Participles ("…, adding that", "a statement saying") and verbs coordinated inside
        another report ("warned that X was temporary and urged…") share the subject of
        the reporting verb they hang off, which the parser does not always make visible.
        """
        view, quotes = self.view, self.quotes
        if any(c.dep_ == "auxpass" for c in children(verb)) or (
            verb.tag_ == "VBN" and any(c.dep_ == "nsubjpass" for c in children(verb))
        ):
            # Passive: the subject is the one spoken to or about (`was told to…`); the
            # speaker is the agent, when there is one.
            agent = next((c for c in children(verb) if c.dep_ == "agent"), None)
            return next((g for g in children(agent) if g.dep_ == "pobj"), None) if agent else None
        own = next((c for c in children(verb) if c.dep_ in SUBJECT_DEPS), None)
        participle = verb.tag_ == "VBG" and verb.dep_ in {"advcl", "acl", "conj", "xcomp", "pcomp"}
        if own is None and participle:
            anc = verb.head
            outside = not quotes.in_quote(verb)
            for _ in range(6):
                if anc.i == verb.i or view.para_id(anc.idx) != view.para_id(verb.idx) or (
                    outside and quotes.in_quote(anc)
                ):
                    break  # the parser hung `…," later adding` on a verb of the quote
                if is_reporting(quotes, anc):
                    return self.subject_of(anc)
                if anc.head.i == anc.i:
                    break
                anc = anc.head
            if outside and quotes.in_quote(anc):
                # `He framed it as debate: "…," later adding that "…"`: a participle
                # after a quote shares the subject of the clause that introduced it.
                earlier = self._earlier_clause_subject(verb)
                if earlier is not None:
                    return earlier
        v = verb
        para = view.para_id(verb.idx)
        for _ in range(8):
            if view.para_id(v.idx) != para:
                break  # the parser ran a sentence across a paragraph break
            subj = self.own_subject(v, para)
            if subj is not None:
                if subj.lower_ in REL_PRONOUNS and v.dep_ == "relcl":
                    return v.head
                return subj
            if v.dep_ == "relcl" and v.head.pos_ in {"NOUN", "PROPN"}:
                return v.head  # "officials who spoke…" without an explicit relativizer
            if (
                v.dep_ == "conj"
                and v.head.dep_ == "ccomp"
                and is_reporting(quotes, v.head.head)
                and not is_reporting(quotes, v.head)
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
        for c in (c for c in children(verb) if c.i > verb.i):
            if c.i > verb.i + 4:
                break
            if c.dep_ in {"dobj", "attr", "npadvmod", "oprd", "appos", "dative"} and c.pos_ in {
                "PROPN", "NOUN"
            } and (after_mark or verb.lemma_.lower() in {"say", "add", "write"}):
                return c
        for c in children(verb):
            if c.dep_ == "agent":
                return next((g for g in children(c) if g.dep_ == "pobj"), None)
        return self._name_before(verb)

    def _earlier_clause_subject(self, verb: Token) -> Token | None:
        """The subject of the nearest earlier verb outside quotes in `verb`'s sentence
        and paragraph, when it has one outside quotes."""
        view, quotes = self.view, self.quotes
        sent = view.sents[view.tok_sent[verb.i]]
        para = view.para_id(verb.idx)
        for k in range(verb.i - 1, sent.start - 1, -1):
            t = view.doc[k]
            if view.para_id(t.idx) != para:
                break
            if t.pos_ in {"VERB", "AUX"} and not quotes.in_quote(t):
                subj = self.own_subject(t, para)
                if subj is not None:
                    return subj
        return None

    def _name_before(self, verb: Token) -> Token | None:
        """A named speaker right before a subjectless cue, which the parser hung
        elsewhere (`Speaking for the defence, Tom Molomby, SC, said …`)."""
        view, doc = self.view, self.view.doc
        k = verb.i - 1
        para = view.para_id(verb.idx)
        while k >= 0 and (doc[k].is_punct or doc[k].is_space):
            k -= 1
        if k < 0 or view.para_id(doc[k].idx) != para:
            return None
        t = doc[k]
        for _ in range(4):
            if t.dep_ in {"appos", "compound", "flat"} and t.head.i < verb.i and t.head.i != t.i:
                t = t.head
            else:
                break
        m = view.tok_mention[t.i]
        if (
            m is None
            or m.label not in {"PERSON", "ORG"}
            or t.dep_ in {"pobj", "poss", "dobj", "compound"}
            or self.quotes.in_quote(t)
        ):
            return None
        return t

    def own_subject(self, verb: Token, para: int) -> Token | None:
        """The verb's nsubj in the given paragraph, the one closest to the verb. A
        subject inside a quotation is never the subject of a verb outside it: the parser
        hangs a quote's own subject on the cue (`… questioning certain aspects of it,"
        later adding that "you shouldn't ask me …"`), and the quote's `you` is no speaker."""
        best: Token | None = None
        outside = not self.quotes.in_quote(verb)
        for c in children(verb):
            if c.dep_ in SUBJECT_DEPS and self.view.para_id(c.idx) == para and not (
                outside and self.quotes.in_quote(c)
            ) and (best is None or abs(c.i - verb.i) < abs(best.i - verb.i)):
                best = c
        return best

    def _follows_close_mark(self, tok: Token) -> bool:
        """True when only punctuation separates `tok` from a preceding closing quote mark."""
        doc = self.view.doc
        k = tok.i - 1
        while k >= 0 and (doc[k].is_punct or doc[k].is_space):
            if doc[k].idx in self.quotes.mark_chars:
                return doc[k].idx in self.quotes.close_marks
            k -= 1
        return False

    def np_bounds(self, head: Token, *, keep_appos: bool) -> tuple[int, int]:
        """Char bounds of the noun phrase headed by `head` (never its relative clauses).

        `keep_appos` gives the full phrase as written, for addressees and sources
        ("his Tajik counterpart Emomali Rahmon", "a transcript released by the White
        House"); without it the phrase stops at appositions, as speakers should.
        """
        view, doc = self.view, self.view.doc
        lo = hi = head.i
        para = view.para_id(head.idx)
        stack: list[tuple[Token, bool]] = [(head, False)]
        while stack:
            t, whole = stack.pop()
            for c in children(t):
                if self.quotes.in_quote(c) or view.para_id(c.idx) != para:
                    continue
                dep = c.dep_
                ok = dep in NP_INNER_DEPS or (keep_appos and dep in {"appos", "acl"})
                if dep == "prep" and c.lower_ not in NP_PREPS:
                    ok = False
                if dep == "conj" and t.i == head.i and not keep_appos and (
                    view.tok_mention[head.i] is not None
                ):
                    ok = False  # "Smith and Jones said": the entity speaker is Smith
                if whole and dep not in {"relcl", "punct"}:
                    ok = True  # everything inside an apposition / participle phrase
                if ok:
                    lo = min(lo, c.i)
                    hi = max(hi, c.i)
                    stack.append((c, whole or dep in {"appos", "acl"}))
        # Keep the span contiguous and inside the head's sentence, then trim punctuation.
        while lo < head.i and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
            lo += 1
        while hi > head.i and (doc[hi].is_punct or doc[hi].dep_ in {"cc", "case"}):
            hi -= 1  # a possessor's `'s` (`Cornyn's claim`) is no part of the name
        start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
        m = view.tok_mention[head.i]
        if m is not None:
            start, end = min(start, m.start), max(end, m.end)
        return start, end

    def phrase(self, head: Token) -> str:
        """The full noun phrase as written, appositions included (addressees, sources)."""
        s, e = self.np_bounds(head, keep_appos=True)
        return self.view.text[s:e]

    # ----------------------------------------------------------------- resolution

    def resolve(self, subj: Token) -> Speaker:
        """Speaker record for a subject token: entity, pronoun antecedent, role, or plain
        NP; a one-word name gets the article's full name as canonical (`fuller`)."""
        sp = self.fuller(self._resolve(subj))
        for poss in ("'s", "’s"):  # a possessor (`Van Der Beek’s announcement`)
            if sp.text.endswith(poss) and len(sp.text) > len(poss):
                text = sp.text[:-len(poss)].rstrip()
                canonical = sp.canonical
                if canonical is not None and canonical.endswith(poss):
                    canonical = canonical[:-len(poss)].rstrip()
                return Speaker(text, sp.start, sp.start + len(text), canonical,
                               sp.entity_id, sp.label)
        return sp

    def fuller(self, sp: Speaker) -> Speaker:
        """A one-word person name (`Doe`) with the full name the article gives it
        anywhere (`Jane Doe`), unless two people share that surname (`full_names`):
        then a bare `Doe` stays `Doe`, whatever a mention's cluster says."""
        written = sp.text.strip()
        if (
            " " not in written
            and written.lower() in self.full_names
            and self.full_names[written.lower()] is None
            and sp.label in (None, *PERSON_LABELS)
        ):
            m = self.view.by_entity.get(sp.entity_id) if sp.entity_id is not None else None
            keep = m is not None and m.text == written
            return Speaker(sp.text, sp.start, sp.end, written,
                           sp.entity_id if keep else None, sp.label)
        name = sp.canonical if sp.canonical is not None else sp.text
        if sp.label not in (None, *PERSON_LABELS) or not name or " " in name.strip():
            return sp
        if sp.label is None:
            k = self.view.char_tok[sp.start] if sp.start < len(self.view.char_tok) else -1
            if k == -1 or self.view.doc[k].pos_ != "PROPN" or name.lower() in ALL_SPEAKER_WORDS:
                return sp  # only a name NER missed (`Blix`), never a common noun
        full = self.full_names.get(name.lower())
        if full is None:
            return sp
        given = full.split()[0].lower()
        if sp.label is None and given not in FEMALE_CUES | MALE_CUES and (
            given not in self.view.by_name_word
        ):
            return sp  # NER saw no person here: only a known first name or a PERSON will do
        return Speaker(sp.text, sp.start, sp.end, full, sp.entity_id, sp.label or "PERSON")

    def role_holder(self, subj: Token) -> Mention | None:
        """The person a definite role noun refers back to (`the president`, `the
        company's spokeswoman`): the last one the article introduced with that role
        before it (`role_index`)."""
        if subj.tag_ not in {"NN", "NNP"} or not any(
            (c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in children(subj)
        ) or any(c.dep_ in {"relcl", "acl"} for c in children(subj)):
            return None  # `the member who wishes …`: a restrictive clause, no reference
        found = self.roles.get(subj.lower_) or self.roles.get(subj.lemma_.lower())
        if not found:
            return None
        k = bisect.bisect_left(found, subj.idx, key=lambda f: f[0]) - 1
        return found[k][1] if k >= 0 else None

    def head_phrase(self, subj: Token) -> str:
        """A non-entity speaker's canonical form: its noun phrase without determiners,
        quantifiers, relative clauses or appositions, lower-cased except for names
        (`Some individuals` -> `individuals`, `The company's spokeswoman` ->
        `company's spokeswoman`)."""
        view, doc = self.view, self.view.doc
        start, end = self.np_bounds(subj, keep_appos=False)
        toks = [doc[i] for i in view.tokens_in(start, end)]
        n = len(toks)
        while len(toks) > 1 and (
            toks[0].lower_ in SPEAKER_DETERMINERS or toks[0].dep_ in {"det", "predet"}
        ) and toks[0].i < subj.i:
            toks = toks[1:]
        if not toks:
            return view.text[start:end]
        # A capitalised word is lower-cased when it is a common word: the article also
        # writes it in lower case, or it opens the sentence in a plural or determined
        # common noun phrase (`Officials`, `The Health officials`); never a name (`Trump`).
        plain = subj.tag_ == "NNS" or len(toks) < n
        out = []
        for t in toks:
            common = t.pos_ != "PROPN" and view.tok_mention[t.i] is None and (
                t.text.islower() or t.lower_ in self.lower_words
                or (plain and t.is_sent_start)
            )
            out.append((t.lower_ if common else t.text) + t.whitespace_)
        return "".join(out).strip()

    def _resolve(self, subj: Token) -> Speaker:
        view = self.view
        if subj.lower_ in SPEAKER_PRONOUNS or subj.lower_ in PRONOUN_BASE:
            ante = self.antecedent(subj)
            canonical = None
            if ante is not None:
                canonical = ante.canonical if ante.canonical is not None else ante.text
            return Speaker(
                subj.text, subj.idx, subj.idx + len(subj.text),
                canonical, ante.entity_id if ante else None, ante.label if ante else None,
            )
        m = view.tok_mention[subj.i]
        if m is not None and m.label not in PERSON_LABELS and subj.text[:1].isupper():
            # A person's name inside a mention NER got wrong (`Rathbun the Scientology`
            # as ORG, a surname tagged GPE): a speaker is a person before a place.
            person = self.person_by_word(subj)
            if person is not None and len(person.text.split()) > 1 and (
                m.text.split()[0] == subj.text or len(m.text.split()) == 1
            ):
                return Speaker(subj.text, subj.idx, subj.idx + len(subj.text),
                               person.canonical, person.entity_id, person.label)
        if m is None:
            for c in children(subj):  # "The president, Emomali Rahmon, said"
                if c.dep_ == "appos" and view.tok_mention[c.i] is not None:
                    cand = view.tok_mention[c.i]
                    if cand is not None and cand.label in SPEAKER_LABELS:
                        m = cand
                        break
        if m is None and subj.pos_ in {"NOUN", "PROPN"}:
            # `Ambassador to the United States Hamdullah Mohib`: the title's phrase
            # ends with the name.
            r = subj.right_edge
            if r.i - subj.i <= 10 and view.para_id(r.idx) == view.para_id(subj.idx) and not any(
                t.pos_ in {"VERB", "AUX"} for t in view.doc[subj.i:r.i + 1]
            ):
                last = view.tok_mention[r.i]
                if last is not None and last.label in PERSON_LABELS and (
                    last.end == r.idx + len(r.text)
                ):
                    m = last
        if m is not None and m.label in SPEAKER_LABELS:
            return mention_speaker(m)
        if subj.pos_ == "PROPN" or (
            subj.pos_ == "NOUN" and subj.text[:1].isupper() and not subj.is_sent_start
        ):
            best = self.person_by_word(subj)
            if best is not None:
                start, end = self.np_bounds(subj, keep_appos=False)
                return Speaker(
                    view.text[start:end], start, end, best.canonical, best.entity_id, best.label
                )
        start, end = self.np_bounds(subj, keep_appos=False)
        holder = self.role_holder(subj) if subj.pos_ in {"NOUN", "PROPN"} else None
        if holder is not None:
            return Speaker(view.text[start:end], start, end, holder.canonical,
                           holder.entity_id, holder.label)
        fuller = self.earlier_description(subj)
        if fuller is not None:
            return Speaker(view.text[start:end], start, end, fuller.canonical, None)
        author = self.document_author(subj)
        if author is not None:
            return Speaker(view.text[start:end], start, end, author, None)
        return Speaker(view.text[start:end], start, end, self.head_phrase(subj), None)

    def document_author(self, subj: Token) -> str | None:
        """The named author of a document: named with it (`One post by him read`), or
        named where the article introduced the document it refers back to: `the council
        passed a resolution …. The resolution read, "…"` (canonical: the council), or
        `the CBO's report …. The report found …`. Looked for in the last few
        paragraphs before the document is a speaker; entity ids stay the document's
        (none), only the canonical name is the author's."""
        view = self.view
        if subj.lemma_.lower() not in DOCUMENT_NOUNS:
            return None
        for c in children(subj):  # `One post by him read`: the author is named with it
            if c.dep_ == "prep" and c.lower_ in {"by", "from"}:
                obj = next((g for g in children(c) if g.dep_ == "pobj"), None)
                if obj is not None:
                    author = self.resolve(obj)
                    if author.canonical is not None and author.text.lower() not in FIRST_PERSON:
                        return author.canonical
        if not any(
            c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in children(subj)
        ) or any(c.dep_ in {"poss", "compound", "amod", "prep"} for c in children(subj)):
            return None
        lo = view.paras[max(0, view.para_id(subj.idx) - PRONOUN_PARAGRAPH_WINDOW)][0]
        lemma = subj.lemma_.lower()
        for k in range(subj.i - 1, -1, -1):
            t = view.doc[k]
            if t.idx < lo:
                break
            if t.lemma_.lower() != lemma or self.quotes.in_quote(t):
                continue
            owner: Token | None = next((c for c in children(t) if c.dep_ == "poss"), None)
            if owner is None and t.dep_ == "dobj":
                owner = next((c for c in children(t.head) if c.dep_ in SUBJECT_DEPS), None)
            if owner is None:
                continue
            m = view.tok_mention[owner.i]
            if m is not None and m.label in SPEAKER_LABELS:
                return m.canonical or m.text
            if owner.pos_ in {"NOUN", "PROPN"}:
                return self.head_phrase(owner)  # `the Dublin city council`
        return None

    def earlier_description(self, subj: Token) -> Speaker | None:
        """A bare definite description refers back to the fuller one an earlier report
        of the article had as its speaker (`The report's authors say …. The authors
        say …`: canonical `report's authors`)."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in children(subj)) or any(
            c.dep_ != "det" and c.dep_ != "punct" for c in children(subj)
        ):
            return None
        hist = self.history
        k = bisect.bisect_left(hist.pos, subj.idx) - 1
        lemma = subj.lemma_.lower()
        stop = k - DESCRIPTION_LOOKBACK  # a bounded look back keeps the stage linear
        while k >= 0 and k > stop:
            sp, tok = hist.speaker[k], hist.tok[k]
            if (
                tok.lemma_.lower() == lemma
                and sp.entity_id is None
                and sp.canonical is not None
                and len(sp.canonical.split()) > 1
            ):
                return sp
            k -= 1
        return None

    def person_by_word(self, tok: Token) -> Mention | None:
        """The fullest PERSON mention containing this word, preferring earlier ones."""
        cands = self.view.by_name_word.get(tok.lower_, ())
        if not cands:
            # A surname alone after a full name NER tagged as an organisation.
            cands = tuple(
                c for c in self.view.by_last_word.get(tok.lower_, ()) if c.end <= tok.idx
            )
            if not cands:
                return None
        before = [c for c in cands if c.start < tok.idx]
        return max(before or cands, key=lambda c: (len(c.text), -abs(c.start - tok.idx)))

    def antecedent(self, pron: Token) -> Speaker | None:
        """What a cue-subject pronoun most plausibly refers to (see the module docstring).

        he/she: a fitting named person earlier in the same sentence (the leftmost, as in
        `Doe's sister pleaded with him, but he replied`), else the named person who is
        the subject of the previous sentence, else the last person speaker, else the
        most recent person mention.
        """
        view, hist = self.view, self.history
        low = PRONOUN_BASE.get(pron.lower_, pron.lower_)
        if low in FIRST_PERSON or low == "you":
            return None
        if low in GROUP_PRONOUNS:
            return self.group_antecedent(pron)
        min_para = view.para_id(pron.idx) - PRONOUN_PARAGRAPH_WINDOW
        want = "f" if low in FEMALE_PRONOUNS else "m"

        def fits(m: Mention) -> bool:
            g = self.genders.get(m.cluster_id)
            return g is None or g == want

        sent = view.sents[view.tok_sent[pron.i]]
        k = bisect.bisect_left(view.person_starts, sent.start_char)
        while k < len(view.person_starts) and view.person_starts[k] < pron.idx:
            m = view.person_mentions[k]
            first = view.tokens_in(m.start, m.end)
            if first and not self.quotes.in_quote(view.doc[first.start]) and fits(m) and (
                not _agent_of_subjectless_adjunct(view.doc[first.stop - 1])
            ):
                return mention_speaker(m)
            k += 1
        for subj in self.previous_subjects(pron, pronouns=True):
            if subj.pos_ == "PRON":
                # `He interrupted the judge. He is reported to have said …`: the same
                # pronoun as the subject of the sentence before refers to what that one
                # refers to (a chain walks back one sentence a step, so it ends).
                if PRONOUN_BASE.get(subj.lower_, subj.lower_) != low:
                    continue
                ante = self.antecedent(subj)
                if ante is not None:
                    return ante
                break
            sp = self.resolve(subj)
            m = view.by_entity.get(sp.entity_id) if sp.entity_id is not None else None
            if m is not None and m.label in PERSON_LABELS and fits(m):
                return sp
        k = bisect.bisect_left(hist.pos, pron.idx) - 1
        while k >= 0 and view.para_id(hist.pos[k]) >= min_para:
            sp = hist.speaker[k]
            m = view.by_entity.get(sp.entity_id) if sp.entity_id is not None else None
            if m is not None and m.label in PERSON_LABELS:
                if fits(m):
                    return sp
                break  # the last person speaker has the other gender: try mentions
            k -= 1
        k = bisect.bisect_left(view.person_starts, pron.idx) - 1
        while k >= 0 and view.para_id(view.person_starts[k]) >= min_para:
            m = view.person_mentions[k]
            if fits(m):
                return mention_speaker(m)
            k -= 1
        return None

    def previous_subjects(self, pron: Token, *, pronouns: bool = False) -> list[Token]:
        """Subjects outside quotes of the sentence before the pronoun's, when it is in
        the same or the previous paragraph (main clause first).

        A passive's agent is its logical subject and comes before the passive's own
        subject (`This move was criticized by Nassar al-Rubaie. "…," he said.`: he is
        al-Rubaie, not the move). Pronoun subjects are left out unless `pronouns`."""
        view = self.view
        si = view.tok_sent[pron.i] - 1
        if si < 0 or view.para_id(view.sents[si].start_char) < view.para_id(pron.idx) - 1:
            return []
        subs: list[tuple[tuple[bool, int, int], Token]] = []
        for t in view.sents[si]:
            if t.dep_ not in SUBJECT_DEPS or self.quotes.in_quote(t) or (
                t.pos_ == "PRON" and not pronouns
            ):
                continue
            sub = t.head.dep_ != "ROOT"  # a subordinate clause's subject comes later
            if t.dep_ == "nsubjpass":
                for agent in (c for c in children(t.head) if c.dep_ == "agent"):
                    for g in children(agent):
                        if g.dep_ == "pobj" and g.pos_ != "PRON":
                            subs.append(((sub, t.i, 0), g))
            subs.append(((sub, t.i, 1), t))
        return [t for _, t in sorted(subs, key=lambda s: s[0])]

    def group_kind(self, tok: Token, sp: Speaker | None = None) -> str | None:
        """'they' for plural nouns, 'it' for places and singular non-person nouns, 'both'
        for organisations and nationalities, None otherwise (people, pronouns)."""
        m = self.view.tok_mention[tok.i]
        label = sp.label if sp is not None else (m.label if m is not None else None)
        if label in {"ORG", "NORP"}:
            return "both"
        if label == "GPE":
            return "it"
        if label is not None or tok.pos_ not in {"NOUN", "PROPN"}:
            return None
        if tok.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in children(tok)):
            return "they"
        if tok.lemma_.lower() in PERSON_NOUNS:
            return None
        return "it"

    def group_antecedent(self, pron: Token) -> Speaker | None:
        """they/it: a plural (they) or organisation (it) subject earlier in the sentence
        or in the previous sentence, else the last speaker of that kind (named or not:
        `The scientists found…. They estimated…`), else the nearest organisation mention."""
        view, hist = self.view, self.history
        want = "they" if PRONOUN_BASE.get(pron.lower_, pron.lower_) == "they" else "it"

        def ok(tok: Token, sp: Speaker | None = None) -> bool:
            kind = self.group_kind(tok, sp)
            return kind == want or kind == "both"

        sent = view.sents[view.tok_sent[pron.i]]
        same = [
            t for t in view.doc[sent.start:pron.i]
            if t.dep_ in SUBJECT_DEPS and t.pos_ != "PRON" and not self.quotes.in_quote(t)
            and view.para_id(t.idx) == view.para_id(pron.idx)
        ]
        # The subject of a report is the likelier referent (`Police said protesters had
        # gathered, and they warned…`), else the nearest subject.
        for subj in sorted(
            same, key=lambda t: (is_reporting(self.quotes, t.head), t.i), reverse=True
        ):
            if ok(subj):
                return self.resolve(subj)
        for subj in self.previous_subjects(pron):
            if subj.dep_ == "nsubj" and ok(subj):  # agents: not `Plans were dropped.`
                return self.resolve(subj)
        min_para = view.para_id(pron.idx) - PRONOUN_PARAGRAPH_WINDOW
        k = bisect.bisect_left(hist.pos, pron.idx) - 1
        while k >= 0 and view.para_id(hist.pos[k]) >= min_para:
            if ok(hist.tok[k], hist.speaker[k]):
                return hist.speaker[k]
            k -= 1
        k = bisect.bisect_left(view.group_starts, pron.idx) - 1
        while k >= 0 and view.para_id(view.group_starts[k]) >= view.para_id(pron.idx) - 1:
            m = view.group_mentions[k]
            if m.label == "ORG" or (m.label == "NORP" and want == "they") or (
                m.label == "GPE" and want == "it"
            ):
                return mention_speaker(m)
            k -= 1
        return None

    # ----------------------------------------------------------------- attributions

    def addressee_of(self, cue: Token, subj: Token | None = None) -> str | None:
        """The person or group spoken to: object of tell/urge/warn/…, or `say to X`."""
        lemma = cue.lemma_.lower()
        for c in children(cue):
            if self.quotes.in_quote(c) or (subj is not None and c.i == subj.i):
                continue
            if lemma in ADDRESSEE_LEMMAS and c.dep_ in OBJECT_DEPS and c.pos_ in {
                "NOUN", "PROPN", "PRON"
            } and c.lower_ not in {"what", "that", "it", "this"}:
                return self.phrase(c)
            if c.dep_ in {"prep", "dative"} and c.lower_ == "to" and lemma in {
                "say", "explain", "announce", "confirm", "write", "complain", "admit", "speak"
            }:
                obj = next((g for g in children(c) if g.dep_ == "pobj"), None)
                if obj is not None:
                    return self.phrase(obj)
        return None

    def according_of(self, cue: Token) -> str | None:
        """`according to X` attached to the cue (or elsewhere in its sentence, outside quotes)."""
        if cue.lower_ == "according":
            return None
        view, quotes = self.view, self.quotes
        root = view.sent_roots[view.tok_sent[cue.i]]
        found: list[Token] = [c for c in children(cue) if c.lower_ == "according"]
        if not found:
            found = [
                t for t in (view.doc[i] for i in view.according.get(view.tok_sent[cue.i], ()))
                if not quotes.in_quote(t)
                and t.head.lemma_.lower() not in REPORTING_LEMMAS | {"accord"}
                and (t.head.i == root or quotes.tok_pass[t.head.i] != -1)
            ]
        for acc in found:
            obj = according_obj(acc)
            if obj is not None:
                return self.phrase(obj)
        return None

    def attribution(self, cue: Token) -> Attribution:
        """Cue text and lemma, speaker, addressee and `according to` source of a cue."""
        view = self.view
        if cue.lower_ == "according":
            obj = according_obj(cue)
            sp = self.resolve(obj) if obj is not None else None
            src = self.phrase(obj) if obj is not None else None
            if obj is not None and sp is not None and sp.entity_id is None and (
                obj.lower_ not in SPEAKER_PRONOUNS
            ):
                # `according to documents seen by Reuters`: a source's participle is
                # part of what it is.
                s, e = self.np_bounds(obj, keep_appos=True)
                sp = Speaker(view.text[s:e], s, e, sp.canonical, None, sp.label)
            return Attribution("according to", "according to", cue.idx, sp, None, src)
        of_whom = words_of(self.quotes, cue)
        if of_whom is not None:
            of = view.doc[cue.i + 1]
            return Attribution(
                view.text[view.doc[cue.i - 2].idx:of.idx + len(of.text)],
                "in the words of", view.doc[cue.i - 2].idx, self.resolve(of_whom),
            )
        if cue.pos_ in {"NOUN", "PROPN"}:  # a mis-tagged verb (see `cues.noun_cue`)
            subj = view.doc[cue.i - 1]
            return Attribution(cue.text, cue.lemma_.lower(), cue.idx, self.resolve(subj))
        subj = self.subject_of(cue)
        return Attribution(
            cue.text, cue.lemma_.lower(), cue.idx,
            self.resolve(subj) if subj is not None else None,
            self.addressee_of(cue, subj), self.according_of(cue),
        )


#: How many earlier reports a bare definite description may look back through.
DESCRIPTION_LOOKBACK = 30
#: Words that are never a person's name on their own.
ALL_SPEAKER_WORDS = SPEAKER_PRONOUNS | frozenset(PRONOUN_BASE) | SPEAKER_DETERMINERS


def _agent_of_subjectless_adjunct(tok: Token) -> bool:
    """The agent of a subjectless participial adjunct (`When challenged by Bollinger …,
    he stated`): the adjunct's understood subject is the main clause's subject, so its
    agent is someone else and never the main clause's pronoun."""
    t = tok
    while t.dep_ in {"compound", "flat"} and t.head.i != t.i:
        t = t.head
    if t.dep_ != "pobj" or t.head.dep_ != "agent":
        return False
    verb = t.head.head
    return verb.dep_ in {"advcl", "acl", "ccomp", "xcomp"} and verb.tag_ in {"VBN", "VBG"} and (
        not any(c.dep_ in SUBJECT_DEPS for c in children(verb))
    )


def _name_word(tok: Token) -> bool:
    """A capitalised word that may be part of a person's name (`Jane`, `R.`, `O'Neill`)."""
    w = tok.text
    return (
        w[:1].isupper()
        and not (w.isupper() and len(w) > 2)  # an acronym: `CEO`, `NASA`
        and w.replace(".", "").replace("'", "").replace("’", "").replace("-", "").isalpha()
        and w.lower().rstrip(".") not in NAME_TITLES
    )


def _given_name_form(words: Sequence[str]) -> tuple[str, ...] | None:
    """The name from its given name to the surname (the last word): initials between
    them are kept, anything before the given name is not (`Administrator Charles
    Bolden` -> `Charles Bolden`, `John R. Burrows` stays)."""
    k = len(words) - 2
    while k >= 0 and len(words[k].rstrip(".")) == 1:
        k -= 1  # a middle initial
    return tuple(words[k:]) if k >= 0 else None


def _same_given_name(a: str, b: str) -> bool:
    """One person's given name spelt two ways (`Kristen`/`Kristin`, `Chris`/
    `Christopher`), not two people's (`Jane`/`John`)."""
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if a == b or (len(a) >= 3 and b.startswith(a)) or (len(b) >= 3 and a.startswith(b)):
        return True
    return a[:1] == b[:1] and difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def _same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two forms of one surname name one person: their given names agree, or one form
    ends the other (`Ali Şahin` in `Mehmet Ali Şahin`)."""
    if _same_given_name(a[0], b[0]):
        return True
    la, lb = [w.lower() for w in a], [w.lower() for w in b]
    short, long_ = (la, lb) if len(la) <= len(lb) else (lb, la)
    return long_[len(long_) - len(short):] == short


def full_names(view: ArticleView) -> Mapping[str, str | None]:
    """Surname (lower-cased) -> the article's full name for it, None when two different
    people share it (`Jane Doe` and `John Doe`: a bare `Doe` stays unresolved).

    Full names are the PERSON mentions of two or more words and, for names NER tagged
    only in part, every run of capitalised proper nouns before the surname in the text
    (titles, honorifics, acronyms and words of other entities stop the run: `Press
    Secretary Karine Jean-Pierre` gives `Karine Jean-Pierre`), each from its given
    name on (`_given_name_form`). Two forms are one person when their given names are
    one name spelt two ways (`_same_given_name`); the form with the most words, the
    earliest of those, is kept. One pass over the tokens.
    """
    # (where, form, credible): a form is credible when NER tagged it a person or its
    # given name is a common first name; only credible forms can make a surname
    # ambiguous, the others only name a surname nothing else names.
    forms: dict[str, list[tuple[int, tuple[str, ...], bool]]] = {}
    first_names = FEMALE_CUES | MALE_CUES

    def add(at: int, words: Sequence[str], from_mention: bool) -> None:
        # A PERSON mention is the whole name once titles are off (`Ali Hassan al-Majid`);
        # a run of capitalised words only from its given name on.
        form: tuple[str, ...] | None = tuple(words) if from_mention else None
        if not from_mention and len(words) >= 2:
            form = _given_name_form(words)
        if form is not None:
            credible = from_mention or form[0].lower() in first_names
            forms.setdefault(form[-1].lower(), []).append((at, form, credible))

    for m in view.person_mentions:
        words = m.text.split()  # `Ali Hassan al-Majid`: a hyphenated surname is one word
        while words and (words[0].lower().rstrip(".") in NAME_TITLES or (
            words[0].isupper() and len(words[0]) > 2  # `NASA Administrator Charles Bolden`
        )):
            words = words[1:]
        if len(words) >= 2 and not words[-1].endswith("."):
            add(m.start, words, True)
    run: list[Token] = []
    for tok in view.tokens:
        m = view.tok_mention[tok.i]
        if _name_word(tok) and tok.pos_ == "PROPN" and (m is None or m.label in PERSON_LABELS):
            if run and (run[-1].i != tok.i - 1 or "\n" in run[-1].whitespace_):
                run = []
            run.append(tok)
            if len(run) >= 2 and not tok.text.endswith("."):
                add(run[0].idx, [t.text for t in run[-4:]], False)
        else:
            run = []
    out: dict[str, str | None] = {}
    for surname, found in forms.items():
        credible = [f for f in found if f[2]]
        pool = credible or found
        forms_ = [form for _, form, _ in pool]
        if any(not _same_person(a, b) for a in forms_ for b in forms_):
            out[surname] = None
        else:
            best = min(pool, key=lambda f: (-len(f[1]), f[0]))
            out[surname] = " ".join(best[1])
    return MappingProxyType(out)


def role_index(view: ArticleView) -> Mapping[str, tuple[tuple[int, Mention], ...]]:
    """Role noun (lower-cased) -> (where, person) for every person the article introduces
    with that role: an apposition (`Jane Doe, the company's spokeswoman,` / `the
    company's spokeswoman, Jane Doe,`) or a title before the name (`spokeswoman Jane
    Doe`, `President Joe Biden`). In text order."""
    doc = view.doc
    found: list[tuple[str, int, Mention]] = []
    for m in view.person_mentions:
        toks = view.tokens_in(m.start, m.end)
        if not toks:
            continue
        head = doc[toks.stop - 1]
        roles: list[Token] = [c for c in children(head) if c.dep_ == "appos"]
        if head.dep_ == "appos":
            roles.append(head.head)
        roles += [c for c in children(head) if c.dep_ in {"compound", "nmod"}]
        if toks.start > 0:
            roles.append(doc[toks.start - 1])
        for r in roles:
            for key in {r.lower_, r.lemma_.lower()}:
                if key in ROLE_NOUNS and view.para_id(r.idx) == view.para_id(m.start):
                    found.append((key, m.start, m))
    grouped: dict[str, list[tuple[int, Mention]]] = {}
    for key, pos, m in sorted(found, key=lambda f: (f[1], f[0])):
        grouped.setdefault(key, []).append((pos, m))
    return MappingProxyType({k: tuple(v) for k, v in grouped.items()})


def build_history(bare: Speakers) -> AttributionHistory:
    """Positions of reporting-verb subjects (not pronouns), for pronoun resolution.

    `bare` must be a resolver without history: the history is what it is built from.
    """
    view = bare.view
    found: list[tuple[int, int, Speaker, Token]] = []
    for tok in view.tokens:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in REPORTING_LEMMAS:
            continue
        if bare.quotes.in_quote(tok):
            continue
        subj = bare.subject_of(tok)
        if subj is None or subj.pos_ == "PRON":
            continue
        sp = bare.resolve(subj)
        if sp.entity_id is not None:
            m = view.by_entity.get(sp.entity_id)
            if m is None:
                continue
            sp = mention_speaker(m)
        found.append((sp.start, subj.i, sp, subj))
    found.sort(key=lambda x: (x[0], x[1]))
    return AttributionHistory(
        tuple(f[0] for f in found), tuple(f[2] for f in found), tuple(f[3] for f in found)
    )
