"""Speaker resolution (`flows.claims.speakers`) on hand-parsed Docs."""

from __future__ import annotations

from spacy.tokens import Doc

from flows.claims.passages import find_passages
from flows.claims.speakers import Speakers, full_names
from flows.claims.view import ArticleView
from tests.claims.handmade import hand_doc, mentions_of


def speakers_of(doc: Doc) -> Speakers:
    view = ArticleView.build(doc, mentions_of(doc))
    return Speakers.build(view, find_passages(view))


def pronoun_doc(pronoun: str) -> Doc:
    """Two named people, a woman then a man, then a pronoun as a speaker."""
    return hand_doc(f"Mary Smith arrived. John Doe spoke. {pronoun} said it rained.", f"""
Mary      PROPN NNP compound 1
Smith     PROPN NNP nsubj    2
arrived   VERB  VBD ROOT     2 arrive
.         PUNCT .   punct    2
John      PROPN NNP compound 5
Doe       PROPN NNP nsubj    6
spoke     VERB  VBD ROOT     6 speak
.         PUNCT .   punct    6
{pronoun} PRON  PRP nsubj    9
said      VERB  VBD ROOT     9 say
it        PRON  PRP nsubj    11
rained    VERB  VBD ccomp    9 rain
.         PUNCT .   punct    9
""", ents=[(0, 2, "PERSON"), (4, 6, "PERSON")])


def test_he_resolves_to_the_named_subject_of_the_previous_sentence() -> None:
    doc = pronoun_doc("He")
    sp = speakers_of(doc).attribution(doc[9]).speaker
    assert sp is not None
    assert (sp.text, sp.canonical, sp.entity_id) == ("He", "John Doe", 1)


def test_she_skips_a_man_and_finds_the_last_fitting_woman() -> None:
    doc = pronoun_doc("She")
    sp = speakers_of(doc).attribution(doc[9]).speaker
    assert sp is not None
    assert (sp.text, sp.canonical, sp.entity_id) == ("She", "Mary Smith", 0)


def test_first_person_speaker_has_no_antecedent() -> None:
    doc = pronoun_doc("I")
    sp = speakers_of(doc).attribution(doc[9]).speaker
    assert sp is not None and (sp.text, sp.canonical, sp.entity_id) == ("I", None, None)


def test_they_resolves_to_a_plural_non_entity_subject() -> None:
    doc = hand_doc("The scientists found rain. They said it fell.", """
The        DET   DT  det   1
scientists NOUN  NNS nsubj 2 scientist
found      VERB  VBD ROOT  2 find
rain       NOUN  NN  dobj  2
.          PUNCT .   punct 2
They       PRON  PRP nsubj 6 they
said       VERB  VBD ROOT  6 say
it         PRON  PRP nsubj 8
fell       VERB  VBD ccomp 6 fall
.          PUNCT .   punct 6
""")
    sp = speakers_of(doc).attribution(doc[6]).speaker
    assert sp is not None
    assert (sp.text, sp.canonical, sp.entity_id) == ("They", "scientists", None)


def test_entity_speaker_is_the_mention_inside_a_title_phrase() -> None:
    doc = hand_doc("Chinese President Xi Jinping said it rained.", """
Chinese   ADJ   JJ  amod     3
President PROPN NNP compound 3
Xi        PROPN NNP compound 3
Jinping   PROPN NNP nsubj    4
said      VERB  VBD ROOT     4 say
it        PRON  PRP nsubj    6
rained    VERB  VBD ccomp    4 rain
.         PUNCT .   punct    4
""", ents=[(0, 1, "NORP"), (2, 4, "PERSON")])
    sp = speakers_of(doc).attribution(doc[4]).speaker
    assert sp is not None
    assert (sp.text, sp.canonical, sp.entity_id, sp.label) == (
        "Xi Jinping", "Xi Jinping", 1, "PERSON"
    )


def test_non_entity_speaker_is_the_noun_phrase() -> None:
    doc = hand_doc("A spokesman for the ministry said it rained.", """
A         DET   DT  det   1
spokesman NOUN  NN  nsubj 5
for       ADP   IN  prep  1
the       DET   DT  det   4
ministry  NOUN  NN  pobj  2
said      VERB  VBD ROOT  5 say
it        PRON  PRP nsubj 7
rained    VERB  VBD ccomp 5 rain
.         PUNCT .   punct 5
""")
    sp = speakers_of(doc).attribution(doc[5]).speaker
    assert sp is not None
    assert (sp.text, sp.canonical, sp.entity_id) == (
        "A spokesman for the ministry", "spokesman for the ministry", None)


