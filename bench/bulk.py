"""Bulk inputs: peak memory of streaming a JSON Lines file at two sizes (``make bench``).

``python -m bench.bulk`` (also the ``bulk`` section of ``python -m bench``; ``--records``
sets the large size, default 200,000; the small one is a tenth) writes one JSON Lines
file per size, each record one to three contiguous paragraphs of a GUM news document
(Wikinews, CC BY 2.5; ``eval/data/gum_news_sbd.jsonl``) with a record number so every
record is unique, then runs, in a fresh process per size, what a run does with such a
file before spaCy: the flow's own record stream
(``flows.orchestration.flow._record_batches``: read, parse, content id, skip check,
batches of 32) and, for every record, the worker's read (``flows.batch.read_item``:
decoding, checks, the article text). spaCy is left out: 200,000 articles would take
hours, and its memory does not depend on the file. The child reports its peak RSS
(``ru_maxrss``) and the figures are compared: the file is 10× larger, the peak must not
follow it. What grows is the run's set of ids seen (``flows.idset.IdSet``, 8 bytes a
record: 1.6 MB at 200,000; a Python set of the hex ids cost ~160 bytes a record, +14 %
peak RSS from 20,000 to 200,000 records).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GUM = ROOT / "eval" / "data" / "gum_news_sbd.jsonl"


def build(path: Path, n: int, seed: int = 20240601) -> dict[str, Any]:
    """Write `n` records; returns size facts."""
    docs = [json.loads(line)["text"].split("\n") for line in GUM.read_text("utf-8").splitlines()]
    rng = random.Random(seed)
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            paras = rng.choice(docs)
            start = rng.randrange(len(paras))
            text = "\n".join(paras[start:start + rng.randint(1, 3)]) + f"\n(Record {i}.)"
            words += len(text.split())
            fh.write(json.dumps({"id": f"r{i}", "text": text,
                                 "url": f"https://example.org/{i}"}) + "\n")
    return {"records": n, "bytes": path.stat().st_size, "words": words}


def _child(path: str) -> None:
    """Stream one file as a run does (without spaCy); print the figures as JSON."""
    from flows import batch
    from flows.idset import IdSet
    from flows.orchestration import flow
    from flows.settings import Settings
    from flows.steps import ingest

    settings = Settings(batch_size=32)
    summary = flow.RunSummary(run_id="bench", out="")
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    articles = rejected = chars = 0
    stream = flow._record_batches([path], settings, {}, IdSet(), summary, "bench")
    for records in stream:
        for rec in records:
            got = batch.read_item(rec, settings.max_bytes)
            if isinstance(got, ingest.Rejected):
                rejected += 1
            else:
                articles += 1
                chars += len(got.text)
    print(json.dumps({
        "articles": articles, "rejected": rejected + len(summary.quarantine), "chars": chars,
        "seconds": round(time.perf_counter() - t0, 1),
        "rss_after_imports_mb": round(base / 1024, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


def measure(n_large: int = 200_000, scratch: Path | None = None) -> dict[str, Any]:
    """Peak RSS at n_large / 10 and n_large records; each size in its own process."""
    tmp = Path(scratch or tempfile.mkdtemp(prefix="newstables-bulk-"))
    out: dict[str, Any] = {"sizes": []}
    for n in (n_large // 10, n_large):
        path = tmp / f"bulk-{n}.jsonl"
        facts = build(path, n)
        got = subprocess.run([sys.executable, "-m", "bench.bulk", "--child", str(path)],
                             cwd=ROOT, capture_output=True, text=True, check=True)
        facts.update(json.loads(got.stdout.strip().splitlines()[-1]))
        out["sizes"].append(facts)
        path.unlink()
        print(f"bulk: {n:,} records, {facts['bytes'] / 1e6:.0f} MB: peak RSS "
              f"{facts['peak_rss_mb']:.0f} MB (after imports {facts['rss_after_imports_mb']:.0f}"
              f" MB), {facts['seconds']} s", flush=True)
    small, large = out["sizes"]
    out["file_growth"] = large["bytes"] / small["bytes"]
    out["peak_growth"] = large["peak_rss_mb"] / small["peak_rss_mb"] - 1
    print(f"bulk: file ×{out['file_growth']:.1f}, peak RSS {out['peak_growth']:+.1%}", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bulk", description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=200_000, help="the large size")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(args.child)
        return 0
    measure(args.records)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
