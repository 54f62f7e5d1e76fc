#!/usr/bin/env python3
"""Prints the medians of the last `cargo bench -p strata-benches` run as a
Markdown table, with ratios against confique and against the floor.

Usage: benches/medians.py [CRITERION_DIR]   (default: $CARGO_TARGET_DIR/criterion)
"""
import json
import os
import sys
from pathlib import Path

target = os.environ.get("CARGO_TARGET_DIR", str(Path(__file__).resolve().parent.parent / "target"))
root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(target) / "criterion")


def median(group, bench):
    path = root / group / bench / "new" / "estimates.json"
    if not path.exists():
        return None
    return json.loads(path.read_text())["median"]["point_estimate"]


def fmt(ns):
    if ns >= 1000:
        return f"{ns / 1000:.1f} µs"
    if ns >= 1:
        return f"{ns:.2f} ns"
    return f"{ns * 1000:.0f} ps"


def benches(group):
    d = root / group
    return sorted(p.name for p in d.iterdir() if (p / "new").is_dir()) if d.is_dir() else []


floor = median("layered", "floor (toml__from_str + env pass)")
for group in ["layered", "env_only"]:
    confique = median(group, "confique")
    print(f"### {group}\n")
    print("| benchmark | median | vs confique | vs floor |")
    print("|---|---:|---:|---:|")
    rows = [(median(group, b), b) for b in benches(group)]
    for ns, bench in sorted(rows):
        name = bench.replace("toml__from_str", "toml::from_str")
        vs_c = f"{ns / confique:.2f}x" if confique else "-"
        vs_f = f"{ns / floor:.2f}x" if floor else "-"
        print(f"| {name} | {fmt(ns)} | {vs_c} | {vs_f} |")
    print()

print("### explain and expose_secret\n")
print("| benchmark | median | vs confique layered | vs floor |")
print("|---|---:|---:|---:|")
confique = median("layered", "confique")
for group in sorted(p.name for p in root.iterdir() if p.name.startswith("explain")):
    ns = json.loads((root / group / "new" / "estimates.json").read_text())["median"]["point_estimate"]
    print(f"| {group.replace('_', '/', 1)} | {fmt(ns)} | {ns / confique:.2f}x | {ns / floor:.2f}x |")
for bench in benches("expose_secret"):
    print(f"| expose_secret/{bench} | {fmt(median('expose_secret', bench))} | | |")
