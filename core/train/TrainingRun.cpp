// The training run: tokenizer, corpus, step loop, validation, checkpoints, snapshots, outputs.
// GCC 12 reports false "uninitialized" reads inside Eigen's AVX-512 kernels.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include "train/TrainingRun.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "Error.h"
#include "io/AtomicFile.h"
#include "model/ModelFolderWriter.h"
#include "text/BpeTrainer.h"
#include "text/ByteLevelBpe.h"
#include "text/TokenizerFiles.h"
#include "text/WordPiece.h"
#include "text/WordPieceTrainer.h"
#include "train/MixedBatchSource.h"
#include "train/RepeatedSpans.h"
#include "train/TrainingWeights.h"

namespace atlas {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

void saveTokenizer(const Tokenizer& tokenizer, const std::filesystem::path& folder) {
    if (const auto* bpe = dynamic_cast<const ByteLevelBpe*>(&tokenizer)) {
        bpe->save(folder);
    } else if (const auto* wordpiece = dynamic_cast<const WordPiece*>(&tokenizer)) {
        wordpiece->save(folder);
    } else {
        throw AtlasError("training: the tokenizer cannot be saved");
    }
}

std::filesystem::path checkpointFileOf(const std::filesystem::path& resume) {
    if (std::filesystem::is_regular_file(resume)) {
        return resume;
    }
    return resume / "checkpoints" / "latest.safetensors";
}

// The run's own settings that a resume must reuse (the data and the schedule of side effects).
nlohmann::json runJson(const TrainingRunOptions& options) {
    return {{"architecture", options.architecture == Architecture::Bert ? "bert" : "gpt"},
            {"data", options.data == TrainingData::RepeatedRandomTokens ? "repeated-random-tokens"
                                                                        : "text"},
            {"corpus", options.corpus.empty() ? std::string()
                                              : std::filesystem::absolute(options.corpus).string()},
            {"seed", options.seed},
            {"held_out_books", options.held_out_books},
            {"held_out_share", options.held_out_share},
            {"max_source_share", options.max_source_share},
            {"mask_rate", options.masking.rate},
            {"mask_share", options.masking.mask_share},
            {"random_share", options.masking.random_share},
            {"whole_words", options.masking.whole_words},
            {"dictionary_words", options.masking.dictionary_words},
            {"max_span", options.masking.max_span},
            {"pack_length", options.pack_length},
            {"text_share", options.text_share},
            {"span_pairs", options.span_pairs},
            {"min_span", options.min_span},
            {"short_span_power", options.short_span_power},
            {"eval_every", options.eval_every},
            {"eval_batches", options.eval_batches},
            {"snapshots", options.snapshot_fractions}};
}

void restoreRunJson(const nlohmann::json& json, TrainingRunOptions& options) {
    options.architecture =
        json.at("architecture") == "bert" ? Architecture::Bert : Architecture::Gpt2;
    options.data = json.value("data", std::string("text")) == "repeated-random-tokens"
                       ? TrainingData::RepeatedRandomTokens
                       : TrainingData::Text;
    if (options.corpus.empty()) {
        options.corpus = json.value("corpus", std::string());  // a resume without --corpus
    }
    options.seed = json.at("seed");
    options.held_out_books = json.at("held_out_books");
    // Absent in checkpoints of runs made before sources existed: the values those runs used.
    options.held_out_share = json.value("held_out_share", 0.05);
    options.max_source_share = json.value("max_source_share", 0.0);
    options.masking.rate = json.at("mask_rate");
    options.masking.mask_share = json.at("mask_share");
    options.masking.random_share = json.at("random_share");
    options.masking.whole_words = json.at("whole_words");
    options.masking.dictionary_words = json.value("dictionary_words", false);
    options.masking.max_span = json.value("max_span", 1);
    options.pack_length = json.at("pack_length");
    options.text_share = json.value("text_share", 0.0);
    options.span_pairs = json.value("span_pairs", false);
    options.min_span = json.value("min_span", 4);
    options.short_span_power = json.value("short_span_power", 1.0);
    options.eval_every = json.at("eval_every");
    options.eval_batches = json.at("eval_batches");
    options.snapshot_fractions = json.at("snapshots").get<std::vector<double>>();
}

std::string stepFolderName(std::int64_t steps) {
    char name[32];
    std::snprintf(name, sizeof name, "step-%06lld", static_cast<long long>(steps));
    return name;
}

}  // namespace

