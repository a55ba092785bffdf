#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (tests/fuzz/corpus/TARGET/*); run once, files committed.

Each seed is small and valid or nearly so, so the fuzzers start from inputs that reach deep
into each reader instead of spending their time on the first check.
"""
import json
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


# --- safetensors ---------------------------------------------------------------------------

def safetensors(tensors, metadata=None, pad_header_to=None):
    """tensors: list of (name, dtype, shape, raw bytes)."""
    header = {}
    data = b""
    for name, dtype, shape, raw in tensors:
        header[name] = {"dtype": dtype, "shape": shape,
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    if metadata is not None:
        header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode()
    if pad_header_to:
        text += b" " * (pad_header_to - len(text) % pad_header_to) if len(text) % pad_header_to else b""
    return struct.pack("<Q", len(text)) + text + data


def f32(values):
    return struct.pack("<%df" % len(values), *values)


def f16(values):
    return struct.pack("<%de" % len(values), *values)


def bf16(values):
    return b"".join(struct.pack("<f", v)[2:] for v in values)


def safetensors_seeds():
    write("safetensors", "f32_two_tensors",
          safetensors([("wte.weight", "F32", [2, 3], f32([0.5, -1, 2, 0, 1e-3, 3])),
                       ("h.0.ln_1.bias", "F32", [3], f32([0, 0.1, -0.1]))],
                      {"format": "pt"}))
    write("safetensors", "f16_bf16",
          safetensors([("a", "F16", [2, 2], f16([1, -2, 0.5, 65504])),
                       ("b", "BF16", [3], bf16([1, -1, 3.5]))], pad_header_to=8))
    write("safetensors", "unread_i64_and_empty",
          safetensors([("position_ids", "I64", [1, 2], struct.pack("<2q", 0, 1)),
                       ("empty", "F32", [0, 4], b""),
                       ("scalar", "F32", [], f32([7]))]))
    write("safetensors", "header_only", safetensors([], {}))
    write("safetensors", "special_values",
          safetensors([("x", "F32", [4], f32([float("inf"), float("-inf"), float("nan"), -0.0])),
                       ("y", "F16", [2], struct.pack("<2H", 0x0001, 0x7C01))]))


# --- config.json ---------------------------------------------------------------------------

def config_seeds():
    write("config", "gpt2", json.dumps({
        "model_type": "gpt2", "n_layer": 4, "n_head": 8, "n_embd": 256, "n_positions": 128,
        "vocab_size": 8000, "layer_norm_epsilon": 1e-5, "activation_function": "gelu_new",
        "n_inner": None, "scale_attn_weights": True}, indent=1))
    write("config", "gpt2_old_n_ctx", json.dumps({
        "model_type": "gpt2", "n_layer": 1, "n_head": 1, "n_embd": 8, "n_ctx": 16,
        "vocab_size": 300, "n_inner": 32}))
    write("config", "bert", json.dumps({
        "model_type": "bert", "num_hidden_layers": 4, "num_attention_heads": 4,
        "hidden_size": 128, "intermediate_size": 512, "max_position_embeddings": 128,
        "vocab_size": 6000, "type_vocab_size": 2, "layer_norm_eps": 1e-12, "hidden_act": "gelu",
        "position_embedding_type": "absolute"}, indent=1))
    write("config", "distilbert", json.dumps({
        "model_type": "distilbert", "n_layers": 6, "n_heads": 12, "dim": 768,
        "hidden_dim": 3072, "max_position_embeddings": 512, "vocab_size": 30522,
        "activation": "gelu"}))
    write("config", "bad_values", json.dumps({
        "model_type": "gpt2", "n_layer": 2.0, "n_head": 3, "n_embd": 1e300, "n_positions": -1,
        "vocab_size": "8000", "layer_norm_epsilon": 0}))


# --- tokenizer files -------------------------------------------------------------------------

def bytes_to_unicode():
    """GPT-2's byte -> symbol table (openai/gpt-2 encoder.py)."""
    bs = (list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1))
          + list(range(ord("®"), ord("ÿ") + 1)))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def tokenizer_file_seeds():
    symbols = [bytes_to_unicode()[b] for b in range(256)]
    space = bytes_to_unicode()[ord(" ")]
    merges = [(space, "t"), ("h", "e"), (space + "t", "he"), ("a", "t"), (space, "c"),
              (space + "c", "at")]
    vocab = {s: i for i, s in enumerate(symbols)}
    for left, right in merges:
        vocab[left + right] = len(vocab)
    vocab["<|endoftext|>"] = len(vocab)
    merges_text = "#version: 0.2\n" + "".join("%s %s\n" % m for m in merges)
    write("tokenizer_files", "bpe",
          b"b" + json.dumps(vocab, ensure_ascii=False).encode() + b"\0" + merges_text.encode())
    write("tokenizer_files", "bpe_no_merges_file",
          b"b" + json.dumps(vocab, ensure_ascii=False).encode())
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "sat", "on", "mat",
             ".", ",", "!", "a", "b", "c", "t", "##s", "##at", "##e", "un", "##able", "日", "本"]
    write("tokenizer_files", "wordpiece",
          b"w" + "\n".join(words).encode() + b"\n\0" +
          json.dumps({"do_lower_case": True, "strip_accents": None,
                      "tokenize_chinese_chars": True}).encode())
    write("tokenizer_files", "wordpiece_cased_crlf",
          b"w" + "\r\n".join(words).encode() + b"\0" + b'{"do_lower_case": false}')
    write("tokenizer_files", "wordpiece_no_config", b"w" + "\n".join(words).encode())


