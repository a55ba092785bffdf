#!/usr/bin/python3
"""A PyTorch reference of the decoder families (Llama, Mistral, Qwen2, Qwen3, GPT-NeoX) with
Hugging Face transformers' semantics (eager attention, float32), and the fixtures to test
`attention-atlas-cli` against it.

    modern_reference.py fixtures OUT            write the random fixture folders into OUT
    modern_reference.py check --cli CLI --work DIR [--stories FOLDER]
        write the fixtures into DIR, run `CLI run --model FIXTURE --text ...` on each and compare
        every head's attention and the top-5 predictions with the reference (1e-4); with
        --stories, also the real trained Llama in FOLDER (skipped while its tokenizer.json cannot
        be read) and, for the C++ test from ids, DIR/stories260K-reference.json
    modern_reference.py reference --model FOLDER --ids 1,2,3   print the attention as JSON

`transformers` is not packaged in Debian, so this file is the reference: each family's forward is
written from transformers' modeling_llama.py, modeling_mistral.py, modeling_qwen2.py,
modeling_qwen3.py and modeling_gpt_neox.py. Weights stored as F16 or BF16 are computed in float32,
as Attention Atlas does.
"""
import argparse
import json
import math
import os
import struct
import subprocess
import sys

import numpy as np
import torch

TOLERANCE = 1e-4

# ----------------------------------------------------------------------------------------------
# safetensors


def encode(array, dtype):
    array = np.ascontiguousarray(array, dtype=np.float32)
    if dtype == "F32":
        return array.astype("<f4").tobytes()
    if dtype == "F16":
        return array.astype("<f2").tobytes()
    bits = array.view(np.uint32).astype(np.uint64)
    rounded = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype("<u2")  # round to nearest even
    return rounded.tobytes()


def stored_value(array, dtype):
    """The float32 value of `array` once stored as `dtype`."""
    array = np.ascontiguousarray(array, dtype=np.float32)
    if dtype == "F32":
        return array
    if dtype == "F16":
        return array.astype(np.float16).astype(np.float32)
    bits = np.frombuffer(encode(array, "BF16"), dtype="<u2").astype(np.uint32) << 16
    return bits.view(np.float32).reshape(array.shape)


def write_safetensors(path, tensors, dtype):
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        data = encode(array, dtype)
        header[name] = {"dtype": dtype, "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt"}
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as out:
        out.write(struct.pack("<Q", len(text)))
        out.write(text)
        for blob in blobs:
            out.write(blob)


def read_safetensors(path):
    with open(path, "rb") as source:
        length = struct.unpack("<Q", source.read(8))[0]
        header = json.loads(source.read(length))
        data = source.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        raw = data[begin:end]
        if info["dtype"] == "F32":
            values = np.frombuffer(raw, dtype="<f4")
        elif info["dtype"] == "F16":
            values = np.frombuffer(raw, dtype="<f2").astype(np.float32)
        elif info["dtype"] == "BF16":
            values = (np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16).view(np.float32)
        else:
            continue
        tensors[name] = torch.from_numpy(values.reshape(info["shape"]).copy())
    return tensors


def read_weights(folder):
    index = os.path.join(folder, "model.safetensors.index.json")
    if os.path.exists(index):
        with open(index) as source:
            shards = sorted(set(json.load(source)["weight_map"].values()))
        tensors = {}
        for shard in shards:
            tensors.update(read_safetensors(os.path.join(folder, shard)))
        return tensors
    return read_safetensors(os.path.join(folder, "model.safetensors"))


# ----------------------------------------------------------------------------------------------
# The reference forward pass


