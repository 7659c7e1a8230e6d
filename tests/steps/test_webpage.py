"""Web pages: charsets that lie, stray NULs, the fallback order, page metadata, language.

Pages: the article-extraction benchmark (MIT; eval/data/html_aeb) and small pages written
here around GUM news text (Wikinews, CC BY 2.5).
"""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path

import pytest

from flows.steps import ingest, language, webpage
from flows.steps.ingest import RawArticle, Rejected, read_article

ROOT = Path(__file__).resolve().parents[2]
AEB = ROOT / "eval" / "data" / "html_aeb"
GUM = [json.loads(line) for line in
       (ROOT / "eval" / "data" / "gum_news_sbd.jsonl").read_text(encoding="utf-8").splitlines()]
LIMIT = 5_000_000

#: A paragraph with letters outside ASCII, written for these tests.
ACCENTED = ("Señora Müller told the Zürich court on Tuesday that the café’s “façade” had "
            "been rebuilt in 1998, and that the naïve rôle given to the architect was unfair.")


def page(body: str, head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in [ACCENTED, *GUM[0]["text"].split("\n")[:6]])
    return (f"<!doctype html><html><head>{head}<title>Court hears façade case</title></head>"
            f"<body><article><h1>Court hears façade case</h1>{paragraphs}{body}</article>"
            "</body></html>")


def accepted(result: RawArticle | Rejected) -> RawArticle:
    assert isinstance(result, RawArticle), result
    return result


def test_declares_latin1_but_is_utf8(tmp_path: Path) -> None:
    f = tmp_path / "a.html"
    f.write_bytes(page("", '<meta charset="ISO-8859-1">').encode("utf-8"))
    art = accepted(read_article(f, LIMIT))
    assert art.encoding == "utf-8" and "Señora Müller" in art.text and "café’s" in art.text


def test_declares_utf8_but_is_windows_1252(tmp_path: Path) -> None:
    f = tmp_path / "b.html"
    f.write_bytes(page("", '<meta http-equiv="Content-Type" content="text/html; '
                       'charset=utf-8">').encode("cp1252"))
    art = accepted(read_article(f, LIMIT))
    assert "Señora Müller" in art.text and "“façade”" in art.text
    assert art.encoding != "utf-8"


def test_declared_latin1_with_curly_quotes_reads_as_browsers_do(tmp_path: Path) -> None:
    f = tmp_path / "c.html"
    f.write_bytes(page("", '<meta charset="iso-8859-1">').encode("cp1252"))
    art = accepted(read_article(f, LIMIT))
    assert art.encoding == "cp1252" and "“façade”" in art.text


def test_plain_text_stays_strict_utf8(tmp_path: Path) -> None:
    f = tmp_path / "d.txt"
    f.write_bytes(ACCENTED.encode("cp1252"))
    assert read_article(f, LIMIT).reason == "undecodable"  # type: ignore[union-attr]


def test_one_stray_nul_is_not_binary(tmp_path: Path) -> None:
    f = tmp_path / "e.html"
    f.write_bytes(page("<p>Trailing\x00 byte.</p>").encode("utf-8"))
    art = accepted(read_article(f, LIMIT))
    assert "\x00" not in art.text and "Señora Müller" in art.text
    g = tmp_path / "f.txt"
    g.write_bytes(GUM[1]["text"].encode() + b"\x00\n")
    assert "\x00" not in accepted(read_article(g, LIMIT)).text


def test_a_binary_file_is_still_binary(tmp_path: Path) -> None:
    f = tmp_path / "g.html"
    f.write_bytes(gzip.compress(page("").encode()))  # a gzipped page saved as .html
    assert read_article(f, LIMIT).reason == "binary"  # type: ignore[union-attr]


def test_page_metadata_on_a_written_page(tmp_path: Path) -> None:
    head = ('<link rel="canonical" href="https://news.example.org/2021/05/court-facade">'
            '<meta property="og:site_name" content="Example Daily">'
            '<meta name="author" content="Ana Ruiz">'
            '<meta property="article:published_time" content="2021-05-04T08:00:00Z">')
    f = tmp_path / "h.html"
    f.write_text(page("", head), encoding="utf-8")
    art = accepted(read_article(f, LIMIT))
    assert art.meta == webpage.PageMeta(
        title="Court hears façade case", url="https://news.example.org/2021/05/court-facade",
        published=date(2021, 5, 4), author="Ana Ruiz", site_name="Example Daily")
    assert art.extraction == "precision" and art.text.startswith("Court hears façade case\n\n")


