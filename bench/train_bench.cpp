// Training throughput (tokens/s) and its share of the machine's matrix-multiply peak, where the
// peak is measured here, in the same run, by Eigen GEMMs of exactly the shapes one training step
// multiplies, run the way the trainer runs them (one shard per thread).
//
// usage: train_bench [--steps N] [--threads N] [--arch gpt|bert|both]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "train/Trainer.h"
#include "train/TrainingRandom.h"
#include "train/TrainingWeights.h"

using namespace atlas;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Random tokens; BERT masks `mask_rate` of positions. Same shapes the real corpus gives.
class RandomSource : public BatchSource {
  public:
    RandomSource(const ModelConfig& config, double mask_rate)
        : config_(config), mask_rate_(mask_rate) {}
    TrainingBatch batch(std::int64_t step, int shard, int, int sequences,
                        int context) const override {
        TrainingRandom random(9, static_cast<std::uint64_t>(step),
                              static_cast<std::uint64_t>(shard));
        TrainingBatch batch;
        batch.batch_size = sequences;
        batch.context = context;
        const bool bert = config_.architecture == Architecture::Bert;
        for (int i = 0; i < sequences * context; ++i) {
            const int token = 5 + static_cast<int>(random.below(config_.vocab_size - 5));
            const bool masked = !bert || random.uniform() < mask_rate_;
            batch.inputs.push_back(bert && masked ? 4 : token);
            batch.targets.push_back(masked ? token : -1);
        }
        return batch;
    }

  private:
    ModelConfig config_;
    double mask_rate_;
};

struct Shape {
    int m, k, n;  // [m, k] x [k, n]
};

// Every dense product of one forward + backward on one shard: for Y[m,n] = X[m,k] W[k,n] the
// backward adds dX = dY W^T ([m,n] x [n,k]) and dW = X^T dY ([k,m] x [m,n]).
std::vector<Shape> stepShapes(const ModelConfig& config, int rows, int loss_rows) {
    const int C = config.d_model;
    const int F = config.d_ff;
    const int V = config.vocab_size;
    std::vector<Shape> forward;
    for (int l = 0; l < config.n_layer; ++l) {
        forward.push_back({rows, C, 3 * C});
        forward.push_back({rows, C, C});
        forward.push_back({rows, C, F});
        forward.push_back({rows, F, C});
    }
    if (config.architecture == Architecture::Bert) {
        forward.push_back({loss_rows, C, C});
    }
    forward.push_back({loss_rows, C, V});
    std::vector<Shape> all;
    for (const Shape& s : forward) {
        all.push_back(s);
        all.push_back({s.m, s.n, s.k});
        all.push_back({s.k, s.m, s.n});
    }
    return all;
}

// Seconds for every shard's GEMMs, shards on `threads` threads at once (best of `repeats`).
double referenceSeconds(const std::vector<Shape>& shapes, int shards, int threads, int repeats) {
    struct Operands {
        std::vector<Matrix> a, b, c;
    };
    std::vector<Operands> operands(shards);
    for (auto& o : operands) {
        for (const Shape& s : shapes) {
            o.a.push_back(Matrix::Random(s.m, s.k));
            o.b.push_back(Matrix::Random(s.k, s.n));
            o.c.push_back(Matrix::Zero(s.m, s.n));
        }
    }
    double best = 1e30;
    for (int r = 0; r < repeats; ++r) {
        const auto start = Clock::now();
        auto work = [&](int first) {
            for (int shard = first; shard < shards; shard += threads) {
                Operands& o = operands[shard];
                for (std::size_t i = 0; i < shapes.size(); ++i) {
                    o.c[i].noalias() = o.a[i] * o.b[i];
                }
            }
        };
        std::vector<std::thread> helpers;
        for (int t = 1; t < threads; ++t) {
            helpers.emplace_back(work, t);
        }
        work(0);
        for (auto& helper : helpers) {
            helper.join();
        }
        best = std::min(best, secondsSince(start));
    }
    return best;
}

