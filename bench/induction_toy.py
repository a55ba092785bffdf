#!/usr/bin/python3
"""A PyTorch replica of the induction preset's training, to tell the data from the trainer.

    bench/induction_toy.py [--layout periodic|pairs|mixed] [--vocab 300] [--context 32] ...

Before its spans were mostly short, the `induction` preset (core/train/TrainingPresets.cpp) did
not grow an induction head (docs/models.md). This script trains the same kind of model, GPT-2's block (pre-LN, learned
positions, tied embeddings, tanh-GELU MLP, or attention only), on the same kind of data with
PyTorch's own autograd and AdamW, and prints every --report steps the smoothed loss and, per
layer, the best induction score (TransformerLens's measure, as analysis/InductionScore.h: BOS and
n random tokens said twice, attention from each token of the second copy to the token after its
first occurrence), for n = (context - 1) / 2 and for each n of --measure-lengths.
If this replica fails where the trainer fails, the trainer is not what is missing.
--min-span 2 --short-spans 2.5 draws mostly short spans, as the preset now does; --positions
starts the positions from the sine/cosine table (frozen or trained); TOY_SHOW_OFFSETS=1 prints how
far back each head looks most often.

Layouts (core/train/RepeatedSpans.h; loss on the repeats only):
  periodic  BOS and a span of distinct random tokens repeated to fill the window;
  pairs     spans said exactly twice, pairs in a row, the window starting at a random point;
  mixed     half of each batch windows of the shipped books as bytes (loss on every token, so a
            previous-token head can grow), half pairs of tokens drawn from printable ASCII.
One thread; a few minutes per 2,000 steps of 32 x 32 tokens on this machine.
"""
import argparse
import glob
import gzip
import math
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layout", choices=["periodic", "pairs", "mixed"], default="periodic")
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--d-model", type=int, default=128)
    parser.add_argument("--d-ff", type=int, default=512)
    parser.add_argument("--attention-only", action="store_true", help="no MLP blocks")
    parser.add_argument("--context", type=int, default=32)
    parser.add_argument("--vocab", type=int, default=300, help="mixed: 256 bytes")
    parser.add_argument("--min-span", type=int, default=4)
    parser.add_argument("--short-spans", type=float, default=1.0,
                        help="span length min + U^p (longest - min + 1): p > 1 favours short spans")
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--steps", type=int, default=2000)
    parser.add_argument("--lr", type=float, default=3e-3)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--weight-decay", type=float, default=0.1)
    parser.add_argument("--gpt2-init", action="store_true",
                        help="N(0, 0.02) matrices and embeddings, zero biases (default: PyTorch's)")
    parser.add_argument("--positions", choices=["learned", "sinusoidal", "frozen-sinusoidal"],
                        default="learned", help="learned from random; from the sine/cosine table; "
                        "the table, not trained")
    parser.add_argument("--measure-lengths", default="", help="e.g. 5,8,12: more repeat lengths")
    parser.add_argument("--report", type=int, default=250)
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


