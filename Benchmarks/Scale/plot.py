#!/usr/bin/env python3
"""Draws the figures of `concord-bench-scale` (results.tsv) as growth.png beside it: each
command's time against members, against paragraphs, and round after round, on log scales
where growth laws show as slopes (1: linear)."""
import csv
import sys
from collections import defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: the benchmark runs headless
import matplotlib.pyplot as plt


def series(rows, prefix, x_key):
    """Per command (the step without its prefix): sorted (x, seconds) points."""
    points = defaultdict(list)
    for row in rows:
        if row["step"].startswith(prefix):
            points[row["step"][len(prefix):]].append((int(row[x_key]), float(row["seconds"])))
    return {name: sorted(values) for name, values in points.items()}


def main():
    results = Path(sys.argv[1] if len(sys.argv) > 1 else "results.tsv")
    with results.open() as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    figure, axes = plt.subplots(1, 3, figsize=(16, 5))
    for axis, prefix, key, title in [
        (axes[0], "by members: ", "members", "against members"),
        (axes[1], "by paragraphs: ", "paragraphs", "against paragraphs"),
    ]:
        for name, points in series(rows, prefix, key).items():
            axis.plot([x for x, _ in points], [y * 1000 for _, y in points], marker="o", label=name)
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel(key)
        axis.set_ylabel("ms")
        axis.set_title(title)
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=8)
    rounds = defaultdict(list)
    for row in rows:
        if ":" not in row["step"] and row["step"] not in ("repository MB", "pull into an empty clone"):
            rounds[row["step"]].append((int(row["round"]), float(row["seconds"])))
    for name, points in sorted(rounds.items()):
        if len(points) > 1:
            axes[2].plot([x for x, _ in points], [y * 1000 for _, y in points], marker=".", label=name)
    axes[2].set_yscale("log")
    axes[2].set_xlabel("round")
    axes[2].set_ylabel("ms")
    axes[2].set_title("round after round")
    axes[2].grid(True, which="both", alpha=0.3)
    axes[2].legend(fontsize=7)
    figure.tight_layout()
    output = results.with_name("growth.png")
    figure.savefig(output, dpi=110)
    print(f"plot: {output}")


if __name__ == "__main__":
    main()
