#!/usr/bin/env python3
"""Check the sample corpus gold files against the articles.

  python3 corpus/sample/gold/check.py [--shared DIR]

Verifies that every gold doc exists; every evidence snippet is an exact
substring of the article body (after the front matter); every noise and body
line of clean.jsonl is an exact line of the body, and together they cover all
its non-blank lines; actors, propositions and polarities are valid values of
the spec. With a shared directory (default: ../shared next to the checkout,
when present) it also checks that no 8-word run of an article appears in any
*.txt or *.jsonl file there. Exits non-zero on the first kind of failure.
"""
import argparse
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)
ACTORS = {"russia", "ukraine", "usa", "europe"}
PROPOSITIONS = {
    "ceasefire", "frontline_freeze", "territory_cession", "recognition", "nato_membership",
    "neutrality", "security_guarantees", "foreign_troops", "military_limits", "military_aid",
    "sanctions", "humanitarian_exchange", "elections", "language_culture", "normalization",
    "ukraine_participation", "leaders_summit", "eu_membership",
}
POLARITIES = {"support", "oppose"}
FRONT_MATTER = re.compile(r"^---\n((?:[a-z]+: .*\n)+)---\n")
FM_KEYS = ["title", "outlet", "published", "url"]
QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def read_doc(name):
    with open(os.path.join(CORPUS, name), encoding="utf-8") as f:
        text = f.read()
    m = FRONT_MATTER.match(text)
    if not m:
        raise ValueError(f"{name}: no front matter block")
    keys = [line.split(":", 1)[0] for line in m.group(1).splitlines()]
    if keys != FM_KEYS:
        raise ValueError(f"{name}: front matter keys {keys}, expected {FM_KEYS}")
    return text[m.end():]


def words(text):
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.translate(QUOTES).lower())


def ngrams(ws, n=8):
    return {" ".join(ws[i:i + n]) for i in range(len(ws) - n + 1)}


def main():
    default_shared = os.path.normpath(os.path.join(CORPUS, "..", "..", "..", "shared"))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=default_shared, help="directory whose *.txt/*.jsonl must share no 8-word run")
    args = ap.parse_args()
    errors = []
    docs = sorted(os.path.basename(p) for p in glob.glob(os.path.join(CORPUS, "*.txt")))
    bodies = {}
    for name in docs:
        try:
            bodies[name] = read_doc(name)
        except ValueError as err:
            errors.append(str(err))

    claims = [json.loads(line) for line in open(os.path.join(HERE, "claims.jsonl"), encoding="utf-8") if line.strip()]
    seen = set()
    for n, c in enumerate(claims, 1):
        where = f"claims.jsonl:{n}"
        if set(c) != {"doc", "actor", "proposition", "polarity", "evidence"}:
            errors.append(f"{where}: unexpected keys {sorted(c)}")
        if c.get("doc") not in bodies:
            errors.append(f"{where}: doc {c.get('doc')!r} does not exist")
            continue
        if c["actor"] not in ACTORS:
            errors.append(f"{where}: unknown actor {c['actor']!r}")
        if c["proposition"] not in PROPOSITIONS:
            errors.append(f"{where}: unknown proposition {c['proposition']!r}")
        if c["polarity"] not in POLARITIES:
            errors.append(f"{where}: unknown polarity {c['polarity']!r}")
        key = (c["doc"], c["actor"], c["proposition"], c["polarity"])
        if key in seen:
            errors.append(f"{where}: duplicate claim {key}")
        seen.add(key)
        if not isinstance(c["evidence"], list) or not c["evidence"]:
            errors.append(f"{where}: evidence must be a non-empty list")
            continue
        body = bodies[c["doc"]]
        for ev in c["evidence"]:
            if ev not in body:
                errors.append(f"{where}: evidence not in body of {c['doc']}: {ev!r}")

    clean = [json.loads(line) for line in open(os.path.join(HERE, "clean.jsonl"), encoding="utf-8") if line.strip()]
    covered = set()
    noise_lines = 0
    for row in clean:
        name = row["doc"]
        if name not in bodies:
            errors.append(f"clean.jsonl: doc {name!r} does not exist")
            continue
        covered.add(name)
        lines = [ln for ln in bodies[name].split("\n") if ln.strip()]
        for kind in ("noise", "body"):
            for ln in row[kind]:
                if ln not in lines:
                    errors.append(f"clean.jsonl {name}: {kind} line is not a line of the file: {ln!r}")
        noise_lines += len(row["noise"])
        if sorted(row["noise"] + row["body"]) != sorted(lines):
            errors.append(f"clean.jsonl {name}: noise + body do not cover the non-blank lines exactly once")
        noise = set(row["noise"])
        for c in claims:
            if c["doc"] == name:
                for ev in c["evidence"]:
                    if any(ev in ln for ln in noise):
                        errors.append(f"{name}: evidence lies in a noise line: {ev!r}")
    for name in set(bodies) - covered:
        errors.append(f"clean.jsonl: no row for {name}")

    copied = 0
    if os.path.isdir(args.shared):
        ours = {}
        for name, body in bodies.items():
            for g in ngrams(words(body)):
                ours.setdefault(g, name)
        for path in sorted(glob.glob(os.path.join(args.shared, "**", "*"), recursive=True)):
            if not path.endswith((".txt", ".jsonl")):
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                for g in ngrams(words(f.read())) & ours.keys():
                    copied += 1
                    errors.append(f"{ours[g]}: 8-word run also in {path}: {g!r}")
    else:
        print(f"note: {args.shared} not found, copy check skipped")

    for e in errors:
        print("FAIL", e)
    print(f"{len(bodies)} docs, {len(claims)} claims, {noise_lines} noise lines, "
          f"{sum(len(r['body']) for r in clean)} body lines, {copied} copied 8-grams: "
          + ("FAILED" if errors else "ok"))
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
