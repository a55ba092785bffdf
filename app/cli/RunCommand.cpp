// attention-atlas-cli run: every head's attention for a text, as JSON or CSV (docs/cli.md).
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>

#include "CliArguments.h"
#include "Commands.h"
#include "Error.h"
#include "HeadList.h"
#include "analysis/Aggregates.h"
#include "analysis/AttentionSink.h"
#include "analysis/TokenUnits.h"
#include "io/AtomicFile.h"
#include "model/AttributionOutput.h"
#include "model/BuiltinModels.h"
#include "model/LogitAttribution.h"
#include "model/LogitLens.h"
#include "model/Model.h"
#include "model/PredictionTarget.h"
#include "model/RunOutput.h"

namespace atlas::cli {

namespace {

const char* kRunUsage =
    "usage: attention-atlas-cli run --model M --text T [--format json|csv] [--out FILE]\n"
    "                               [--aggregate mean|rollout|flow|norm] [--ablate L:H,L:H]\n"
    "                               [--mask I,I] [--drop-sink] [--words] [--lens] [--lens-top K]\n"
    "                               [--dla] [--position I] [--target TOKEN] [--verbose]\n"
    "\n"
    "Runs the model on the text and prints every head's attention.\n"
    "  --model M       'gpt' or 'bert' (built in) or the path of a Hugging Face model folder\n"
    "  --text T        the input text; '-' reads it from standard input\n"
    "  --format F      json (default): {\"model\", \"tokens\", \"attention\" [L][H][T][T],\n"
    "                  \"predictions\"}; csv: layer,head,query,key,query_text,key_text,weight\n"
    "  --out FILE      write to FILE (atomically) instead of standard output\n"
    "  --aggregate A   also give one map per layer (mean, rollout, flow) or per head (norm);\n"
    "                  JSON only\n"
    "  --ablate L:H,.. zero these heads' outputs; later layers and predictions reflect it\n"
    "  --mask I,..     BERT: replace these tokens (0 is [CLS]) by [MASK] and predict them\n"
    "  --drop-sink     hide the first token (attention sink): key column 0 becomes 0 and each\n"
    "                  row is renormalised over the other keys (a row with all its weight on\n"
    "                  token 0 becomes all 0); aggregates are computed from these maps\n"
    "  --words         also give \"units\": the byte pieces of each character joined\n"
    "                  (\"characters\") and the words (\"words\"), each with its tokens and the\n"
    "                  attention between them (to a unit: the sum over its tokens; from a\n"
    "                  unit: the mean); JSON only\n"
    "  --lens          add \"lens\": the stream after each layer read by the final norm and\n"
    "                  the unembedding (BERT: the masked-LM head); JSON only\n"
    "  --lens-top K    tokens kept per layer and position (default 5)\n"
    "  --dla           add \"dla\": each head's, MLP's, the embedding's and the biases' share\n"
    "                  of the target's logit (BERT: each head's ablation effect); JSON only\n"
    "  --position I    --dla: the prediction explained (default: causal, the last token;\n"
    "                  BERT, the first [MASK], else the last word masked)\n"
    "  --target TOKEN  --dla: the token explained, one token's text (default: the top one)\n"
    "  --verbose       print the kernel in use (ATLAS_KERNEL), the time of each step and the\n"
    "                  peak memory to standard error\n"
    "Layers, heads and tokens count from 0. A text longer than the model's context is cut,\n"
    "with a warning. Exit codes: 0 success, 1 bad input, 2 usage error.\n";

int parseIndex(const std::string& text, const std::string& option, const std::string& entry) {
    const std::optional<int> value = parseNonNegativeInt(text);
    if (!value) {
        throw UsageError("option --" + option + ": '" + entry +
                         "' is not a list entry of non-negative integers");
    }
    return *value;
}

std::vector<std::string> splitList(const std::string& text, const std::string& option) {
    std::vector<std::string> entries;
    std::stringstream stream(text);
    std::string entry;
    while (std::getline(stream, entry, ',')) {
        const auto first = entry.find_first_not_of(' ');
        const auto last = entry.find_last_not_of(' ');
        entries.push_back(first == std::string::npos ? "" : entry.substr(first, last - first + 1));
    }
    if (entries.empty() || text.back() == ',') {
        entries.push_back("");
    }
    for (const std::string& found : entries) {
        if (found.empty()) {
            throw UsageError("option --" + option + ": empty entry in '" + text + "'");
        }
    }
    return entries;
}

// "1:3,0:0" -> heads; malformed entries are usage errors, the model's bounds come later.
std::vector<HeadIndex> parseAblate(const std::string& text) {
    std::vector<HeadIndex> heads;
    for (const std::string& entry : splitList(text, "ablate")) {
        const auto colon = entry.find(':');
        if (colon == std::string::npos) {
            throw UsageError("option --ablate: '" + entry + "' is not LAYER:HEAD");
        }
        heads.push_back({parseIndex(entry.substr(0, colon), "ablate", entry),
                         parseIndex(entry.substr(colon + 1), "ablate", entry)});
    }
    return heads;
}

std::vector<int> parseMask(const std::string& text) {
    std::vector<int> positions;
    for (const std::string& entry : splitList(text, "mask")) {
        positions.push_back(parseIndex(entry, "mask", entry));
    }
    return positions;
}

void checkAblateAgainstModel(const std::vector<HeadIndex>& heads, const ModelConfig& config,
                             const std::string& model_name) {
    for (const HeadIndex& head : heads) {
        if (head.layer >= config.n_layer || head.head >= config.n_head) {
            throw AtlasError(
                "--ablate " + std::to_string(head.layer) + ":" + std::to_string(head.head) +
                ": model " + model_name + " has " + std::to_string(config.n_layer) + " layers of " +
                std::to_string(config.n_head) + " heads (0:0 to " +
                std::to_string(config.n_layer - 1) + ":" + std::to_string(config.n_head - 1) + ")");
        }
    }
}

// The process's peak resident memory so far, from /proc/self/status (0 where there is none).
long peakResidentMegabytes() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::stol(line.substr(6)) / 1024;  // kB
        }
    }
    return 0;
}