ModelConfig trainingModelConfig(const TrainingRunOptions& options, int vocab_size) {
    ModelConfig config;
    config.architecture = options.architecture;
    config.n_layer = options.n_layer;
    config.n_head = options.n_head;
    config.d_model = options.d_model;
    config.d_ff = options.d_ff > 0 ? options.d_ff : 4 * options.d_model;
    config.n_ctx = options.n_ctx;
    config.vocab_size = vocab_size;
    const bool bert = options.architecture == Architecture::Bert;
    config.type_vocab_size = bert ? 2 : 0;
    config.layer_norm_epsilon = bert ? 1e-12f : 1e-5f;
    config.gelu_tanh = !bert;
    return config;
}

void writeLossCsv(const std::filesystem::path& file, const std::vector<StepRecord>& history) {
    std::ostringstream csv;
    csv << "step,train_loss,val_loss,lr,tokens_per_s\n";
    char line[160];
    for (const StepRecord& record : history) {
        std::snprintf(line, sizeof line, "%lld,%.6f,%s,%.6g,%.1f\n",
                      static_cast<long long>(record.step + 1), record.train_loss,
                      record.val_loss >= 0 ? std::to_string(record.val_loss).c_str() : "",
                      record.learning_rate, record.tokens_per_second);
        csv << line;
    }
    writeFileAtomically(file, csv.str());
}