def test_passive_cue_speaks_through_its_agent_and_tell_has_an_addressee() -> None:
    doc = hand_doc("Doe was told by Roe to leave. Roe told reporters it rained.", """
Doe       PROPN NNP nsubjpass 2
was       AUX   VBD auxpass   2 be
told      VERB  VBN ROOT      2 tell
by        ADP   IN  agent     2
Roe       PROPN NNP pobj      3
to        PART  TO  aux       6
leave     VERB  VB  xcomp     2
.         PUNCT .   punct     2
Roe       PROPN NNP nsubj     9
told      VERB  VBD ROOT      9 tell
reporters NOUN  NNS dobj      9 reporter
it        PRON  PRP nsubj     12
rained    VERB  VBD ccomp     9 rain
.         PUNCT .   punct     9
""", ents=[(0, 1, "PERSON"), (4, 5, "PERSON"), (8, 9, "PERSON")])
    speakers = speakers_of(doc)
    passive = speakers.attribution(doc[2])
    assert passive.speaker is not None and passive.speaker.text == "Roe"
    assert passive.addressee is None  # the one told is not an addressee of a passive
    active = speakers.attribution(doc[9])
    assert (active.cue, active.cue_lemma, active.addressee) == ("told", "tell", "reporters")


def test_history_holds_named_subjects_of_reports_only() -> None:
    doc = pronoun_doc("He")
    history = speakers_of(doc).history
    assert history.pos == ()  # "spoke" is no report and "He said" has a pronoun subject
    doc = hand_doc("Roe said it rained.", """
Roe    PROPN NNP nsubj 1
said   VERB  VBD ROOT  1 say
it     PRON  PRP nsubj 3
rained VERB  VBD ccomp 1 rain
.      PUNCT .   punct 1
""", ents=[(0, 1, "PERSON")])
    history = speakers_of(doc).history
    assert [s.text for s in history.speaker] == ["Roe"] and history.pos == (0,)


# --------------------------------------------------------------------------- full names, roles


def said_it_rained(subject_rows: str, at: int) -> str:
    """`<subject> said it rained.` rows, the subject's head at token `at`."""
    return subject_rows + f"""
said   VERB  VBD ROOT  {at + 1} say
it     PRON  PRP nsubj {at + 3}
rained VERB  VBD ccomp {at + 1} rain
.      PUNCT .   punct {at + 1}
"""


def speaker_at(doc: Doc, cue: int) -> tuple[str, str | None, int | None]:
    sp = speakers_of(doc).attribution(doc[cue]).speaker
    assert sp is not None
    return sp.text, sp.canonical, sp.entity_id


def test_a_surname_takes_the_full_name_the_text_gives_even_untagged() -> None:
    # NER tagged only the second `Blix`; the full name is in the text all the same.
    doc = hand_doc("Karen Blix arrived. Blix said it rained.", """
Karen   PROPN NNP compound 1
Blix    PROPN NNP nsubj    2
arrived VERB  VBD ROOT     2 arrive
.       PUNCT .   punct    2
""" + said_it_rained("Blix PROPN NNP nsubj 5", 4), ents=[(4, 5, "PERSON")])
    assert speaker_at(doc, 5) == ("Blix", "Karen Blix", 0)


def test_titles_are_not_part_of_the_full_name() -> None:
    doc = hand_doc("Secretary Ann Lee arrived. Lee said it rained.", """
Secretary PROPN NNP compound 2
Ann       PROPN NNP compound 2
Lee       PROPN NNP nsubj    3
arrived   VERB  VBD ROOT     3 arrive
.         PUNCT .   punct    3
""" + said_it_rained("Lee PROPN NNP nsubj 6", 5), ents=[(5, 6, "PERSON")])
    assert speaker_at(doc, 6) == ("Lee", "Ann Lee", 0)