AggregateOutput computeAggregate(const std::string& kind, const Model& model,
                                 const Forward& forward) {
    AggregateOutput aggregate;
    aggregate.kind = kind;
    if (kind == "mean") {
        aggregate.per_layer = meanOverHeads(forward);
    } else if (kind == "rollout") {
        aggregate.per_layer = attentionRollout(forward);
    } else if (kind == "flow") {
        aggregate.per_layer = attentionFlow(forward);
    } else {
        aggregate.per_head = normAttention(model.config(), model.weights(), forward);
    }
    return aggregate;
}

}  // namespace

int runCommand(const std::vector<std::string>& arguments) {
    const CliArguments options(arguments,
                               {"model", "text", "format", "out", "aggregate", "ablate", "mask",
                                "lens-top", "position", "target"},
                               {"help", "verbose", "drop-sink", "words", "lens", "dla"});
    if (options.has("help")) {
        std::cout << kRunUsage;
        return 0;
    }
    // Usage first: every mistake in the command line is reported before the model is read.
    const std::string model_argument = options.value("model");
    const std::string text_argument = options.value("text");
    const std::string format = options.choice("format", {"json", "csv"}, "json");
    const std::optional<std::string> aggregate_kind =
        options.has("aggregate")
            ? std::optional(options.choice("aggregate", {"mean", "rollout", "flow", "norm"}, ""))
            : std::nullopt;
    if (aggregate_kind && format != "json") {
        throw UsageError("option --aggregate needs --format json");
    }
    const bool words = options.has("words");
    if (words && format != "json") {
        throw UsageError("option --words needs --format json");
    }
    const bool lens = options.has("lens");
    const int lens_top = options.intValue("lens-top", 5);
    if (options.has("lens-top") && !lens) {
        throw UsageError("option --lens-top needs --lens");
    }
    if (lens_top < 1) {
        throw UsageError("option --lens-top: expected at least 1");
    }
    const bool dla = options.has("dla");
    if ((options.has("position") || options.has("target")) && !dla) {
        throw UsageError("options --position and --target need --dla");
    }
    const std::optional<int> dla_position =
        options.has("position") ? std::optional(options.intValue("position", 0)) : std::nullopt;
    const std::optional<std::string> dla_target =
        options.has("target") ? std::optional(options.value("target")) : std::nullopt;
    if ((lens || dla) && format != "json") {
        throw UsageError(std::string("option --") + (lens ? "lens" : "dla") +
                         " needs --format json");
    }
    RunOptions run_options;
    if (options.has("ablate")) {
        run_options.forward.ablated_heads = parseAblate(options.value("ablate"));
    }
    if (options.has("mask")) {
        run_options.masked_tokens = parseMask(options.value("mask"));
    }
    if (options.has("out") && options.value("out").empty()) {
        throw UsageError("option --out needs a file name");
    }
    run_options.forward.capture_internals = aggregate_kind == "norm";

    const bool verbose = options.has("verbose");
    run_options.forward.kernel = kernelFromEnvironment();  // a bad ATLAS_KERNEL fails first
    using Clock = std::chrono::steady_clock;
    const auto milliseconds = [](Clock::time_point since) {
        return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
    };
    // CPU time of the process, all threads: on a shared machine the elapsed time counts waiting
    // for a core too.
    const auto cpu_milliseconds = [](std::clock_t since) {
        return 1000.0 * static_cast<double>(std::clock() - since) / CLOCKS_PER_SEC;
    };
    if (verbose) {
        std::cerr << "kernel: " << run_options.forward.kernel->name() << "\n";
    }

    const std::string text = textOrStandardInput(text_argument);
    auto started = Clock::now();
    std::clock_t cpu_started = std::clock();
    const std::unique_ptr<Model> model = Model::load(resolveModelFolder(model_argument));
    if (verbose) {
        std::cerr << "open: " << milliseconds(started) << " ms (" << model->name() << "), CPU "
                  << cpu_milliseconds(cpu_started) << " ms\n";
    }
    checkAblateAgainstModel(run_options.forward.ablated_heads, model->config(), model->name());
    if (!run_options.masked_tokens.empty() && model->config().causal()) {
        throw AtlasError("--mask: model " + model->name() +
                         " is causal (GPT-2); only a masked language model (BERT) fills masks");
    }

    started = Clock::now();
    cpu_started = std::clock();
    RunResult result = model->run(text, run_options);
    if (verbose) {
        std::cerr << "tokenize and forward: " << milliseconds(started) << " ms ("
                  << result.encoded.tokens.size() << " tokens), CPU "
                  << cpu_milliseconds(cpu_started) << " ms\n";
    }
    RunOutputMarks marks;
    marks.sink_share = sinkShares(result.forward);  // of the maps as the model made them
    if (options.has("drop-sink")) {
        dropAttentionSink(result.forward);
        marks.sink_dropped = true;
    }
    std::optional<AggregateOutput> aggregate;
    if (aggregate_kind) {
        aggregate = computeAggregate(*aggregate_kind, *model, result.forward);
    }
    std::vector<std::pair<std::string, std::string>> extra_members;
    if (lens) {
        std::vector<int> ids;
        for (const Token& token : result.encoded.tokens)
            ids.push_back(token.id);
        extra_members.emplace_back("lens",
                                   lensJson(logitLens(*model, ids, lens_top, run_options.forward)));
    }
    if (dla) {
        const PredictionTarget chosen =
            choosePredictionTarget(*model, result.encoded.tokens, dla_position, dla_target);
        extra_members.emplace_back(
            "dla",
            model->config().architecture == Architecture::Bert
                ? ablationJson(headAblationEffects(*model, chosen.ids, chosen.position,
                                                   chosen.target, run_options.forward),
                               chosen)
                : directAttributionJson(directLogitAttribution(*model, chosen.ids, chosen.position,
                                                               chosen.target, run_options.forward),
                                        chosen));
    }
    const ModelConfig& config = model->config();
    const auto attention = [&](int layer, int head) -> const Matrix& {
        return result.forward.attention[layer][head];
    };
    const RunOutputModel described{
        model->name(),   config.architecture == Architecture::Bert ? "bert" : config.modelType(),
        config.n_layer,  config.n_head,
        config.causal(), config.kvHeads()};
    std::vector<UnitsOutput> unit_levels;
    if (words) {
        for (UnitLevel level : {UnitLevel::Characters, UnitLevel::Words}) {
            unit_levels.push_back(unitsOutput(tokenUnits(result.encoded.tokens, text, level),
                                              result.forward.attention));
        }
    }
    const std::string output =
        format == "json"
            ? runJson(described, result.encoded.truncated, result.encoded.tokens, attention,
                      result.forward.predictions, aggregate ? &*aggregate : nullptr, marks,
                      unit_levels, extra_members)
            : runCsv(config.n_layer, config.n_head, result.encoded.tokens, attention);
    if (options.has("out")) {
        writeFileAtomically(options.value("out"), output);
    } else {
        std::cout.write(output.data(), static_cast<std::streamsize>(output.size()));
        std::cout.flush();
    }
    if (verbose) {
        std::cerr << "peak memory: " << peakResidentMegabytes() << " MiB (VmHWM)\n";
    }
    if (result.encoded.truncated) {
        std::cerr << "warning: text truncated to " << result.encoded.tokens.size() << " tokens of "
                  << result.encoded.full_token_count << "\n";
    }
    return 0;
}

}  // namespace atlas::cli
