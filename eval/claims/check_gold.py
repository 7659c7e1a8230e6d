#!/usr/bin/env python3
"""Validate eval/claims/gold.jsonl and print claim counts per kind and split.

Usage: python eval/claims/check_gold.py [path/to/gold.jsonl]
Exit status 0 if the file is valid, 1 otherwise.
"""
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {"direct_quote", "partial_quote", "indirect", "belief"}
NON_QUOTE_KINDS = {"indirect", "belief"}
SPLITS = {"dev", "test"}
DOC_KEYS = {"doc_id", "split", "source", "licence", "text", "claims"}
CLAIM_KEYS = {"kind", "speaker", "speaker_canonical", "cue", "content",
              "content_start", "content_end", "addressee", "according_to"}
NULLABLE_STR = ["speaker", "speaker_canonical", "cue", "addressee", "according_to"]
QUOTE_MARKS = '"\u201c\u201d'


def check(path):
    errors = []
    docs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                docs.append(json.loads(line))
            except json.JSONDecodeError as e:
                errors.append(f"line {n}: invalid JSON: {e}")
    seen = set()
    for d in docs:
        did = d.get("doc_id", "?")
        missing = DOC_KEYS - d.keys()
        if missing:
            errors.append(f"{did}: missing keys {sorted(missing)}")
            continue
        if did in seen:
            errors.append(f"{did}: duplicate doc_id")
        seen.add(did)
        if d["split"] not in SPLITS:
            errors.append(f"{did}: bad split {d['split']!r}")
        if "text from Wikinews" not in d["source"]:
            errors.append(f"{did}: source attribution missing")
        if d.get("guideline_version", 2) not in (1, 2):
            errors.append(f"{did}: bad guideline_version {d.get('guideline_version')!r}")
        if "CC BY" not in d["licence"]:
            errors.append(f"{did}: licence missing")
        text = d["text"]
        art = os.path.join(os.path.dirname(os.path.abspath(path)), "articles", did + ".txt")
        if not os.path.exists(art):
            errors.append(f"{did}: missing article file {art}")
        else:
            with open(art, encoding="utf-8") as af:
                if af.read() != text + "\n":
                    errors.append(f"{did}: article file differs from text")
        spans = set()
        for i, c in enumerate(d["claims"]):
            tag = f"{did} claim {i}"
            missing = CLAIM_KEYS - c.keys()
            if missing:
                errors.append(f"{tag}: missing keys {sorted(missing)}")
                continue
            if c["kind"] not in KINDS:
                errors.append(f"{tag}: bad kind {c['kind']!r}")
            for k in NULLABLE_STR:
                if c[k] is not None and (not isinstance(c[k], str) or not c[k].strip()):
                    errors.append(f"{tag}: {k} must be a non-empty string or null")
            if (c["speaker"] is None) != (c["speaker_canonical"] is None):
                errors.append(f"{tag}: speaker and speaker_canonical must both be null or both set")
            if c["according_to"] is not None and c["according_to"] not in text:
                errors.append(f"{tag}: according_to not found in text")
            if c["addressee"] is not None and c["addressee"] not in text:
                errors.append(f"{tag}: addressee not found in text")
            if c["cue"] is not None and c["cue"].lower() not in text.lower():
                errors.append(f"{tag}: cue not found in text")
            if "marginal" in c and not isinstance(c["marginal"], bool):
                errors.append(f"{tag}: marginal must be boolean")
            s, e = c["content_start"], c["content_end"]
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                errors.append(f"{tag}: bad offsets {s},{e}")
                continue
            if text[s:e] != c["content"]:
                errors.append(f"{tag}: offsets do not match content: {text[s:e]!r} != {c['content']!r}")
            if c["content"] != c["content"].strip():
                errors.append(f"{tag}: content has leading/trailing whitespace")
            if c["kind"] in NON_QUOTE_KINDS and c["content"].endswith(".") and text[e:e + 1] != ".":
                errors.append(f"{tag}: {c['kind']} content should exclude the final period")
            if c["kind"] not in NON_QUOTE_KINDS and (c["content"][0] in QUOTE_MARKS or c["content"][-1] in QUOTE_MARKS):
                errors.append(f"{tag}: quote content must exclude the quotation marks")
            if (s, e, c["kind"]) in spans:
                errors.append(f"{tag}: duplicate claim span")
            spans.add((s, e, c["kind"]))
    present = {d.get("split") for d in docs}
    for sp in SPLITS - present:
        errors.append(f"split {sp!r} has no documents")
    return docs, errors


def report(docs):
    by = Counter()
    ndocs = Counter()
    marg = Counter()
    for d in docs:
        ndocs[d["split"]] += 1
        for c in d["claims"]:
            by[(d["split"], c["kind"])] += 1
            if c.get("marginal"):
                marg[(d["split"], c["kind"])] += 1
    kinds = sorted(KINDS)
    print(f"{'split':<6}{'docs':>5}" + "".join(f"{k:>15}" for k in kinds) + f"{'total':>8}")
    for sp in ["dev", "test"]:
        row = [by[(sp, k)] for k in kinds]
        print(f"{sp:<6}{ndocs[sp]:>5}" + "".join(f"{v:>15}" for v in row) + f"{sum(row):>8}")
    row = [by[("dev", k)] + by[("test", k)] for k in kinds]
    print(f"{'all':<6}{sum(ndocs.values()):>5}" + "".join(f"{v:>15}" for v in row) + f"{sum(row):>8}")
    print("of which marginal=true:")
    for sp in ["dev", "test"]:
        print(f"  {sp}: " + ", ".join(f"{k} {marg[(sp, k)]}" for k in kinds))
    for sp in ["dev", "test"]:
        print(f"{sp} docs: " + " ".join(sorted(d["doc_id"] for d in docs if d["split"] == sp)))


if __name__ == "__main__":
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "gold.jsonl")
    docs, errors = check(path)
    if errors:
        print("INVALID:")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print(f"OK: {path}")
    report(docs)