def inverse_frequencies(config, dim):
    """transformers' rope init functions (default, linear, llama3), in float32."""
    neox = config["model_type"] == "gpt_neox"
    base = config.get("rope_theta", 10000.0)
    if neox:
        base = config.get("rotary_emb_base", base)
    inv_freq = 1.0 / (base ** (torch.arange(0, dim, 2, dtype=torch.int64).to(torch.float) / dim))
    scaling = config.get("rope_scaling")
    if not scaling:
        return inv_freq
    kind = scaling.get("rope_type", scaling.get("type"))
    if kind == "default":
        return inv_freq
    if kind == "linear":
        return inv_freq / scaling["factor"]
    if kind == "llama3":
        factor = scaling["factor"]
        low_freq_factor = scaling["low_freq_factor"]
        high_freq_factor = scaling["high_freq_factor"]
        old_context_len = scaling["original_max_position_embeddings"]
        low_freq_wavelen = old_context_len / low_freq_factor
        high_freq_wavelen = old_context_len / high_freq_factor
        wavelen = 2 * math.pi / inv_freq
        inv_freq_llama = torch.where(wavelen > low_freq_wavelen, inv_freq / factor, inv_freq)
        smooth_factor = (old_context_len / wavelen - low_freq_factor) / (
            high_freq_factor - low_freq_factor)
        smoothed = (1 - smooth_factor) * inv_freq_llama / factor + smooth_factor * inv_freq_llama
        is_medium = ~(wavelen < high_freq_wavelen) * ~(wavelen > low_freq_wavelen)
        return torch.where(is_medium, smoothed, inv_freq_llama)
    raise ValueError("rope type " + kind)


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def apply_rotary(x, cos, sin):
    """x [H, T, D]: rotates the first cos.shape[-1] dims (GPT-NeoX's partial rotary)."""
    rotated = cos.shape[-1]
    x_rot, x_pass = x[..., :rotated], x[..., rotated:]
    return torch.cat((x_rot * cos + rotate_half(x_rot) * sin, x_pass), dim=-1)


def rms_norm(x, weight, eps):
    variance = x.pow(2).mean(-1, keepdim=True)
    return weight * (x * torch.rsqrt(variance + eps))


class Decoder:
    def __init__(self, folder):
        with open(os.path.join(folder, "config.json")) as source:
            self.config = json.load(source)
        self.w = read_weights(folder)
        c = self.config
        self.neox = c["model_type"] == "gpt_neox"
        self.n_head = c["num_attention_heads"]
        self.n_kv = self.n_head if self.neox else c.get("num_key_value_heads", self.n_head)
        default_head_dim = 128 if c["model_type"] == "qwen3" else c["hidden_size"] // self.n_head
        self.head_dim = (c["hidden_size"] // self.n_head if self.neox
                         else c.get("head_dim") or default_head_dim)
        rotary_dims = (int(self.head_dim * c.get("rotary_pct", 0.25)) if self.neox
                       else self.head_dim)
        self.inv_freq = inverse_frequencies(c, rotary_dims)
        self.eps = c.get("layer_norm_eps", 1e-5) if self.neox else c.get("rms_norm_eps", 1e-6)
        self.window = c.get("sliding_window") if c["model_type"] == "mistral" else None
        self.prefix = "gpt_neox." if self.neox else "model."

    def get(self, name):
        return self.w[name]

    def has(self, name):
        return name in self.w

    def linear(self, x, name, bias=True):
        y = x @ self.get(name + ".weight").T
        if bias and self.has(name + ".bias"):
            y = y + self.get(name + ".bias")
        return y

    def norm(self, x, name):
        if self.neox:
            return torch.nn.functional.layer_norm(x, (x.shape[-1],), self.get(name + ".weight"),
                                                  self.get(name + ".bias"), self.eps)
        return rms_norm(x, self.get(name + ".weight"), self.eps)

    def attention(self, x, layer, cos, sin):
        """x [T, C] -> (output [T, C], probabilities [NH, T, T])."""
        T = x.shape[0]
        NH, KV, D = self.n_head, self.n_kv, self.head_dim
        p = self.prefix + "layers.%d." % layer
        if self.neox:
            qkv = self.linear(x, p + "attention.query_key_value").view(T, NH, 3 * D)
            q, k, v = qkv[..., :D], qkv[..., D:2 * D], qkv[..., 2 * D:]
            q, k, v = (t.transpose(0, 1) for t in (q, k, v))  # [H, T, D]
        else:
            q = self.linear(x, p + "self_attn.q_proj").view(T, NH, D)
            k = self.linear(x, p + "self_attn.k_proj").view(T, KV, D)
            v = self.linear(x, p + "self_attn.v_proj").view(T, KV, D)
            if self.has(p + "self_attn.q_norm.weight"):  # Qwen3: per head, before RoPE
                q = rms_norm(q, self.get(p + "self_attn.q_norm.weight"), self.eps)
                k = rms_norm(k, self.get(p + "self_attn.k_norm.weight"), self.eps)
            q, k, v = (t.transpose(0, 1) for t in (q, k, v))
        q = apply_rotary(q, cos, sin)
        k = apply_rotary(k, cos, sin)
        groups = NH // k.shape[0]
        k = k.repeat_interleave(groups, dim=0)  # repeat_kv: query head h reads kv head h // groups
        v = v.repeat_interleave(groups, dim=0)
        scores = (q @ k.transpose(1, 2)) * D ** -0.5
        i = torch.arange(T).view(T, 1)
        j = torch.arange(T).view(1, T)
        allowed = j <= i
        if self.window:
            allowed = allowed & (i - j < self.window)
        scores = scores.masked_fill(~allowed, torch.finfo(torch.float32).min)
        probabilities = torch.softmax(scores, dim=-1, dtype=torch.float32)
        out = (probabilities @ v).transpose(0, 1).reshape(T, NH * D)
        name = p + ("attention.dense" if self.neox else "self_attn.o_proj")
        return self.linear(out, name), probabilities

    def mlp(self, x, layer):
        p = self.prefix + "layers.%d.mlp." % layer
        if self.neox:
            hidden = self.linear(x, p + "dense_h_to_4h")
            act = self.config.get("hidden_act", "gelu")
            hidden = torch.nn.functional.gelu(hidden, approximate="tanh" if act != "gelu" else "none")
            return self.linear(hidden, p + "dense_4h_to_h")
        gate = self.linear(x, p + "gate_proj")
        return self.linear(torch.nn.functional.silu(gate) * self.linear(x, p + "up_proj"),
                           p + "down_proj")

    @torch.no_grad()
    def forward(self, ids):
        """-> (attention [L][NH] of [T, T] numpy, logits [T, V])."""
        c = self.config
        T = len(ids)
        embedding = self.get(self.prefix + ("embed_in.weight" if self.neox else "embed_tokens.weight"))
        x = embedding[torch.tensor(ids)]
        freqs = torch.arange(T, dtype=torch.float32).view(T, 1) @ self.inv_freq.view(1, -1)
        emb = torch.cat((freqs, freqs), dim=-1)
        cos, sin = emb.cos(), emb.sin()
        maps = []
        for layer in range(c["num_hidden_layers"]):
            p = self.prefix + "layers.%d." % layer
            attn, probabilities = self.attention(self.norm(x, p + "input_layernorm"), layer, cos, sin)
            maps.append(probabilities.numpy())
            if self.neox and c.get("use_parallel_residual", True):
                x = x + attn + self.mlp(self.norm(x, p + "post_attention_layernorm"), layer)
            else:
                x = x + attn
                x = x + self.mlp(self.norm(x, p + "post_attention_layernorm"), layer)
        x = self.norm(x, self.prefix + ("final_layer_norm" if self.neox else "norm"))
        if c.get("tie_word_embeddings", False):
            head = embedding
        else:
            head = self.get("embed_out.weight" if self.neox else "lm_head.weight")
        return maps, x @ head.T

    def greedy(self, ids, count):
        ids = list(ids)
        for _ in range(count):
            _, logits = self.forward(ids)
            ids.append(int(torch.argmax(logits[-1])))
        return ids


