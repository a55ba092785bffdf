#!/usr/bin/env python3
"""Greedy continuations from the built-in gpt and masked-word fillers from bert, for docs/models.md.

Usage: scripts/model-samples.py [path/to/attention-atlas-cli]
Greedy decoding here re-runs the CLI on the growing text and appends the top next token.
"""
import json
import subprocess
import sys

cli = sys.argv[1] if len(sys.argv) > 1 else "build/app/attention-atlas-cli"


def run(model, text, extra=()):
    out = subprocess.run([cli, "run", "--model", model, "--text", text, *extra],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


prompts = ["The old woman opened the door and", "When the sun went down, the children",
           "He looked at the letter for a long time", "The little dog ran",
           "In the morning we shall"]
print("## gpt: greedy continuations (12 tokens)\n")
for prompt in prompts:
    text = prompt
    for _ in range(12):
        result = run("gpt", text)
        last = result["predictions"][-1]["top"][0]["text"]
        text += last
    print(f"- *{prompt}*{text[len(prompt):]}")

masked = [("The cat sat on the mat.", "sat"), ("She put the book on the table.", "book"),
          ("They walked to the river every morning.", "river"),
          ("He was too tired to eat his dinner.", "tired"),
          ("The children were playing in the garden.", "playing")]
print("\n## bert: top 5 fillers for a masked word\n")
for sentence, word in masked:
    tokens = run("bert", sentence)["tokens"]
    index = next(i for i, t in enumerate(tokens) if t["text"] == word)
    result = run("bert", sentence, ["--mask", str(index)])
    top = result["predictions"][0]["top"]
    fillers = ", ".join(f"{t['text']} {t['probability']:.2f}" for t in top)
    print(f"- {sentence.replace(word, '[MASK]', 1)} (was *{word}*): {fillers}")