def test_a_surname_two_people_share_stays_unresolved() -> None:
    doc = hand_doc("Jane Doe met John Doe. Doe said it rained.", """
Jane PROPN NNP compound 1
Doe  PROPN NNP nsubj    2
met  VERB  VBD ROOT     2 meet
John PROPN NNP compound 4
Doe  PROPN NNP dobj     2
.    PUNCT .   punct    2
""" + said_it_rained("Doe PROPN NNP nsubj 7", 6),
        ents=[(0, 2, "PERSON"), (3, 5, "PERSON"), (6, 7, "PERSON")])
    view = ArticleView.build(doc, mentions_of(doc, {"Doe": "Jane Doe"}))
    sp = Speakers.build(view, find_passages(view)).attribution(doc[7]).speaker
    assert sp is not None and (sp.text, sp.canonical, sp.entity_id) == ("Doe", "Doe", 2)


APPOSITION_ROLE = ("Ann Lee, the company's spokeswoman, spoke. The spokeswoman said it rained.", """
Ann         PROPN NNP compound 1
Lee         PROPN NNP nsubj    8
,           PUNCT ,   punct    1
the         DET   DT  det      4
company     NOUN  NN  poss     6
's          PART  POS case     4
spokeswoman NOUN  NN  appos    1
,           PUNCT ,   punct    1
spoke       VERB  VBD ROOT     8 speak
.           PUNCT .   punct    8
""")


def test_a_definite_role_refers_to_the_person_introduced_with_it() -> None:
    text, rows = APPOSITION_ROLE
    doc = hand_doc(text, rows + said_it_rained(
        "The DET DT det 11\nspokeswoman NOUN NN nsubj 12", 11), ents=[(0, 2, "PERSON")])
    assert speaker_at(doc, 12) == ("The spokeswoman", "Ann Lee", 0)


def test_an_indefinite_role_is_someone_new() -> None:
    text, rows = APPOSITION_ROLE
    doc = hand_doc(text.replace("The spokeswoman said", "A spokeswoman said"), rows
                   + said_it_rained("A DET DT det 11\nspokeswoman NOUN NN nsubj 12", 11),
                   ents=[(0, 2, "PERSON")])
    assert speaker_at(doc, 12) == ("A spokeswoman", "spokeswoman", None)


def test_a_title_before_the_name_is_a_role() -> None:
    doc = hand_doc("President Joe Biden spoke. The president said it rained.", """
President PROPN NNP compound 2
Joe       PROPN NNP compound 2
Biden     PROPN NNP nsubj    3
spoke     VERB  VBD ROOT     3 speak
.         PUNCT .   punct    3
""" + said_it_rained("The DET DT det 6\npresident NOUN NN nsubj 7", 6), ents=[(1, 3, "PERSON")])
    assert speaker_at(doc, 7) == ("The president", "Joe Biden", 0)


def test_a_non_entity_speakers_canonical_is_its_bare_head_phrase() -> None:
    doc = hand_doc("Some individuals said it rained.", said_it_rained("""
Some        DET  DT  det   1
individuals NOUN NNS nsubj 2 individual
""", 1))
    assert speaker_at(doc, 2) == ("Some individuals", "individuals", None)


def test_a_possessive_pronoun_resolves_like_its_subject_form() -> None:
    doc = hand_doc("John Doe spoke. His claim that it rained stood.", """
John   PROPN NNP compound 1
Doe    PROPN NNP nsubj    2
spoke  VERB  VBD ROOT     2 speak
.      PUNCT .   punct    2
His    PRON  PRP$ poss    5 his
claim  NOUN  NN  nsubj    9
that   SCONJ IN  mark     8
it     PRON  PRP nsubj    8
rained VERB  VBD acl      5 rain
stood  VERB  VBD ROOT     9 stand
.      PUNCT .   punct    9
""", ents=[(0, 2, "PERSON")])
    sp = speakers_of(doc).resolve(doc[4])
    assert (sp.text, sp.canonical, sp.entity_id) == ("His", "John Doe", 0)


