// The training loop's core: one optimisation step over data-parallel shards, evaluation, and
// checkpoints that resume bit for bit.
//
// A step's batch of B sequences is split into a fixed number of shards (default 2); each shard
// runs forward and backward on its own thread into its own gradient buffer, then the buffers are
// summed in shard order. Because the split does not depend on the thread count and every batch is
// a pure function of (seed, step, shard), a run resumed from a checkpoint computes the same
// numbers as one that never stopped.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "model/ModelConfig.h"
#include "model/TransformerWeights.h"
#include "train/AdamW.h"
#include "train/TrainingPass.h"

namespace atlas {

// Where batches come from. Implementations must return the same batch for the same arguments.
class BatchSource {
  public:
    virtual ~BatchSource() = default;
    // Shard `shard` of `shard_count` of the batch for `step`: `sequences` sequences of `context`
    // tokens with targets.
    virtual TrainingBatch batch(std::int64_t step, int shard, int shard_count, int sequences,
                                int context) const = 0;
};

struct TrainingOptions {
    int batch_size = 32;          // B sequences per step, all shards together
    int context = 128;            // T
    std::int64_t steps = 1000;    // total optimisation steps (the schedule's length)
    double learning_rate = 1e-3;  // peak
    std::int64_t warmup_steps = 100;
    double min_learning_ratio = 0.1;  // the cosine ends at learning_rate * this
    double gradient_clip = 1.0;       // global norm; <= 0 disables
    AdamWSettings adamw;
    int shards = 2;   // fixed batch split (determinism does not depend on threads)
    int threads = 2;  // worker threads running the shards
};

struct StepRecord {
    std::int64_t step = 0;  // 0-based index of the step taken
    double train_loss = 0;  // mean cross-entropy of the step's batch
    double val_loss = -1;   // mean validation cross-entropy, -1 if not evaluated
    double learning_rate = 0;
    double gradient_norm = 0;      // before clipping
    double tokens_per_second = 0;  // input tokens (all positions) per wall-clock second
};

class Trainer {
  public:
    Trainer(const ModelConfig& config, const TrainingOptions& options,
            TransformerWeights initial_weights);
    ~Trainer();
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    // Takes one step on source.batch(currentStep(), ...) and appends it to history().
    StepRecord step(const BatchSource& source);
    // Mean loss over `batches` batches source.batch(0 .. batches-1) of the configured size.
    LossSum evaluate(const BatchSource& source, int batches);

    std::int64_t currentStep() const { return optimizer_.step; }
    const ModelConfig& config() const { return config_; }
    const TrainingOptions& options() const { return options_; }
    void setThreads(int threads) { options_.threads = threads < 1 ? 1 : threads; }
    // Extends or shortens the run (the schedule follows the new total).
    void setTotalSteps(std::int64_t steps) { options_.steps = steps; }
    const TransformerWeights& weights() const { return weights_; }
    std::vector<StepRecord>& history() { return history_; }
    const std::vector<StepRecord>& history() const { return history_; }

    // Writes weights, AdamW moments, step, options, config, history and `extra` (the caller's
    // JSON, e.g. the data description) to one safetensors file, atomically.
    void saveCheckpoint(const std::filesystem::path& file,
                        const std::string& extra_json = "{}") const;
    // Restores a trainer from saveCheckpoint's file; `extra_json` receives the caller's JSON.
    static std::unique_ptr<Trainer> loadCheckpoint(const std::filesystem::path& file,
                                                   std::string* extra_json = nullptr);

  private:
    // Runs work(shard) for every shard on options_.threads threads, shard s on worker s % threads.
    template <typename Work>
    void forEachShard(Work&& work);

    ModelConfig config_;
    TrainingOptions options_;
    TransformerWeights weights_;
    AdamWState optimizer_;
    std::vector<std::unique_ptr<TrainingPass<TransformerWeights>>> passes_;  // [shards]
    std::vector<TransformerWeights> shard_grads_;                            // [shards]
    std::vector<StepRecord> history_;
};

}  // namespace atlas