# --- texts -----------------------------------------------------------------------------------

TEXTS = {
    "english": "The quick brown fox jumps over the lazy dog. It's 3:45pm, isn't it?",
    "unicode": "Ünïcödé café naïve — “quotes” «guillemets» ½ ﬁ Ǆ İstanbul ß ΣΑΣ",
    "cjk_emoji": "日本語のテキスト 中文 한국어 🙂👍🏽👨‍👩‍👧 🇫🇷",
    "specials": "[CLS] a [MASK] b [SEP] <|endoftext|> [UNK][PAD] <|endoftext|",
    "whitespace": " \t\n  leading\u00a0nbsp\u3000ideographic  trailing \r\n",
    "controls": "a\x00b\x01c\x7f d\u200b\u200de\ufeff f\u0301\u0300",
    "long_word": "a" * 150 + " " + "supercalifragilisticexpialidocious" * 3,
}
INVALID_UTF8 = {
    "invalid_utf8": b"ok \xff\xfe bad \xc3 cut \xe2\x82 \xf0\x9f\x99 over\xc0\xaf \xed\xa0\x80",
}


def text_seeds(target):
    for name, text in TEXTS.items():
        write(target, name, text)
    for name, data in INVALID_UTF8.items():
        write(target, name, data)


# --- CoNLL-U ---------------------------------------------------------------------------------

CONLLU = """# sent_id = one
# text = The cat sat.
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tcat\tcat\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tsat\tsit\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# sent_id = two
# text = We didn't go, Bob's dog did.
1\tWe\twe\tPRON\tPRP\t_\t3\tnsubj\t_\t_
2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
5\t,\t,\tPUNCT\t,\t_\t4\tpunct\t_\t_
6-7\tBob's\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=Yes
6\tBob\tBob\tPROPN\tNNP\t_\t8\tnmod:poss\t_\t_
7\t's\t's\tPART\tPOS\t_\t6\tcase\t_\t_
8\tdog\tdog\tNOUN\tNN\t_\t9\tnsubj\t_\t_
9\tdid\tdo\tVERB\tVBD\t_\t4\tconj\t_\tSpaceAfter=No|Other=x
9.1\tdid\tdo\tVERB\tVBD\t_\t_\t_\t4:conj\tCopyOf=9
10\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

"""

