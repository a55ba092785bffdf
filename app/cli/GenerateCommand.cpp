// attention-atlas-cli generate: continue a text with a causal model, greedy or sampled.
#include <iostream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "CliArguments.h"
#include "Commands.h"
#include "Error.h"
#include "io/AtomicFile.h"
#include "model/BuiltinModels.h"
#include "model/Generation.h"
#include "model/Model.h"

namespace atlas::cli {

namespace {

const char* kGenerateUsage =
    "usage: attention-atlas-cli generate --model M --text T [--tokens N] [--temperature X]\n"
    "                                    [--seed S] [--format text|json] [--out FILE]\n"
    "\n"
    "Continues the text token by token with a causal (GPT-2) model.\n"
    "  --model M         'gpt' (built in) or the path of a GPT-2 model folder\n"
    "  --text T          the prompt; '-' reads it from standard input\n"
    "  --tokens N        new tokens to add (default 10; fewer if the context fills up)\n"
    "  --temperature X   0 (default): greedy, always the most probable token; above 0: sample\n"
    "                    from softmax(logits / X)\n"
    "  --seed S          the random seed for sampling (default 1): the same seed, temperature\n"
    "                    and prompt give the same text\n"
    "  --format F        text (default): the prompt followed by the new tokens; json:\n"
    "                    {\"model\", \"prompt\", \"generated\", \"steps\": [{\"id\", \"text\",\n"
    "                    \"probability\"}, ...]}\n"
    "  --out FILE        write to FILE (atomically) instead of standard output\n"
    "Exit codes: 0 success, 1 bad input, 2 usage error.\n";

}  // namespace

int generateCommand(const std::vector<std::string>& arguments) {
    const CliArguments options(
        arguments, {"model", "text", "tokens", "temperature", "seed", "format", "out"}, {"help"});
    if (options.has("help")) {
        std::cout << kGenerateUsage;
        return 0;
    }
    const std::string model_argument = options.value("model");
    const std::string text_argument = options.value("text");
    const std::string format = options.choice("format", {"text", "json"}, "text");
    GenerationOptions generation_options;
    generation_options.tokens = options.intValue("tokens", 10);
    generation_options.temperature = options.doubleValue("temperature", 0.0);
    const int seed = options.intValue("seed", 1);
    if (generation_options.tokens < 0) {
        throw UsageError("option --tokens: must not be negative");
    }
    if (!(generation_options.temperature >= 0)) {
        throw UsageError("option --temperature: must be 0 (greedy) or positive");
    }
    if (seed < 0) {
        throw UsageError("option --seed: must not be negative");
    }
    generation_options.seed = std::uint64_t(seed);
    generation_options.keep_forwards = false;  // only the tokens are printed
    if (options.has("out") && options.value("out").empty()) {
        throw UsageError("option --out needs a file name");
    }

    const std::string prompt = textOrStandardInput(text_argument);
    const std::unique_ptr<Model> model = Model::load(resolveModelFolder(model_argument));
    const Generation generation = generate(*model, prompt, generation_options);

    std::string output;
    if (format == "json") {
        nlohmann::json steps = nlohmann::json::array();
        for (const GenerationStep& step : generation.steps) {
            steps.push_back({{"id", step.chosen_id},
                             {"text", step.chosen_text},
                             {"probability", step.chosen_probability}});
        }
        const nlohmann::json json = {{"model", model->name()},
                                     {"prompt", prompt},
                                     {"temperature", generation_options.temperature},
                                     {"seed", seed},
                                     {"generated", generation.generatedText},
                                     {"steps", steps}};
        // A token may end inside a multi-byte character (byte-level BPE): such bytes become U+FFFD
        // in the JSON instead of an error.
        output = json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    } else {
        output = prompt + generation.generatedText + "\n";
    }
    if (options.has("out")) {
        writeFileAtomically(options.value("out"), output);
    } else {
        std::cout.write(output.data(), static_cast<std::streamsize>(output.size()));
        std::cout.flush();
    }
    return 0;
}

}  // namespace atlas::cli
