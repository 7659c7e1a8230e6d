"""Entity mentions resolved within an article: "Xi" is "Xi Jinping", "SCO" is its expansion.

News introduces a name in full once and shortens it afterwards, and introduces an
acronym next to its expansion ("Shanghai Cooperation Organisation (SCO)"). Those two
habits carry most of the in-article coreference a reader needs, so they are what this
module implements, with deterministic rules rather than a model:

* a PERSON mention whose words are part of an earlier (or the only later) fuller
  name joins that name's cluster; with several candidates the most recent wins;
* an all-capitals ORG/GPE/NORP mention joins the cluster whose name it abbreviates,
  either because the text says so in brackets or because the initials match;
* a bare generic head noun tagged ORG ("the Church", "the Ministry") joins the latest
  organisation whose name has it ("Church of Scientology");
* other mentions cluster by normalised text within a label family.

Mentions spaCy's NER missed but that repeat a known short name exactly (a surname, an
acronym, including an all-capitals acronym the tagger reads as a pronoun, "WHO") are
added, so a speaker called only "Rahmon" still resolves. Names NER cut or mislabelled
are repaired first: a PERSON span is widened over a first name it left out ("Enver" in
"Enver Solomon"), and a surname used alone recovers its full name from a name-shaped
ORG/GPE mention or an untagged "First Surname" pair.

Labels are repaired by general rules measured on GUM's train split (the confusion table
that ``python -m eval.entities_eval`` prints), because the small model's labels, not its
spans, were the main loss:

* Title Case headlines: a name that runs on into a verb or noun is cut
  (:class:`_HeadlineCutter`, "Hillary Clinton Drops" -> "Hillary Clinton");
* an organisation gazetteer (``data/organisations.tsv``) labels and adds well-known
  organisations, and keys all their forms alike ("UN", "United Nations");
* places: a whole name that links to a country, US state or city is GPE (demonyms
  NORP), and "Google" is no city; the last word of a name decides ORG ("Sea Org",
  "... Authority") or FAC ("... Station", "... Towers");
* acronyms take their expansion's label; country abbreviations never join initials;
* countries that play each other in the article are national teams (ORG);
* one-word names get one label per article by vote; a person's surname that is also a
  city stays the person; caption words ("Image:") and lower-case "names" are dropped.

Every mention gets an ``entity_key`` (:func:`entity_keys`), its identity across
articles.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources

from spacy.tokens import Doc, Span, Token

from flows.steps import dates, docindex, kb
from flows.tables.records import Mention

#: Labels that name things; the rest (dates, numbers) are values.
NAME_LABELS = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
               "WORK_OF_ART", "LAW", "LANGUAGE"}
_FAMILY = {"GPE": "place", "LOC": "place", "FAC": "place"}
_TITLES = {
    "president", "prime", "minister", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.",
    "sen.", "senator", "rep.", "gov.", "governor", "gen.", "general", "king", "queen",
    "prince", "princess", "pope", "chancellor", "secretary", "judge", "justice", "sir",
    "dame", "lord", "lady", "sheikh", "premier", "vice", "chairman", "ceo", "st.", "saint",
}
_TITLES |= {
    "ambassador", "professor", "prof.", "coach", "detective", "inspector", "sergeant",
    "sgt.", "lieutenant", "lt.", "colonel", "col.", "captain", "capt.", "commissioner",
    "mayor", "bishop", "archbishop", "cardinal", "rev.", "reverend", "rabbi", "imam",
    "administrator", "emeritus", "congressman", "congresswoman", "councillor", "spokesman",
    "spokeswoman", "mp",
}
#: Capitalised words that precede names without being part of them (not extended over).
_NOT_NAME = _TITLES | {
    "officer", "commander", "admiral", "adm.", "marshal", "sheriff", "attorney", "director",
    "chief", "deputy", "father", "brother", "sister", "doctor", "nurse", "chair",
    "chairwoman", "speaker", "leader", "ceo", "qc", "sc", "mep", "senior", "junior",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "god", "allah",
}
#: Head nouns by which news refers back to a named organisation ("the Ministry").
_GENERIC_ORG = {
    "church", "council", "commission", "court", "ministry", "department", "agency",
    "party", "government", "committee", "parliament", "assembly", "senate", "bank",
    "university", "institute", "foundation", "union", "association", "army", "police",
    "board", "authority", "organisation", "organization", "federation", "league",
    "society", "museum", "center", "centre", "company", "corporation", "group", "service",
    "office", "administration", "coalition", "alliance", "trust", "fund", "network",
}
#: Words that make a capitalised phrase a place or a facility, not a person.
_PLACE_WORDS = {
    "street", "road", "avenue", "square", "park", "river", "lake", "mountain", "island",
    "city", "county", "state", "province", "district", "valley", "bay", "beach", "airport",
    "station", "bridge", "hall", "tower", "house", "palace", "stadium", "arena", "hotel",
    "hospital", "school", "college", "library", "north", "south", "east", "west", "new",
    "inc", "ltd", "plc", "llc", "co", "corp", "news", "times", "post", "press", "media",
}
#: Last words that make a multiword name an organisation whatever NER said ("Sea Org",
#: "Civil Defense Authority" tagged LOC/FAC/GPE). The generic heads above, less those
#: that also head buildings ("Convention Centre", "Science Museum").
_ORG_HEADS = (_GENERIC_ORG - {"center", "centre", "museum", "office"}) | {
    "org", "inc", "inc.", "ltd", "ltd.", "plc", "llc", "corp", "corp.", "co.", "ministry",
}
#: Last words of facility names (OntoNotes FAC). "Centre", "Hall", "Museum" and
#: "Hospital" are left out: they end organisation names as often ("Refugee Law Centre").
_FACILITY_HEADS = {
    "station", "tower", "towers", "factory", "airport", "stadium", "arena", "bridge",
    "square", "street", "road", "avenue", "mosque", "temple", "cathedral", "palace",
    "building", "plaza", "terminal", "tunnel", "highway", "motorway",
}
#: Head nouns that end names although the body writes them in lower case ("the
#: council", "the university", "the station"): never a headline cut point.
_NAME_HEADS = _GENERIC_ORG | _ORG_HEADS | _FACILITY_HEADS | _PLACE_WORDS
#: Words that label a photo caption or credit ("Image: Nick Moreau"); before a colon they
#: are not part of a name. From the caption conventions of news and wiki sites.
_CAPTION_WORDS = {
    "image", "images", "photo", "photos", "picture", "pictures", "photograph", "credit",
    "credits", "source", "video", "file", "caption", "graphic", "illustration", "map",
    "watch", "pic", "courtesy",
}
#: Verbs of sporting contests. A country that is the subject or object of one, with
#: another country on the other side, is a national team ("Belgium beat Panama"),
#: which OntoNotes, like GUM, labels an organisation. Verbs that as often join two
#: states in politics ("face", "meet", "host", "take on") are left out.
_CONTEST_VERBS = {
    "beat", "defeat", "win", "lose", "draw", "tie", "play", "thrash", "edge", "eliminate",
    "outplay", "trounce", "rout", "overcome", "whitewash",
}
#: Lower-case words that may start a person's name ("van Gogh", "bin Salman").
_NAME_PARTICLES = {
    "van", "von", "de", "da", "di", "del", "della", "der", "den", "du", "la", "le", "bin",
    "ibn", "al", "el", "ten", "ter", "dos", "das",
}
#: Prepositions whose object is a place even when a person of the article shares its name.
_PLACE_PREPS = {"in", "at", "from", "to", "near", "across", "throughout", "into", "outside"}
_ACRONYM_STOP = {"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "&", "to"}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,7}$")


def _strip(text: str) -> str:
    """Canonical surface: no leading article, no possessive, single spaces."""
    text = re.sub(r"^(?:the|The|THE)\s+", "", text.strip())
    return _POSSESSIVE.sub("", text).strip(" ,.;:-")


def _name_words(text: str) -> list[str]:
    words = _strip(text).split()
    while len(words) > 1 and words[0].lower() in _TITLES:
        words = words[1:]
    return words


def _initials(text: str) -> str:
    words = [w for w in re.split(r"[\s-]+", _strip(text)) if w]
    return "".join(w[0].upper() for w in words if w.lower() not in _ACRONYM_STOP and w[0].isalpha())


@dataclass
class _Cluster:
    cluster_id: int
    label: str
    canonical: str
    words: list[str]
    last_seen: int


class _Clusters:
    """The clusters of one article, indexed by the words lookups ask for.

    Why: scanning every cluster for every mention made entity resolution quadratic in
    article length (a 34,000-word text spent 2.1 s in `_contains` alone). Each lookup
    here reads only the clusters that share a word (or the initials) with the mention,
    and gives the same cluster the scan gave: candidates are taken in creation order.
    Every change of a cluster's name goes through :meth:`rename`, which keeps the
    indexes in step.
    """

    def __init__(self) -> None:
        self.all: list[_Cluster] = []
        self._person_words: dict[str, dict[int, _Cluster]] = defaultdict(dict)
        self._person_wordless: dict[int, _Cluster] = {}  # a name of no words fits any
        self._initials: dict[str, dict[int, _Cluster]] = defaultdict(dict)
        self._org_words: dict[str, dict[int, _Cluster]] = defaultdict(dict)

    def new(self, label: str, canonical: str, words: list[str], pos: int) -> _Cluster:
        c = _Cluster(len(self.all), label, canonical, words, pos)
        self.all.append(c)
        self._index(c, add=True)
        return c

    def rename(self, c: _Cluster, canonical: str, words: list[str]) -> None:
        self._index(c, add=False)
        c.canonical, c.words = canonical, words
        self._index(c, add=True)

    def _keys(self, c: _Cluster) -> tuple[list[str], str | None, list[str]]:
        person = list(c.words) if c.label == "PERSON" else []
        initials = _initials(c.canonical) if len(c.canonical.split()) > 1 else None
        org: list[str] = []
        if c.label == "ORG":
            names = _organisations().get(c.canonical, c.canonical).split()
            org = names if len(names) > 1 else []
        return person, initials, org

    def _index(self, c: _Cluster, add: bool) -> None:
        person, initials, org = self._keys(c)
        slots = [self._person_words[w] for w in person]
        if c.label == "PERSON" and not person:
            slots.append(self._person_wordless)
        if initials is not None:
            slots.append(self._initials[initials])
        slots += [self._org_words[w] for w in org]
        for slot in slots:
            if add:
                slot[c.cluster_id] = c
            else:
                slot.pop(c.cluster_id, None)

    def persons_sharing(self, words: list[str]) -> list[_Cluster]:
        """PERSON clusters with a word of `words` (or none at all), in creation order."""
        found = dict(self._person_wordless)
        for w in words:
            found.update(self._person_words.get(w, {}))
        return [found[k] for k in sorted(found)]

    def with_initials(self, letters: str) -> list[_Cluster]:
        """Clusters with a multiword name whose initials are `letters`, in creation order."""
        found = self._initials.get(letters, {})
        return [found[k] for k in sorted(found)]

    def orgs_with_word(self, word: str) -> list[_Cluster]:
        """ORG clusters whose multiword (gazetteer) name has `word`, in creation order."""
        found = self._org_words.get(word, {})
        return [found[k] for k in sorted(found)]


@dataclass(frozen=True)
class _Raw:
    start: int
    end: int
    text: str
    label: str
    first_token: int


def _raw_mentions(doc: Doc, headline: tuple[int, int] | None = None) -> list[_Raw]:
    out = []
    cut = _HeadlineCutter(doc, headline) if headline else None
    for ent in doc.ents:
        span = _trim(ent)
        if span is None:
            continue
        if cut is not None and span.start_char < cut.end:
            span = cut.trim(span)
        span = _drop_caption_word(span)
        if span is None:
            continue
        label = ent.label_
        if label == "PERSON" and span[0].is_lower and span[0].lower_ not in _NAME_PARTICLES:
            continue  # "vehicle miles", "don": a name starts with a capital
        if ent.label_ == "PERSON":
            span = _extend_name(span)
        if label in NAME_LABELS and _strip(span.text) in _organisations():
            label = "ORG"  # "Google" tagged GPE, "Twitter" tagged PERSON
        out.append(_Raw(span.start_char, span.end_char, span.text, label, span.start))
    return sorted(out + _gazetteer_mentions(doc, out), key=lambda r: (r.start, r.end))


def _drop_caption_word(span: Span) -> Span | None:
    """Cut a caption label and its colon out of a name ("Image: Andy Warhol" -> "Andy
    Warhol", "International Space Station Image" before ": credit" -> the station)."""
    doc = span.doc
    for tok in span:
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if tok.lower_ in _CAPTION_WORDS and nxt is not None and nxt.text == ":":
            if tok.i == span.start:
                return _trim(doc[tok.i + 2 : span.end]) if tok.i + 2 < span.end else None
            return _trim(doc[span.start : tok.i])
    return span


@functools.cache
def _organisations() -> dict[str, str]:
    """Form -> canonical name, from flows/steps/data/organisations.tsv."""
    text = resources.files("flows.steps").joinpath("data/organisations.tsv").read_text("utf-8")
    out: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        canonical, _, others = line.partition("\t")
        for form in [canonical, *others.split(",")]:
            if form.strip():
                out[form.strip()] = canonical.strip()
    return out


@functools.cache
def _organisation_pattern() -> re.Pattern[str]:
    forms = sorted(_organisations(), key=len, reverse=True)
    return re.compile(r"(?<![\w.@#-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")


def _gazetteer_mentions(doc: Doc, raws: Sequence[_Raw]) -> list[_Raw]:
    """Organisations of the gazetteer that NER left out ("Twitter", "FIFA" untagged)."""
    covered = sorted((r.start, r.end) for r in raws)
    starts = [s for s, _ in covered]
    reach = []  # reach[i]: the furthest end among covered[:i + 1] (linear, not a scan)
    for _, e in covered:
        reach.append(max(e, reach[-1]) if reach else e)
    out = []
    for m in _organisation_pattern().finditer(docindex.text(doc)):
        n = bisect.bisect_left(starts, m.end())  # spans starting before the match ends
        if n and reach[n - 1] > m.start():
            continue
        span = doc.char_span(m.start(), m.end())
        if span is None:
            continue  # not on token boundaries ("UN" inside a hyphenated word)
        out.append(_Raw(m.start(), m.end(), m.group(), "ORG", span.start))
    return out


class _HeadlineCutter:
    """Trim names that a Title Case headline made NER run past ("Hillary Clinton Drops").

    In "Hillary Clinton Drops Out" every word is capitalised, so the small model reads
    the verb after a name as part of it, and the name's cluster is then called "Hillary
    Clinton Drops" everywhere. The body below the headline is in sentence case and says
    which words are names. A multiword name span in the headline is kept when the body
    has it verbatim; otherwise it is cut, at the later of

    * the end of its longest leading part that the body uses as a name ("Donald Trump
      Tells" -> "Donald Trump" when the body names "Donald Trump"), and
    * its first word (not the first) that the body writes in lower case, as the same
      word or the same lemma ("Speech" when the body says "speech", "Drops" when it
      says "dropped", "Claims" when it says "claimed"), head nouns of names aside
      ("Council" stays although the body says "the council").

    Only the headline is touched; the words cut away stay available to the alias step
    ("Eric Garner Blasts Clinton" -> "Eric Garner", and "Clinton" again if the body
    names a Clinton).
    """

    def __init__(self, doc: Doc, headline: tuple[int, int]) -> None:
        self.start, self.end = headline
        text = docindex.text(doc)
        self.body = text[: self.start] + "\n" + text[self.end :]
        self.names: set[str] = set()
        self.common: set[str] = set()
        for ent in doc.ents:
            if ent.start_char >= self.end or ent.end_char <= self.start:
                words = _name_words(ent.text)
                self.names.add(" ".join(words))
                if ent.label_ == "PERSON" and len(words) > 1:
                    self.names.update(" ".join(words[i:]) for i in range(1, len(words)))
        for tok in docindex.tokens(doc):
            if (tok.idx >= self.end or tok.idx < self.start) and tok.is_alpha and tok.is_lower:
                self.common.add(tok.lower_)
                self.common.add(tok.lemma_.lower())

    def _is_common(self, tok: Token) -> bool:
        """A Title Case word the body writes in lower case (as itself or its lemma)."""
        if not (tok.is_alpha and tok.is_title):
            return False
        low = tok.lower_
        if low in _NAME_HEADS:
            return False  # "the council" in the body, "Security Council" in the headline
        stems = {low, tok.lemma_.lower()}
        if low.endswith("ies"):
            stems.add(low[:-3] + "y")
        if low.endswith("es"):
            stems.add(low[:-2])
        if low.endswith("s"):
            stems.add(low[:-1])
        return bool(stems & self.common)

    def trim(self, span: Span) -> Span:
        words = [t for t in span if not t.is_space]
        if len(words) < 2 or _strip(span.text) in self.body:
            return span
        doc = span.doc
        by_name = next(
            (k for k in range(len(words) - 1, 0, -1)
             if " ".join(_name_words(doc[span.start : words[k - 1].i + 1].text)) in self.names),
            0,
        )
        by_word = next((k for k in range(1, len(words)) if self._is_common(words[k])), 0)
        # The longer of the two cuts: "United Nations Security Council Votes" keeps the
        # council even when the body names "United Nations" alone; "Martin Luther King
        # Speaks" keeps "King" when the body names him but also says "king".
        k = max(by_name, by_word)
        kept = _trim(doc[span.start : words[k - 1].i + 1]) if k else None
        if kept is None or not any(
            t.text[:1].isupper() and t.lower_ not in _ACRONYM_STOP for t in kept
        ):
            return span  # "The" alone is no name: leave NER's span as it was
        return kept


def _name_part(tok: Token) -> bool:
    """A capitalised proper-noun word outside any entity that may be part of a name."""
    return (
        tok.pos_ == "PROPN"
        and tok.ent_iob_ == "O"
        and tok.text[:1].isupper()
        and tok.text.isalpha()
        and not tok.text.isupper()
        and tok.lower_ not in _NOT_NAME
    )


def _extend_name(span: Span) -> Span:
    """Widen a PERSON span over a name word NER left out (`Enver` in "Enver Solomon").

    The word must be a capitalised proper noun outside any other entity, not a title,
    and a compound/flat of a word of the name. Only leftwards: a capitalised word after
    a name is more often what the name modifies ("Warhol Foundation").
    """
    doc = span.doc
    start, end = span.start, span.end
    inside = range(start, end)
    while start > 0 and _name_part(doc[start - 1]) and (
        doc[start - 1].dep_ in {"compound", "flat"} and doc[start - 1].head.i in inside
    ):
        start -= 1
        inside = range(start, end)
    return doc[start:end]


def _trim(span: Span) -> Span | None:
    """Drop whitespace and stray punctuation at the edges; spans must match body text."""
    start, end = span.start, span.end
    # "Shanghai Cooperation Organisation (SCO" -> the expansion; the acronym is added apart.
    for i in range(start, end):
        if span.doc[i].text == "(" and not any(t.text == ")" for t in span.doc[i:end]):
            end = i
            break
    while start < end and (span.doc[start].is_space or span.doc[start].is_punct):
        start += 1
    while end > start and (
        span.doc[end - 1].is_space
        or span.doc[end - 1].text in {",", ".", ";", ":", "-", "–", "—", "/", "|"}
        or span.doc[end - 1].is_quote
        or span.doc[end - 1].is_left_punct
    ):
        end -= 1  # "Donald Trump Claims ‘" in a headline ends on an opening quote
    return span.doc[start:end] if end > start else None


#: Titles that make the capitalised name right after them a person ("President Thabo
#: Mbeki"); not those that also begin places and companies ("St. Petersburg", "General
#: Motors") or other titles ("Prime Minister", "Vice President").
_PERSON_TITLES = _TITLES - {"st.", "saint", "general", "prime", "vice", "ceo"}


def _titled_persons(doc: Doc, raws: list[_Raw]) -> list[_Raw]:
    """A name after a person's title is a person, whatever label NER gave it.

    The small model tags "President Thabo Mbeki" (and "president Thabo Mbeki") GPE or
    ORG, and "US President Barack Obama" GPE as one span. One to three capitalised words,
    none of them a title, an organisation or place noun, neither a gazetteer
    organisation nor a country, right after a title (outside the mention or inside it)
    and not before an organisation or place noun ("President European Parliament" in a
    credit line), are a PERSON mention (NORP never: a demonym after a title is an
    adjective); what the mention held before the title stays a mention of its
    own when it is a known place or demonym ("US"), and the title is in neither.
    """
    toks = docindex.tokens(doc)
    text = docindex.text(doc)
    out: list[_Raw] = []
    for r in raws:
        span = [t for t in toks[r.first_token:r.first_token + 12] if t.idx < r.end]
        at = next((i for i, t in enumerate(span[:-1]) if t.lower_ in _PERSON_TITLES), None)
        before = toks[r.first_token - 1].lower_ if r.first_token > 0 else ""
        after = toks[span[-1].i + 1].lower_ if span and span[-1].i + 1 < len(toks) else ""
        name = span[at + 1:] if at is not None else span
        if (
            (at is not None or before in _PERSON_TITLES)
            and r.label in {"GPE", "ORG", "LOC", "FAC", "PRODUCT"}
            and after not in _GENERIC_ORG | _PLACE_WORDS  # "President European Parliament"
            and _titled_name([t.text for t in name])
        ):
            if at:
                prefix = _Raw(r.start, span[at - 1].idx + len(span[at - 1].text),
                              text[r.start:span[at - 1].idx + len(span[at - 1].text)],
                              r.label, r.first_token)
                place = kb.link(_strip(prefix.text), "GPE")
                if place is not None:
                    label = "NORP" if kb.is_demonym(_strip(prefix.text)) else "GPE"
                    out.append(_Raw(prefix.start, prefix.end, prefix.text, label, r.first_token))
            r = _Raw(name[0].idx, r.end, text[name[0].idx:r.end], "PERSON", name[0].i)
        out.append(r)
    return out


def _titled_name(words: list[str]) -> bool:
    """One to three capitalised name words: no title, organisation or place noun, no
    acronym, not a gazetteer organisation or a country."""
    joined = " ".join(words)
    return (
        1 <= len(words) <= 3
        and all(w[:1].isupper() and w.replace("-", "").isalpha()
                and not (w.isupper() and len(w) > 1) for w in words)
        and not any(w.lower() in _NOT_NAME | _GENERIC_ORG | _PLACE_WORDS for w in words)
        and _strip(joined) not in _organisations()
        and not _country_code(joined)
        and not _is_country(joined)
    )


def _is_country(text: str) -> bool:
    link = kb.link(text, "GPE")
    return link is not None and link.kb_source == kb.SOURCE_ISO


def _recover_full_names(doc: Doc, raws: list[_Raw]) -> list[_Raw]:
    """Full names NER mislabelled or missed, found through the surname used alone.

    When a one-word PERSON mention ("Mills") has no full name in the article:

    * a two- or three-word ORG/GPE/NORP/LOC mention of capitalised words ending in that
      word and holding no organisation or place noun ("Enver Mills" tagged ORG) is the
      person's full name;
    * failing that, the first place where the word follows another capitalised proper
      noun outside any entity ("Enver Mills" tagged nothing) is.
    """
    full_last = {
        _name_words(r.text)[-1] for r in raws
        if r.label == "PERSON" and len(_name_words(r.text)) >= 2
    }
    surnames = {
        r.text for r in raws
        if r.label == "PERSON" and len(r.text.split()) == 1 and r.text not in full_last
        and r.text[:1].isupper() and r.text.isalpha()
    }
    if not surnames:
        return raws
    out: list[_Raw] = []
    found: set[str] = set()
    for r in raws:
        words = r.text.split()
        if (
            r.label in {"ORG", "GPE", "NORP", "LOC"}
            and 2 <= len(words) <= 3
            and words[-1] in surnames
            and all(w[:1].isupper() and w.isalpha() and w.lower() not in _NOT_NAME for w in words)
            and not any(w.lower() in _GENERIC_ORG | _PLACE_WORDS for w in words)
            and kb.link(r.text, r.label) is None
        ):
            r = _Raw(r.start, r.end, r.text, "PERSON", r.first_token)
            found.add(words[-1])
        out.append(r)
    missing = surnames - found
    if missing:
        covered = {i for r in out for i in range(r.start, r.end)}
        toks = docindex.tokens(doc)
        for tok in toks:
            if tok.text in missing and tok.i > 0 and tok.idx not in covered:
                first = toks[tok.i - 1]
                if _name_part(first) and first.idx not in covered and first.head.i == tok.i:
                    out.append(_Raw(first.idx, tok.idx + len(tok.text),
                                    docindex.text(doc)[first.idx:tok.idx + len(tok.text)],
                                    "PERSON",
                                    first.i))
                    missing.discard(tok.text)
        out.sort(key=lambda r: (r.start, r.end))
    return out


def _merge_split_names(doc: Doc, raws: list[_Raw]) -> list[_Raw]:
    """Join a person's name NER split into two places ("Valeska" GPE + "Paris" GPE).

    Two one-word GPE/LOC mentions side by side, the first an unknown place (no kb
    link) that modifies the second as a compound, and the pair no known place either,
    are one PERSON: "Valeska Paris". "Tajik capital Dushanbe" has a word between them;
    "Paris Texas" starts with a known place.
    """
    lower_words = {t.text for t in docindex.tokens(doc) if t.is_lower}
    out: list[_Raw] = []
    i = 0
    while i < len(raws):
        a = raws[i]
        b = raws[i + 1] if i + 1 < len(raws) else None
        if (
            b is not None
            and a.label in {"GPE", "LOC"} and b.label in {"GPE", "LOC"}
            and len(a.text.split()) == 1 and len(b.text.split()) == 1
            and b.start == a.end + 1 and docindex.text(doc)[a.end] == " "
            and a.text.istitle() and a.text.isalpha() and b.text[:1].isupper()
            and doc[a.first_token].dep_ == "compound"
            and doc[a.first_token].head.i == b.first_token
            and a.text.lower() not in lower_words  # "Moon Europa": "the moon" in the text
            and kb.link(a.text, "GPE") is None
            and kb.link(f"{a.text} {_strip(b.text)}", "GPE") is None
        ):
            out.append(_Raw(a.start, b.end, f"{a.text} {b.text}", "PERSON", a.first_token))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _surnames_not_places(doc: Doc, raws: list[_Raw], persons: Sequence[_Raw]) -> list[_Raw]:
    """A one-word GPE/LOC mention that is the surname of a person of the article is that
    person ("Paris said" after "Valeska Paris"), unless it is the object of "in", "at",
    "from", ... ("she moved to Paris")."""
    lower_words = {t.text for t in docindex.tokens(doc) if t.is_lower}
    # Only names whose other words are no common words: "Moon Europa" (a Title Case
    # headline's PERSON) must not turn every "Europa" of the article into a person.
    names = [_name_words(r.text) for r in persons]
    surnames = {
        words[-1] for words in names if not any(w.lower() in lower_words for w in words[:-1])
    }
    if not surnames:
        return raws
    out = []
    for r in raws:
        if r.label in {"GPE", "LOC"} and _strip(r.text) in surnames and len(r.text.split()) == 1:
            tok = doc[r.first_token]
            if not (tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS):
                r = _Raw(r.start, r.end, r.text, "PERSON", r.first_token)
        out.append(r)
    return out


def _acronym_definitions(doc: Doc, raws: Sequence[_Raw]) -> dict[str, str]:
    """"Expansion (ACR)" in the text defines ACR, whatever labels spaCy gave either."""
    text = docindex.text(doc)
    out: dict[str, str] = {}
    for r in raws:
        if r.label not in NAME_LABELS:
            continue
        m = re.match(r"\s*\(([A-Z][A-Za-z&.]{1,9})\)", text[r.end : r.end + 14])
        if m:
            acr = m.group(1)
            capitals = [ch for ch in acr if ch.isupper()]
            initials = set(_initials(r.text))
            # Every capital of "(PKK)" is an initial of "Kurdistan Workers' Party"; the
            # agency after a dateline, "NEW YORK (Reuters)", "LOS ANGELES (AP)", is none.
            if len(capitals) >= 2 and set(capitals) <= initials and (
                _initials(r.text).startswith(acr.replace(".", "")[:2])
                or len(r.text.split()) > 1
            ):
                out[acr] = _strip(r.text)
    return out


def _alias_mentions(
    doc: Doc, raws: list[_Raw], short_names: set[str], acronyms: dict[str, str]
) -> list[_Raw]:
    """Tokens NER missed that exactly repeat a short name the article already uses.

    `acronyms` maps an acronym to the label of its expansion; an all-capitals token
    repeating one is a mention whatever its part of speech (the tagger reads "WHO"
    as a pronoun).
    """
    covered = set()
    for r in raws:
        covered.update(range(r.start, r.end))
    out = []
    for tok in docindex.tokens(doc):
        if tok.idx in covered:
            continue
        if tok.text in acronyms and tok.text.isupper():
            out.append(_Raw(tok.idx, tok.idx + len(tok.text), tok.text, acronyms[tok.text], tok.i))
        elif tok.text in short_names and tok.pos_ in {"PROPN", "NOUN"}:
            out.append(_Raw(tok.idx, tok.idx + len(tok.text), tok.text, "", tok.i))
    return out


def _initialisms(raws: Sequence[_Raw]) -> dict[str, str]:
    """Initials of multiword organisation/place names -> label ("World Health
    Organization" -> "WHO"), so a later bare acronym can join its expansion."""
    out: dict[str, str] = {}
    for r in raws:
        if r.label in {"ORG", "GPE", "NORP", "FAC", "LOC"} and len(_strip(r.text).split()) > 1:
            acr = _initials(r.text)
            if len(acr) >= 2:
                out.setdefault(acr, r.label)
    return out


def headline_span(
    paragraph_spans: Sequence[tuple[int, int]], sections: Sequence[str]
) -> tuple[int, int] | None:
    """Body offsets of the paragraph `clean` marked as the headline, if any."""
    for span, section in zip(paragraph_spans, sections, strict=False):
        if section == "headline":
            return span
    return None


def resolve(
    doc: Doc,
    token_sentence: Sequence[int | None],
    published: date | None = None,
    headline: tuple[int, int] | None = None,
) -> list[Mention]:
    """All mentions of the article with cluster, canonical name, kb link and date value.

    `headline` is the body span of the headline paragraph (see :func:`headline_span`):
    names in it are trimmed of Title Case words NER swallowed (:class:`_HeadlineCutter`).
    """
    raws = _titled_persons(doc, _raw_mentions(doc, headline))
    raws = _merge_split_names(doc, _recover_full_names(doc, raws))
    acronyms = _acronym_definitions(doc, raws)

    persons = [r for r in raws if r.label == "PERSON" and len(_name_words(r.text)) >= 2]
    short = {w for r in persons for w in _name_words(r.text) if w[:1].isupper() and len(w) > 1}
    short |= set(acronyms)
    acronym_labels = _initialisms(raws)
    acronym_labels.update({a: "" for a in acronyms})  # bracket definitions: label from them
    raws = sorted(
        raws + _alias_mentions(doc, raws, short, acronym_labels), key=lambda r: (r.start, r.end)
    )
    person_words = {w for r in persons for w in _name_words(r.text)}
    raws = _surnames_not_places(doc, raws, persons)
    raws = [_relabel(r, person_words) for r in _vote_single_names(raws)]
    raws = _national_teams(doc, [_org_by_head(r) for r in raws])
    orgs = _organisations()

    clusters = _Clusters()
    by_key: dict[tuple[str, str], _Cluster] = {}
    by_name: dict[str, _Cluster] = {}  # lower-cased names, shared by acronym and expansion
    gazetteer_clusters: dict[str, _Cluster] = {}  # organisations.tsv canonical -> cluster
    assigned: list[tuple[_Raw, _Cluster, str]] = []
    full_persons = _FullNames((r.start, _name_words(r.text)) for r in persons)
    new_cluster = clusters.new

    for r in raws:
        label = r.label
        words = _name_words(r.text)
        stripped = _strip(r.text)
        cluster: _Cluster | None = None
        if label in {"", "PERSON", "ORG", "GPE", "NORP"} and stripped in acronyms:
            expansion = acronyms[stripped]
            cluster = by_name.get(expansion.lower())
            if cluster is None:
                cluster = new_cluster(label or "ORG", expansion, [expansion], r.start)
                by_name[expansion.lower()] = cluster
            label = cluster.label  # an acronym is what its expansion is ("USI" tagged GPE)
        elif label == "ORG" and stripped in orgs:
            canonical = orgs[stripped]
            # Every form of a gazetteer line is one cluster ("NASA" and "National
            # Aeronautics and Space Administration"), named as the article names it at
            # its fullest; entity_keys name every form by the gazetteer's first column.
            cluster = gazetteer_clusters.get(canonical) or by_name.get(stripped.lower())
            if cluster is None:
                cluster = new_cluster("ORG", stripped, words, r.start)
                by_key[("ORG", canonical.lower())] = cluster
            elif len(stripped.split()) > len(cluster.canonical.split()):
                clusters.rename(cluster, stripped, words)
            gazetteer_clusters[canonical] = cluster
            by_name.setdefault(canonical.lower(), cluster)
            by_name.setdefault(stripped.lower(), cluster)  # "(WHO)" defined by this spelling
        elif label in {"", "PERSON", "ORG", "GPE"} and words and _person_like(words, label):
            cluster = _person_cluster(words, clusters, full_persons, r.start)
            if cluster is None and label in {"", "PERSON"}:
                canonical = " ".join(_best_full_name(words, full_persons, r.start) or words)
                cluster = new_cluster("PERSON", canonical, canonical.split(), r.start)
            if cluster is not None:
                label = "PERSON"
        if cluster is None and label:
            if label in NAME_LABELS and _ACRONYM.match(stripped) and not _country_code(stripped):
                cluster = _acronym_cluster(stripped, clusters)
                if cluster is not None and label in {"ORG", "GPE", "NORP", "LOC", "FAC"}:
                    label = cluster.label
            if cluster is None and label == "ORG" and len(words) == 1:
                cluster = _head_noun_cluster(words[0], clusters)
            if cluster is None:
                family = _FAMILY.get(label, label)
                key = (family, stripped.lower())
                if family == "place" and (place := kb.link(stripped, label)) is not None:
                    key = (family, f"kb:{place.kb_source}:{place.kb_id}")  # "U.S." is "US"
                cluster = by_key.get(key)
                if cluster is None and label in NAME_LABELS and len(words) > 1:
                    cluster = by_name.get(stripped.lower())  # an acronym's expansion, seen first
                if cluster is None:
                    cluster = new_cluster(label, stripped or r.text, words, r.start)
                    by_key[key] = cluster
                    if label in NAME_LABELS:
                        by_name.setdefault(stripped.lower(), cluster)
        if cluster is None:
            continue  # an alias token that resolved to nothing: not a mention after all
        cluster.last_seen = r.start
        assigned.append((r, cluster, label))

    out: list[Mention] = []
    for r, cluster, label in assigned:
        sid = token_sentence[r.first_token]
        if sid is None:
            continue
        link = kb.link(_strip(r.text), label) if label in NAME_LABELS else None
        normalized = dates.normalise_date(r.text, published) if label == "DATE" else None
        out.append(
            Mention(
                entity_id=len(out),
                sentence_id=sid,
                start=r.start,
                end=r.end,
                text=r.text,
                label=label,
                canonical=cluster.canonical,
                cluster_id=cluster.cluster_id,
                kb_id=link.kb_id if link else None,
                kb_source=link.kb_source if link else None,
                kb_name=link.kb_name if link else None,
                latitude=link.latitude if link else None,
                longitude=link.longitude if link else None,
                normalized=normalized,
            )
        )
    return list(assign_keys(_renumber_clusters(out)))


def _vote_single_names(raws: list[_Raw]) -> list[_Raw]:
    """One label per one-word name in an article: PERSON when tagged PERSON at least as
    often as ORG/GPE/LOC, else the commonest of ORG/GPE/LOC (ties: ORG).

    The small model tags the same surname PERSON in one sentence and ORG in the next
    ("Trump said ..." / "Trump added ..."), which splits one person into two clusters.
    Names that link to a place (kb) keep their labels; `_relabel` handles those.
    """
    votes: dict[str, Counter[str]] = {}
    for r in raws:
        if len(r.text.split()) == 1 and r.label in {"PERSON", "ORG", "GPE", "LOC"}:
            votes.setdefault(_strip(r.text), Counter())[r.label] += 1
    chosen: dict[str, str] = {}
    for t, c in votes.items():
        if len(c) < 2 or kb.link(t, "GPE") is not None:
            continue
        if c["PERSON"] and c["PERSON"] >= c.total() - c["PERSON"]:
            chosen[t] = "PERSON"
        else:
            # An unlinked name NER calls a place and an organisation by turns: a place
            # would mostly link, so ties go to ORG ("Scientology" LOC/ORG). A minority
            # PERSON tag goes with the rest ("Europa" LOC x7, PERSON x1).
            others = Counter({k: v for k, v in c.items() if k != "PERSON"})
            top = max(others.values())
            chosen[t] = "ORG" if others["ORG"] == top else others.most_common(1)[0][0]
    return [
        _Raw(r.start, r.end, r.text, chosen[_strip(r.text)], r.first_token)
        if r.label in {"ORG", "GPE", "LOC", "PERSON"} and len(r.text.split()) == 1
        and _strip(r.text) in chosen else r
        for r in raws
    ]


def _relabel(r: _Raw, person_words: set[str]) -> _Raw:
    """Fix the small model's commonest slips on one-word names, using the gazetteer.

    "Tajik" tagged PERSON is a demonym, "Dushanbe" tagged ORG a city, "Tajikistan"
    tagged NORP a country. A word that is part of a person named in the article is
    left alone ("Jordan" after "Michael Jordan").
    """
    words = _name_words(r.text)
    if r.label == "GPE" and any(ch.isdigit() for w in words for ch in w if w[:1].isalpha()):
        # "IE6", "F-16"-like names tagged GPE: place names carry no letters-and-digits word.
        return _Raw(r.start, r.end, r.text, "PRODUCT", r.first_token)
    if len(words) != 1 or r.label not in {"PERSON", "ORG", "NORP", "GPE"}:
        return _place_named_org(r)
    word = words[0]
    if (r.label in {"PERSON", "ORG"} and word in person_words) or word in _organisations():
        return r
    link = kb.link(word, "GPE")
    if link is None:
        return r
    label = r.label
    if link.kb_source == kb.SOURCE_ISO and r.label != "GPE":
        label = "NORP" if kb.is_demonym(word) else "GPE"  # "US", "Britain": GPE too
    elif r.label == "ORG" and _main_name(link, word):
        label = "GPE"  # a city or US state tagged ORG ("Texas")
    return r if label == r.label else _Raw(r.start, r.end, r.text, label, r.first_token)


def _country_code(text: str) -> bool:
    """"US", "UK", "UAE": a country's abbreviation, never the initials of a name in the
    article ("US" is not "University of Sheffield")."""
    link = kb.link(text, "GPE")
    return link is not None and link.kb_source == kb.SOURCE_ISO


def _org_by_head(r: _Raw) -> _Raw:
    """The last word of a multiword name says what it is, whatever NER said: an
    organisation noun makes it ORG ("Sea Org", "Civil Defense Authority" tagged LOC), a
    building or street word makes an ORG a facility ("Century City Towers", "NTU Hospital
    Station", "Warhol Factory" tagged ORG)."""
    words = _name_words(r.text)
    if len(words) < 2:
        return r
    head = words[-1].lower()
    if r.label in {"LOC", "FAC", "GPE"} and head in _ORG_HEADS:
        return _Raw(r.start, r.end, r.text, "ORG", r.first_token)
    if r.label == "ORG" and head in _FACILITY_HEADS:
        return _Raw(r.start, r.end, r.text, "FAC", r.first_token)
    return r


#: Nations that field their own teams but are no ISO 3166-1 country.
_HOME_NATIONS = {"England", "Scotland", "Wales", "Northern Ireland"}
_SIDE_PREPS = {"against", "over", "to", "by", "with", "versus", "vs", "vs."}


def _national_teams(doc: Doc, raws: list[_Raw]) -> list[_Raw]:
    """Countries that play each other in the article are teams: relabel them ORG.

    A contest verb (`_CONTEST_VERBS`) with one country as its subject and another as
    its object, or after "against"/"over"/"to"/"by" ("Belgium beat Panama", "Tunisia
    lost to England"), makes both countries national teams, and so every mention of
    them in the article, except as the object of "in"/"at" (where the country is the
    place). "China and India take steps" or "France said" change nothing: it takes two
    countries on opposite sides of a contest.
    """
    country_at: dict[int, str] = {}
    for r in raws:
        if r.label == "GPE":
            link = kb.link(_strip(r.text), "GPE")
            span = doc.char_span(r.start, r.end, alignment_mode="expand")
            if span is None:
                continue
            if link is not None and link.kb_source == kb.SOURCE_ISO:
                country_at[span.root.i] = link.kb_id
            elif _strip(r.text) in _HOME_NATIONS:
                country_at[span.root.i] = _strip(r.text)
    if len(set(country_at.values())) < 2:
        return raws
    teams: set[str] = set()
    for tok in docindex.tokens(doc):
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in _CONTEST_VERBS:
            continue
        subjects, objects = [], []
        for child in docindex.children(tok):
            if child.dep_ == "nsubj":
                subjects.append(child)
            elif child.dep_ in {"dobj", "npadvmod"}:  # "beat Panama 3-0": npadvmod
                objects.append(child)
            elif child.dep_ in {"prep", "agent"} and child.lower_ in _SIDE_PREPS | {"by"}:
                objects.extend(c for c in docindex.children(child) if c.dep_ == "pobj")
        subj = {country_at[t.i] for s in subjects for t in (s, *s.conjuncts) if t.i in country_at}
        obj = {country_at[t.i] for o in objects for t in (o, *o.conjuncts) if t.i in country_at}
        if subj and obj and subj != obj:
            teams |= subj | obj
    if not teams:
        return raws
    out = []
    for r in raws:
        span = doc.char_span(r.start, r.end, alignment_mode="expand")
        root = span.root if span is not None else None
        place = root is not None and root.dep_ == "pobj" and root.head.lower_ in {"in", "at"}
        if root is not None and country_at.get(root.i) in teams and not place:
            r = _Raw(r.start, r.end, r.text, "ORG", r.first_token)
        out.append(r)
    return out


def _place_named_org(r: _Raw) -> _Raw:
    """A multiword ORG whose whole name is a country, US state or city ("United States",
    "North Carolina", "Los Angeles" tagged ORG) is a GPE; "Bank of England" is not
    touched, its name is not a place's."""
    words = _name_words(r.text)
    if r.label != "ORG" or len(words) < 2 or words[-1].lower() in _ORG_HEADS:
        return r
    link = kb.link(" ".join(words), "GPE")
    if link is None or kb.is_demonym(" ".join(words)) or not _main_name(link, " ".join(words)):
        return r
    return _Raw(r.start, r.end, r.text, "GPE", r.first_token)


def _main_name(link: kb.KbLink, text: str) -> bool:
    """A city link made through the city's own name, not a GeoNames alternate: "White
    House" is an alternate of Casablanca, "Google" one of Topeka. Countries and states
    are always trusted; their aliases are curated."""
    return link.kb_source != kb.SOURCE_GEONAMES or kb.fold(link.kb_name) == kb.fold(text)


def _person_like(words: list[str], label: str) -> bool:
    """ORG/GPE single words can be surnames spaCy mislabelled; multiword ones are not."""
    if label in {"", "PERSON"}:
        return True
    return len(words) == 1 and kb.link(words[0], label) is None


def _person_cluster(
    words: list[str], clusters: _Clusters, full: _FullNames, pos: int
) -> _Cluster | None:
    """The PERSON cluster whose name contains these words (most recent first)."""
    candidates = [
        c for c in clusters.persons_sharing(words)
        if _contains(c.words, words) or _contains(words, c.words)
    ]
    if not candidates:
        return None
    best = max(candidates, key=lambda c: c.last_seen)
    if len(words) > len(best.words) and _contains(words, best.words):
        clusters.rename(best, " ".join(words), words)  # "Xi" first, "Xi Jinping" later
    return best


class _FullNames:
    """The article's multiword PERSON names (start, words) in order, indexed by word.

    Why: `_best_full_name` scanned every full name for every new short name, quadratic
    in article length; the index reads only the names that have the word.
    """

    def __init__(self, names: Iterable[tuple[int, list[str]]]) -> None:
        self.by_word: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
        for start, words in names:
            for w in dict.fromkeys(words):
                self.by_word[w].append((start, words))


def _best_full_name(words: list[str], full: _FullNames, pos: int) -> list[str] | None:
    """A later full name for a short name used first (e.g. in a headline)."""
    if len(words) != 1:
        return None
    later = [w for start, w in full.by_word.get(words[0], []) if start > pos]
    names = {" ".join(w) for w in later}
    return later[0] if len(names) == 1 else None


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _head_noun_cluster(word: str, clusters: _Clusters) -> _Cluster | None:
    """The organisation a generic head noun refers back to ("the Church" after "the
    Church of Scientology", "the Council" after "Refugee Council"): the most recent
    multiword ORG cluster whose name has that word (a gazetteer acronym knows its full
    name: "NASA" ... "the Administration")."""
    if word.lower() not in _GENERIC_ORG:
        return None
    matches = clusters.orgs_with_word(word)
    return max(matches, key=lambda c: c.last_seen) if matches else None


def _acronym_cluster(acr: str, clusters: _Clusters) -> _Cluster | None:
    matches = clusters.with_initials(acr.replace(".", ""))
    return matches[-1] if matches else None


def _renumber_clusters(mentions: list[Mention]) -> list[Mention]:
    """Cluster ids in order of first mention, with no gaps, so ids are stable and dense."""
    order: dict[int, int] = {}
    for m in mentions:
        order.setdefault(m.cluster_id, len(order))
    for m in mentions:
        m.cluster_id = order[m.cluster_id]
    return mentions


#: Label -> kind of thing an `entity_key` names; other labels get no key.
_KEY_KIND = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}
#: Honorifics and titles dropped from the front of a person's key ("Mr. Trump").
_KEY_TITLES = {kb.fold(t) for t in _TITLES | _NOT_NAME} - {""}