CONLLU_UNANNOTATED = "1\tHello\t_\t_\t_\t_\t_\t_\t_\t_\r\n2\tthere\t_\t_\t_\t_\t1\t_\t_\t_\r\n"


def conllu_seeds():
    write("conllu", "two_sentences", CONLLU)
    write("conllu", "unannotated_crlf", CONLLU_UNANNOTATED)
    write("conllu", "bad_head", "1\tA\t_\t_\t_\t_\t5\tdep\t_\t_\n")


# --- tokenizer_json: tokenizer.json NUL text NUL tokenizer_config.json ----------------------

QWEN_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
                r"|\s*[\r\n]+|\s+(?!\S)|\s+")


def byte_level_tokenizer(pairs_format):
    """A Qwen-like byte-level BPE: NFC, the Split regex, ByteLevel, added tokens."""
    symbols = bytes_to_unicode()
    vocab = {symbols[b]: i for i, b in enumerate(range(256))}
    merges = [("\u0120", "t"), ("h", "e"), ("\u0120t", "he"), ("i", "n"), ("\u0120", "a"),
              ("c", "a"), ("ca", "t"), ("\u0120", "ca")]
    for left, right in merges:
        vocab.setdefault(left + right, len(vocab))
    added = [
        {"id": len(vocab), "content": "<|endoftext|>", "special": True, "lstrip": False,
         "rstrip": False, "single_word": False, "normalized": False},
        {"id": len(vocab) + 1, "content": "<think>", "special": False, "lstrip": True,
         "rstrip": True, "single_word": False, "normalized": False},
        {"id": len(vocab) + 2, "content": "cat", "special": False, "lstrip": False,
         "rstrip": False, "single_word": True, "normalized": True},
    ]
    return {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
        "normalizer": {"type": "NFC"},
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": QWEN_PATTERN}, "behavior": "Isolated",
             "invert": False},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False,
             "use_regex": False}]},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False,
                           "use_regex": False},
        "decoder": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False,
                    "use_regex": False},
        "model": {"type": "BPE", "dropout": None, "unk_token": None,
                  "continuing_subword_prefix": "", "end_of_word_suffix": "", "fuse_unk": False,
                  "byte_fallback": False, "ignore_merges": not pairs_format, "vocab": vocab,
                  "merges": [list(m) if pairs_format else " ".join(m) for m in merges]},
    }