# ----------------------------------------------------------------------------------------------
# Fixtures


def bytes_to_unicode():
    """GPT-2's printable stand-in for each byte (the alphabet of vocab.json)."""
    printable = (list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1))
                 + list(range(ord("®"), ord("ÿ") + 1)))
    characters = printable[:]
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            characters.append(256 + extra)
            extra += 1
    return dict(zip(printable, (chr(c) for c in characters)))


def write_byte_tokenizer(folder):
    """A GPT-2-style byte-level BPE with the 256 byte tokens and two merges (ids 256, 257)."""
    alphabet = bytes_to_unicode()
    vocab = {alphabet[b]: i for i, b in enumerate(sorted(alphabet))}
    merges = [("Ġ", "t"), ("h", "e")]
    for left, right in merges:
        vocab[left + right] = len(vocab)
    with open(os.path.join(folder, "vocab.json"), "w") as out:
        json.dump(vocab, out, ensure_ascii=False)
    with open(os.path.join(folder, "merges.txt"), "w") as out:
        out.write("#version: 0.2\n" + "".join("%s %s\n" % pair for pair in merges))


# name -> (config, dtype, shards). Small, so the tests stay fast; every family's particular.
FIXTURES = {
    "llama-gqa": ({
        "model_type": "llama", "num_hidden_layers": 2, "num_attention_heads": 4,
        "num_key_value_heads": 2, "hidden_size": 32, "intermediate_size": 48, "vocab_size": 300,
        "max_position_embeddings": 64, "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
        "tie_word_embeddings": True,
        "rope_scaling": {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0,
                         "high_freq_factor": 4.0, "original_max_position_embeddings": 16}},
        "F32", 1),
    "llama-mqa-untied-bf16": ({
        "model_type": "llama", "num_hidden_layers": 2, "num_attention_heads": 4,
        "num_key_value_heads": 1, "hidden_size": 32, "intermediate_size": 40, "vocab_size": 272,
        "max_position_embeddings": 64, "rms_norm_eps": 1e-6, "rope_theta": 500.0,
        "tie_word_embeddings": False, "rope_scaling": {"type": "linear", "factor": 2.0}},
        "BF16", 1),
    "mistral-window-f16": ({
        "model_type": "mistral", "num_hidden_layers": 2, "num_attention_heads": 4,
        "num_key_value_heads": 2, "hidden_size": 32, "intermediate_size": 48, "vocab_size": 260,
        "max_position_embeddings": 64, "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
        "sliding_window": 5, "tie_word_embeddings": False},
        "F16", 1),
    "qwen2-sharded-bf16": ({
        "model_type": "qwen2", "num_hidden_layers": 3, "num_attention_heads": 4,
        "num_key_value_heads": 2, "hidden_size": 32, "intermediate_size": 48, "vocab_size": 320,
        "max_position_embeddings": 64, "rms_norm_eps": 1e-6, "rope_theta": 1000000.0,
        "tie_word_embeddings": True, "use_sliding_window": False, "eos_token_id": 257},
        "BF16", 2),
    # Qwen2.5-0.5B's grid (24 layers x 14 heads sharing 2 key/value heads) at a small width.
    "qwen2-24x14": ({
        "model_type": "qwen2", "num_hidden_layers": 24, "num_attention_heads": 14,
        "num_key_value_heads": 2, "hidden_size": 112, "intermediate_size": 64, "vocab_size": 300,
        "max_position_embeddings": 128, "rms_norm_eps": 1e-6, "rope_theta": 1000000.0,
        "tie_word_embeddings": True},
        "BF16", 1),
    "qwen3-wide-heads": ({
        "model_type": "qwen3", "num_hidden_layers": 2, "num_attention_heads": 4,
        "num_key_value_heads": 2, "head_dim": 16, "hidden_size": 32, "intermediate_size": 48,
        "vocab_size": 260, "max_position_embeddings": 64, "rms_norm_eps": 1e-6,
        "rope_theta": 1000000.0, "tie_word_embeddings": False},
        "F32", 1),
    "gpt-neox-f16": ({
        "model_type": "gpt_neox", "num_hidden_layers": 2, "num_attention_heads": 4,
        "hidden_size": 32, "intermediate_size": 64, "vocab_size": 264,
        "max_position_embeddings": 64, "layer_norm_eps": 1e-5, "rotary_pct": 0.5,
        "rotary_emb_base": 10000, "use_parallel_residual": True, "hidden_act": "gelu",
        "tie_word_embeddings": False},
        "F16", 1),
}

