#!/usr/bin/python3
"""The PyTorch reference of the forward benchmarks: a GPT-2 or BERT forward on a folder's weights.

Written as Hugging Face's GPT2LMHeadModel computes it in eager mode with output_attentions=True
(Conv1D = addmm with [in, out] weights, pre-LN, tanh-GELU, tied LM head), producing what
attention-atlas produces: every layer's attention probabilities, the logits at every position,
and the top 5 next tokens after each position. A BERT folder (config model_type "bert") runs as
BertForMaskedLM does (post-LN, erf-GELU, Linear weights [out, in], the MLM head with the tied
decoder), predicting at every position; both write the same dump.

Driven over stdin/stdout by bench/forward_bench.cpp, one command a line:
  run T          -> "seconds ELAPSED CPU": one forward of T tokens, wall and process CPU time
  dump T PATH    -> "ok": writes float32 little-endian: the last layer's attention [NH, T, T],
                    then the top-5 ids [T, 5] as float32, then their probabilities [T, 5]
  config         -> version, threads, BLAS_INFO and the BLAS libraries loaded, one JSON line
  quit
Letters: T tokens, C n_embd, NH n_head, D = C / NH, V vocabulary.
"""
import json
import math
import re
import struct
import sys
import time

import numpy as np
import torch


def read_safetensors(path):
    """name -> float32 torch tensor; F32, F16 and BF16 files (F16/BF16 widened exactly)."""
    with open(path, "rb") as file:
        (header_length,) = struct.unpack("<Q", file.read(8))
        header = json.loads(file.read(header_length))
        data = file.read()
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        if info["dtype"] == "F32":
            array = np.frombuffer(data, dtype="<f4", count=(end - begin) // 4, offset=begin)
        elif info["dtype"] == "F16":
            array = np.frombuffer(data, dtype="<f2", count=(end - begin) // 2,
                                  offset=begin).astype(np.float32)
        elif info["dtype"] == "BF16":
            halves = np.frombuffer(data, dtype="<u2", count=(end - begin) // 2, offset=begin)
            array = (halves.astype(np.uint32) << 16).view(np.float32)
        else:
            raise SystemExit(f"{path}: tensor {name} is {info['dtype']}, not F32, F16 or BF16")
        tensors[name.removeprefix("transformer.").removeprefix("bert.")] = torch.from_numpy(
            array.reshape(info["shape"]).copy())
    return tensors


class Gpt2:
    def __init__(self, folder):
        with open(f"{folder}/config.json") as file:
            config = json.load(file)
        self.n_layer = config["n_layer"]
        self.n_head = config["n_head"]
        self.epsilon = config.get("layer_norm_epsilon", 1e-5)
        self.w = read_safetensors(f"{folder}/model.safetensors")
        self.C = self.w["wte.weight"].shape[1]
        self.V = self.w["wte.weight"].shape[0]

    def ids(self, T):
        # The same ids as forward_bench.cpp.
        return torch.tensor([(t * 7919 + 13) % self.V for t in range(T)], dtype=torch.long)

    @torch.inference_mode()
    def forward(self, ids):
        w, C, NH = self.w, self.C, self.n_head
        D = C // NH
        T = ids.shape[0]
        causal = torch.ones(T, T, dtype=torch.bool).triu(1)  # [T, T] True above the diagonal
        x = w["wte.weight"][ids] + w["wpe.weight"][:T]  # [T, C]
        attentions = []
        for l in range(self.n_layer):
            p = f"h.{l}."
            h = torch.nn.functional.layer_norm(x, (C,), w[p + "ln_1.weight"], w[p + "ln_1.bias"],
                                               self.epsilon)
            qkv = torch.addmm(w[p + "attn.c_attn.bias"], h, w[p + "attn.c_attn.weight"])  # [T, 3C]
            q, k, v = (part.view(T, NH, D).transpose(0, 1) for part in qkv.split(C, dim=1))
            scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(D)  # [NH, T, T]
            scores = scores.masked_fill(causal, float("-inf"))
            probabilities = torch.softmax(scores, dim=-1)  # [NH, T, T]
            attentions.append(probabilities)
            heads = torch.matmul(probabilities, v).transpose(0, 1).reshape(T, C)  # [T, C]
            x = x + torch.addmm(w[p + "attn.c_proj.bias"], heads, w[p + "attn.c_proj.weight"])
            h = torch.nn.functional.layer_norm(x, (C,), w[p + "ln_2.weight"], w[p + "ln_2.bias"],
                                               self.epsilon)
            h = torch.nn.functional.gelu(
                torch.addmm(w[p + "mlp.c_fc.bias"], h, w[p + "mlp.c_fc.weight"]), approximate="tanh")
            x = x + torch.addmm(w[p + "mlp.c_proj.bias"], h, w[p + "mlp.c_proj.weight"])
        x = torch.nn.functional.layer_norm(x, (C,), w["ln_f.weight"], w["ln_f.bias"], self.epsilon)
        logits = torch.matmul(x, w["wte.weight"].t())  # [T, V], tied
        top = torch.topk(torch.softmax(logits, dim=-1), 5, dim=-1)
        return attentions, logits, top


class Bert:
    def __init__(self, folder):
        with open(f"{folder}/config.json") as file:
            config = json.load(file)
        self.n_layer = config["num_hidden_layers"]
        self.n_head = config["num_attention_heads"]
        self.epsilon = config.get("layer_norm_eps", 1e-12)
        self.w = read_safetensors(f"{folder}/model.safetensors")
        self.C = self.w["embeddings.word_embeddings.weight"].shape[1]
        self.V = self.w["embeddings.word_embeddings.weight"].shape[0]

    def ids(self, T):
        return torch.tensor([(t * 7919 + 13) % self.V for t in range(T)], dtype=torch.long)

    def layer_norm(self, x, name):
        return torch.nn.functional.layer_norm(x, (self.C,), self.w[name + ".weight"],
                                              self.w[name + ".bias"], self.epsilon)

    def linear(self, x, name):
        return torch.nn.functional.linear(x, self.w[name + ".weight"], self.w[name + ".bias"])

    @torch.inference_mode()
    def forward(self, ids):
        w, C, NH = self.w, self.C, self.n_head
        D = C // NH
        T = ids.shape[0]
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:T]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self.layer_norm(x, "embeddings.LayerNorm")  # [T, C]
        attentions = []
        for l in range(self.n_layer):
            p = f"encoder.layer.{l}."
            q, k, v = (self.linear(x, p + "attention.self." + part).view(T, NH, D).transpose(0, 1)
                       for part in ("query", "key", "value"))
            scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(D)  # [NH, T, T]
            probabilities = torch.softmax(scores, dim=-1)
            attentions.append(probabilities)
            heads = torch.matmul(probabilities, v).transpose(0, 1).reshape(T, C)
            x = self.layer_norm(self.linear(heads, p + "attention.output.dense") + x,
                                p + "attention.output.LayerNorm")
            h = torch.nn.functional.gelu(self.linear(x, p + "intermediate.dense"))
            x = self.layer_norm(self.linear(h, p + "output.dense") + x, p + "output.LayerNorm")
        h = torch.nn.functional.gelu(self.linear(x, "cls.predictions.transform.dense"))
        h = self.layer_norm(h, "cls.predictions.transform.LayerNorm")
        logits = torch.addmm(w["cls.predictions.bias"], h, w["embeddings.word_embeddings.weight"].t())
        top = torch.topk(torch.softmax(logits, dim=-1), 5, dim=-1)
        return attentions, logits, top


def main():
    folder, threads = sys.argv[1], int(sys.argv[2])
    torch.set_num_threads(threads)
    with open(f"{folder}/config.json") as file:
        model_type = json.load(file).get("model_type", "gpt2")
    model = Bert(folder) if model_type == "bert" else Gpt2(folder)
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words or words[0] == "quit":
            break
        if words[0] == "run":
            ids = model.ids(int(words[1]))
            start, start_cpu = time.perf_counter(), time.process_time()
            model.forward(ids)
            elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            print(f"seconds {elapsed:.9f} {cpu:.9f}", flush=True)
        elif words[0] == "dump":
            attentions, _, top = model.forward(model.ids(int(words[1])))
            with open(words[2], "wb") as file:
                file.write(attentions[-1].numpy().astype("<f4").tobytes())
                file.write(top.indices.numpy().astype("<f4").tobytes())
                file.write(top.values.numpy().astype("<f4").tobytes())
            print("ok", flush=True)
        elif words[0] == "config":
            # Which BLAS the process really loaded: Debian's torch is built against the generic
            # libblas.so.3, which the alternatives system points at OpenBLAS (or not).
            with open("/proc/self/maps") as maps:
                loaded = sorted({line.split()[-1] for line in maps
                                 if "blas" in line.lower() and "/" in line})
            blas_info = re.findall(r"BLAS_INFO=\w+", torch.__config__.show())
            print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                              "build": blas_info, "blas_libraries_loaded": loaded}), flush=True)


if __name__ == "__main__":
    main()
