"""`make eval`'s HTML section scores any folder in html_aeb's format, so a team can score
its own pages (with their gold) the same way: `python -m eval.html_eval --data DIR`.

Pages: three of the article-extraction benchmark (Scrapinghub, MIT; eval/data/html_aeb),
copied into a new folder, one of them unpacked to a plain `.html`, one given a wrong gold.
"""

from __future__ import annotations

import gzip
import json
import shutil

from eval import html_eval


def test_a_folder_in_html_aeb_format_is_scored_page_by_page(tmp_path):
    truth = json.loads((html_eval.DATA / "ground-truth.json").read_text(encoding="utf-8"))
    english = list(html_eval.load_pages())[:3]
    (tmp_path / "html").mkdir()
    gold = {pid: truth[pid] for pid in english}
    a, b, c = english
    for pid in (a, b):
        shutil.copy(html_eval.DATA / "html" / f"{pid}.html.gz", tmp_path / "html")
    (tmp_path / "html" / f"{c}.html").write_bytes(
        gzip.decompress((html_eval.DATA / "html" / f"{c}.html.gz").read_bytes()))
    gold[b] = {"articleBody": "The council approved the harbour budget on Tuesday after a "
               "long debate about ferry fares and the cost of dredging the channel."}
    (tmp_path / "ground-truth.json").write_text(json.dumps(gold), encoding="utf-8")

    got = html_eval.evaluate_html(fast=True, data=tmp_path)
    assert got["pages"] == 3 and set(got["per_page"]) == {a, b, c}
    assert got["per_page"][a] > 0.8 and got["per_page"][c] > 0.8  # .html.gz and .html
    assert got["per_page"][b] < 0.2  # the wrong gold scores low: it is really compared
    assert abs(got["bow_f1"] - sum(got["per_page"].values()) / 3) < 1e-9
    assert set(got["trafilatura"]) == set(html_eval.TRAFILATURA_CONFIGS)
    assert html_eval.summary_rows(got)[0]["metric"].startswith(tmp_path.name)

    out = tmp_path / "scores.json"
    assert html_eval.main(["--fast", "--data", str(tmp_path), "--json", str(out)]) == 0
    assert json.loads(out.read_text())["per_page"] == got["per_page"]
