// attention-atlas-cli models: the built-in models, their shapes and where they live.
#include <iomanip>
#include <iostream>

#include "CliArguments.h"
#include "Commands.h"
#include "Error.h"
#include "model/BuiltinModels.h"
#include "model/ModelConfig.h"

namespace atlas::cli {

namespace {

const char* kModelsUsage =
    "usage: attention-atlas-cli models\n"
    "\n"
    "Lists the built-in models: name, shape, description and folder. Any other Hugging Face\n"
    "GPT-2 or BERT folder (config.json, model.safetensors, tokenizer files) can be given to\n"
    "--model as a path.\n";

// "4 layers x 8 heads, d_model 256, context 128" from config.json, or why it is unreadable.
std::string shapeOf(const BuiltinModel& model) {
    if (model.folder.empty()) {
        return "not installed";
    }
    try {
        const ModelConfig config = ModelConfig::fromFile(model.folder / "config.json");
        return std::to_string(config.n_layer) + " layers x " + std::to_string(config.n_head) +
               " heads, d_model " + std::to_string(config.d_model) + ", context " +
               std::to_string(config.n_ctx);
    } catch (const AtlasError& error) {
        return std::string("unreadable: ") + error.what();
    }
}

}  // namespace

int modelsCommand(const std::vector<std::string>& arguments) {
    const CliArguments options(arguments, {}, {"help"});
    if (options.has("help")) {
        std::cout << kModelsUsage;
        return 0;
    }
    for (const BuiltinModel& model : builtinModels()) {
        std::cout << std::left << std::setw(9) << model.name << shapeOf(model) << "\n"
                  << "         " << model.description << "\n";
        if (!model.folder.empty()) {
            std::cout << "         " << model.folder.string() << "\n";
        }
    }
    return 0;
}

}  // namespace atlas::cli