TEXT = "Once upon a time the little fox met the heron by the river."


def random_tensors(config, seed):
    """Hugging Face names -> float32 arrays, scaled so the attention maps are far from uniform."""
    rng = np.random.default_rng(seed)
    c = config
    C, F, V = c["hidden_size"], c["intermediate_size"], c["vocab_size"]
    NH = c["num_attention_heads"]
    neox = c["model_type"] == "gpt_neox"
    KV = NH if neox else c.get("num_key_value_heads", NH)
    D = C // NH if neox else c.get("head_dim") or C // NH

    def normal(*shape, scale=0.3):
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    # The residual branches' outputs shrink with depth (as GPT-2's initialisation does), so a
    # deep random model stays out of the chaotic range where float rounding grows layer by layer.
    residual = 0.15 / math.sqrt(max(1.0, c["num_hidden_layers"] / 2))
    # Projections from the stream scale with 1 / sqrt(width), so scores stay in the same range
    # (a few units: peaked maps, but not so peaked that float rounding of the scores shows).
    inward = 0.3 * math.sqrt(32 / C)

    def norm_weight(n):
        return (1 + rng.standard_normal(n) * 0.2).astype(np.float32)

    t = {}
    if neox:
        t["gpt_neox.embed_in.weight"] = normal(V, C, scale=1.0)
        for l in range(c["num_hidden_layers"]):
            p = "gpt_neox.layers.%d." % l
            for ln in ("input_layernorm", "post_attention_layernorm"):
                t[p + ln + ".weight"] = norm_weight(C)
                t[p + ln + ".bias"] = normal(C, scale=0.1)
            t[p + "attention.query_key_value.weight"] = normal(3 * C, C, scale=inward)
            t[p + "attention.query_key_value.bias"] = normal(3 * C, scale=0.1)
            t[p + "attention.dense.weight"] = normal(C, C, scale=residual)
            t[p + "attention.dense.bias"] = normal(C, scale=0.1)
            t[p + "attention.rotary_emb.inv_freq"] = normal(D // 4)  # a buffer, not read
            t[p + "mlp.dense_h_to_4h.weight"] = normal(F, C, scale=0.2)
            t[p + "mlp.dense_h_to_4h.bias"] = normal(F, scale=0.1)
            t[p + "mlp.dense_4h_to_h.weight"] = normal(C, F, scale=residual)
            t[p + "mlp.dense_4h_to_h.bias"] = normal(C, scale=0.1)
        t["gpt_neox.final_layer_norm.weight"] = norm_weight(C)
        t["gpt_neox.final_layer_norm.bias"] = normal(C, scale=0.1)
        t["embed_out.weight"] = normal(V, C)
        return t
    t["model.embed_tokens.weight"] = normal(V, C, scale=1.0)
    for l in range(c["num_hidden_layers"]):
        p = "model.layers.%d." % l
        t[p + "input_layernorm.weight"] = norm_weight(C)
        t[p + "post_attention_layernorm.weight"] = norm_weight(C)
        for name, rows in (("q_proj", NH * D), ("k_proj", KV * D), ("v_proj", KV * D)):
            t[p + "self_attn.%s.weight" % name] = normal(rows, C, scale=inward)
            if c["model_type"] == "qwen2":
                t[p + "self_attn.%s.bias" % name] = normal(rows, scale=0.2)
        t[p + "self_attn.o_proj.weight"] = normal(C, NH * D, scale=residual)
        if c["model_type"] == "qwen3":
            t[p + "self_attn.q_norm.weight"] = norm_weight(D)
            t[p + "self_attn.k_norm.weight"] = norm_weight(D)
        t[p + "mlp.gate_proj.weight"] = normal(F, C, scale=0.2)
        t[p + "mlp.up_proj.weight"] = normal(F, C, scale=0.2)
        t[p + "mlp.down_proj.weight"] = normal(C, F, scale=residual)
    t["model.norm.weight"] = norm_weight(C)
    if not c.get("tie_word_embeddings", False):
        t["lm_head.weight"] = normal(V, C)
    return t


def write_fixture(folder, config, dtype, shards, seed):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "config.json"), "w") as out:
        json.dump(config, out, indent=1)
    write_byte_tokenizer(folder)
    if "eos_token_id" in config:
        with open(os.path.join(folder, "generation_config.json"), "w") as out:
            json.dump({"eos_token_id": [config["eos_token_id"], 256]}, out)
    tensors = random_tensors(config, seed)
    for name in (n for n in os.listdir(folder) if n.endswith(".safetensors")):
        os.remove(os.path.join(folder, name))
    if shards == 1:
        write_safetensors(os.path.join(folder, "model.safetensors"), tensors, dtype)
        return
    names = list(tensors)
    weight_map = {}
    for shard in range(shards):
        part = names[shard::shards]
        file = "model-%05d-of-%05d.safetensors" % (shard + 1, shards)
        write_safetensors(os.path.join(folder, file), {n: tensors[n] for n in part}, dtype)
        weight_map.update({n: file for n in part})
    with open(os.path.join(folder, "model.safetensors.index.json"), "w") as out:
        json.dump({"metadata": {"total_size": 0}, "weight_map": weight_map}, out, indent=1)


