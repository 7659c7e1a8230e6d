"""Structure of a raw article: paragraphs, headline, byline, dateline, publisher notes.

Parsing only looks; it removes nothing. `clean` decides what leaves the body, using
what parsing found (a syndication note is both the source of `publisher` and
boilerplate to remove).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from flows.steps import dates

#: Wire agencies whose credit lines we recognise; the value is the canonical name.
AGENCIES = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "pti": "PTI",
    "ians": "IANS",
    "ani": "ANI",
    "xinhua": "Xinhua",
    "bloomberg": "Bloomberg",
    "dpa": "dpa",
    "efe": "EFE",
    "ansa": "ANSA",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "tass": "TASS",
    "upi": "UPI",
    "bernama": "Bernama",
    "anadolu": "Anadolu",
}

_ORG = r"[A-Z][\w&.'’-]*(?:[ -][A-Z][\w&.'’-]*){0,5}"

# Notes that say who published the text and whether it came from a feed.
_SYNDICATION_NOTES = [
    # NDTV / Business Standard style: "... not been edited by NDTV staff and is published
    # from a syndicated feed."
    re.compile(
        rf"(?:has not been|was not|have not been) (?:edited|reworked) by (?P<pub>{_ORG}) staff",
        re.I,
    ),
    re.compile(rf"(?:may have been|has been) reworked by (?P<pub>{_ORG}) staff", re.I),
    re.compile(rf"(?:originally|first) (?:appeared|published) (?:on|in|by) (?P<pub>{_ORG})"),
    re.compile(rf"[Rr]epublished (?:with permission )?(?:from|by) (?P<pub>{_ORG})"),
    re.compile(rf"^(?:©|\(c\)|Copyright(?: ©| \(c\))?)\s*(?:\d{{4}}\s*)?(?P<pub>{_ORG})", re.I),
]
_SYNDICATED = re.compile(
    r"syndicated (?:feed|content|news)|auto-generated from|wire (?:feed|service)|"
    r"originally (?:appeared|published)|republished", re.I
)
_CREDIT = re.compile(
    r"\((?:with )?(?:inputs?|additional reporting|reporting|writing|editing)"
    r"(?: by| from)?\s+(?P<who>[^)]+)\)|^(?:with inputs? from|additional reporting by|"
    r"reporting by)\s+(?P<who2>.+?)[.;]?$",
    re.I,
)
# "WASHINGTON (Reuters) -", "LONDON, March 3 (AFP) —", "NEW DELHI:" at the start of the lede.
_DATELINE_PREFIX = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s*(?P<when>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{1,30})\))?\s*(?:[-–—:]+)\s+"
)
_BYLINE = re.compile(r"^(?:By|BY|Written by|Words by)\s+(?P<who>[A-Z][^\n]{1,80})$")
_MARKDOWN_TITLE = re.compile(r"^#{1,3}\s+(?P<title>.+)$")
_LABELLED_TITLE = re.compile(r"^(?:Headline|Title)\s*:\s*(?P<title>.+)$", re.I)
_SENTENCE_END = re.compile(r"[.!?…:;,]$")


@dataclass
class ParsedArticle:
    """What the raw text says about itself, before any cleaning."""

    paragraphs: list[str]
    headline_index: int | None = None
    headline: str | None = None
    byline_index: int | None = None
    byline: str | None = None
    dateline_index: int | None = None  # a paragraph that is only a date line
    dateline: str | None = None
    published: date | None = None
    publisher: str | None = None
    syndicated: bool = False
    agencies: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def split_paragraphs(text: str) -> list[str]:
    """Split into paragraphs, undoing hard wrapping when the file uses blank-line blocks.

    Files come in two shapes: one paragraph per line (the seed, most scrapes), or
    blocks separated by blank lines whose lines are wrapped at a fixed width. In the
    second shape a single newline is not a paragraph break.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [b for b in re.split(r"\n[ \t\u00a0]*\n", text) if b.strip()]
    multi_line = [b for b in blocks if len([ln for ln in b.split("\n") if ln.strip()]) > 1]
    wrapped = len(blocks) > 1 and bool(multi_line) and _looks_wrapped(multi_line)
    paragraphs: list[str] = []
    for block in blocks:
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if wrapped:
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _looks_wrapped(blocks: list[str]) -> bool:
    """Hard-wrapped text: most inner lines end without sentence punctuation, or are long."""
    inner = [ln for b in blocks for ln in b.split("\n")[:-1] if ln.strip()]
    if not inner:
        return False
    open_ended = sum(1 for ln in inner if not re.search(r"[.!?\"'”’)]$", ln.strip()))
    return open_ended / len(inner) >= 0.5


