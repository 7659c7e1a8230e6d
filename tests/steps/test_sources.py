"""Bulk inputs (flows/steps/sources/): every format, every bad-record kind, on real text.

Text: GUM news articles (Wikinews, CC BY 2.5; eval/data/gum_news_sbd.jsonl) and a page
of the article-extraction benchmark (MIT; eval/data/html_aeb).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from flows.steps import ingest, sources
from flows.steps.sources import Record

ROOT = Path(__file__).resolve().parents[2]
GUM = [json.loads(line) for line in
       (ROOT / "eval" / "data" / "gum_news_sbd.jsonl").read_text(encoding="utf-8").splitlines()]
AEB = ROOT / "eval" / "data" / "html_aeb"
LIMIT = 200_000


def aeb_page() -> bytes:
    for f in sorted((AEB / "html").glob("*.html.gz")):
        raw = gzip.decompress(f.read_bytes())
        if b"WeWork" in raw and b"venturebeat" in raw:
            return raw
    raise AssertionError("the VentureBeat page is in html_aeb")


def rows(n: int = 3) -> list[dict[str, str]]:
    return [{"text": d["text"], "url": f"https://en.wikinews.org/wiki/{d['doc_id']}",
             "title": d["text"].split(".")[0][:60], "published": "2017-03-0" + str(i + 1),
             "id": d["doc_id"]} for i, d in enumerate(GUM[:n])]


def records(path: Path, **kw: object) -> list[Record | ingest.Rejected]:
    return list(sources.iter_records(str(path), max_bytes=kw.pop("max_bytes", LIMIT),  # type: ignore[arg-type]
                                     **kw))  # type: ignore[arg-type]


def good(got: list[Record | ingest.Rejected]) -> list[Record]:
    return [r for r in got if isinstance(r, Record)]


def bad(got: list[Record | ingest.Rejected]) -> dict[str, tuple[str, str]]:
    return {r.locator or "": (r.reason, r.detail) for r in got
            if isinstance(r, ingest.Rejected)}


def write_jsonl(path: Path, lines: list[bytes]) -> Path:
    data = b"".join(line + b"\n" for line in lines)
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


@pytest.mark.parametrize("name", ["a.jsonl", "a.jsonl.gz"])
def test_json_lines_records_with_locator_and_metadata(tmp_path: Path, name: str) -> None:
    lines = [json.dumps(r).encode() for r in rows()]
    got = good(records(write_jsonl(tmp_path / name, lines)))
    assert [r.locator for r in got] == ["line:1", "line:2", "line:3"]
    first = got[0]
    assert first.meta.url == "https://en.wikinews.org/wiki/" + GUM[0]["doc_id"]
    assert str(first.meta.published) == "2017-03-01" and first.record_id == GUM[0]["doc_id"]
    article = sources.to_article(first)
    assert isinstance(article, ingest.RawArticle)
    assert article.text.startswith(first.meta.title or "")  # the title is the headline
    assert GUM[0]["text"][:200] in article.text
    assert article.locator == "line:1" and article.article_id == first.article_id


def test_same_record_same_id_in_every_format(tmp_path: Path) -> None:
    data = rows(2)
    jl = write_jsonl(tmp_path / "a.jsonl", [json.dumps(r).encode() for r in data])
    with (tmp_path / "a.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(data[0]))
        w.writeheader()
        w.writerows(data)
    pq.write_table(pa.Table.from_pylist(data), tmp_path / "a.parquet")
    ids = [[r.article_id for r in good(records(p))]
           for p in (jl, tmp_path / "a.csv", tmp_path / "a.parquet")]
    assert ids[0] == ids[1] == ids[2] and len(set(ids[0])) == 2


def test_csv_multiline_field_and_column_mapping(tmp_path: Path) -> None:
    body = GUM[1]["text"].replace(". ", ".\n", 3)  # quoted field spanning lines
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["story", "link"])
    w.writerow([GUM[0]["text"], "https://example.org/a"])
    w.writerow([body, "https://example.org/b"])
    (tmp_path / "b.csv").write_text(buf.getvalue(), encoding="utf-8")
    got = records(tmp_path / "b.csv", columns={"text": "story", "url": "link"})
    assert [r.locator for r in good(got)] == ["row:0", "row:1"]
    assert good(got)[1].content.decode() == body
    assert good(got)[1].meta.url == "https://example.org/b"
    # Without the mapping no row has a text: each is quarantined, none is dropped silently.
    assert {v[0] for v in bad(records(tmp_path / "b.csv")).values()} == {"no_text"}


def test_parquet_rows_stream_in_batches(tmp_path: Path) -> None:
    data = [{"html": None, "text": GUM[i % 3]["text"] + f" ({i})"} for i in range(600)]
    pq.write_table(pa.Table.from_pylist(data), tmp_path / "p.parquet", row_group_size=100)
    got = good(records(tmp_path / "p.parquet"))
    assert len(got) == 600 and got[599].locator == "row:599"
    assert got[599].content.decode().endswith("(599)")


def _warc(path: Path, page: bytes) -> list[int]:
    """A WARC with a request, an HTML response, an image response, a second HTML one."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        uri = "https://venturebeat.com/2019/11/18/wework/"
        writer.write_record(writer.create_warc_record(uri, "request", payload=io.BytesIO(
            b"GET / HTTP/1.1\r\n\r\n")))
        for ctype, payload in (("text/html; charset=utf-8", page), ("image/png", b"\x89PNG"),
                               ("text/html", page.replace(b"WeWork", b"WeWork Inc"))):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                uri, "response", payload=io.BytesIO(payload), http_headers=headers))
    return []


