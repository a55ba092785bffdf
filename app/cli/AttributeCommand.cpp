// attention-atlas-cli attribute: which input tokens drive one prediction (docs/cli.md).
#include <iostream>
#include <optional>

#include "CliArguments.h"
#include "Commands.h"
#include "Error.h"
#include "io/AtomicFile.h"
#include "model/AttributionOutput.h"
#include "model/BuiltinModels.h"
#include "model/Model.h"
#include "model/PredictionTarget.h"
#include "model/TokenAttribution.h"
#include "model/TokenText.h"
#include "train/InputGradients.h"

namespace atlas::cli {

namespace {

const char* kAttributeUsage =
    "usage: attention-atlas-cli attribute --model M --text T [--position I] [--target TOKEN]\n"
    "                                     [--method occlusion|gradxinput|ig] [--steps N]\n"
    "                                     [--format json|csv] [--out FILE]\n"
    "\n"
    "Scores each input token by how much it drives one prediction.\n"
    "  --model M       'gpt' or 'bert' (built in) or the path of a Hugging Face model folder\n"
    "  --text T        the input text; '-' reads it from standard input\n"
    "  --position I    the prediction explained (tokens count from 0). Default: a causal model,\n"
    "                  the last token (the next token after the text); BERT, the first [MASK],\n"
    "                  or with none the last word, masked, its original token the target\n"
    "  --target TOKEN  the token explained, as one token's text (' mat' for gpt, 'mat' for\n"
    "                  bert); default: the model's top prediction\n"
    "  --method M      occlusion (default; every model): log p(target) minus log p(target)\n"
    "                  with the token replaced; gradxinput: the token embedding times the\n"
    "                  gradient of log p(target); ig: integrated gradients from zeroed token\n"
    "                  embeddings (GPT-2 and BERT only, through the trainer's backward pass)\n"
    "  --steps N       ig: steps of the integral, 20 to 50 are usual (default 32)\n"
    "  --format F      json (default) or csv: index,id,text,begin,end,score\n"
    "  --out FILE      write to FILE (atomically) instead of standard output\n"
    "Exit codes: 0 success, 1 bad input, 2 usage error.\n";

}  // namespace

int attributeCommand(const std::vector<std::string>& arguments) {
    const CliArguments options(
        arguments, {"model", "text", "position", "target", "method", "steps", "format", "out"},
        {"help"});
    if (options.has("help")) {
        std::cout << kAttributeUsage;
        return 0;
    }
    const std::string model_argument = options.value("model");
    const std::string text_argument = options.value("text");
    const std::string method =
        options.choice("method", {"occlusion", "gradxinput", "ig"}, "occlusion");
    const std::string format = options.choice("format", {"json", "csv"}, "json");
    const int steps = options.intValue("steps", 32);
    if (options.has("steps") && method != "ig") {
        throw UsageError("option --steps needs --method ig");
    }
    if (steps < 1 || steps > 1000) {
        throw UsageError("option --steps: expected 1 to 1000, got " + std::to_string(steps));
    }
    if (options.has("out") && options.value("out").empty()) {
        throw UsageError("option --out needs a file name");
    }
    const std::optional<int> position =
        options.has("position") ? std::optional(options.intValue("position", 0)) : std::nullopt;
    const std::optional<std::string> target =
        options.has("target") ? std::optional(options.value("target")) : std::nullopt;
    (void)kernelFromEnvironment();  // a bad ATLAS_KERNEL fails first

    const std::string text = textOrStandardInput(text_argument);
    const std::unique_ptr<Model> model = Model::load(resolveModelFolder(model_argument));
    const PredictionTarget chosen = choosePredictionTarget(*model, text, position, target);
    const TokenAttribution attribution =
        method == "occlusion"
            ? occlusionAttribution(*model, chosen.ids, chosen.position, chosen.target)
            : gradientAttribution(*model, chosen.ids, chosen.position, chosen.target, method,
                                  steps);
    const ModelConfig& config = model->config();
    const RunOutputModel described{
        model->name(), config.architecture == Architecture::Bert ? "bert" : config.modelType(),
        config.n_layer, config.n_head, config.causal()};
    const std::string output =
        format == "json" ? tokenAttributionJson(described, chosen, attribution,
                                                tokenDisplayText(*model, attribution.replacement))
                         : tokenAttributionCsv(chosen, attribution);
    if (options.has("out")) {
        writeFileAtomically(options.value("out"), output);
    } else {
        std::cout.write(output.data(), static_cast<std::streamsize>(output.size()));
        std::cout.flush();
    }
    if (format == "csv" && !chosen.note.empty()) {
        std::cerr << "note: " << chosen.note << "\n";
    }
    if (chosen.truncated) {
        std::cerr << "warning: text truncated to " << chosen.tokens.size() << " tokens\n";
    }
    return 0;
}

}  // namespace atlas::cli
