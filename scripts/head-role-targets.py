#!/usr/bin/env python3
"""Prints the built-in models issue's head-role targets for one `analyze --format json` table:
the best prev and next heads, and for each of the nine relations the best head against the best
fixed-offset baseline, as the Markdown of docs/models.md.

Usage: scripts/head-role-targets.py resources/models/gpt/head-roles.json [--zh] [--masked]
The Chinese models (a table whose model name ends in "-zh", or --zh) are held to the Chinese list
of thirteen relations (UD Chinese GSD's labels), of which 3 must beat their baseline. A masked
model (name starting with "bert", or --masked) also needs a `next` head.
"""
import json
import sys

RELATIONS = ["det", "amod", "case", "nsubj", "obj", "advmod", "aux", "compound", "nmod:poss"]
RELATIONS_ZH = ["nmod", "nsubj", "case", "obj", "nummod", "compound", "mark", "advmod", "clf",
                "amod", "det", "aux", "mark:rel"]


def main(path, flags=()):
    table = json.load(open(path))
    heads = table["heads"]
    # A causal model never attends ahead, so `next` is a target for bert only.
    model = table.get("model", "")
    masked = model.startswith("bert") or "--masked" in flags
    measures = ("prev", "next") if masked else ("prev",)
    relations = RELATIONS_ZH if model.endswith("-zh") or "--zh" in flags else RELATIONS
    for measure in measures:
        best = max(heads, key=lambda head: head[measure])
        verdict = "met" if best[measure] >= 0.8 else f"missed by {0.8 - best[measure]:.2f}"
        print(f"- Best `{measure}`: **{best[measure]:.2f}** (head {best['layer']}:{best['head']}); "
              f"target 0.8: {verdict}.")
    rows, beaten = [], 0
    for relation in relations:
        if relation not in table["baselines"]:
            continue  # the treebank has no arc of this relation
        best = max(heads, key=lambda head: head["relations"].get(relation, -1))
        score = best["relations"][relation]
        baseline = table["baselines"][relation]
        gain = score - baseline
        beaten += gain >= 0.10
        rows.append(f"| {relation} | {best['layer']}:{best['head']} | {score:.2f} | "
                    f"{best['relations'][relation + '_dir']} | {baseline:.2f} | {gain:+.2f} | "
                    f"{'yes' if gain >= 0.10 else 'no'} |")
    print(f"- Relations beating their baseline by >= 0.10: **{beaten}** of {len(relations)} "
          f"(target 3): "
          f"{'met' if beaten >= 3 else 'missed'}.")
    print()
    print("| relation | best head | score | direction | best fixed offset | gain | beats by >= 0.10 |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
