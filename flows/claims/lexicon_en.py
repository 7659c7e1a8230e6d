"""English word lists, quote marks and weights the claims stages read.

Why a data module: the rules of every stage are written for English news conventions
(wire copy, newspapers), never for one article, and the words they key on are the part
most likely to change. Keeping them here, with no import from any stage, means a stage
can be read without scrolling past word lists, another language could provide its own
lexicon module, and the import graph has no cycles (stages import this module, never the
reverse).
"""

from __future__ import annotations

import re

#: Minimum check-worthiness for a sentence to be emitted as an `assertion`.
ASSERTION_THRESHOLD = 0.5
#: Quoted passages up to this many words, embedded without a reporting verb, are scare quotes.
SCARE_QUOTE_MAX_WORDS = 3
#: How many paragraphs back a pronoun may look for its antecedent.
PRONOUN_PARAGRAPH_WINDOW = 3



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
    order call continue reason encourage theorize theorise surmise
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
NO_CCOMP: frozenset[str] = frozenset({"continue", "call", "order"})
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
#: `warn of / against` + a noun phrase names a danger, not a stated position or a
#: proposition (`warned Turkey against such an incursion`), so `warn` reports only
#: through a clause (`warned that …`, `warned X not to …`).
PREP_CONTENT: dict[str, frozenset[str]] = {
    "call": frozenset({"for"}),
    "accuse": frozenset({"of"}),
    "appeal": frozenset({"for"}),
    "argue": frozenset({"for", "against"}),
}
#: Verbs of a stated position whose prepositional object is the position (`pushed for
#: tariffs`, `campaigned against the war`): reports only through that object.
POSITION_PREPS: dict[str, frozenset[str]] = {
    "push": frozenset({"for"}),
    "press": frozenset({"for"}),
    "campaign": frozenset({"for", "against"}),
    "lobby": frozenset({"for", "against"}),
    "advocate": frozenset({"for"}),
}
#: Dependency labels through which a fragment can be the content of a cue verb.
CONTENT_DEPS: frozenset[str] = frozenset(
    {"ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "parataxis", "prep", "conj", "advcl"}
)
CONTENT_PREPS: frozenset[str] = frozenset(
    {"of", "about", "as", "for", "against", "on", "over", "to", "with", "that"}
)
SUBJECT_DEPS: frozenset[str] = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS: frozenset[str] = frozenset({"dobj", "dative", "iobj"})
NP_INNER_DEPS: frozenset[str] = frozenset(
    {"det", "amod", "compound", "poss", "nummod", "nmod", "case", "quantmod", "predet",
     "prep", "pobj", "nn", "flat", "advmod", "cc", "conj"}
)
NP_PREPS: frozenset[str] = frozenset({"of", "for", "at", "from", "in", "with", "to", "by"})
REL_PRONOUNS: frozenset[str] = frozenset({"who", "that", "which", "whom"})
WH_LEADS: frozenset[str] = frozenset(
    {"whether", "if", "what", "when", "where", "why", "how", "who", "which", "whom"}
)
MALE_PRONOUNS = frozenset({"he", "him"})
FEMALE_PRONOUNS = frozenset({"she", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "it"})
FIRST_PERSON = frozenset({"i", "we", "me", "us"})
PERSON_LABELS = frozenset({"PERSON"})
SPEAKER_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
FEMALE_CUES = frozenset(_words(
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
MALE_CUES = frozenset(_words(
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
PERSON_NOUNS = frozenset(_words(
    """
    spokesman spokeswoman spokesperson official officer minister president chairman
    chairwoman chair leader secretary director man woman boy girl author writer reporter
    expert analyst lawyer attorney judge prosecutor doctor scientist researcher professor
    teacher student mother father son daughter wife husband executive ceo founder
    governor mayor senator member representative worker resident witness victim person
    ambassador coach manager head chief commander general spokesmen
    """
))
HEDGES = frozenset(_words(
    """
    perhaps possibly probably likely unlikely apparently seemingly reportedly allegedly
    arguably maybe presumably supposedly purportedly
    """
))
HEDGE_VERBS = frozenset({"seem", "appear"})
SUBJECTIVE = frozenset(_words(
    """
    beautiful terrible horrible awful wonderful amazing great fantastic brilliant
    disgraceful shameful outrageous ridiculous absurd stunning remarkable incredible
    magnificent tragic sad unfortunate fortunately unfortunately clearly obviously surely
    undoubtedly sadly hopefully nice lovely bad good important vital crucial essential
    excellent superb dreadful appalling shocking disappointing exciting delightful
    ugly stupid foolish wise brave heroic evil cruel unfair fair mistake
    """
))
STATIVE = frozenset(_words(
    """
    be have seem appear feel think believe know want like need look sound remain become
    love hate hope wish mean
    """
))
MODALS_HEDGING = frozenset({"may", "might", "could", "would", "should", "must", "can", "ought"})
MODALS_FUTURE = frozenset({"will", "shall", "'ll", "wo"})
NE_LABELS = frozenset(
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

DQ_OPEN = "“„«"
DQ_CLOSE = "”»"
DQ_STRAIGHT = '"＂'
DQ_ALL = DQ_OPEN + DQ_CLOSE + DQ_STRAIGHT
DQ_RE = re.compile("[" + re.escape(DQ_ALL) + "]")
SQ_RE = re.compile("[‘’']")
PARA_RE = re.compile(r"[^\n]+")
#: An inline dateline opening a lede: "LONDON, March 3 (Reuters) - ", "WASHINGTON (AP) — ".
DATELINE_RE = re.compile(
    r"[A-Z][A-Z .'’-]{1,40}(?:,[^()\n]{1,40}?)?\s*(?:\([^()\n]{1,40}\))?\s*[-—–]{1,2}\s+"
)
OPEN_PREV = set("([{—–-/“‘'\"")
CLOSE_NEXT = set(",.;:!?)]}—–-…'’\"”")
TERMINAL = (".", "!", "?", "…")
SENT_END = frozenset({".", "!", "?", "…", "..."})
#: Media a statement is made in (`said in a statement that …`).
MEDIUM_NOUNS: frozenset[str] = frozenset(_words(
    """
    statement interview letter email e-mail post tweet speech briefing release report
    message address testimony filing submission blog video broadcast remarks comments
    """
))
#: Nouns that introduce a quoted term as a term (`the words "…"`, `the slogan "…"`).
TERM_NOUNS: frozenset[str] = frozenset(_words(
    """
    word words term terms phrase phrases expression name names label slogan motto
    title titles headline headlines hashtag acronym tagline catchphrase nickname caption
    """
))
#: Words before a quote that make it a name or label (`so-called "X"`, `known as "X"`).
NAMING_LEADS = (
    "so-called", "so called", "known as", "nicknamed", "titled", "entitled", "named",
    "code-named", "codenamed",
)
#: Verbs that give a thing a name; a quote introduced by their clause and a colon is the
#: name (`dubbed the conflict: "Scientology vs. the Internet, part XVII"`).
NAMING_VERBS = frozenset({"dub", "nickname", "title", "entitle", "christen", "brand"})
#: Most words a separate attribution sentence after a quote may have ("That is what X said.").
SHORT_ATTRIBUTION = 8


#: Pronouns that stay unresolved are not names, so they never become a canonical speaker.
ALL_PRONOUNS = frozenset({"he", "him", "she", "her", "they", "them", "it", "i", "we", "you"})
#: Tokens a subject or a speaker phrase may be, when it is a pronoun (resolved or not).
SPEAKER_PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | GROUP_PRONOUNS | FIRST_PERSON


#: Verbs of belief, knowledge, intention, wish, expectation and fear (lemma): a source's
#: attitude toward a proposition, the `belief` kind (`X believes S`, `X wants Y to …`).
BELIEF_LEMMAS: frozenset[str] = frozenset(_words(
    """
    believe think know feel want wish intend expect hope fear worry doubt suspect assume
    """
))
#: Belief verbs whose infinitival complement is the content (`wants to leave`).
BELIEF_XCOMP_LEMMAS: frozenset[str] = frozenset(_words(
    """
    want wish intend expect hope
    """
))
#: Stance adjectives after a copula with a that-clause (`are concerned that …`).
BELIEF_ADJECTIVES: frozenset[str] = frozenset(_words(
    """
    convinced confident concerned afraid sure certain worried fearful hopeful aware
    optimistic pessimistic skeptical sceptical doubtful
    """
))
#: Copulas a stance adjective follows (`are concerned`, `remain convinced`).
COPULAS: frozenset[str] = frozenset({"be", "feel", "remain", "seem", "become", "grow"})
#: Nouns of saying: with a that-clause and a source, an `indirect` claim (`X's claim that`).
SAYING_NOUNS: frozenset[str] = frozenset(_words(
    """
    statement claim assertion allegation accusation warning promise pledge announcement
    admission denial argument insistence suggestion message testimony threat assurance
    contention
    """
))
#: Nouns of belief: with a that-clause and a holder, a `belief` (`X's view that`).
BELIEF_NOUNS: frozenset[str] = frozenset(_words(
    """
    view belief hope fear expectation conviction suspicion concern intention wish
    conclusion opinion assumption impression assessment
    """
))
#: Nouns whose infinitival complement is the content (`his promise to cut taxes`).
NOUN_XCOMP: frozenset[str] = frozenset(_words(
    """
    promise pledge threat hope intention wish
    """
))
#: Verbs whose object is a statement or view the subject makes or holds
#: (`X issued a statement that`, `X made the argument that`, `X expressed hope that`).
LIGHT_VERBS: frozenset[str] = frozenset(_words(
    """
    issue make release publish repeat reiterate express voice offer give deliver send
    post share hold have put renew restate raise dismiss reach
    """
))
#: Light verbs after which the noun's view is not the subject's (`rejected the view …`).
NOT_HOLDER_VERBS: frozenset[str] = frozenset({"dismiss", "reject", "deny", "challenge"})
#: Reporting verbs whose embedded question is the content (`asked whether …`).
QUESTION_LEMMAS: frozenset[str] = frozenset({"ask", "question", "inquire", "enquire", "query"})
#: Possessive and object pronouns, by the subject pronoun they resolve as.
PRONOUN_BASE: dict[str, str] = {
    "his": "he", "him": "he", "her": "she", "hers": "she", "their": "they", "them": "they",
    "its": "it", "my": "i", "our": "we", "your": "you",
}
#: Titles and honorifics before a name, which are not part of a full name.
NAME_TITLES: frozenset[str] = frozenset(_words(
    """
    mr mrs ms miss dr prof sir dame lord lady president vice senator sen rep gov governor
    secretary minister prime chancellor chief judge justice general gen col lt sgt
    mayor speaker leader chairman chairwoman director commissioner ambassador attorney
    representative congressman congresswoman king queen prince princess pope rev father
    former acting deputy assistant state national federal u.s. us foreign defense
    the a an but and or so if as at in on of for to by with from when after before
    while since because although though then this that these those his her their its
    our my your said says told asked when where why how what who which whom
    professor prof emeritus administrator officer inspector detective sergeant bishop
    archbishop cardinal rabbi imam sheikh reverend pastor dean provost superintendent
    principal captain major lieutenant colonel admiral marshal corporal nurse coach
    spokesman spokeswoman spokesperson chief ceo commander sheriff premier
    """
))
#: Role nouns an article introduces a person with (`X, the company's spokeswoman`,
#: `President X`), which a later `the president` refers back to.
ROLE_NOUNS: frozenset[str] = frozenset(_words(
    """
    spokesman spokeswoman spokesperson minister president chairman chairwoman chair
    secretary director executive ceo founder governor mayor senator ambassador coach
    manager chief commander general premier chancellor congressman congresswoman
    commissioner superintendent sheriff prosecutor attorney lawyer counsel adviser
    advisor judge editor economist treasurer speaker leader
    """
))
#: Determiners and quantifiers a non-entity speaker's canonical form leaves out.
SPEAKER_DETERMINERS: frozenset[str] = frozenset(_words(
    """
    the a an some several many most few other others these those this that any all both
    such certain various numerous
    """
))

#: Documents whose wording is reported (`The statement read, "…"`, `the sign reads "…"`).
DOCUMENT_NOUNS: frozenset[str] = frozenset(_words(
    """
    statement resolution letter sign note message notice report text banner placard
    post tweet caption headline order ruling verdict indictment complaint filing email
    memo document citation motion declaration communique press release advisory warning
    petition inscription plaque label card poster slogan
    """
))
#: Objects of `campaign for` and the like that are an office or a vote, not a position.
NOT_POSITIONS: frozenset[str] = ROLE_NOUNS | frozenset(_words(
    """
    office election reelection re-election seat presidency nomination vote votes support
    candidate candidacy post
    """
))