def write_fixtures(out):
    folders = {}
    for seed, (name, (config, dtype, shards)) in enumerate(sorted(FIXTURES.items())):
        folders[name] = os.path.join(out, name)
        write_fixture(folders[name], config, dtype, shards, seed + 1)
    return folders


# ----------------------------------------------------------------------------------------------
# Comparing with the CLI


def run_cli(cli, folder, text):
    result = subprocess.run([cli, "run", "--model", folder, "--text", text, "--format", "json"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        return None, result.stderr.strip()
    return json.loads(result.stdout), None


def compare(name, reference, ours):
    """Largest differences of attention and top-5 probabilities; raises on a mismatch."""
    ids = [token["id"] for token in ours["tokens"]]
    maps, logits = reference.forward(ids)
    attention = ours["attention"]
    if len(attention) != len(maps) or any(len(a) != len(m) for a, m in zip(attention, maps)):
        raise AssertionError("%s: %d layers x %d heads, the reference has %d x %d" % (
            name, len(attention), len(attention[0]), len(maps), len(maps[0])))
    worst = 0.0
    for layer, (got_layer, want_layer) in enumerate(zip(attention, maps)):
        for head, (got, want) in enumerate(zip(got_layer, want_layer)):
            difference = float(np.abs(np.array(got, dtype=np.float64) - want).max())
            worst = max(worst, difference)
            if not difference <= TOLERANCE:
                raise AssertionError("%s: layer %d head %d differs by %g (> %g)" % (
                    name, layer, head, difference, TOLERANCE))
    probabilities = torch.softmax(logits.double(), dim=-1)
    worst_probability = 0.0
    for prediction in ours["predictions"]:
        row = probabilities[prediction["position"]]
        for top in prediction["top"]:
            difference = abs(top["probability"] - float(row[top["id"]]))
            worst_probability = max(worst_probability, difference)
            if not difference <= TOLERANCE:
                raise AssertionError("%s: prediction %d after position %d differs by %g" % (
                    name, top["id"], prediction["position"], difference))
        best = int(torch.argmax(row))
        if abs(float(row[best]) - prediction["top"][0]["probability"]) > TOLERANCE:
            raise AssertionError("%s: position %d: top prediction %d, the reference's is %d" % (
                name, prediction["position"], prediction["top"][0]["id"], best))
    return worst, worst_probability, len(ids)


def check(args):
    folders = write_fixtures(args.work)
    failures = 0
    for name, folder in sorted(folders.items()):
        ours, error = run_cli(args.cli, folder, TEXT)
        if ours is None:
            print("FAIL %s: the CLI failed: %s" % (name, error))
            failures += 1
            continue
        try:
            worst, worst_probability, T = compare(name, Decoder(folder), ours)
            print("ok   %-24s %2d tokens, %s: attention within %.2g, predictions within %.2g" % (
                name, T, ours["model"]["type"], worst, worst_probability))
        except AssertionError as failure:
            print("FAIL", failure)
            failures += 1
    if args.stories:
        failures += check_stories(args)
    if failures:
        print("%d failed" % failures)
        return 1
    return 0


def check_stories(args):
    """The real trained Llama: a reference from fixed ids for the C++ test, then the CLI."""
    folder = args.stories
    if not os.path.exists(os.path.join(folder, "config.json")):
        print("skip stories260K: %s is absent" % folder)
        return 0
    reference = Decoder(folder)
    # <s> Once upon a time , there was a little L ily .  (its tokenizer.json's ids)
    ids = [1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 307, 310, 426]
    maps, _ = reference.forward(ids)
    greedy = reference.greedy([1], 40)
    with open(os.path.join(args.work, "stories260K-reference.json"), "w") as out:
        json.dump({"ids": ids, "attention": [[m.tolist() for m in layer] for layer in maps],
                   "greedy_from_bos": greedy}, out)
    print("ok   stories260K reference from ids written (%d tokens, greedy %d)" % (
        len(ids), len(greedy)))
    ours, error = run_cli(args.cli, folder, "Once upon a time, there was a little girl.")
    if ours is None:
        if "tokenizer" in error:
            print("skip stories260K through the CLI: its tokenizer.json cannot be read yet (%s)"
                  % error)
            return 0
        print("FAIL stories260K: the CLI failed: %s" % error)
        return 1
    try:
        worst, worst_probability, T = compare("stories260K", reference, ours)
        print("ok   stories260K %d tokens: attention within %.2g, predictions within %.2g" % (
            T, worst, worst_probability))
    except AssertionError as failure:
        print("FAIL", failure)
        return 1
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    fixtures = commands.add_parser("fixtures")
    fixtures.add_argument("out")
    checking = commands.add_parser("check")
    checking.add_argument("--cli", required=True)
    checking.add_argument("--work", required=True)
    checking.add_argument("--stories")
    reference = commands.add_parser("reference")
    reference.add_argument("--model", required=True)
    reference.add_argument("--ids", required=True)
    args = parser.parse_args()
    torch.set_num_threads(1)
    if args.command == "fixtures":
        for name, folder in sorted(write_fixtures(args.out).items()):
            print(folder)
        return 0
    if args.command == "check":
        os.makedirs(args.work, exist_ok=True)
        return check(args)
    maps, _ = Decoder(args.model).forward([int(i) for i in args.ids.split(",")])
    json.dump([[m.tolist() for m in layer] for layer in maps], sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