def _key_words(name: str, titles: bool = True) -> list[str]:
    """Folded words of a name, without leading article, possessive and (for people)
    titles: "General Motors" and "Queen Street" keep their first word."""
    words = kb.fold(_strip(name)).split()
    while titles and len(words) > 1 and words[0] in _KEY_TITLES:
        words = words[1:]
    return words


def _cluster_label(ms: Sequence[Mention]) -> str:
    return Counter(m.label for m in ms).most_common(1)[0][0]


def _cluster_key(ms: Sequence[Mention]) -> str | None:
    """One cluster's key: its shared kb id, else its kind and folded canonical name."""
    kind = _KEY_KIND.get(_cluster_label(ms))
    if kind is None:
        return None
    links = {(m.kb_source, m.kb_id) for m in ms if m.kb_id}
    if len(links) == 1:
        source, kb_id = links.pop()
        return f"kb:{source}:{kb_id}"
    canonical = ms[0].canonical
    if kind == "org":
        canonical = _organisations().get(canonical, canonical)  # one spelling everywhere
    words = _key_words(canonical, titles=kind == "person")
    if not words:
        return None
    if kind == "person" and len(words) == 1:
        return f"person:~{words[0]}"  # surname (or single name) only: see entity_keys
    return f"{kind}:{' '.join(words)}"