def test_full_names_start_at_the_given_name_and_unify_spelling_variants() -> None:
    doc = hand_doc(
        "Administrator Charles Bolden met Professor Burrows and Kristen Wilkins. "
        "Emeritus Professor John Burrows and Kristin Wilkins spoke.", """
Administrator PROPN NNP compound 2
Charles       PROPN NNP compound 2
Bolden        PROPN NNP nsubj    3
met           VERB  VBD ROOT     3 meet
Professor     PROPN NNP compound 5
Burrows       PROPN NNP dobj     3
and           CCONJ CC  cc       5
Kristen       PROPN NNP compound 8
Wilkins       PROPN NNP conj     5
.             PUNCT .   punct    3
Emeritus      PROPN NNP compound 13
Professor     PROPN NNP compound 13
John          PROPN NNP compound 13
Burrows       PROPN NNP nsubj    17
and           CCONJ CC  cc       13
Kristin       PROPN NNP compound 16
Wilkins       PROPN NNP conj     13
spoke         VERB  VBD ROOT     17 speak
.             PUNCT .   punct    17
""", ents=[(1, 3, "PERSON"), (7, 9, "PERSON"), (12, 14, "PERSON"), (15, 17, "PERSON")])
    names = full_names(ArticleView.build(doc, mentions_of(doc)))
    assert (names["bolden"], names["burrows"], names["wilkins"]) == (
        "Charles Bolden", "John Burrows", "Kristen Wilkins")


def test_a_bare_definite_description_takes_the_fuller_earlier_speaker() -> None:
    doc = hand_doc("The report's authors said it rained. The authors said it rained.", """
The     DET   DT  det   1
report  NOUN  NN  poss  3
's      PART  POS case  1
authors NOUN  NNS nsubj 4 author
said    VERB  VBD ROOT  4 say
it      PRON  PRP nsubj 6
rained  VERB  VBD ccomp 4 rain
.       PUNCT .   punct 4
""" + said_it_rained("The DET DT det 9\nauthors NOUN NNS nsubj 10 author", 9))
    assert speaker_at(doc, 4) == ("The report's authors", "report's authors", None)
    assert speaker_at(doc, 10) == ("The authors", "report's authors", None)


def test_a_hyphenated_surname_is_one_name_word() -> None:
    doc = hand_doc("Ali Hassan al-Majid arrived. Al-Majid said it rained.", """
Ali      PROPN NNP compound 2
Hassan   PROPN NNP compound 2
al-Majid PROPN NNP nsubj    3
arrived  VERB  VBD ROOT     3 arrive
.        PUNCT .   punct    3
""" + said_it_rained("Al-Majid PROPN NNP nsubj 6", 5),
        ents=[(0, 3, "PERSON"), (5, 6, "PERSON")])
    assert speaker_at(doc, 6) == ("Al-Majid", "Ali Hassan al-Majid", 1)


def test_a_document_speaker_takes_its_named_author_as_canonical() -> None:
    doc = hand_doc("The CBO released a report. The report said it rained.", """
The      DET   DT  det   1
CBO      PROPN NNP nsubj 2
released VERB  VBD ROOT  2 release
a        DET   DT  det   4
report   NOUN  NN  dobj  2
.        PUNCT .   punct 2
""" + said_it_rained("The DET DT det 7\nreport NOUN NN nsubj 8", 7), ents=[(1, 2, "ORG")])
    assert speaker_at(doc, 8) == ("The report", "CBO", None)


def test_a_shorter_form_ending_a_full_name_is_the_same_person() -> None:
    doc = hand_doc("Minister Mehmet Ali Sahin spoke. Sahin said it rained.", """
Minister PROPN NNP compound 3
Mehmet   PROPN NNP compound 3
Ali      PROPN NNP compound 3
Sahin    PROPN NNP nsubj    4
spoke    VERB  VBD ROOT     4 speak
.        PUNCT .   punct    4
""" + said_it_rained("Sahin PROPN NNP nsubj 7", 6), ents=[(1, 4, "PERSON"), (6, 7, "PERSON")])
    assert speaker_at(doc, 7) == ("Sahin", "Mehmet Ali Sahin", 1)


def test_a_document_by_someone_has_them_as_canonical() -> None:
    doc = hand_doc("Jane Doe arrived. A letter by her said it rained.", """
Jane    PROPN NNP compound 1
Doe     PROPN NNP nsubj    2
arrived VERB  VBD ROOT     2 arrive
.       PUNCT .   punct    2
""" + said_it_rained("""
A      DET   DT  det      5
letter NOUN  NN  nsubj    8
by     ADP   IN  prep     5
her    PRON  PRP pobj     6 she
""", 7), ents=[(0, 2, "PERSON")])
    assert speaker_at(doc, 8) == ("A letter by her", "Jane Doe", None)