TrainingRunResult runTraining(const TrainingRunOptions& requested,
                              const std::function<void(const TrainingProgress&)>& progress,
                              const std::function<void(const std::string&)>& message) {
    auto note = [&](const std::string& text) {
        if (message) {
            message(text);
        }
    };
    const auto process_start = Clock::now();
    TrainingRunOptions options = requested;
    std::filesystem::create_directories(options.output / "checkpoints");

    // ---- resume: the checkpoint's settings win over the command line's (except threads)
    std::unique_ptr<Trainer> trainer;
    std::filesystem::path tokenizer_folder = options.tokenizer;
    if (!options.resume.empty()) {
        const std::filesystem::path file = checkpointFileOf(options.resume);
        std::string extra;
        trainer = Trainer::loadCheckpoint(file, &extra);
        try {
            restoreRunJson(nlohmann::json::parse(extra).at("run"), options);
        } catch (const nlohmann::json::exception& error) {
            throw AtlasError(file.string() + ": run settings malformed: " + error.what());
        }
        trainer->setThreads(requested.training.threads);
        if (requested.resume_total_steps > 0) {
            trainer->setTotalSteps(requested.resume_total_steps);
            note("total steps changed to " + std::to_string(requested.resume_total_steps));
        }
        options.training = trainer->options();
        options.training.threads = requested.training.threads;
        tokenizer_folder = std::filesystem::is_regular_file(options.resume)
                               ? options.resume.parent_path().parent_path()
                               : options.resume;
        note("resuming from " + file.string() + " at step " +
             std::to_string(trainer->currentStep()));
    }
    const bool bert = options.architecture == Architecture::Bert;

    if (options.corpus.empty()) {
        throw AtlasError("training: no corpus given (--corpus)");
    }
    // ---- corpus, split by book (per source when it has sources), sources balanced
    int skipped = 0;
    std::vector<CorpusBook> books = readCorpusBooks(options.corpus, &skipped);
    if (skipped > 0) {
        note(std::to_string(skipped) + " files listed in MANIFEST.tsv are absent and skipped");
    }
    const bool has_sources = std::any_of(
        books.begin(), books.end(), [](const CorpusBook& book) { return !book.source.empty(); });
    CorpusSplit split = has_sources
                            ? splitBySource(std::move(books), options.held_out_share, options.seed)
                            : splitByBook(std::move(books), options.held_out_books, options.seed);
    if (options.max_source_share > 0) {
        split.train =
            capSourceShares(std::move(split.train), options.max_source_share, options.seed);
        split.validation = capSourceShares(std::move(split.validation), options.max_source_share,
                                           options.seed ^ 0x51ULL);
    }
    if (has_sources) {
        std::map<std::string, std::pair<std::size_t, std::size_t>> bytes;  // train, validation
        for (const auto& book : split.train) {
            bytes[book.source].first += book.text.size();
        }
        for (const auto& book : split.validation) {
            bytes[book.source].second += book.text.size();
        }
        for (const auto& [source, sizes] : bytes) {
            char text[160];
            std::snprintf(text, sizeof text, "source %s: %.2f MB training, %.2f MB validation",
                          source.empty() ? "(top level)" : source.c_str(), sizes.first / 1e6,
                          sizes.second / 1e6);
            note(text);
        }
    } else {
        std::string names;
        for (const auto& book : split.validation) {
            names += (names.empty() ? "" : ", ") + book.name;
        }
        note(std::to_string(split.train.size()) + " training books; validation: " + names);
    }

    // ---- tokenizer: given, resumed, or trained on the training books
    std::unique_ptr<Tokenizer> tokenizer;
    if (!tokenizer_folder.empty()) {
        tokenizer = loadTokenizer(tokenizer_folder);
    } else {
        const auto start = Clock::now();
        std::vector<std::string> texts;
        for (const auto& book : split.train) {
            texts.push_back(book.text);
        }
        if (bert) {
            WordPieceTrainingOptions wordpiece;
            wordpiece.vocab_size = options.vocab_size;
            wordpiece.max_alphabet = options.max_alphabet;
            tokenizer = std::make_unique<WordPiece>(trainWordPiece(texts, wordpiece));
        } else {
            BpeTrainingOptions bpe;
            bpe.vocab_size = options.vocab_size;
            tokenizer = std::make_unique<ByteLevelBpe>(trainByteLevelBpe(texts, bpe));
        }
        char text[96];
        std::snprintf(text, sizeof text, "tokenizer trained: %d entries in %.1f s",
                      tokenizer->vocabSize(), secondsSince(start));
        note(text);
    }
    saveTokenizer(*tokenizer, options.output);

    // ---- batch sources
    const int threads = options.training.threads;
    const std::uint64_t validation_seed = options.seed ^ 0x5A17DA7AULL;
    std::unique_ptr<BatchSource> train_source;
    std::unique_ptr<BatchSource> validation_source;
    {
        const auto start = Clock::now();
        if (bert) {
            BertSpecialIds special;
            auto id = [&](const char* name) {
                auto found = tokenizer->idOf(name);
                if (!found) {
                    throw AtlasError(std::string("tokenizer: BERT needs ") + name);
                }
                return *found;
            };
            special.cls = id("[CLS]");
            special.sep = id("[SEP]");
            special.mask = id("[MASK]");
            special.pad = id("[PAD]");
            special.first_regular =
                std::max({special.cls, special.sep, special.mask, special.pad, id("[UNK]")}) + 1;
            special.vocab_size = tokenizer->vocabSize();
            const int pack =
                options.pack_length > 0 ? options.pack_length : options.training.context;
            const bool dictionary_words = options.masking.dictionary_words;
            auto train = buildBertSequences(split.train, *tokenizer, special, pack, threads,
                                            dictionary_words);
            auto validation = buildBertSequences(split.validation, *tokenizer, special, pack,
                                                 threads, dictionary_words);
            auto source = std::make_unique<BertBatchSource>(std::move(train), special,
                                                            options.masking, options.seed);
            char text[128];
            std::snprintf(text, sizeof text, "corpus: %zu sequences, %zu tokens (%.1f s)",
                          source->sequenceCount(), source->tokenCount(), secondsSince(start));
            note(text);
            train_source = std::move(source);
            validation_source = std::make_unique<BertBatchSource>(std::move(validation), special,
                                                                  options.masking, validation_seed);
        } else if (options.data == TrainingData::RepeatedRandomTokens) {
            RepeatedSpanOptions spans;
            spans.vocab_size = tokenizer->vocabSize();
            if (auto end_of_text = tokenizer->idOf("<|endoftext|>")) {
                spans.bos_id = *end_of_text;
            }
            spans.pairs = options.span_pairs;
            spans.min_span = options.min_span;
            spans.short_span_power = options.short_span_power;
            train_source = std::make_unique<RepeatedSpanBatchSource>(spans, options.seed);
            validation_source = std::make_unique<RepeatedSpanBatchSource>(spans, validation_seed);
            if (options.text_share > 0) {
                auto text = std::make_unique<GptBatchSource>(
                    tokenizeForGpt(split.train, *tokenizer, threads), options.seed);
                char line[160];
                std::snprintf(line, sizeof line,
                              "data: spans of random tokens, repeated, and %.0f %% text "
                              "(%zu tokens)",
                              100 * options.text_share, text->tokenCount());
                note(line);
                train_source = std::make_unique<MixedBatchSource>(
                    std::move(text), std::move(train_source), options.text_share);
            } else {
                note("data: spans of random tokens, repeated");
            }
        } else {
            auto source = std::make_unique<GptBatchSource>(
                tokenizeForGpt(split.train, *tokenizer, threads), options.seed);
            char text[128];
            std::snprintf(text, sizeof text, "corpus: %zu tokens (%.1f s)", source->tokenCount(),
                          secondsSince(start));
            note(text);
            train_source = std::move(source);
            auto validation_tokens = tokenizeForGpt(split.validation, *tokenizer, threads);
            if (validation_tokens.size() > static_cast<std::size_t>(options.training.context) + 2) {
                validation_source =
                    std::make_unique<GptBatchSource>(std::move(validation_tokens), validation_seed);
            }
        }
    }

    // ---- the trainer
    const ModelConfig config = trainingModelConfig(options, tokenizer->vocabSize());
    if (!trainer) {
        trainer = std::make_unique<Trainer>(
            config, options.training,
            initialiseForTraining(config, options.seed, options.initialisation));
        char text[96];
        std::snprintf(text, sizeof text, "model: %zu parameters",
                      countParameters(trainer->weights()));
        note(text);
    } else if (trainer->config().vocab_size != config.vocab_size) {
        throw AtlasError("checkpoint: vocabulary size does not match the tokenizer");
    }
    const ModelConfig& model_config = trainer->config();
    const std::int64_t total = trainer->options().steps;
    const nlohmann::json extra = {{"run", runJson(options)}};
    TrainingRunResult result;
    const std::filesystem::path checkpoint_file =
        options.output / "checkpoints" / "latest.safetensors";
    auto saveCheckpoint = [&] {
        trainer->saveCheckpoint(checkpoint_file, extra.dump());
        result.checkpoint = checkpoint_file;
    };
    std::vector<std::int64_t> snapshot_steps;
    for (double fraction : options.snapshot_fractions) {
        snapshot_steps.push_back(
            std::clamp<std::int64_t>(std::llround(fraction * total), 1, total));
    }

    // ---- the loop
    const std::int64_t first_step = trainer->currentStep();
    const auto loop_start = Clock::now();
    auto last_progress = Clock::now();
    auto last_checkpoint = Clock::now();
    auto last_timed_snapshot = Clock::now();
    bool stopped = false;
    auto saveSnapshot = [&](std::int64_t done) {
        const std::filesystem::path folder = options.output / "snapshots" / stepFolderName(done);
        if (std::filesystem::exists(folder / "model.safetensors")) {
            return;  // the fraction and the timer fell on the same step
        }
        saveModelFolder(folder, model_config, trainer->weights(), options.storage);
        saveTokenizer(*tokenizer, folder);
        note("snapshot " + folder.string());
    };
    const TrainingControl* control = options.control;
    while (trainer->currentStep() < total) {
        while (control != nullptr && control->pause.load() && !control->stop.load()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (control != nullptr && control->stop.load()) {
            stopped = true;
            break;
        }
        StepRecord record = trainer->step(*train_source);
        const std::int64_t done = trainer->currentStep();  // steps completed
        if (validation_source && (done % options.eval_every == 0 || done == total)) {
            record.val_loss = trainer->evaluate(*validation_source, options.eval_batches).mean();
            trainer->history().back().val_loss = record.val_loss;
        }
        if (std::find(snapshot_steps.begin(), snapshot_steps.end(), done) != snapshot_steps.end()) {
            saveSnapshot(done);
        }
        if (options.snapshot_seconds > 0 &&
            secondsSince(last_timed_snapshot) >= options.snapshot_seconds) {
            saveSnapshot(done);
            last_timed_snapshot = Clock::now();
        }
        const double elapsed = secondsSince(loop_start);
        const double steps_per_second = static_cast<double>(done - first_step) / elapsed;
        if (progress &&
            (secondsSince(last_progress) >= options.progress_seconds || done == total)) {
            last_progress = Clock::now();
            TrainingProgress report;
            report.last = record;
            report.total_steps = total;
            double tokens = 0;
            const auto& history = trainer->history();
            for (std::size_t i = history.size() - static_cast<std::size_t>(done - first_step);
                 i < history.size(); ++i) {
                tokens += history[i].tokens_per_second;
            }
            report.mean_tokens_per_second =
                done > first_step ? tokens / static_cast<double>(done - first_step) : 0;
            report.eta_seconds =
                steps_per_second > 0 ? static_cast<double>(total - done) / steps_per_second : 0;
            progress(report);
        }
        if (options.time_limit_minutes > 0 &&
            secondsSince(process_start) >= options.time_limit_minutes * 60 && done < total) {
            stopped = true;
            break;
        }
        if (options.checkpoint_minutes > 0 &&
            secondsSince(last_checkpoint) >= options.checkpoint_minutes * 60 && done < total) {
            saveCheckpoint();
            last_checkpoint = Clock::now();
            note("checkpoint at step " + std::to_string(done));
        }
    }

    // ---- outputs
    saveCheckpoint();
    writeLossCsv(options.output / "loss.csv", trainer->history());
    // Also when stopped early, so the folder always holds the latest usable model.
    saveModelFolder(options.output, model_config, trainer->weights(), options.storage);
    note("model saved to " + options.output.string());
    if (stopped && control != nullptr && control->stop.load()) {
        note("stopped at step " + std::to_string(trainer->currentStep()) +
             "; resume with --resume " + options.output.string());
    } else if (stopped) {
        note("time limit reached at step " + std::to_string(trainer->currentStep()) +
             "; resume with --resume " + options.output.string());
    }
    result.finished = !stopped;
    result.steps_done = trainer->currentStep();
    result.history = trainer->history();
    return result;
}

}  // namespace atlas