def entity_keys(mentions: Sequence[Mention]) -> list[str | None]:
    """A key per mention that is the same in every article naming the same thing.

    Pure: it reads only the mentions of one article (label, canonical, cluster, kb link).

    * A cluster whose mentions share one kb link: ``kb:<kb_source>:<kb_id>``
      ("kb:iso3166:TJ" for Tajikistan, "kb:geonames:1221874" for Dushanbe).
    * Otherwise the kind of thing and the folded canonical name (the fullest form the
      article gives; lower case, accents, dots, possessive and leading titles removed):
      ``person:donald trump`` for "Mr. Trump", "Trump" and "Donald Trump" in an article
      that says "Donald Trump" once, ``org:world health organization`` for "WHO" after
      its expansion, ``place:<name>`` for an unlinked place.
    * A person cluster the article names only by one word gets ``person:~<word>``
      ("person:~trump"). It is a key of its own kind, never equal to a full-name key: a
      dataset-level step may attach it to the one full name that shares the surname,
      but nothing here guesses which.
    * A short mention that fits several people of the article ("Clinton" where the
      article names Hillary Clinton and Bill Clinton) gets the surname-only key too,
      whatever cluster the in-article resolution chose for it: two people who share a
      surname never share a key.
    * Labels other than PERSON, ORG, GPE, LOC, FAC (dates, numbers, NORP, ...) get None.
    """
    by_cluster: dict[int, list[Mention]] = {}
    for m in mentions:
        by_cluster.setdefault(m.cluster_id, []).append(m)
    keys = {cid: _cluster_key(ms) for cid, ms in by_cluster.items()}
    full_names = {
        tuple(_key_words(ms[0].canonical))
        for ms in by_cluster.values()
        if _cluster_label(ms) == "PERSON" and len(_key_words(ms[0].canonical)) > 1
    }
    # Full names by word: a mention is checked against the names that have its first
    # word only (scanning them all was quadratic in article length).
    names_with: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for n in full_names:
        for w in set(n):
            names_with[w].append(n)
    out: list[str | None] = []
    for m in mentions:
        key = keys[m.cluster_id]
        if key and key.startswith("person:") and m.label == "PERSON":
            words = _key_words(m.text)
            fits = [n for n in names_with.get(words[0], []) if _contains(list(n), words)] \
                if words else []
            if words and len(words) < len(_key_words(m.canonical)) and len(fits) > 1:
                key = f"person:~{' '.join(words)}"
        out.append(key)
    return out


