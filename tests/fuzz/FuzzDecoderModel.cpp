// Fuzz target "decoder_model": arbitrary bytes as a decoder family's config.json and its
// model.safetensors.index.json, separated by the first NUL byte. An accepted config must be in
// its ranges and survive a write and a re-read; an accepted index must name only plain shard
// files; a small accepted config must run: random weights of its shapes, a pass whose every
// attention row is a distribution that respects the causal mask and the window, and the
// key/value cache giving the same maps as the full pass.
#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "Error.h"
#include "FuzzTargets.h"
#include "io/ShardIndex.h"
#include "model/DecoderForward.h"
#include "model/ModelConfig.h"
#include "model/RotaryEmbedding.h"

namespace atlas::fuzz {

namespace {

void checkSane(const ModelConfig& config) {
    using L = ModelConfigLimits;
    check(config.decoder(), "a decoder model_type gave another architecture");
    check(config.n_head % config.kvHeads() == 0, "accepted config: kv heads do not divide heads");
    check(config.d_head() >= 1 && config.d_head() <= L::kMaxHeadWidth,
          "accepted config: head width outside its range");
    check(config.n_ctx >= 1 && config.n_ctx <= L::kMaxContext, "accepted config: n_ctx outside");
    check(config.rotary.dims >= 0 && config.rotary.dims <= config.d_head() &&
              config.rotary.dims % 2 == 0,
          "accepted config: rotated dims not even or wider than a head");
    check(config.layer_norm_epsilon >= static_cast<float>(L::kMinLayerNormEpsilon),
          "accepted config: epsilon rounds below its range");
    check(config.parameterCount() <= L::kMaxParameters, "accepted config: too many weights");
    for (float frequency : rotaryInverseFrequencies(config.rotary)) {
        check(std::isfinite(frequency) && frequency >= 0,
              "inverse frequency not finite: " + std::to_string(frequency));
    }
}

bool sameConfig(const ModelConfig& a, const ModelConfig& b) {
    return a.family == b.family && a.n_layer == b.n_layer && a.n_head == b.n_head &&
           a.kvHeads() == b.kvHeads() && a.d_head() == b.d_head() && a.d_model == b.d_model &&
           a.d_ff == b.d_ff && a.vocab_size == b.vocab_size &&
           a.layer_norm_epsilon == b.layer_norm_epsilon && a.rotary.dims == b.rotary.dims &&
           a.rotary.scaling == b.rotary.scaling && a.sliding_window == b.sliding_window &&
           a.tied_embeddings == b.tied_embeddings && a.qkv_bias == b.qkv_bias &&
           a.out_bias == b.out_bias && a.qk_norm == b.qk_norm;
}

Matrix randomMatrix(std::mt19937& random, Eigen::Index rows, Eigen::Index cols) {
    std::normal_distribution<float> normal(0.0f, 0.5f);
    Matrix matrix(rows, cols);
    for (Eigen::Index i = 0; i < matrix.size(); ++i) {
        matrix.data()[i] = normal(random);
    }
    return matrix;
}

// Random row-major weights of the shapes decoderForward checks.
TransformerWeights randomDecoderWeights(const ModelConfig& config) {
    std::mt19937 random(7);
    const bool neox = config.family == DecoderFamily::GptNeox;
    const Eigen::Index C = config.d_model, F = config.d_ff, V = config.vocab_size;
    const Eigen::Index D = config.d_head(), Q = config.n_head * D, K = config.kvHeads() * D;
    const Eigen::Index width = neox ? 3 * C : Q + 2 * K;
    TransformerWeights weights;
    weights.token_embedding = randomMatrix(random, V, C);
    if (!config.tied_embeddings) {
        weights.output_embedding = randomMatrix(random, V, C);
    }
    weights.layers.resize(static_cast<std::size_t>(config.n_layer));
    for (LayerWeights& layer : weights.layers) {
        layer.ln_attn_weight = randomMatrix(random, 1, C);
        layer.ln_mlp_weight = randomMatrix(random, 1, C);
        layer.attn_qkv_weight = randomMatrix(random, C, width);
        layer.attn_out_weight = randomMatrix(random, Q, C);
        layer.mlp_in_weight = randomMatrix(random, C, neox ? F : 2 * F);
        layer.mlp_out_weight = randomMatrix(random, F, C);
        if (config.qkv_bias) {
            layer.attn_qkv_bias = randomMatrix(random, 1, width);
        }
        if (config.out_bias) {
            layer.attn_out_bias = randomMatrix(random, 1, C);
        }
        if (neox) {
            layer.ln_attn_bias = randomMatrix(random, 1, C);
            layer.ln_mlp_bias = randomMatrix(random, 1, C);
            layer.mlp_in_bias = randomMatrix(random, 1, F);
            layer.mlp_out_bias = randomMatrix(random, 1, C);
        }
        if (config.qk_norm) {
            layer.q_norm_weight = randomMatrix(random, 1, D);
            layer.k_norm_weight = randomMatrix(random, 1, D);
        }
    }
    weights.ln_final_weight = randomMatrix(random, 1, C);
    if (neox) {
        weights.ln_final_bias = randomMatrix(random, 1, C);
    }
    return weights;
}

void checkRuns(const ModelConfig& config) {
    const TransformerWeights weights = randomDecoderWeights(config);
    const int T = std::min(config.n_ctx, 6);
    std::vector<int> ids(static_cast<std::size_t>(T));
    for (int t = 0; t < T; ++t) {
        ids[static_cast<std::size_t>(t)] = (t * 7919) % config.vocab_size;
    }
    ForwardOptions options;
    options.threads = 1;
    options.predict_positions = {T - 1};
    const Forward full = decoderForward(config, weights, ids, options);
    DecoderCache cache;
    Forward cached;
    for (int length = 1; length <= T; ++length) {
        options.predict_positions = {length - 1};
        cached = decoderForward(
            config, weights, std::vector<int>(ids.begin(), ids.begin() + length), options, &cache);
    }
    const int W = config.sliding_window;
    for (int l = 0; l < config.n_layer; ++l) {
        for (int h = 0; h < config.n_head; ++h) {
            const Matrix& map = full.attention[l][h];
            check(map.rows() == T && map.cols() == T, "attention is not T x T");
            for (int i = 0; i < T; ++i) {
                double sum = 0;
                for (int j = 0; j < T; ++j) {
                    const float weight = map(i, j);
                    const bool visible = j <= i && (W == 0 || i - j < W);
                    check(std::isfinite(weight) && weight >= 0 && (visible || weight == 0),
                          "attention weight outside [0, 1] or past the mask");
                    sum += weight;
                }
                check(std::abs(sum - 1) < 1e-3, "attention row does not sum to 1");
            }
            check((cached.attention[l][h] - map).cwiseAbs().maxCoeff() <= 1e-3f,
                  "the cached pass differs from the full one");
        }
    }
}

}  // namespace

int fuzzDecoderModel(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::size_t split = text.find('\0');
    const std::string_view config_text = text.substr(0, split);
    const nlohmann::json json =
        nlohmann::json::parse(config_text, nullptr, /*allow_exceptions=*/false);
    if (!json.is_discarded()) {
        try {
            const ModelConfig config = ModelConfig::fromJson(json, "config.json");
            if (config.decoder()) {
                checkSane(config);
                const ModelConfig again =
                    ModelConfig::fromJson(config.toJson(), "config.json (rewritten)");
                check(sameConfig(config, again), "config changed after toJson and fromJson: " +
                                                     json.dump() + " -> " + config.toJson().dump());
                // Small enough to run on every input: a few thousand weights.
                if (config.parameterCount() <= 20000 && config.n_layer <= 4 &&
                    config.n_head <= 16) {
                    checkRuns(config);
                }
            }
        } catch (const AtlasError&) {
        }
    }
    if (split == std::string_view::npos) {
        return 0;
    }
    try {
        const ShardIndex index =
            ShardIndex::parse(std::string(text.substr(split + 1)), "model.safetensors.index.json");
        check(!index.weight_map.empty() && !index.shards.empty(), "an empty index was accepted");
        for (const auto& [tensor, shard] : index.weight_map) {
            check(shard.find('/') == std::string::npos && shard.find('\\') == std::string::npos &&
                      shard.rfind("..", 0) != 0,
                  "index accepted a shard outside the folder: " + shard);
            check(std::find(index.shards.begin(), index.shards.end(), shard) != index.shards.end(),
                  "a mapped shard is missing from the shard list");
        }
    } catch (const AtlasError&) {
    }
    return 0;
}

}  // namespace atlas::fuzz
