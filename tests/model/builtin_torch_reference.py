#!/usr/bin/python3
"""The shipped built-in models against PyTorch: every head's attention within 1e-4.

usage: builtin_torch_reference.py --cli CLI --resources DIR

For each model folder in DIR/models (gpt, bert, gpt-zh, bert-zh), `CLI run` tokenizes a sentence
of the model's language and returns its attention; bench/torch_forward.py, written as Hugging
Face's GPT2LMHeadModel / BertForMaskedLM compute in eager mode, runs the same token ids on the
folder's weights. Exit status 0 when every model agrees, 1 when one does not, 77 (skipped)
without Debian's python3-torch.
"""
import argparse
import json
import os
import subprocess
import sys

SENTENCES = {
    "en": "The teacher said the students would visit the museum tomorrow.",
    "zh": "老师说学生们明天要去北京参观博物馆，因为那里有很多古老的书。",
}
TOLERANCE = 1e-4


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--resources", required=True)
    args = parser.parse_args()
    try:
        import torch
    except ImportError:
        print("SKIP: python3-torch is not installed")
        return 77
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bench"))
    from torch_forward import Bert, Gpt2

    models = os.path.join(args.resources, "models")
    failed = False
    for name in sorted(os.listdir(models)):
        folder = os.path.join(models, name)
        if not os.path.isfile(os.path.join(folder, "config.json")):
            continue
        with open(os.path.join(folder, "config.json")) as file:
            config = json.load(file)
        text = SENTENCES[config.get("language", "en")]
        run = subprocess.run([args.cli, "run", "--model", folder, "--text", text],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(f"{name}: run failed: {run.stderr.strip()}")
            failed = True
            continue
        ours = json.loads(run.stdout)
        ids = torch.tensor([token["id"] for token in ours["tokens"]], dtype=torch.long)
        model = Bert(folder) if config["model_type"] == "bert" else Gpt2(folder)
        theirs, _, _ = model.forward(ids)
        largest = 0.0
        for layer, maps in enumerate(theirs):
            expected = maps.double()
            actual = torch.tensor(ours["attention"][layer], dtype=torch.float64)
            if actual.shape != expected.shape:
                print(f"{name}: layer {layer}: shape {tuple(actual.shape)}, torch "
                      f"{tuple(expected.shape)}")
                failed = True
                break
            largest = max(largest, (actual - expected).abs().max().item())
        verdict = "ok" if largest <= TOLERANCE else "FAILED"
        print(f"{name}: {len(ids)} tokens, largest attention difference {largest:.2e}: {verdict}")
        failed |= largest > TOLERANCE
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