def assign_keys(mentions: Sequence[Mention]) -> Sequence[Mention]:
    """Set `entity_key` on every mention (see :func:`entity_keys`); returns them."""
    for m, key in zip(mentions, entity_keys(mentions), strict=True):
        m.entity_key = key
    return mentions


def summary_rows(article_id: str, mentions: Sequence[Mention], body_length: int) -> list[dict]:
    """One row per cluster with mention count, first position and a salience score."""
    named = [m for m in mentions if m.label in NAME_LABELS]
    total_named = max(1, len(named))
    rows = []
    by_cluster: dict[int, list[Mention]] = {}
    for m in mentions:
        by_cluster.setdefault(m.cluster_id, []).append(m)
    for cid, ms in sorted(by_cluster.items()):
        first = min(ms, key=lambda m: m.start)
        label = _cluster_label(ms)
        kb_ids = {m.kb_id for m in ms if m.kb_id}
        kb_id = kb_ids.pop() if len(kb_ids) == 1 else None
        share = len(ms) / total_named if label in NAME_LABELS else 0.0
        earliness = 1.0 - first.start / max(1, body_length)
        rows.append(
            {
                "article_id": article_id,
                "cluster_id": cid,
                "canonical": first.canonical,
                "label": label,
                "n_mentions": len(ms),
                "first_start": first.start,
                "first_sentence_id": first.sentence_id,
                "salience": round(min(1.0, 0.5 * min(1.0, share) + 0.5 * earliness), 6),
                "kb_id": kb_id,
                "kb_name": next((m.kb_name for m in ms if m.kb_id == kb_id), None)
                if kb_id else None,
                "entity_key": _cluster_key(ms),
            }
        )
    return rows
