#!/usr/bin/python3
"""Which heads would make each lesson claim true, for a retrained built-in model.

    scripts/lesson-heads.py CLI MODEL [LESSON_MODEL]

For every step of ui/classroom/lessons.json whose model is LESSON_MODEL (default: MODEL), runs
`CLI run` on the step's text (with the step's token masked where the claim asks) and prints, for
an "attends" claim, the heads whose largest weight from the claim's token is on its target (the
check tst_lesson_claims makes), best first; for a "predicts" claim, the model's top guesses. The
head named in the step comes first on each line, so a stale head stands out. Use it after
shipping new weights, then set each step's "layer" and "head".
"""
import json
import os
import subprocess
import sys


def run(cli, model, text, mask=None):
    command = [cli, "run", "--model", model, "--text", text]
    if mask is not None:
        command += ["--mask", str(mask)]
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def main(cli, model, lesson_model):
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    with open(os.path.join(root, "ui", "classroom", "lessons.json")) as file:
        lessons = json.load(file)["lessons"]
    for lesson in lessons:
        for index, step in enumerate(lesson.get("steps", [])):
            if step.get("model") != lesson_model:
                continue
            for claim in step.get("claims", []):
                masked = claim.get("masked") or claim["kind"] == "predicts"
                result = run(cli, model, step["text"], step.get("token") if masked else None)
                tokens = [token["text"] for token in result["tokens"]]
                where = f"{lesson['name']} step {index} (now {step.get('layer')}:{step.get('head')})"
                if claim["kind"] == "attends":
                    source = "[MASK]" if claim.get("masked") else claim["from"]
                    if source not in tokens:
                        print(f"{where}: no token {source!r}")
                        continue
                    row_index = tokens.index(source)
                    heads = []
                    for layer, maps in enumerate(result["attention"]):
                        for head, weights in enumerate(maps):
                            row = weights[row_index]
                            top = max(range(len(row)), key=row.__getitem__)
                            if tokens[top] == claim["to"]:
                                heads.append((row[top], f"{layer}:{head}"))
                    found = ", ".join(f"{name} ({weight:.2f})" for weight, name in sorted(heads, reverse=True))
                    print(f"{where}: {claim['from']} -> {claim['to']}: {found or 'no head'}")
                elif claim["kind"] == "predicts":
                    guesses = result.get("predictions", [{}])[0].get("top", [])
                    shown = ", ".join(f"{g['text']} {g['probability']:.2f}" for g in guesses[:5])
                    print(f"{where}: predicts one of {claim['any_of']}: {shown}")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else sys.argv[2])
