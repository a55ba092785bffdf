// One training step over data-parallel shards, evaluation, and bit-exact checkpoints.
// GCC 12 reports false "uninitialized" reads inside Eigen's AVX-512 kernels.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include "train/Trainer.h"

#include <chrono>
#include <cmath>
#include <thread>

#include <nlohmann/json.hpp>

#include "Error.h"
#include "io/Safetensors.h"
#include "train/TrainingWeights.h"

namespace atlas {

namespace {

const char* kCheckpointKey = "atlas_checkpoint";

nlohmann::json configJson(const ModelConfig& config) {
    return {{"architecture", config.architecture == Architecture::Bert ? "bert" : "gpt2"},
            {"n_layer", config.n_layer},
            {"n_head", config.n_head},
            {"d_model", config.d_model},
            {"d_ff", config.d_ff},
            {"n_ctx", config.n_ctx},
            {"vocab_size", config.vocab_size},
            {"type_vocab_size", config.type_vocab_size},
            {"layer_norm_epsilon", config.layer_norm_epsilon},
            {"gelu_tanh", config.gelu_tanh}};
}

ModelConfig configFromJson(const nlohmann::json& json) {
    ModelConfig config;
    config.architecture =
        json.at("architecture") == "bert" ? Architecture::Bert : Architecture::Gpt2;
    config.n_layer = json.at("n_layer");
    config.n_head = json.at("n_head");
    config.d_model = json.at("d_model");
    config.d_ff = json.at("d_ff");
    config.n_ctx = json.at("n_ctx");
    config.vocab_size = json.at("vocab_size");
    config.type_vocab_size = json.at("type_vocab_size");
    config.layer_norm_epsilon = json.at("layer_norm_epsilon");
    config.gelu_tanh = json.at("gelu_tanh");
    return config;
}

nlohmann::json optionsJson(const TrainingOptions& options) {
    return {{"batch_size", options.batch_size},
            {"context", options.context},
            {"steps", options.steps},
            {"learning_rate", options.learning_rate},
            {"warmup_steps", options.warmup_steps},
            {"min_learning_ratio", options.min_learning_ratio},
            {"gradient_clip", options.gradient_clip},
            {"beta1", options.adamw.beta1},
            {"beta2", options.adamw.beta2},
            {"epsilon", options.adamw.epsilon},
            {"weight_decay", options.adamw.weight_decay},
            {"decay_embeddings", options.adamw.decay_embeddings},
            {"shards", options.shards},
            {"threads", options.threads}};
}

TrainingOptions optionsFromJson(const nlohmann::json& json) {
    TrainingOptions options;
    options.batch_size = json.at("batch_size");
    options.context = json.at("context");
    options.steps = json.at("steps");
    options.learning_rate = json.at("learning_rate");
    options.warmup_steps = json.at("warmup_steps");
    options.min_learning_ratio = json.at("min_learning_ratio");
    options.gradient_clip = json.at("gradient_clip");
    options.adamw.beta1 = json.at("beta1");
    options.adamw.beta2 = json.at("beta2");
    options.adamw.epsilon = json.at("epsilon");
    options.adamw.weight_decay = json.at("weight_decay");
    options.adamw.decay_embeddings = json.value("decay_embeddings", true);
    options.shards = json.at("shards");
    options.threads = json.at("threads");
    return options;
}

}  // namespace

Trainer::Trainer(const ModelConfig& config, const TrainingOptions& options,
                 TransformerWeights initial_weights)
    : config_(config), options_(options), weights_(std::move(initial_weights)) {
    if (options_.shards < 1 || options_.batch_size % options_.shards != 0) {
        throw AtlasError("training: batch size " + std::to_string(options_.batch_size) +
                         " is not a multiple of the shard count " +
                         std::to_string(options_.shards));
    }
    if (options_.context < 2 || options_.context > config_.n_ctx) {
        throw AtlasError("training: context " + std::to_string(options_.context) +
                         " must be between 2 and n_ctx " + std::to_string(config_.n_ctx));
    }
    options_.threads = std::max(1, options_.threads);
    optimizer_ = adamWStateFor(weights_);
    for (int s = 0; s < options_.shards; ++s) {
        passes_.push_back(std::make_unique<TrainingPass<TransformerWeights>>(config_));
        shard_grads_.push_back(zerosLike(weights_));
    }
}

Trainer::~Trainer() = default;

template <typename Work>
void Trainer::forEachShard(Work&& work) {
    const int threads = std::min(options_.threads, options_.shards);
    auto worker = [&](int first) {
        for (int shard = first; shard < options_.shards; shard += threads) {
            work(shard);
        }
    };
    std::vector<std::thread> helpers;
    std::vector<std::exception_ptr> errors(threads);
    for (int t = 1; t < threads; ++t) {
        helpers.emplace_back([&, t] {
            try {
                worker(t);
            } catch (...) {
                errors[t] = std::current_exception();
            }
        });
    }
    try {
        worker(0);
    } catch (...) {
        errors[0] = std::current_exception();
    }
    for (auto& helper : helpers) {
        helper.join();
    }
    for (auto& error : errors) {
        if (error) {
            std::rethrow_exception(error);
        }
    }
}

StepRecord Trainer::step(const BatchSource& source) {
    const auto start = std::chrono::steady_clock::now();
    const std::int64_t step = optimizer_.step;
    const int sequences = options_.batch_size / options_.shards;
    std::vector<TrainingBatch> batches(options_.shards);
    std::vector<LossSum> losses(options_.shards);
    // Forward every shard (the loss normaliser needs every shard's count before backward).
    forEachShard([&](int shard) {
        batches[shard] = source.batch(step, shard, options_.shards, sequences, options_.context);
        losses[shard] = passes_[shard]->forward(weights_, batches[shard]);
    });
    LossSum total;
    for (const LossSum& loss : losses) {
        total.sum += loss.sum;
        total.count += loss.count;
    }
    const float scale = total.count > 0 ? 1.0f / static_cast<float>(total.count) : 0.0f;
    forEachShard([&](int shard) {
        setZero(shard_grads_[shard]);
        passes_[shard]->backward(weights_, batches[shard], scale, shard_grads_[shard]);
    });
    // Sum the shards' gradients in shard order (fixed, so the result never depends on threads).
    TransformerWeights& grads = shard_grads_[0];
    for (int shard = 1; shard < options_.shards; ++shard) {
        std::vector<const Matrix*> others;
        visitTensors(shard_grads_[shard],
                     [&](const std::string&, const Matrix& t) { others.push_back(&t); });
        std::size_t index = 0;
        visitTensors(grads, [&](const std::string&, Matrix& t) { t += *others[index++]; });
    }
    const double norm = gradientNorm(grads);
    if (options_.gradient_clip > 0 && norm > options_.gradient_clip) {
        scaleGradients(grads, static_cast<float>(options_.gradient_clip / norm));
    }
    const double rate = learningRateAt(step, options_.steps, options_.warmup_steps,
                                       options_.learning_rate, options_.min_learning_ratio);
    adamWUpdate(weights_, grads, optimizer_, options_.adamw, rate);

    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    StepRecord record;
    record.step = step;
    record.train_loss = total.mean();
    record.learning_rate = rate;
    record.gradient_norm = norm;
    double tokens = 0;  // real (unpadded) input tokens
    for (const TrainingBatch& batch : batches) {
        if (batch.lengths.empty()) {
            tokens += static_cast<double>(batch.batch_size) * batch.context;
        } else {
            for (int length : batch.lengths) {
                tokens += length;
            }
        }
    }
    record.tokens_per_second = seconds > 0 ? tokens / seconds : 0;
    history_.push_back(record);
    return record;
}

LossSum Trainer::evaluate(const BatchSource& source, int batches) {
    const int sequences = options_.batch_size / options_.shards;
    LossSum total;
    for (int b = 0; b < batches; ++b) {
        std::vector<LossSum> losses(options_.shards);
        forEachShard([&](int shard) {
            const TrainingBatch batch =
                source.batch(b, shard, options_.shards, sequences, options_.context);
            losses[shard] = passes_[shard]->forward(weights_, batch);
        });
        for (const LossSum& loss : losses) {
            total.sum += loss.sum;
            total.count += loss.count;
        }
    }
    return total;
}

void Trainer::saveCheckpoint(const std::filesystem::path& file,
                             const std::string& extra_json) const {
    std::vector<TensorToWrite> tensors;
    auto add = [&](const std::string& prefix, const TransformerWeights& weights) {
        visitTensors(weights, [&](const std::string& name, const Matrix& tensor) {
            tensors.push_back({prefix + name, {tensor.rows(), tensor.cols()}, tensor.data()});
        });
    };
    add("weights.", weights_);
    add("adam_m.", optimizer_.m);
    add("adam_v.", optimizer_.v);
    nlohmann::json history = nlohmann::json::array();
    for (const StepRecord& r : history_) {
        history.push_back({r.step, r.train_loss, r.val_loss, r.learning_rate, r.gradient_norm,
                           r.tokens_per_second});
    }
    nlohmann::json state = {{"format", 1},
                            {"step", optimizer_.step},
                            {"config", configJson(config_)},
                            {"options", optionsJson(options_)},
                            {"history", history},
                            {"extra", nlohmann::json::parse(extra_json)}};
    writeSafetensors(file, tensors, DType::F32, {{kCheckpointKey, state.dump()}});
}

std::unique_ptr<Trainer> Trainer::loadCheckpoint(const std::filesystem::path& file,
                                                 std::string* extra_json) {
    const std::string source = file.string();
    SafetensorsFile checkpoint = SafetensorsFile::open(file);
    auto found = checkpoint.metadata().find(kCheckpointKey);
    if (found == checkpoint.metadata().end()) {
        throw AtlasError(source + ": not a training checkpoint (metadata \"" + kCheckpointKey +
                         "\" missing)");
    }
    nlohmann::json state;
    ModelConfig config;
    TrainingOptions options;
    try {
        state = nlohmann::json::parse(found->second);
        config = configFromJson(state.at("config"));
        options = optionsFromJson(state.at("options"));
    } catch (const nlohmann::json::exception& error) {
        throw AtlasError(source + ": checkpoint state is malformed: " + error.what());
    }
    TransformerWeights shapes = initialiseForTraining(config, 0);
    auto read = [&](const std::string& prefix, TransformerWeights& weights) {
        visitTensors(weights, [&](const std::string& name, Matrix& tensor) {
            const TensorInfo* info = checkpoint.find(prefix + name);
            if (info == nullptr) {
                throw AtlasError(source + ": tensor " + prefix + name + " missing");
            }
            if (info->shape.size() != 2 || info->shape[0] != tensor.rows() ||
                info->shape[1] != tensor.cols()) {
                throw AtlasError(source + ": tensor " + prefix + name + " has the wrong shape");
            }
            checkpoint.readFloat(*info, tensor.data());
        });
    };
    read("weights.", shapes);
    auto trainer = std::make_unique<Trainer>(config, options, shapes);
    read("adam_m.", trainer->optimizer_.m);
    read("adam_v.", trainer->optimizer_.v);
    try {
        trainer->optimizer_.step = state.at("step");
        for (const auto& row : state.at("history")) {
            StepRecord record;
            record.step = row.at(0);
            record.train_loss = row.at(1);
            record.val_loss = row.at(2);
            record.learning_rate = row.at(3);
            record.gradient_norm = row.at(4);
            record.tokens_per_second = row.at(5);
            trainer->history_.push_back(record);
        }
        if (extra_json != nullptr) {
            *extra_json = state.at("extra").dump();
        }
    } catch (const nlohmann::json::exception& error) {
        throw AtlasError(source + ": checkpoint state is malformed: " + error.what());
    }
    return trainer;
}

}  // namespace atlas