def sentencepiece_tokenizer(metaspace_pre_tokenizer):
    """A Llama 2 like sentencepiece BPE with byte fallback (or Metaspace as pre-tokenizer)."""
    vocab = {"<unk>": 0, "<s>": 1, "</s>": 2}
    for b in range(256):
        vocab["<0x%02X>" % b] = len(vocab)
    merges = [("\u2581", "t"), ("h", "e"), ("\u2581t", "he"), ("\u2581", "a"), ("i", "n")]
    for piece in ["\u2581", "t", "h", "e", "a", "i", "n", "o", "s", "\u4F60"]:
        vocab.setdefault(piece, len(vocab))
    for left, right in merges:
        vocab.setdefault(left + right, len(vocab))
    added = [{"id": i, "content": c, "special": True, "lstrip": False, "rstrip": False,
              "single_word": False, "normalized": False}
             for c, i in (("<unk>", 0), ("<s>", 1), ("</s>", 2))]
    if metaspace_pre_tokenizer:
        normalizer = None
        pre_tokenizer = {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "first",
                         "split": True}
        decoder = {"type": "Metaspace", "replacement": "\u2581", "prepend_scheme": "first",
                   "split": True}
    else:
        normalizer = {"type": "Sequence", "normalizers": [
            {"type": "Prepend", "prepend": "\u2581"},
            {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"}]}
        pre_tokenizer = None
        decoder = {"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"String": "\u2581"}, "content": " "},
            {"type": "ByteFallback"}, {"type": "Fuse"},
            {"type": "Strip", "content": " ", "start": 1, "stop": 0}]}
    return {
        "version": "1.0", "added_tokens": added, "normalizer": normalizer,
        "pre_tokenizer": pre_tokenizer,
        "post_processor": {"type": "TemplateProcessing",
                           "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}},
                                      {"Sequence": {"id": "A", "type_id": 0}}],
                           "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
        "decoder": decoder,
        "model": {"type": "BPE", "unk_token": "<unk>", "fuse_unk": True,
                  "byte_fallback": not metaspace_pre_tokenizer, "vocab": vocab,
                  "merges": [" ".join(m) for m in merges]},
    }


def small_tokenizer(normalizer, pre_tokenizer):
    """Characters a-z, digits and a few merges, for the other normalizers and pre-tokenizers."""
    vocab = {"[UNK]": 0}
    for c in "abcdefghijklmnopqrstuvwxyz0123456789.,!?- ":
        vocab[c] = len(vocab)
    merges = [("t", "h"), ("th", "e"), ("1", "2")]
    for left, right in merges:
        vocab[left + right] = len(vocab)
    return {"added_tokens": [], "normalizer": normalizer, "pre_tokenizer": pre_tokenizer,
            "decoder": {"type": "Fuse"},
            "model": {"type": "BPE", "unk_token": "[UNK]", "fuse_unk": False, "vocab": vocab,
                      "merges": [" ".join(m) for m in merges]}}


def tokenizer_json_seed(name, tokenizer, text, config=None):
    data = json.dumps(tokenizer, ensure_ascii=False).encode() + b"\0" + text
    if config is not None:
        data += b"\0" + json.dumps(config).encode()
    write("tokenizer_json", name, data)


def tokenizer_json_seeds():
    text = "The cat sat.  <think> the\t\u4F60 12 \U0001F642<|endoftext|>".encode() + b"\xff"
    tokenizer_json_seed("byte_level_pairs", byte_level_tokenizer(True), text)
    tokenizer_json_seed("byte_level_strings", byte_level_tokenizer(False), text)
    tokenizer_json_seed("sentencepiece_byte_fallback", sentencepiece_tokenizer(False),
                        "the hat <s> in \u4F60\u597D \U0001F642".encode(),
                        {"add_bos_token": True, "bos_token": "<s>"})
    tokenizer_json_seed("metaspace_split", sentencepiece_tokenizer(True),
                        "the  hat</s>in".encode(), {"add_bos_token": False})
    tokenizer_json_seed("digits_lowercase", small_tokenizer(
        {"type": "Sequence", "normalizers": [{"type": "Lowercase"}, {"type": "NFKC"},
                                             {"type": "Strip", "strip_left": True,
                                              "strip_right": True}]},
        {"type": "Sequence", "pretokenizers": [{"type": "Digits", "individual_digits": True},
                                               {"type": "Punctuation", "behavior": "Contiguous"},
                                               {"type": "WhitespaceSplit"}]}),
        " THE 123, \uFB01ne!! ".encode())
    tokenizer_json_seed("split_behaviors", small_tokenizer(
        {"type": "Replace", "pattern": {"Regex": "[0-9]+"}, "content": "9"},
        {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"String": "-"}, "behavior": "MergedWithPrevious",
             "invert": False},
            {"type": "Split", "pattern": {"Regex": "\\s+"}, "behavior": "MergedWithNext",
             "invert": False},
            {"type": "Split", "pattern": {"Regex": "[a-z]+"}, "behavior": "Removed",
             "invert": True},
            {"type": "Whitespace"}]}),
        "the-final--countdown 12 3".encode())


def main():
    safetensors_seeds()
    config_seeds()
    tokenizer_file_seeds()
    text_seeds("tokenizers")
    text_seeds("forward")
    conllu_seeds()
    tokenizer_json_seeds()
    return 0


if __name__ == "__main__":
    sys.exit(main())
