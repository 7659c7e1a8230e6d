"""Tests for `flows.claims`: the seed article's expectations plus general news patterns.

The model is loaded once per module (it dominates the run time), exactly as production
loads it (`flows.steps.nlp.load()`, with the project's sentence segmenter), so these tests
run on the sentence boundaries the pipeline really sees. Mentions are built from
`doc.ents` with a deliberately simple helper so these tests do not depend on the real
entity resolution in `flows/steps/entities.py`.
"""

from __future__ import annotations

import bisect
import random
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from flows.claims import ASSERTION_THRESHOLD, extract_claims
from flows.steps.nlp import load as load_model
from flows.tables.records import Claim, Mention

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_bab6568d393393c4.txt"
BOILERPLATE = ("(Except for the headline", "Comments", "Post a Comment")
QUOTE_KINDS = {"direct_quote", "partial_quote"}


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The pipeline exactly as production loads it (with the project's segmenter)."""
    return load_model()


def mentions_for(doc: Doc) -> list[Mention]:
    """Mentions from doc.ents; a PERSON takes the canonical of the longest earlier PERSON
    mention sharing its last word ("Xi" -> "Xi Jinping", "Lopez" -> "Maria Lopez")."""
    sent_starts = [s.start for s in doc.sents]
    out: list[Mention] = []
    clusters: dict[tuple[str, str], int] = {}
    for i, ent in enumerate(doc.ents):
        canonical = ent.text
        if ent.label_ == "PERSON":
            last = ent[-1].text
            earlier = [m for m in out if m.label == "PERSON" and last in m.text.split()]
            if earlier:
                canonical = max(earlier, key=lambda m: len(m.canonical)).canonical
        cid = clusters.setdefault((canonical, ent.label_), len(clusters))
        out.append(
            Mention(
                entity_id=i,
                sentence_id=bisect.bisect_right(sent_starts, ent.start) - 1,
                start=ent.start_char,
                end=ent.end_char,
                text=ent.text,
                label=ent.label_,
                canonical=canonical,
                cluster_id=cid,
            )
        )
    return out


def run(nlp: Language, text: str) -> tuple[Doc, list[Mention], list[Claim]]:
    doc = nlp(text)
    mentions = mentions_for(doc)
    return doc, mentions, extract_claims(doc, mentions)


def check_invariants(doc: Doc, mentions: list[Mention], claims: list[Claim]) -> None:
    """Properties every output must have, whatever the text."""
    n_sents = len(list(doc.sents))
    ids = {m.entity_id for m in mentions}
    keys = [(c.content_start, c.kind) for c in claims]
    assert keys == sorted(keys)
    assert len({(c.content_start, c.content_end, c.kind) for c in claims}) == len(claims)
    for c in claims:
        assert c.content == doc.text[c.content_start : c.content_end]
        assert c.content and c.content == c.content.strip()
        assert 0 <= c.sentence_id <= c.last_sentence_id < n_sents
        assert c.speaker_entity_id is None or c.speaker_entity_id in ids
        if c.speaker is not None:
            assert c.speaker == doc.text[c.speaker_start : c.speaker_end]
        if c.kind == "assertion":
            assert c.check_worthiness is not None and c.check_worthiness >= ASSERTION_THRESHOLD
            assert c.features
    quotes = [c for c in claims if c.kind in QUOTE_KINDS]
    for ind in (c for c in claims if c.kind == "indirect"):
        for q in quotes:
            overlap = ind.content_start < q.content_end and q.content_start < ind.content_end
            assert not overlap, (ind.content, q.content)


def only(claims: list[Claim], kind: str) -> list[Claim]:
    return [c for c in claims if c.kind == kind]


def find(claims: list[Claim], kind: str, startswith: str) -> Claim:
    hits = [c for c in claims if c.kind == kind and c.content.startswith(startswith)]
    assert len(hits) == 1, (kind, startswith, [(c.kind, c.content) for c in claims])
    return hits[0]


# --------------------------------------------------------------------------- seed article


@pytest.fixture(scope="module")
def seed(nlp: Language) -> tuple[Doc, list[Mention], list[Claim]]:
    lines = [
        line
        for line in SEED.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(BOILERPLATE)
    ]
    return run(nlp, "\n\n".join(lines))


def test_seed_invariants(seed: tuple[Doc, list[Mention], list[Claim]]) -> None:
    check_invariants(*seed)


def test_seed_four_direct_quotes_by_xi(seed: tuple[Doc, list[Mention], list[Claim]]) -> None:
    _, _, claims = seed
    direct = only(claims, "direct_quote")
    assert len(direct) == 4
    assert {c.speaker_canonical for c in direct} == {"Xi Jinping"}
    assert all(c.speaker_entity_id is not None for c in direct)

    cctv = find(claims, "direct_quote", "China will continue to unswervingly promote")
    assert cctv.content.endswith("national independence, sovereignty and territorial integrity")
    assert (cctv.cue, cctv.cue_lemma) == ("told", "tell")
    assert cctv.addressee == "his Tajik counterpart Emomali Rahmon"
    assert cctv.according_to == "state broadcaster CCTV"
    assert cctv.speaker == "Xi"

    for start in ("Thanks to the joint efforts", "No matter how the international"):
        inverted = find(claims, "direct_quote", start)
        assert (inverted.cue, inverted.cue_lemma) == ("said", "say")
        assert inverted.speaker_start is not None and inverted.speaker_start > inverted.content_end

    colon = find(claims, "direct_quote", "We should join hands to resist external interference")
    assert colon.content.endswith("in our own hands.")
    assert (colon.cue_lemma, colon.addressee) == ("tell", "SCO leaders")


def test_seed_partial_quotes(seed: tuple[Doc, list[Mention], list[Claim]]) -> None:
    _, _, claims = seed
    partial = only(claims, "partial_quote")
    assert len(partial) == 3
    integrity = find(claims, "partial_quote", "territorial integrity")
    assert integrity.content == "territorial integrity"
    assert (integrity.cue, integrity.cue_lemma) == ("promised", "promise")
    resist = find(claims, "partial_quote", "resist external interference")
    assert (resist.cue, resist.cue_lemma, resist.addressee) == ("urged", "urge", "the bloc")
    oppose = find(claims, "partial_quote", "firmly oppose")
    assert oppose.content == (
        "firmly oppose any external interference in Tajikistan's internal affairs under any pretext"
    )
    assert (oppose.cue, oppose.cue_lemma) == ("pledged", "pledge")
    # "urged" hangs off "he held talks": the pronoun resolves to the previous speaker.
    assert {c.speaker_canonical for c in partial} == {"Xi Jinping"}


def test_seed_critics_indirect(seed: tuple[Doc, list[Mention], list[Claim]]) -> None:
    _, _, claims = seed
    critics = [c for c in only(claims, "indirect") if c.speaker == "critics"]
    assert len(critics) == 1
    c = critics[0]
    assert (c.cue, c.cue_lemma) == ("say", "say")
    assert c.content == "has left developing countries saddled with onerous loans"
    assert c.speaker_entity_id is None


def test_seed_assertions(seed: tuple[Doc, list[Mention], list[Claim]]) -> None:
    _, _, claims = seed
    texts = [c.content for c in only(claims, "assertion")]
    assert "Xi has previously visited Tajikistan in 2014 and 2019." in texts
    visited = find(claims, "assertion", "Xi has previously visited")
    assert {"date", "past_event_verb", "named_entity"} <= set(visited.features)
    # Sentences that carry a quote or an attribution are not the article's own assertions.
    quoted_sents = {c.sentence_id for c in claims if c.kind != "assertion"}
    assert not any(c.sentence_id in quoted_sents for c in only(claims, "assertion"))


# --------------------------------------------------------------------------- general news


def test_split_quote_same_speaker(nlp: Language) -> None:
    doc, ms, claims = run(
        nlp,
        'Fishermen in the port town blocked the harbour on Monday.\n\n'
        '"We are not going anywhere," union leader Ahmed Hassan said. "This is our home."',
    )
    check_invariants(doc, ms, claims)
    first = find(claims, "direct_quote", "We are not going anywhere")
    second = find(claims, "direct_quote", "This is our home.")
    assert first.content == "We are not going anywhere"  # the joining comma is dropped
    assert first.speaker_canonical == second.speaker_canonical == "Ahmed Hassan"
    assert second.cue_lemma == "say"


def test_multi_paragraph_continuing_quote(nlp: Language) -> None:
    text = (
        'Riley told reporters after the match: "The first thing you learn is patience.\n\n'
        '"The second thing is humility. Nobody wins every week."\n\n'
        "Coach Tom Riley has led the club since 2019."
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    direct = only(claims, "direct_quote")
    assert [c.content for c in direct] == [
        "The first thing you learn is patience.",
        "The second thing is humility. Nobody wins every week.",
    ]
    assert {c.speaker for c in direct} == {"Riley"}
    assert {c.addressee for c in direct} == {"reporters"}


def test_continuing_quote_attributed_at_the_end(nlp: Language) -> None:
    text = (
        '"The first thing you learn is patience.\n\n'
        '"The second thing is humility," coach Tom Riley said.'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    direct = only(claims, "direct_quote")
    assert len(direct) == 2
    assert {c.speaker_canonical for c in direct} == {"Tom Riley"}


def test_curly_quotes_and_pronoun_after_named_woman(nlp: Language) -> None:
    text = (
        "Health Minister Jane Doyle met union leader Peter Hall on Tuesday to discuss the "
        "strike.\n\n"
        "“We have made a fair offer,” she said.\n\n"
        "Hall rejected the proposal. “It is an insult to every nurse in this country,” he "
        "told reporters."
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    offer = find(claims, "direct_quote", "We have made a fair offer")
    assert offer.content == "We have made a fair offer"
    assert offer.speaker == "she"
    assert offer.speaker_canonical == "Jane Doyle"
    insult = find(claims, "direct_quote", "It is an insult")
    assert (insult.speaker, insult.speaker_canonical) == ("he", "Peter Hall")
    assert insult.addressee == "reporters"


def test_according_to(nlp: Language) -> None:
    text = (
        "According to the council, more than 22,000 vehicles crossed the bridge daily "
        "before it closed in 2020.\n\n"
        '"We are ready," he said, according to a transcript released by the White House.'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    acc = find(claims, "indirect", "more than 22,000 vehicles")
    assert acc.content.endswith("before it closed in 2020")
    assert (acc.speaker, acc.cue, acc.cue_lemma) == ("the council", "according to", "according to")
    assert acc.according_to == "the council"
    ready = find(claims, "direct_quote", "We are ready")
    assert ready.according_to == "a transcript released by the White House"


def test_non_entity_speaker(nlp: Language) -> None:
    doc, ms, claims = run(nlp, "Officials said the bridge would reopen next week.")
    check_invariants(doc, ms, claims)
    (c,) = only(claims, "indirect")
    assert (c.speaker, c.speaker_canonical, c.speaker_entity_id) == (
        "Officials", "officials", None)  # non-entity speakers: their head phrase
    assert (c.cue, c.content) == ("said", "the bridge would reopen next week")
    assert not only(claims, "assertion")


def test_inline_dateline_is_not_content(nlp: Language) -> None:
    text = (
        "LONDON, March 3 (Reuters) - The bridge will reopen next Monday after three years "
        "of repairs, officials said.\n\n"
        "NATO - the alliance - met on Friday in Brussels with 31 members present."
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    (ind,) = only(claims, "indirect")
    assert ind.content == "The bridge will reopen next Monday after three years of repairs"
    assert ind.speaker == "officials"
    (fact,) = only(claims, "assertion")
    assert fact.content.startswith("NATO - the alliance")  # not a dateline: lower case follows


def test_unattributed_quote_kept_with_no_speaker(nlp: Language) -> None:
    text = (
        "Hundreds of people gathered outside the parliament building on Sunday.\n\n"
        '"This is a disgrace."'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    c = find(claims, "direct_quote", "This is a disgrace.")
    assert c.speaker is None and c.cue is None and c.speaker_entity_id is None


def test_scare_quotes_and_titles_are_not_claims(nlp: Language) -> None:
    text = (
        'The so-called "Green Deal" has been criticised by farmers.\n\n'
        'The bridge, nicknamed the "old lady" by locals, was built in 1887.\n\n'
        'Netflix will release "The Crown" season six in November.'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    assert not [c for c in claims if c.kind in QUOTE_KINDS]


def test_apostrophes_are_not_quote_marks(nlp: Language) -> None:
    text = "The leaders’ summit in the region’s capital ended on Friday, officials’ notes show."
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    assert not [c for c in claims if c.kind in QUOTE_KINDS]


def test_opinion_is_not_an_assertion_but_figures_are(nlp: Language) -> None:
    opinion = "It would be a terrible mistake to ignore the warning signs."
    fact = (
        "Shares in the company fell 12% to $45.20 on Friday, the lowest level since "
        "March 2020."
    )
    doc, ms, claims = run(nlp, f"{opinion}\n\n{fact}")
    check_invariants(doc, ms, claims)
    assertions = only(claims, "assertion")
    assert [c.content for c in assertions] == [fact]
    assert {"number", "percent", "money", "date"} <= set(assertions[0].features)
    assert assertions[0].check_worthiness is not None and assertions[0].check_worthiness >= 0.8


def test_headline_and_dateline_are_not_assertions(nlp: Language) -> None:
    body = (
        "ROME, July 18 (Reuters) -\n\n"
        "Temperatures reached 46.3 degrees Celsius in Sardinia on Tuesday, the highest "
        "reading since 2017."
    )
    for headline in (
        "Record heat across southern Europe",  # no verb
        "Temperatures hit 46.3 degrees in Sardinia as Europe bakes",  # verb, no full stop
    ):
        doc, ms, claims = run(nlp, f"{headline}\n\n{body}")
        check_invariants(doc, ms, claims)
        assertions = only(claims, "assertion")
        assert [c.content[:22] for c in assertions] == ["Temperatures reached 4"]
        assert "statistic" in assertions[0].features


def test_no_duplicate_indirect_for_quoted_complement(nlp: Language) -> None:
    text = (
        'Smith said the plan was "dead in the water" and would be scrapped.\n\n'
        'Xi told SCO leaders: "We should join hands to resist external interference."'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    assert [c.kind for c in claims] == ["partial_quote", "direct_quote"]
    assert claims[0].content == "dead in the water"
    assert claims[0].speaker == "Smith"


def test_inverted_question_and_participle_report(nlp: Language) -> None:
    text = (
        'Rishi Sunak visited the plant on Monday. "Why would we do that?" asked Sunak.\n\n'
        "Maria Lopez said the council would monitor traffic closely, adding that heavy "
        "lorries would remain banned."
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    q = find(claims, "direct_quote", "Why would we do that?")
    assert (q.speaker_canonical, q.cue_lemma, q.addressee) == ("Rishi Sunak", "ask", None)
    said = find(claims, "indirect", "the council would monitor")
    assert said.content == "the council would monitor traffic closely"
    adding = find(claims, "indirect", "heavy lorries")
    assert said.speaker_canonical == adding.speaker_canonical == "Maria Lopez"
    assert adding.cue_lemma == "add"


def test_deterministic_and_empty(nlp: Language) -> None:
    doc, ms, claims = run(nlp, '"A," Smith said. "B is next," he added, urging calm.')
    assert extract_claims(doc, ms) == claims
    assert extract_claims(nlp(""), []) == []
    # Without any mentions the speaker text survives, the entity link does not.
    bare = extract_claims(doc, [])
    assert [c.speaker for c in bare] == [c.speaker for c in claims]
    assert all(c.speaker_entity_id is None for c in bare)


def test_random_quote_soup_keeps_invariants(nlp: Language) -> None:
    pieces = [
        '"', "“", "”", "‘", "’", "'", " said ", " Xi ", "she ", "\n\n", "\n", ", ", ". ",
        ": ", "according to CCTV", " told reporters ", "We will win", " 45% ", "Smith",
        " urged the bloc to ", "(", ")", "—", "that ", "...", "?", " adding that ", "it's",
        " leaders' ",
    ]
    rng = random.Random(20240905)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(80)]
    for doc in nlp.pipe(texts):
        ms = mentions_for(doc)
        claims = extract_claims(doc, ms)
        check_invariants(doc, ms, claims)


# --------------------------------------------------------------------------- quote kinds


def test_quote_ending_a_reported_clause_is_partial(nlp: Language) -> None:
    # The quote after a comma continues the reporter's that-clause, or a clause with its
    # own verb, or is a bare noun phrase: a fragment, not a whole utterance.
    text = (
        'She told the jury that, during the trial, "the defendant never once looked at '
        'me".\n\n'
        'He said although costs had risen, "nobody expected a bill this large".\n\n'
        'The witness told investigators, "every single thing he saw".'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    assert not only(claims, "direct_quote")
    jury = find(claims, "partial_quote", "the defendant never once")
    assert (jury.cue, jury.addressee) == ("told", "the jury")
    assert find(claims, "partial_quote", "nobody expected").cue == "said"
    assert find(claims, "partial_quote", "every single thing").cue == "told"


def test_lower_case_second_half_of_split_quote_stays_direct(nlp: Language) -> None:
    text = '"We are ready," said coach Maria Silva, "and we will win on Sunday."'
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    second = find(claims, "direct_quote", "and we will win")
    assert (second.speaker, second.cue) == ("Maria Silva", "said")


def test_headline_citation_title_and_cited_words_are_not_claims(nlp: Language) -> None:
    text = (
        'Storm batters coast as "worst is yet to come"\n\n'
        "Heavy rain fell across the region on Monday.\n\n"
        'The council launched a website, "The Big Flood Recovery Plan", on Tuesday.\n\n'
        'The revised rules added the words "without exception" to the ban.\n\n'
        'Sources\n\n"Storm batters coast" — The Daily Star, May 2, 2024'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    assert not [c for c in claims if c.kind in QUOTE_KINDS]


def test_one_word_scare_quote_versus_applied_label(nlp: Language) -> None:
    text = (
        'The company said it would "streamline" its operations.\n\n'
        'Officials described the damage as "catastrophic".\n\n'
        'Critics called the scheme "reckless" and "unworkable".\n\n'
        'The so-called "unknowns" in the data worried the team, officials said.'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    partial = only(claims, "partial_quote")
    assert [c.content for c in partial] == ["catastrophic", "reckless", "unworkable"]
    assert [c.cue for c in partial] == ["described", "called", "called"]
    # The scare-quoted verb stays inside the company's reported clause.
    streamline = find(claims, "indirect", "it would")
    assert streamline.content == 'it would "streamline" its operations'
    unknowns = find(claims, "indirect", "The so-called")
    assert unknowns.speaker == "officials"


# --------------------------------------------------------------------------- speakers


def test_continuation_paragraph_after_a_caption_keeps_the_speaker(nlp: Language) -> None:
    text = (
        'In a statement, Governor Laura Bell said, "The museum worked hard for this.\n\n'
        "A visitor at the museum's new wing. Image: City Archive.\n\n"
        '"It will bring thousands of visitors to the region every year."'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    first, second = only(claims, "direct_quote")
    assert first.cue == "said" and first.speaker_canonical == "Laura Bell"
    assert second.content.startswith("It will bring thousands")
    assert second.speaker_canonical == "Laura Bell"
    assert second.cue is None  # a continuation has no reporting expression of its own


def test_quote_sentence_after_a_report_or_a_statement(nlp: Language) -> None:
    text = (
        "Farmers blocked roads in the capital on Monday. Union leader Paul Green issued "
        'a statement after the talks collapsed. "We have been ignored for too long."\n\n'
        'Dr Amy Shaw noted the results show the drug is safe. "This changes everything."'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    ignored = find(claims, "direct_quote", "We have been ignored")
    assert (ignored.speaker_canonical, ignored.cue) == ("Paul Green", None)
    changes = find(claims, "direct_quote", "This changes everything.")
    assert (changes.speaker_canonical, changes.cue) == ("Amy Shaw", None)
    # Only the outermost report: "the results show…" is Shaw's, not a claim of its own.
    (noted,) = only(claims, "indirect")
    assert (noted.speaker, noted.content) == ("Amy Shaw", "the results show the drug is safe")


def test_pull_quote_credit_lines(nlp: Language) -> None:
    text = (
        "Hackers have targeted the company for weeks.\n\n"
        'Unnamed forum user, "The campaign against the firm has only just begun."\n\n'
        '"In the end, the market always wins. The rest is noise." - Peter Lang\n\n'
        "Lang later said the attacks were a distraction.\n\n"
        '"Nobody saw this coming. It is a disaster." Helen Ward, fund manager\n\n'
        '"Prices will recover." Markets rallied the next day.'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    forum = find(claims, "direct_quote", "The campaign against")
    assert (forum.speaker, forum.cue) == ("Unnamed forum user", None)
    market = find(claims, "direct_quote", "In the end, the market")
    assert (market.speaker, market.speaker_canonical, market.cue) == (
        "Peter Lang", "Peter Lang", None
    )
    disaster = find(claims, "direct_quote", "Nobody saw this coming")
    assert (disaster.speaker, disaster.cue) == ("Helen Ward", None)
    # A following sentence with a verb is narration, not a credit.
    assert find(claims, "direct_quote", "Prices will recover.").speaker != "Markets"


def test_in_the_words_of_and_mistagged_cue(nlp: Language) -> None:
    text = (
        'In the words of the chief inspector, Sarah Mills, "the building was a death '
        'trap."\n\n'
        'The ministry notes, "Exports fell by a third in the first quarter."'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    trap = find(claims, "direct_quote", "the building was a death trap")
    assert (trap.speaker, trap.cue) == ("Sarah Mills", "In the words of")
    exports = find(claims, "direct_quote", "Exports fell")
    assert (exports.speaker, exports.cue, exports.cue_lemma) == ("The ministry", "notes", "note")


def test_pronoun_prefers_the_name_in_its_own_sentence(nlp: Language) -> None:
    text = (
        "Prosecutor David Lane told the court the evidence was clear.\n\n"
        "Later, Peter Cole's lawyer pleaded with him to accept a deal, but he replied "
        '"I will not plead guilty".'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    reply = find(claims, "direct_quote", "I will not plead guilty")
    assert reply.speaker == "he"
    assert reply.speaker_canonical is not None
    assert reply.speaker_canonical.startswith("Peter Cole")


def test_pronoun_prefers_the_subject_of_the_previous_sentence(nlp: Language) -> None:
    text = (
        "Inspector Paul Reid said the road would stay closed. Driver Tom Hart waited for "
        'six hours. "Nobody told us anything," he said.'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    waited = find(claims, "direct_quote", "Nobody told us anything")
    assert waited.speaker_canonical is not None and "Tom Hart" in waited.speaker_canonical


def test_they_and_it_resolve_to_unnamed_groups_and_organisations(nlp: Language) -> None:
    text = (
        "Health officials met at the clinic on Tuesday, where they said the outbreak "
        "was under control.\n\n"
        "The researchers found that crop yields fell sharply. Several models were tested. "
        "They estimated that prices would double.\n\n"
        'The council said the plan would cost more than expected. "The numbers simply do '
        'not add up," it said.'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    control = find(claims, "indirect", "the outbreak was under control")
    assert (control.speaker, control.speaker_canonical) == ("they", "health officials")
    assert control.speaker_entity_id is None
    prices = find(claims, "indirect", "prices would double")
    assert (prices.speaker, prices.speaker_canonical) == ("They", "researchers")
    numbers = find(claims, "direct_quote", "The numbers simply")
    assert (numbers.speaker, numbers.speaker_canonical) == ("it", "council")


def test_passive_cue_and_according_to_for_a_fragment(nlp: Language) -> None:
    text = (
        "The workers were told to leave the site.\n\n"
        'By then, "the river had burst its banks", according to the local paper.'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    assert not only(claims, "indirect")  # the workers are told, nobody is said to speak
    banks = find(claims, "partial_quote", "the river had burst")
    assert (banks.speaker, banks.cue) == ("the local paper", "according to")


# --------------------------------------------------------------------------- reported speech


def test_as_x_said_and_said_in_a_statement_that(nlp: Language) -> None:
    text = (
        "As the minister told parliament on Tuesday, the hospital will open next year.\n\n"
        "The firm told investors in a letter that the merger would be delayed."
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    hospital = find(claims, "indirect", "the hospital will open")
    assert (hospital.speaker, hospital.cue, hospital.addressee) == (
        "the minister", "told", "parliament"
    )
    assert hospital.content == "the hospital will open next year"
    merger = find(claims, "indirect", "the merger")
    assert (merger.speaker, merger.addressee) == ("The firm", "investors")


def test_complement_after_the_cue_wins_over_a_fronted_phrase(nlp: Language) -> None:
    text = (
        "With the work almost complete, the company announced on Friday that the bridge "
        "would reopen."
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    (c,) = only(claims, "indirect")
    assert c.content == "the bridge would reopen"
    # The same with the fronted phrase parsed as a clausal complement (built by hand).
    words = ["With", "work", "complete", ",", "Acme", "announced", "that", "prices", "rose"]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[True, True, False, True, True, True, True, True, False],
        heads=[2, 0, 5, 5, 5, 5, 8, 8, 5],
        deps=["mark", "nsubj", "ccomp", "punct", "nsubj", "ROOT", "mark", "nsubj", "ccomp"],
        pos=["ADP", "NOUN", "ADJ", "PUNCT", "PROPN", "VERB", "SCONJ", "NOUN", "VERB"],
        tags=["IN", "NN", "JJ", ",", "NNP", "VBD", "IN", "NNS", "VBD"],
        lemmas=["with", "work", "complete", ",", "Acme", "announce", "that", "price", "rise"],
    )
    (c,) = only(extract_claims(doc, []), "indirect")
    assert (c.speaker, c.content) == ("Acme", "prices rose")


def test_attribution_is_not_taken_from_the_next_sentence(nlp: Language) -> None:
    # "estimated" in the next sentence is an adjective-like participle of another
    # statement, not this quote's cue.
    text = (
        "Mayor Tim Ross promoted the vote on Monday. Of the new plan, he said, \"In the "
        'end I will have one vote like every other resident". The council intends to hold '
        "a vote at an estimated cost of $2 million."
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    vote = find(claims, "direct_quote", "In the end I will")
    assert (vote.speaker, vote.speaker_canonical, vote.cue) == ("he", "Tim Ross", "said")


def test_infinitives_only_after_speech_verbs(nlp: Language) -> None:
    text = (
        "The group agreed to meet again. She called the office to ask for a refund. "
        "The charity is encouraging donors to give online."
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    (c,) = only(claims, "indirect")
    assert (c.speaker, c.cue_lemma, c.addressee) == ("The charity", "encourage", "donors")


def test_named_speaker_before_a_subjectless_cue(nlp: Language) -> None:
    text = (
        "Speaking outside court, defence lawyer Anna Reyes, QC, said the verdict would "
        "be appealed."
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    (c,) = only(claims, "indirect")
    assert (c.speaker, c.content) == ("Anna Reyes", "the verdict would be appealed")


def test_according_to_a_title_and_name(nlp: Language) -> None:
    text = (
        "According to Ambassador to the United Nations Linda Grey, the talks show real "
        "progress."
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    (c,) = only(claims, "indirect")
    assert (c.speaker, c.speaker_canonical, c.cue) == ("Linda Grey", "Linda Grey", "according to")
    assert c.content == "the talks show real progress"
    assert c.according_to == "Ambassador to the United Nations Linda Grey"


def test_clause_after_a_bare_comma_is_the_complement(nlp: Language) -> None:
    # The parser reads "They estimated by 2040, demand would double" as a coordination
    # (as here, built by hand) or upside down; the clause is what was estimated.
    words = ["They", "estimated", "by", "2040", ",", "demand", "would", "double", "."]
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=[True, True, False, False, True, True, True, False, False],
        heads=[1, 1, 1, 2, 1, 7, 7, 1, 1],
        deps=["nsubj", "ROOT", "prep", "pobj", "punct", "nsubj", "aux", "conj", "punct"],
        pos=["PRON", "VERB", "ADP", "NUM", "PUNCT", "NOUN", "AUX", "VERB", "PUNCT"],
        tags=["PRP", "VBD", "IN", "CD", ",", "NN", "MD", "VB", "."],
        lemmas=["they", "estimate", "by", "2040", ",", "demand", "would", "double", "."],
    )
    claims = extract_claims(doc, [])
    check_invariants(doc, [], claims)
    (c,) = only(claims, "indirect")
    assert (c.speaker, c.cue, c.content) == ("They", "estimated", "demand would double")
    upside_down = extract_claims(nlp("They estimated by 2040, rising demand would push "
                                     "prices up by half."), [])
    assert [c.content for c in only(upside_down, "indirect")] == [
        "rising demand would push prices up by half"
    ]


def test_according_to_at_the_end_covers_the_whole_coordination(nlp: Language) -> None:
    text = (
        "Firefighters battled the blaze on Tuesday.\n\n"
        "The fire has burned 25,000 acres and destroyed at least 40 buildings, according "
        "to the state agency.\n\n"
        "Prices rose in May, and according to the central bank, they will rise again."
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    fire = find(claims, "indirect", "The fire has burned")
    assert fire.content == "The fire has burned 25,000 acres and destroyed at least 40 buildings"
    assert fire.speaker == "the state agency"
    bank = find(claims, "indirect", "they will rise again")
    assert bank.speaker == "the central bank"


# --------------------------------------------------------------------------- version 2 kinds


def test_beliefs_nominal_cues_questions_and_documents(nlp: Language) -> None:
    text = (
        "Senate Majority Leader Chuck Schumer spoke on Monday. Schumer believes the bill "
        "will pass. Republicans want to cut taxes. Democrats are concerned that the bill "
        "will raise costs.\n\n"
        "The company issued a statement that the product was safe. Maria Lopez, a council "
        "member, spoke later. She expressed hope that talks would resume.\n\n"
        "Jones asked the minister whether the bridge would reopen. Emails show that the "
        "aide knew about the payments. The indictment alleges that the aide lied to "
        "investigators.\n\n"
        "Amid claims that the vote was rigged, officials promised an audit. I think the "
        "plan is good."
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    bill = find(claims, "belief", "the bill will pass")
    assert (bill.speaker, bill.speaker_canonical, bill.cue) == (
        "Schumer", "Chuck Schumer", "believes")
    assert find(claims, "belief", "to cut taxes").speaker == "Republicans"
    assert find(claims, "belief", "the bill will raise costs").cue == "are concerned"
    safe = find(claims, "indirect", "the product was safe")
    assert (safe.speaker, safe.speaker_canonical, safe.cue) == (
        "The company", "company", "statement")
    hope = find(claims, "belief", "talks would resume")
    assert (hope.speaker, hope.speaker_canonical, hope.cue) == ("She", "Maria Lopez", "hope")
    asked = find(claims, "indirect", "whether the bridge would reopen")
    assert (asked.speaker, asked.addressee) == ("Jones", "the minister")
    assert find(claims, "indirect", "the aide knew").speaker == "Emails"
    assert find(claims, "indirect", "the aide lied").speaker == "The indictment"
    # No source, or the writer's own view: no claim.
    assert not [c for c in claims if c.content.startswith(("the vote was rigged", "the plan"))
                and c.kind != "assertion"]


def test_role_nouns_and_credit_layouts(nlp: Language) -> None:
    text = (
        "The company recalled 10,000 heaters on Monday.\n\n"
        '"We are reviewing the matter," said Anna Kowalski, the company\'s spokeswoman. '
        "The spokeswoman said the recall would cost $5 million.\n\n"
        '"We will not back down" –Jane Doe\n\n'
        '"Taxes are too high and we must act now."\n\n'
        "— John Smith, council member\n\n"
        '"The heaters are safe." (Mark Reed)'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    cost = find(claims, "indirect", "the recall would cost")
    assert (cost.speaker, cost.speaker_canonical) == ("The spokeswoman", "Anna Kowalski")
    assert cost.speaker_entity_id is not None
    for content, who in (("We will not back down", "Jane Doe"),
                         ("Taxes are too high", "John Smith"),
                         ("The heaters are safe.", "Mark Reed")):
        q = find(claims, "direct_quote", content)
        assert (q.speaker, q.cue, q.speaker_via) == (who, None, "credit_line")


def test_reports_in_a_headline_are_not_claims(nlp: Language) -> None:
    text = (
        "Rights group tells Iran to free imprisoned journalists\n\n"
        "Amnesty International said on Sunday that Iran must free the journalists."
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    assert [c.content for c in only(claims, "indirect")] == [
        "Iran must free the journalists"]


def test_whole_quoted_clauses_are_direct_quotes(nlp: Language) -> None:
    text = (
        "The singer filed papers on Monday.\n\n"
        'Jean said in an interview that "if I cannot serve my country as president, '
        'then everything I have sung about means nothing." He left.\n\n'
        'Asked about the protests, he stated that "In our country we have no such '
        'problems at all," drawing laughter from the audience.\n\n'
        'On the phone, Chavez said of the leader "this morning I learned that he is '
        'getting out of bed." Then he smiled.\n\n'
        'His view of the talks is "The danger of waiting is greater than the danger of '
        'acting." He did not elaborate.\n\n'
        'Sarkozy said her return shows people in hard times that "there is hope, light '
        'at the end of the tunnel."'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    for start in ("if I cannot serve", "In our country", "this morning I learned",
                  "The danger of waiting"):
        find(claims, "direct_quote", start)
    find(claims, "partial_quote", "there is hope")  # a that-clause of `shows`, not of `said`


def test_title_with_long_lower_case_function_words_is_no_quote(nlp: Language) -> None:
    text = (
        "The museum opened a new show on Monday.\n\n"
        'Kristen Wilkins, curator of "Andy Warhol: Photographs and Prints from the '
        'University Collection" at the university, chose the works.'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    assert not [c for c in claims if c.kind in QUOTE_KINDS]


def test_unrealised_speech_is_no_report(nlp: Language) -> None:
    for text in (
        "The minister left the meeting without saying the plan would change.",
        "The new rules ban the company from claiming its heaters are safe.",
    ):
        doc, ms, claims = run(nlp, text)
        check_invariants(doc, ms, claims)
        assert not only(claims, "indirect"), text


def test_call_for_someone_to_act(nlp: Language) -> None:
    doc, ms, claims = run(nlp, 'Senator Jane Roe called for the governor "to resign at once."')
    check_invariants(doc, ms, claims)
    assert not only(claims, "indirect")  # not `the governor`: the quote is the content
    assert find(claims, "partial_quote", "to resign at once").speaker == "Jane Roe"
    doc, ms, claims = run(nlp, "Senator Jane Roe called for the governor to resign at once.")
    assert "the governor" not in [c.content for c in only(claims, "indirect")]


def test_speakers_epithet_in_reported_clause_is_partial_quote(nlp: Language) -> None:
    text = (
        "Doctors treated dozens of victims after the attack.\n\n"
        'Dr. Ahmad Karimi says that many of the injured had "unusual" burns on their bodies.'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    q = find(claims, "partial_quote", "unusual")
    assert (q.speaker, q.cue) == ("Ahmad Karimi", "says")
    assert not only(claims, "indirect")  # the act is the partial quote


def test_reported_clause_with_own_fragment_is_only_a_partial_quote(nlp: Language) -> None:
    text = (
        "The former president was questioned on Monday.\n\n"
        'Mubarak said he would not be returning to politics and he had left office in "the '
        'interest of the country".\n\n'
        "Officials tell BBC News every claim will be assessed meritocratically, with the i "
        'reporting no one will be refused "based solely on the form".'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    assert find(claims, "partial_quote", "the interest of the country").cue == "said"
    assert not [c for c in only(claims, "indirect") if c.content.startswith("he would")]
    # Another reporting verb stands between the cue and the fragment: the indirect stays.
    find(claims, "indirect", "every claim will be assessed meritocratically")


def test_name_after_naming_verb_and_colon_is_no_quote(nlp: Language) -> None:
    text = (
        "The dispute went on for a week.\n\n"
        "Writing in a blog post, Matthew Ingram dubbed the ongoing conflict over the "
        'video: "Scientology vs. the Internet, part XVII". He did not say more.'
    )
    doc, ms, claims = run(nlp, text)
    check_invariants(doc, ms, claims)
    assert not [c for c in claims if c.kind in QUOTE_KINDS]
