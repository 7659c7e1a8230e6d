"""Boilerplate removal and text normalisation: from a parsed article to its body.

Every removal is made by a named rule from `RULES` and recorded, so an analyst can
see what left the body and why. Rules match whole short paragraphs only: a rule
never cuts words out of a sentence, which is what keeps them safe on real prose.
Quotation marks are kept as written; claims need to know which marks were used.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from flows.steps.parse import ParsedArticle

#: Paragraphs longer than this are prose, whatever they start with.
MAX_BOILERPLATE_CHARS = 300

_SOCIAL = (
    r"(?:Twitter|X|Facebook|Instagram|Google News|WhatsApp|Telegram|LinkedIn|YouTube|"
    r"Threads|TikTok)"
)

#: (rule name, pattern matched against the whole normalised paragraph).
RULES: list[tuple[str, re.Pattern[str]]] = [
    ("syndication_note", re.compile(
        r"^\(?.*\b(?:has not been|was not|have not been) (?:edited|reworked) by .{1,60} staff"
        r".*\)?$|^\(?.*auto-generated from a syndicated feed.*\)?$|"
        r"^\(?Only the headline of this report may have been reworked.*\)?$", re.I)),
    ("agency_credit", re.compile(
        r"^\((?:with )?(?:inputs?|additional reporting|reporting|writing|editing)\b[^)]*\)\.?$|"
        r"^(?:with inputs? from|additional reporting by|reporting by|writing by|editing by)"
        r"\b.{0,120}$",
        re.I)),
    ("comments", re.compile(
        r"^(?:\d+\s+)?(?:comments?|post a comment|leave a comment|add a comment|"
        r"view comments|show comments|comment on this (?:story|article)|"
        r"join the conversation)\.?$", re.I)),
    ("advertisement", re.compile(
        r"^(?:advertisement|advertisements|ad|sponsored(?: content)?|"
        r"story continues below(?: this)?(?: ad(?:vertisement)?)?|"
        r"continue reading below|scroll to continue(?: with content)?)\.?$", re.I)),
    ("also_read", re.compile(
        r"^(?:also read|read also|read more|must read|related|recommended|see also|"
        r"watch|also see|related news|trending)(?:\s*[:|\-–—>]|\s*$).{0,200}$", re.I)),
    ("click_here", re.compile(r"^click here\b.{0,200}$", re.I)),
    ("share", re.compile(
        rf"^(?:share(?: this)?(?: (?:article|story|post))?(?: on {_SOCIAL})?|tweet|email|print|"
        rf"share on {_SOCIAL}|(?:{_SOCIAL})(?:\s*[|/,]\s*{_SOCIAL})*|copy link)\.?$", re.I)),
    ("subscribe", re.compile(
        r"^(?:subscribe|sign up|register)\b.{0,150}"
        r"(?:newsletter|channel|updates|inbox|alerts|notifications|free|today|now)\b.{0,60}$|"
        r"^(?:download|get) (?:the|our) .{0,40}\bapp\b.{0,100}$", re.I)),
    ("follow", re.compile(
        rf"^(?:follow|like) (?:us|\w+(?: \w+)?) on {_SOCIAL}\b.{{0,150}}$|"
        rf"^(?:catch|get) (?:all )?(?:the )?latest .{{0,100}}\b(?:on|at) {_SOCIAL}.{{0,80}}$|"
        rf"^stay (?:updated|tuned) .{{0,120}}$", re.I)),
    ("copyright", re.compile(
        r"^(?:©|\(c\)|copyright\b).{0,150}$|^.{0,120}\ball rights reserved\.?$", re.I)),
    ("timestamp", re.compile(
        r"^(?:published|updated|last updated|first published|posted)(?: on| at)?\s*:?\s*"
        r"[\w ,.:/-]{4,60}(?:\s*(?:IST|GMT|UTC|ET|EST|EDT|PT|BST|CET))?\.?$", re.I)),
    ("image_credit", re.compile(
        r"^(?:image|photo|picture|file photo|representative image)(?: credit)?s?\s*:.{0,120}$",
        re.I)),
]

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200e\u200f\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalise(text: str) -> str:
    """NFC, no control or zero-width characters, one space between words.

    NFC (not NFKC): compatibility folding would turn "½" into "1⁄2" and change the
    quotation marks and dashes the writer chose.
    """
    text = unicodedata.normalize("NFC", text).translate(_ZERO_WIDTH)
    text = _CONTROLS.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def boilerplate_rule(paragraph: str) -> str | None:
    """Name of the first rule that matches the whole paragraph, or None for prose."""
    if len(paragraph) > MAX_BOILERPLATE_CHARS:
        return None
    for name, pattern in RULES:
        if pattern.match(paragraph):
            return name
    return None


@dataclass
class CleanArticle:
    """The body and where its paragraphs are; offsets are into `body`."""

    body: str
    paragraph_spans: list[tuple[int, int]]
    paragraph_sections: list[str]  # headline | dateline | body, one per paragraph
    removed: list[str] = field(default_factory=list)
    removed_rules: list[str] = field(default_factory=list)


PARAGRAPH_SEPARATOR = "\n\n"


def clean(parsed: ParsedArticle) -> CleanArticle:
    """Normalise every paragraph, drop boilerplate and the byline, join the rest.

    The headline and a date line stay in the body as paragraphs of their own (marked
    by section) so that every sentence and entity of the article has an offset.
    """
    kept: list[tuple[str, str]] = []
    removed: list[str] = []
    rules: list[str] = []
    for i, raw in enumerate(parsed.paragraphs):
        text = normalise(raw)
        if not text:
            continue
        if i == parsed.byline_index:
            removed.append(text)
            rules.append("byline")
            continue
        if i == parsed.headline_index:
            section = "headline"
        elif i == parsed.dateline_index:
            section = "dateline"
        else:
            section = "body"
            rule = boilerplate_rule(text)
            if rule is not None:
                removed.append(text)
                rules.append(rule)
                continue
        kept.append((text, section))

    spans: list[tuple[int, int]] = []
    pos = 0
    for text, _ in kept:
        spans.append((pos, pos + len(text)))
        pos += len(text) + len(PARAGRAPH_SEPARATOR)
    body = PARAGRAPH_SEPARATOR.join(t for t, _ in kept)
    return CleanArticle(
        body=body,
        paragraph_spans=spans,
        paragraph_sections=[s for _, s in kept],
        removed=removed,
        removed_rules=rules,
    )
