// Tiny vocabularies, configs and random weights for tests (no file writing: no io dependency).
#include <random>
#include <utility>

#include "TinyModelFolder.h"

namespace atlas::test {

namespace {

// UTF-8 bytes of one code point.
std::string utf8(char32_t code_point) {
    std::string out;
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
    return out;
}

Matrix randomMatrix(int rows, int cols, float mean, float deviation, std::mt19937& generator) {
    std::normal_distribution<float> normal(0.0f, 1.0f);
    Matrix out(rows, cols);  // [rows, cols]
    for (Eigen::Index i = 0; i < out.size(); ++i) {
        out.data()[i] = mean + deviation * normal(generator);
    }
    return out;
}

}  // namespace

std::vector<std::string> tinyGpt2Vocab() {
    // GPT-2's bytes_to_unicode: printable bytes keep their code point, the other bytes are moved
    // to 256 + n in byte order; ids follow the printable ones first.
    std::vector<int> printable;
    for (int b = '!'; b <= '~'; ++b)
        printable.push_back(b);
    for (int b = 0xA1; b <= 0xAC; ++b)
        printable.push_back(b);
    for (int b = 0xAE; b <= 0xFF; ++b)
        printable.push_back(b);
    std::vector<std::string> vocab;
    std::vector<bool> is_printable(256, false);
    for (int b : printable) {
        is_printable[b] = true;
        vocab.push_back(utf8(static_cast<char32_t>(b)));
    }
    int moved = 0;
    for (int b = 0; b < 256; ++b) {
        if (!is_printable[b]) {
            vocab.push_back(utf8(static_cast<char32_t>(256 + moved++)));
        }
    }
    for (const auto& [left, right] : tinyGpt2Merges()) {
        vocab.push_back(left + right);
    }
    vocab.push_back("<|endoftext|>");
    return vocab;
}

std::vector<std::pair<std::string, std::string>> tinyGpt2Merges() {
    const std::string space = utf8(0x120);  // 'Ġ', GPT-2's symbol for the byte ' '
    return {{space, "t"},        {"h", "e"}, {space + "t", "he"}, {"i", "n"},   {space, "a"},
            {"e", "r"},          {"o", "n"}, {space, "s"},        {"a", "t"},   {"e", "n"},
            {space, "c"},        {"o", "r"}, {"i", "s"},          {space, "w"}, {space + "c", "at"},
            {space + "s", "at"}, {"T", "he"}};
}

std::vector<std::string> tinyBertVocab() {
    std::vector<std::string> vocab = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
    for (char c = 'a'; c <= 'z'; ++c)
        vocab.emplace_back(1, c);
    for (char c = '0'; c <= '9'; ++c)
        vocab.emplace_back(1, c);
    for (const char* punctuation : {".", ",", "!", "?", "'", "-"})
        vocab.emplace_back(punctuation);
    for (const char* word :
         {"the",   "an",    "cat",   "sat",  "on",    "mat",   "dog",   "is",    "was",
          "and",   "of",    "to",    "in",   "it",    "he",    "she",   "they",  "quick",
          "brown", "fox",   "jumps", "over", "lazy",  "house", "big",   "small", "red",
          "runs",  "ran",   "saw",   "man",  "woman", "book",  "reads", "with",  "this",
          "that",  "there", "here",  "we",   "you",   "play",  "##ing", "##ed"}) {
        vocab.emplace_back(word);
    }
    for (char c = 'a'; c <= 'z'; ++c)
        vocab.push_back(std::string("##") + c);
    return vocab;
}

ModelConfig tinyConfig(const TinyModelOptions& options) {
    ModelConfig config;
    config.architecture = options.architecture;
    config.n_layer = options.n_layer;
    config.n_head = options.n_head;
    config.d_model = options.d_model;
    config.d_ff = options.d_ff > 0 ? options.d_ff : 4 * options.d_model;
    config.n_ctx = options.n_ctx;
    if (options.architecture == Architecture::Gpt2) {
        config.vocab_size = static_cast<int>(tinyGpt2Vocab().size());
        config.type_vocab_size = 0;
        config.layer_norm_epsilon = 1e-5f;
        config.gelu_tanh = true;
    } else {
        config.vocab_size = static_cast<int>(tinyBertVocab().size());
        config.type_vocab_size = 2;
        config.layer_norm_epsilon = 1e-12f;
        config.gelu_tanh = false;
    }
    return config;
}

TransformerWeights randomWeights(const ModelConfig& config, unsigned seed, float scale) {
    std::mt19937 generator(seed);
    const int C = config.d_model, F = config.d_ff, V = config.vocab_size, P = config.n_ctx;
    const bool bert = config.architecture == Architecture::Bert;
    auto matrix = [&](int rows, int cols) { return randomMatrix(rows, cols, 0, scale, generator); };
    auto bias = [&](int cols) { return randomMatrix(1, cols, 0, 0.1f, generator); };
    auto gain = [&](int cols) { return randomMatrix(1, cols, 1, 0.1f, generator); };

    TransformerWeights weights;
    weights.token_embedding = matrix(V, C);
    weights.position_embedding = matrix(P, C);
    if (bert) {
        weights.token_type_embedding = matrix(config.type_vocab_size, C);
        weights.ln_embed_weight = gain(C);
        weights.ln_embed_bias = bias(C);
    }
    for (int layer = 0; layer < config.n_layer; ++layer) {
        LayerWeights block;
        block.ln_attn_weight = gain(C);
        block.ln_attn_bias = bias(C);
        block.attn_qkv_weight = matrix(C, 3 * C);
        block.attn_qkv_bias = bias(3 * C);
        block.attn_out_weight = matrix(C, C);
        block.attn_out_bias = bias(C);
        block.ln_mlp_weight = gain(C);
        block.ln_mlp_bias = bias(C);
        block.mlp_in_weight = matrix(C, F);
        block.mlp_in_bias = bias(F);
        block.mlp_out_weight = matrix(F, C);
        block.mlp_out_bias = bias(C);
        weights.layers.push_back(std::move(block));
    }
    if (bert) {
        weights.head_transform_weight = matrix(C, C);
        weights.head_transform_bias = bias(C);
        weights.head_ln_weight = gain(C);
        weights.head_ln_bias = bias(C);
        weights.head_output_bias = bias(V);
    } else {
        weights.ln_final_weight = gain(C);
        weights.ln_final_bias = bias(C);
    }
    return weights;
}

}  // namespace atlas::test
