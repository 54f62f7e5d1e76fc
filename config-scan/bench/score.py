#!/usr/bin/env python3
"""Score scanner reports against the corpus ground truth.

A finding is a true positive when its (file, line) is a planted secret;
every other distinct (file, line) reported is a false positive.

The corpus copies real source under vendor/copyN/ as filler. Crates ship
test fixtures with real-looking keys, so a finding there is a false positive
by the ground truth but may be an arguable find; it hits every tool alike.
The table therefore also gives the findings in filler files and the
precision over the generated files only.
"""
import json
import os
import re
import sys

work = sys.argv[1]


def rel(path, root):
    path = os.path.normpath(path)
    root = os.path.normpath(root)
    if path.startswith(root + os.sep):
        return path[len(root) + 1:]
    if path.startswith("./"):
        return path[2:]
    return path


def load_strata(out, root):
    doc = json.load(open(out))
    return {(f["path"], f["line"]) for f in doc["findings"]}


def load_leaks(out, root):  # gitleaks: a list; betterleaks: {"findings": [...]}
    doc = json.load(open(out))
    if isinstance(doc, list):
        return {(rel(f["File"], root), f["StartLine"]) for f in doc}
    return {(rel(f["location"]["path"], root), f["location"]["start_line"]) for f in doc["findings"]}


def walk(obj):
    if isinstance(obj, dict):
        yield obj
        for v in obj.values():
            yield from walk(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from walk(v)


def load_kingfisher(out, root):
    text = open(out).read()
    try:
        docs = [json.loads(text)]
    except json.JSONDecodeError:
        docs = [json.loads(l) for l in text.splitlines() if l.strip()]
    found = set()
    for doc in docs:
        for node in walk(doc):
            path = node.get("path") or node.get("file")
            line = node.get("line") or node.get("start_line")
            if isinstance(path, str) and isinstance(line, int):
                found.add((rel(path, root), line))
    return found


def load_detect_secrets(out, root):
    doc = json.load(open(out))
    return {(rel(p, "."), r["line_number"]) for p, rs in doc["results"].items() for r in rs}


LOADERS = {
    "strata": load_strata,
    "strata-20mb": load_strata,
    "kingfisher": load_kingfisher,
    "betterleaks": load_leaks,
    "gitleaks": load_leaks,
    "detect-secrets-20mb": load_detect_secrets,
}


def timing(name):
    text = open(os.path.join(work, name + ".time")).read()
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
    sys_ = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time .*: ([\d:.]+)", text).group(1)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return user + sys_, wall, rss / 1024


FILLER = "vendor" + os.sep  # where the corpus generator puts real-source filler
ORDER = list(LOADERS)
runs = [open(os.path.join(work, n + ".run")).read().split() for n in ORDER if os.path.exists(os.path.join(work, n + ".run"))]
rows = []
for name, root, out in runs:
    tree = os.path.basename(root)
    truth_doc = json.load(open(os.path.join(work, tree + ".truth.json")))
    truth = {(s["path"], s["line"]) for s in truth_doc["secrets"]}
    try:
        found = LOADERS[name](out, root)
    except Exception as e:  # noqa: BLE001
        print(f"{name}: cannot read report {out}: {e}")
        found = set()
    tp = len(found & truth)
    recall = tp / len(truth)
    precision = tp / len(found) if found else 0.0
    in_filler = sum(1 for p, _ in found if p.startswith(FILLER))
    in_generated = len(found) - in_filler
    precision_gen = tp / in_generated if in_generated else 0.0
    cpu, wall, rss = timing(name)
    mb = truth_doc["bytes"] / 1048576
    rows.append((name, f"{mb:.0f} MB", f"{cpu:.1f}", wall, f"{rss:.0f}", f"{recall:.4f}", f"{precision:.4f}",
                 f"{precision_gen:.4f}", len(found), in_filler, len(truth)))

head = ("tool", "tree", "CPU s", "wall", "max RSS MB", "recall", "precision", "precision (generated files)",
        "reported", "in filler", "planted")
widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(len(head))]
print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |")
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows:
    print("| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |")