def _is_headline(first: str, rest: list[str]) -> bool:
    """A first line is a headline when it is short and unpunctuated, unlike a lede."""
    if not rest:
        return False
    words = first.split()
    if not 2 <= len(words) <= 25 or len(first) > 200:
        return False
    if _SENTENCE_END.search(first):
        return False
    if first.endswith("?") or first.endswith("!"):
        return len(words) <= 15
    # A lede that merely lacks a final period is still longer than what follows it.
    return len(first) < max(len(p) for p in rest[:3]) or len(words) <= 15


def parse(text: str) -> ParsedArticle:
    """Find the article's parts; every index refers to `paragraphs`."""
    paragraphs = split_paragraphs(text)
    art = ParsedArticle(paragraphs=paragraphs)
    if not paragraphs:
        return art

    i = 0
    m = _MARKDOWN_TITLE.match(paragraphs[0]) or _LABELLED_TITLE.match(paragraphs[0])
    if m:
        art.headline_index, art.headline = 0, m.group("title").strip()
        i = 1
    elif _is_headline(paragraphs[0], paragraphs[1:]) and not dates.parse_dateline(paragraphs[0]):
        art.headline_index, art.headline = 0, paragraphs[0]
        i = 1

    # Byline and date lines sit between the headline and the lede, in either order.
    for j in range(i, min(i + 3, len(paragraphs))):
        p = paragraphs[j]
        if art.byline_index is None and (bm := _BYLINE.match(p)) and len(p.split()) <= 12:
            art.byline_index, art.byline = j, bm.group("who").strip()
            continue
        if art.dateline_index is None and len(p) <= 80:
            when = dates.parse_dateline(p)
            if when is not None:
                art.dateline_index, art.dateline, art.published = j, p, when
                continue
        break

    lede_index = next(
        (k for k in range(len(paragraphs)) if k not in {art.headline_index, art.byline_index,
                                                         art.dateline_index}),
        None,
    )
    if lede_index is not None and art.dateline is None:
        dm = _DATELINE_PREFIX.match(paragraphs[lede_index])
        if dm and (dm.group("agency") or dm.group("when") or len(dm.group("place")) > 2):
            art.dateline = dm.group(0).strip(" -–—:")
            if dm.group("agency"):
                _add_agency(art, dm.group("agency"))

    for p in paragraphs:
        _read_notes(art, p)
    if art.publisher is None and len(art.agencies) == 1 and lede_index is not None:
        dm = _DATELINE_PREFIX.match(paragraphs[lede_index])
        if dm and dm.group("agency"):
            art.publisher = art.agencies[0]
    return art


def _add_agency(art: ParsedArticle, name: str) -> None:
    canonical = AGENCIES.get(name.strip().lower())
    if canonical and canonical not in art.agencies:
        art.agencies.append(canonical)


def _read_notes(art: ParsedArticle, paragraph: str) -> None:
    """Publisher, syndication and agency credits are read from short note paragraphs."""
    if len(paragraph) > 400:
        return
    noted = False
    for pattern in _SYNDICATION_NOTES:
        m = pattern.search(paragraph)
        if m:
            pub = m.group("pub").strip(" .,")
            if art.publisher is None and pub.lower() not in {"the", "our"}:
                art.publisher = AGENCIES.get(pub.lower(), pub)
            noted = True
            break
    if _SYNDICATED.search(paragraph):
        art.syndicated = True
        noted = True
    cm = _CREDIT.search(paragraph)
    if cm:
        who = cm.group("who") or cm.group("who2") or ""
        for part in re.split(r",|;| and |/", who):
            _add_agency(art, part)
        noted = True
    if noted and paragraph not in art.notes:
        art.notes.append(paragraph)