class Block(nn.Module):
    def __init__(self, options):
        super().__init__()
        d = options.d_model
        self.options = options
        self.ln_1, self.ln_2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv, self.out = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.mlp_in, self.mlp_out = nn.Linear(d, options.d_ff), nn.Linear(options.d_ff, d)
        self.attention = None  # [B, heads, T, T] of the last forward

    def forward(self, x):
        batch, tokens, d = x.shape
        heads = self.options.heads
        q, k, v = self.qkv(self.ln_1(x)).split(d, -1)
        q, k, v = [t.view(batch, tokens, heads, d // heads).transpose(1, 2) for t in (q, k, v)]
        scores = q @ k.transpose(-1, -2) / math.sqrt(d // heads)
        future = torch.triu(torch.ones(tokens, tokens, dtype=torch.bool), 1)
        self.attention = scores.masked_fill(future, float("-inf")).softmax(-1)
        x = x + self.out((self.attention @ v).transpose(1, 2).reshape(batch, tokens, d))
        if not self.options.attention_only:
            x = x + self.mlp_out(F.gelu(self.mlp_in(self.ln_2(x)), approximate="tanh"))
        return x


class Gpt(nn.Module):
    def __init__(self, options):
        super().__init__()
        self.tokens = nn.Embedding(options.vocab, options.d_model)
        self.positions = nn.Embedding(options.context, options.d_model)
        self.blocks = nn.ModuleList([Block(options) for _ in range(options.layers)])
        self.ln_f = nn.LayerNorm(options.d_model)
        if options.gpt2_init:
            for name, parameter in self.named_parameters():
                if parameter.dim() == 2:
                    nn.init.normal_(parameter, std=0.02)
                elif "ln" not in name:
                    nn.init.zeros_(parameter)

        if options.positions != "learned":
            position = torch.arange(options.context, dtype=torch.float32)[:, None]
            rate = torch.exp(torch.arange(0, options.d_model, 2, dtype=torch.float32) *
                             (-math.log(10000.0) / options.d_model))
            table = torch.zeros(options.context, options.d_model)
            table[:, 0::2], table[:, 1::2] = torch.sin(position * rate), torch.cos(position * rate)
            self.positions.weight.data.copy_(table)
            self.positions.weight.requires_grad_(options.positions == "sinusoidal")

    def forward(self, ids):
        x = self.tokens(ids) + self.positions(torch.arange(ids.shape[1]))
        for block in self.blocks:
            x = block(x)
        return self.ln_f(x) @ self.tokens.weight.T


class Batches:
    """Training batches of one layout; token 0 is BOS."""

    def __init__(self, options, generator):
        self.options, self.generator = options, generator
        self.text = None
        if options.layout == "mixed":
            books = sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                                  "resources", "training-text", "*.txt.gz")))
            self.text = b"".join(gzip.open(book).read() for book in books[:3])

    def below(self, n):
        return int(torch.randint(0, n, (1,), generator=self.generator))

    def pairs_row(self, low, high):
        """BOS and a window of spans said twice; targets where the repeat can be predicted."""
        context, longest = self.options.context, (self.options.context - 1) // 2
        stream, first = [], []  # first: where a repeated token occurred first, else -1
        pool, used = torch.randperm(high - low, generator=self.generator) + low, 0
        offset = self.below(2 * longest)
        while len(stream) < offset + context:
            u = float(torch.rand(1, generator=self.generator)) ** self.options.short_spans
            n = self.options.min_span + int(u * (longest - self.options.min_span + 1))
            if used + n > high - low:
                pool, used = torch.randperm(high - low, generator=self.generator) + low, 0
            span = pool[used:used + n].tolist()
            used += n
            first += [-1] * n + list(range(len(stream), len(stream) + n))
            stream += span + span
        window = [0] + stream[offset:offset + context]
        targets = []
        for t in range(context):
            position = offset + t  # the stream position of window[t + 1]
            cue = first[position] - 1
            repeat = position >= 1 and cue >= offset and first[position - 1] == cue
            targets.append(window[t + 1] if repeat else -100)
        return window[:context], targets

    def periodic_row(self):
        context, longest = self.options.context, (self.options.context - 1) // 2
        n = self.options.min_span + self.below(longest - self.options.min_span + 1)
        span = (torch.randperm(self.options.vocab - 1, generator=self.generator)[:n] + 1).tolist()
        sequence = ([0] + span * (context // n + 2))[:context + 1]
        return sequence[:context], [-100] * n + sequence[n + 1:]

    def text_row(self):
        start = self.below(len(self.text) - self.options.context - 2)
        window = list(self.text[start:start + self.options.context + 1])
        return window[:-1], window[1:]

    def __call__(self):
        rows = []
        for b in range(self.options.batch):
            if self.options.layout == "periodic":
                rows.append(self.periodic_row())
            elif self.options.layout == "pairs":
                rows.append(self.pairs_row(1, self.options.vocab))
            else:
                rows.append(self.text_row() if b < self.options.batch // 2 else
                            self.pairs_row(33, 127))
        return (torch.tensor([ids for ids, _ in rows]), torch.tensor([t for _, t in rows]))


def induction_scores(model, options, n):
    """Per layer: (best induction score, its head, best previous-token share)."""
    generator = torch.Generator().manual_seed(123)
    low, high = (33, 127) if options.layout == "mixed" else (1, options.vocab)
    spans = [torch.randperm(high - low, generator=generator)[:n] + low for _ in range(8)]
    ids = torch.stack([torch.cat([torch.tensor([0]), span, span]) for span in spans])
    with torch.no_grad():
        model(ids)
    queries = torch.arange(n + 1, 2 * n + 1)
    scores = []
    for block in model.blocks:
        attention = block.attention
        induction = attention[:, :, queries, queries - n + 1].mean((0, 2))
        after = torch.arange(1, 2 * n + 1)
        previous = attention[:, :, after, after - 1].mean((0, 2))
        scores.append((induction.max().item(), int(induction.argmax()), previous.max().item()))
    if os.environ.get("TOY_SHOW_OFFSETS"):
        for layer, block in enumerate(model.blocks):
            back = queries[None, None, :] - block.attention[:, :, queries, :].argmax(-1)
            print(f"      n = {n} L{layer} lookback per head:", [
                torch.bincount(back[:, head].flatten(), minlength=2).topk(2).indices.tolist()
                for head in range(back.shape[1])])
    return scores


def main():
    options = parse_arguments()
    if options.layout == "mixed":
        options.vocab = 256
    torch.manual_seed(options.seed)
    torch.set_num_threads(1)
    model = Gpt(options)
    trained = [p for p in model.parameters() if p.requires_grad]
    matrices = [p for p in trained if p.dim() == 2]
    others = [p for p in trained if p.dim() != 2]
    optimiser = torch.optim.AdamW([{"params": matrices, "weight_decay": options.weight_decay},
                                   {"params": others, "weight_decay": 0.0}],
                                  lr=options.lr, betas=(0.9, 0.95))
    batches = Batches(options, torch.Generator().manual_seed(options.seed))
    lengths = [int(n) for n in options.measure_lengths.split(",") if n]
    start, smoothed = time.time(), None
    for step in range(1, options.steps + 1):
        progress = min(1.0, step / options.steps)
        rate = options.lr * min(1.0, step / options.warmup) * (
            0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))
        for group in optimiser.param_groups:
            group["lr"] = rate
        ids, targets = batches()
        loss = F.cross_entropy(model(ids).reshape(-1, options.vocab), targets.reshape(-1),
                               ignore_index=-100)
        optimiser.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimiser.step()
        smoothed = loss.item() if smoothed is None else 0.98 * smoothed + 0.02 * loss.item()
        if step % options.report == 0:
            line = f"step {step} loss {smoothed:.2f}"
            for layer, (score, head, previous) in enumerate(
                    induction_scores(model, options, (options.context - 1) // 2)):
                line += f"  L{layer}: induction {score:.2f} (head {head}) prev {previous:.2f}"
            print(line + f"  {time.time() - start:.0f} s", flush=True)
            for n in lengths:
                print(f"    n = {n}:" + "".join(
                    f"  L{layer}: induction {score:.2f} (head {head})" for layer, (score, head, _)
                    in enumerate(induction_scores(model, options, n))), flush=True)


if __name__ == "__main__":
    main()