def test_a_copyright_year_is_not_a_published_date(tmp_path: Path) -> None:
    f = tmp_path / "i.html"
    f.write_text(page("<footer>(c) 2019 Example Daily</footer>"), encoding="utf-8")
    assert accepted(read_article(f, LIMIT)).meta.published is None


def _aeb(needle: bytes) -> bytes:
    for f in sorted((AEB / "html").glob("*.html.gz")):
        raw = gzip.decompress(f.read_bytes())
        if needle in raw:
            return raw
    raise AssertionError(needle)


def test_metadata_of_a_real_page(tmp_path: Path) -> None:
    f = tmp_path / "latimes.html"
    f.write_bytes(_aeb(b"Disney+ glitches"))
    art = accepted(read_article(f, LIMIT))
    assert art.meta.site_name == "Los Angeles Times" and art.meta.author == "Meg James"
    assert art.meta.published == date(2019, 11, 19)
    assert (art.meta.url or "").startswith("https://www.latimes.com/")


def test_fallback_to_recall_when_the_precise_text_is_a_fragment() -> None:
    # A page whose text sits in plain <div>s trafilatura's precise mode drops: the
    # recall-first text serves it, and the column says so.
    divs = "".join(f"<div>{p}</div>" for p in GUM[2]["text"].split("\n")[:8])
    html = f"<html><body><div><div>{divs}</div></div></body></html>"
    got = webpage.extract(html)
    assert got.path in ("precision", "recall", "baseline")
    assert GUM[2]["text"].split("\n")[0][:80] in got.text


def test_a_page_with_only_navigation_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "nav.html"
    f.write_text("<html><head><title>Menu</title></head><body><nav><a href=/>Home</a>"
                 "<a href=/news>News</a></nav></body></html>", encoding="utf-8")
    assert read_article(f, LIMIT).reason == "html_no_text"  # type: ignore[union-attr]


# --- language -----------------------------------------------------------------------------

#: Written for these tests (Italian, Portuguese, Indonesian), news-like, about 40 words each.
OTHER = {
    "it": ("Il presidente della Regione ha annunciato ieri un nuovo piano per le scuole. "
           "Secondo il comunicato, i fondi saranno distribuiti entro la fine dell'anno ai "
           "comuni più piccoli, che da tempo chiedono aiuti per ristrutturare gli edifici."),
    "pt": ("O governo anunciou nesta terça-feira um novo programa de apoio aos agricultores "
           "afetados pela seca. Segundo o ministro, os recursos serão liberados ainda este "
           "mês para os municípios do interior que declararam situação de emergência."),
    "id": ("Pemerintah kota mengumumkan rencana baru untuk memperbaiki jalan yang rusak "
           "akibat banjir pekan lalu. Menurut wali kota, pekerjaan akan dimulai bulan depan "
           "dan diharapkan selesai sebelum musim hujan berikutnya tiba di wilayah itu."),
}


@pytest.mark.parametrize("code", sorted(OTHER))
def test_other_languages_are_detected_and_unsupported_by_an_english_model(code: str) -> None:
    found = language.detect(OTHER[code], "en")
    assert found.code == code and found.model_probability < language.MAX_MODEL_PROBABILITY
    assert language.unsupported(found, "en") and not language.unsupported(found, "xx")
    assert not language.unsupported(language.detect(OTHER[code], code), code)


def test_english_news_is_english_and_short_text_is_undecided() -> None:
    for doc in GUM:
        assert language.detect(doc["text"], "en").code == "en", doc["doc_id"]
        lede = language.detect(" ".join(doc["text"].split()[:15]), "en")  # 15 words
        assert not language.unsupported(lede, "en"), doc["doc_id"]
    short = language.detect("Ciao a tutti")
    assert short.code is None and not language.unsupported(short, "en")


def test_reasons_of_bulk_records_are_in_the_vocabulary() -> None:
    assert {"invalid_record", "no_text"} <= set(ingest.REASONS)