@pytest.mark.parametrize("name", ["c.warc", "c.warc.gz"])
def test_warc_html_responses_are_articles(tmp_path: Path, name: str) -> None:
    page = aeb_page()
    _warc(tmp_path / name, page)
    got = records(tmp_path / name)
    assert not bad(got)
    assert len(good(got)) == 2  # the request and the image are not articles
    first = good(got)[0]
    offset = int(first.locator.split(":")[1])
    with (tmp_path / name).open("rb") as fh:  # the offset is where the record starts
        fh.seek(offset)
        head = fh.read(4)
        assert head.startswith(b"WARC") or head.startswith(b"\x1f\x8b")
    import hashlib

    assert first.article_id == hashlib.sha256(page).hexdigest()  # as the same .html file
    article = sources.to_article(first)
    assert isinstance(article, ingest.RawArticle) and article.extraction == "precision"
    assert "WeWork" in article.text and article.meta.site_name == "VentureBeat"


def test_every_bad_record_kind_is_quarantined_and_the_rest_goes_through(
        tmp_path: Path) -> None:
    ok = [json.dumps(r).encode() for r in rows(3)]
    lines = [
        ok[0],
        b'{"text": "unterminated',                               # invalid JSON
        b'["a", "list"]',                                          # not an object
        json.dumps({"url": "https://example.org/x"}).encode(),     # no text
        json.dumps({"text": "   "}).encode(),                      # blank text
        b'{"text": "Caf\xe9 society in Paris"}',                   # not UTF-8
        json.dumps({"text": GUM[3]["text"] * 40}).encode(),        # over the size limit
        ok[1],
        b"",
        ok[2],
    ]
    got = records(write_jsonl(tmp_path / "mixed.jsonl", lines), max_bytes=50_000)
    assert [r.locator for r in good(got)] == ["line:1", "line:8", "line:10"]
    reasons = {loc: reason for loc, (reason, _) in bad(got).items()}
    assert reasons == {"line:2": "invalid_record", "line:3": "invalid_record",
                       "line:4": "no_text", "line:5": "no_text", "line:6": "undecodable",
                       "line:7": "too_large"}
    assert "0xe9" in bad(got)["line:6"][1]
    for rec in got:  # every rejection names its file
        assert rec.path == str(tmp_path / "mixed.jsonl")


def test_undecodable_and_ragged_csv_rows(tmp_path: Path) -> None:
    text = GUM[0]["text"].replace('"', "'")
    data = (b"text,url\n" + f'"{text}",u1\n'.encode() + b'"Caf\xe9 au lait",u2\n'
            + b"a,b,c\n" + f'"{text} Again.",u4\n'.encode())
    (tmp_path / "d.csv").write_bytes(data)
    got = records(tmp_path / "d.csv")
    assert [r.locator for r in good(got)] == ["row:0", "row:3"]
    assert {k: v[0] for k, v in bad(got).items()} == {"row:1": "undecodable",
                                                      "row:2": "invalid_record"}


def test_truncated_gzip_keeps_the_records_before_the_damage(tmp_path: Path) -> None:
    data = gzip.compress(b"".join(json.dumps(r).encode() + b"\n" for r in rows(3)))
    (tmp_path / "t.jsonl.gz").write_bytes(data[: len(data) - 40])
    got = records(tmp_path / "t.jsonl.gz")
    assert len(good(got)) >= 1
    assert [v[0] for v in bad(got).values()] == ["unreadable"]


def test_unknown_field_in_the_mapping_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown field"):
        sources.columns_map({"body": "text"})


def test_bulk_files_are_discovered_with_compound_suffixes(tmp_path: Path) -> None:
    for name in ("a.jsonl.gz", "b.warc.gz", "c.csv", "d.parquet", "e.txt", "f.gz"):
        (tmp_path / name).write_bytes(b"x")
    files, _ = ingest.discover([tmp_path])
    assert sorted(f.name for f in files) == ["a.jsonl.gz", "b.warc.gz", "c.csv", "d.parquet",
                                             "e.txt"]
    assert [sources.format_of(str(f)) for f in sorted(files)] == [
        "jsonl", "warc", "csv_rows", "parquet_rows", None]