// One shipped model's training step: `context` tokens per sequence (the model's n_ctx may be
// larger, as bert's sentences are packed to 64 of its 128 positions).
void benchmark(const char* name, const ModelConfig& config, int batch_size, int context,
               double mask_rate, int steps, int threads) {
    TrainingOptions options;
    options.batch_size = batch_size;
    options.context = context;
    options.steps = 1000;
    options.shards = 2;
    options.threads = threads;
    Trainer trainer(config, options, initialiseForTraining(config, 1));
    const RandomSource source(config, mask_rate);
    trainer.step(source);  // warm-up: buffers allocated
    double best = 1e30;
    double total = 0;
    for (int s = 0; s < steps; ++s) {
        const auto start = Clock::now();
        trainer.step(source);
        const double seconds = secondsSince(start);
        best = std::min(best, seconds);
        total += seconds;
    }
    const double mean = total / steps;
    const int rows = batch_size / options.shards * context;  // per shard
    const bool bert = config.architecture == Architecture::Bert;
    const int loss_rows = bert ? static_cast<int>(rows * mask_rate) : rows;
    const double dense =
        options.shards * TrainingPass<TransformerWeights>::denseFlops(config, rows, loss_rows);
    const double attention =
        TrainingPass<TransformerWeights>::attentionFlops(config, batch_size, context);
    const double reference =
        referenceSeconds(stepShapes(config, rows, loss_rows), options.shards, threads, 3);
    const double peak = dense / reference;  // FLOP/s of the same GEMMs alone
    const double tokens = static_cast<double>(batch_size) * context;
    std::printf("%s: %d layers, %d heads, d_model %d, vocab %d, B %d x T %d, %d threads\n", name,
                config.n_layer, config.n_head, config.d_model, config.vocab_size, batch_size,
                context, threads);
    std::printf("  step %.1f ms mean (%.1f best)  %.0f tokens/s mean (%.0f best)\n", mean * 1e3,
                best * 1e3, tokens / mean, tokens / best);
    std::printf("  GEMM reference (same shapes, same run): %.1f GFLOP/s\n", peak * 1e-9);
    std::printf(
        "  training: %.1f GFLOP/s dense + attention = %.0f%% of the reference (mean step), "
        "%.0f%% (best step); dense only %.0f%%\n",
        (dense + attention) / mean * 1e-9, 100 * (dense + attention) / mean / peak,
        100 * (dense + attention) / best / peak, 100 * dense / mean / peak);
}

}  // namespace

int main(int argc, char** argv) {
    int steps = 5;
    int threads = 2;
    std::string arch = "both";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--steps"))
            steps = std::max(1, std::atoi(argv[i + 1]));
        if (!std::strcmp(argv[i], "--threads"))
            threads = std::max(1, std::atoi(argv[i + 1]));
        if (!std::strcmp(argv[i], "--arch"))
            arch = argv[i + 1];
    }
    // The shipped models' shapes and batches (docs/models.md).
    ModelConfig gpt;
    gpt.architecture = Architecture::Gpt2;
    gpt.n_layer = 4;
    gpt.n_head = 5;
    gpt.d_model = 160;
    gpt.d_ff = 640;
    gpt.n_ctx = 64;
    gpt.vocab_size = 8000;
    ModelConfig bert = gpt;
    bert.architecture = Architecture::Bert;
    bert.n_head = 8;
    bert.d_model = 240;
    bert.d_ff = 960;
    bert.n_ctx = 128;
    bert.vocab_size = 8000;
    bert.type_vocab_size = 2;
    bert.layer_norm_epsilon = 1e-12f;
    bert.gelu_tanh = false;
    if (arch == "gpt" || arch == "both")
        benchmark("gpt", gpt, 32, 64, 0.0, steps, threads);
    if (arch == "bert" || arch == "both")
        benchmark("bert", bert, 64, 64, 0.25, steps, threads);
    return 0;
}
