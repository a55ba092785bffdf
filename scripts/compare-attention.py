#!/usr/bin/env python3
"""Compare two `attention-atlas-cli run --format json` outputs of the same model and text.

usage: compare-attention.py EXPECTED.json ACTUAL.json [--tolerance 1e-4] [--label NAME]

Prints one line: the label, the token count, the largest absolute difference between the two
attention tensors [layer][head][query][key] (and, for information, between the probabilities of
the predictions both runs share). Exit status: 0 when the model, the tokens and the attention
shapes agree and every attention weight is finite and within the tolerance; 1 otherwise.
Standard library only (no numpy).
"""

import argparse
import json
import math
import sys


def flatten(value, path, out):
    """Appends (path, number) for every number of a nested list, checking the nesting."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            flatten(item, path + (index,), out)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        out.append((path, float(value)))
    else:
        raise ValueError(f"attention{list(path)} is {type(value).__name__}, not a number")


def shape(value):
    dims = []
    while isinstance(value, list):
        dims.append(len(value))
        value = value[0] if value else None
    return dims


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("expected")
    parser.add_argument("actual")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    label = args.label or args.actual

    try:
        with open(args.expected, encoding="utf-8") as f:
            expected = json.load(f)
        with open(args.actual, encoding="utf-8") as f:
            actual = json.load(f)
    except (OSError, ValueError) as error:
        print(f"{label}: FAIL cannot read the outputs: {error}")
        return 1

    problems = []
    if expected.get("model") != actual.get("model"):
        problems.append(f"model differs: {expected.get('model')} vs {actual.get('model')}")
    expected_ids = [t.get("id") for t in expected.get("tokens", [])]
    actual_ids = [t.get("id") for t in actual.get("tokens", [])]
    if expected_ids != actual_ids:
        problems.append(f"tokens differ: {len(expected_ids)} vs {len(actual_ids)} tokens")
    if expected.get("truncated", False) != actual.get("truncated", False):
        problems.append("one run was truncated, the other not")

    expected_values, actual_values = [], []
    try:
        flatten(expected.get("attention"), (), expected_values)
        flatten(actual.get("attention"), (), actual_values)
    except ValueError as error:
        problems.append(str(error))
    if shape(expected.get("attention")) != shape(actual.get("attention")):
        problems.append(f"attention shapes differ: {shape(expected.get('attention'))} "
                        f"vs {shape(actual.get('attention'))}")
    elif [path for path, _ in expected_values] != [path for path, _ in actual_values]:
        problems.append("attention maps have different (ragged) shapes")
    elif not expected_values:
        problems.append("no attention weights")

    worst, worst_at, non_finite = 0.0, None, 0
    if not problems:
        for (path, a), (_, b) in zip(expected_values, actual_values):
            if not (math.isfinite(a) and math.isfinite(b)):
                non_finite += 1
                continue
            difference = abs(a - b)
            if difference > worst:
                worst, worst_at = difference, path
        if non_finite:
            problems.append(f"{non_finite} attention weights are NaN or infinite")
        if worst > args.tolerance:
            problems.append(f"attention differs by {worst:.3e} > {args.tolerance:g} at "
                            f"[layer, head, query, key] = {list(worst_at)}")

    # The predictions, for information: the largest probability difference of a candidate
    # both runs list at the same position, and how many candidates only one run lists.
    prediction_worst, unmatched = 0.0, 0
    actual_by_position = {p.get("position"): p for p in actual.get("predictions", [])}
    for position in expected.get("predictions", []):
        other = actual_by_position.get(position.get("position"), {"top": []})
        other_top = {c.get("id"): c.get("probability", 0.0) for c in other.get("top", [])}
        for candidate in position.get("top", []):
            if candidate.get("id") in other_top:
                prediction_worst = max(prediction_worst,
                                       abs(candidate.get("probability", 0.0) -
                                           other_top[candidate.get("id")]))
            else:
                unmatched += 1

    tokens = len(actual_ids)
    status = "FAIL" if problems else "ok"
    print(f"{label}: {status} {tokens} tokens, {len(actual_values)} weights, "
          f"max |attention difference| = {worst:.3e} (tolerance {args.tolerance:g}); "
          f"predictions: max |probability difference| = {prediction_worst:.3e}, "
          f"{unmatched} candidates in one run only")
    for problem in problems:
        print(f"  {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
