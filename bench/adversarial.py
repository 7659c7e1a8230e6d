"""`make bench-adversarial`: how each regex-heavy step grows on hostile text, 10 KB → 1 MB.

For each module (segment, clean, parse, dates, claims) and each adversarial shape (runs of
`.`/`?`/`!`, unbalanced quote marks, long unpunctuated lines, …) the step runs on inputs
of 10 KB, 20 KB, 40 KB, … up to `--max-kb` (default 1024), and the CPU seconds of the
step alone are printed with the growth factor from the previous size. A linear step
shows factors near 2 per doubling; a quadratic one near 4. A size is skipped once a step
took longer than `--budget` seconds, so an old quadratic step cannot hang the bench.

Claims need a spaCy Doc: the bench parses the text once with the pipeline's model
(outside the timing, in chunks of spaCy's `max_length`) and times `extract_claims` only.

    python -m bench.adversarial [--max-kb 1024] [--only segment,claims] [--budget 60]

Timing belongs here, never in a test: `tests/steps/test_linear_time.py` checks the same
shapes with counted costs instead.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

OUT = Path(__file__).parent / "out"

#: Hostile text shapes: a name and a function giving about `n` characters of it.
SHAPES: dict[str, Callable[[int], str]] = {
    "dots": lambda n: "Word" + "." * n + "x",
    "questions": lambda n: "Word" + "?" * n + "x",
    "bangs": lambda n: "Word" + "!" * n + "a",
    "mixed_terminals": lambda n: "Word" + "?!." * (n // 3) + "x",
    "spaced_dots": lambda n: "Word" + ". " * (n // 2) + "x",
    "open_quotes": lambda n: 'He said "yes ' * (n // 13),
    "open_single": lambda n: "He said 'yes " * (n // 13),
    "curly_opens": lambda n: "He said “yes " * (n // 13),
    "long_line": lambda n: ("word " * (n // 5)).strip(),
    "dates": lambda n: "March 5, 2024 " * (n // 14),
}


def _segment(text: str) -> Any:
    from flows.steps import segment

    return segment.sentence_spans(text)


def _parse(text: str) -> Any:
    from flows.steps import parse

    return parse.parse(text)


def _clean(text: str) -> Any:
    from flows.steps import clean, parse

    return clean.clean(parse.parse(text))


def _dates(text: str) -> Any:
    from flows.steps import dates

    return dates.normalise_date(text, None), dates.parse_dateline(text)


#: module name -> the step timed on one text.
STEPS: dict[str, Callable[[str], Any]] = {
    "segment": _segment, "parse": _parse, "clean": _clean, "dates": _dates,
}


def claims_runner(model: str = "en_core_web_sm") -> Callable[[str], Callable[[], Any]]:
    """Returns text -> a thunk timing `extract_claims` on that text's Doc."""
    from spacy.tokens import Doc

    from flows.claims import extract_claims
    from flows.steps import docindex, nlp

    language = nlp.load(model)

    def prepare(text: str) -> Callable[[], Any]:
        size = language.max_length - 1
        docs = [language(text[i:i + size]) for i in range(0, len(text), size)]
        doc = Doc.from_docs(docs, ensure_whitespace=False) if len(docs) > 1 else docs[0]
        docindex.share_text(doc, doc.text)
        return lambda: extract_claims(doc, [])

    return prepare


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def curve(run: Callable[[], Any]) -> float:
    t0 = _cpu()
    run()
    return _cpu() - t0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m bench.adversarial")
    ap.add_argument("--max-kb", type=int, default=1024)
    ap.add_argument("--only", default="segment,parse,clean,dates,claims")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    ap.add_argument("--budget", type=float, default=60.0)
    args = ap.parse_args(argv)
    sizes = []
    kb = 10
    while kb <= args.max_kb:
        sizes.append(kb)
        kb *= 2
    if sizes[-1] != args.max_kb:
        sizes.append(args.max_kb)
    results: list[dict[str, Any]] = []
    modules = args.only.split(",")
    prepare = claims_runner() if "claims" in modules else None
    for module in modules:
        for shape in args.shapes.split(","):
            if module == "claims" and "quote" not in shape and "single" not in shape \
                    and "opens" not in shape:
                continue  # claims' adversary is quote marks; spaCy time dominates the rest
            prev = None
            for size in sizes:
                text = SHAPES[shape](size * 1024)
                if module == "claims":
                    assert prepare is not None
                    thunk = prepare(text)
                else:
                    thunk = partial(STEPS[module], text)
                sec = curve(thunk)
                factor = f"x{sec / prev:.1f}" if prev and prev > 0.005 else ""
                print(f"{module:8} {shape:16} {size:5d} KB {sec:9.3f} s {factor}", flush=True)
                results.append({"module": module, "shape": shape, "kb": size, "cpu_s": sec})
                prev = sec
                if sec > args.budget:
                    print(f"{module:8} {shape:16} stopped: over the {args.budget:.0f} s budget")
                    break
    OUT.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    (OUT / f"adversarial-{stamp}.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
