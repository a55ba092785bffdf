// attention-atlas-cli: the headless face of Attention Atlas (docs/cli.md: commands, exit codes).
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "CliArguments.h"
#include "Commands.h"
#include "Error.h"
#include "kernel/KernelChoice.h"

namespace {

const char* kUsage =
    "usage: attention-atlas-cli COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  models                          list the built-in models\n"
    "  run      --model M --text T     every head's attention as JSON or CSV\n"
    "           [--format json|csv] [--out FILE] [--aggregate mean|rollout|flow|norm]\n"
    "           [--ablate L:H,L:H] [--mask I,I] [--lens] [--lens-top K] [--dla]\n"
    "  export   --model M --text T --view head|layer|grid|lines|steps --out FILE.png|svg|pdf\n"
    "           [--layer L] [--head H] [--aggregate none|mean|rollout|flow|norm]\n"
    "           [--colormap viridis|cividis|magma|gray] [--width PX]\n"
    "  analyze  --model M --conllu FILE [--limit N] [--format json|md] [--out FILE]\n"
    "  train    --arch gpt|bert --corpus DIR --out DIR [--resume DIR] [options]\n"
    "  generate --model M --text T     continue the text token by token (GPT-2)\n"
    "           [--tokens N] [--temperature X] [--seed S] [--format text|json] [--out FILE]\n"
    "  attribute --model M --text T    which input tokens drive one prediction\n"
    "           [--position I] [--target TOKEN] [--method occlusion|gradxinput|ig]\n"
    "           [--format json|csv] [--out FILE]\n"
    "\n"
    "M is 'gpt' or 'bert' (built in) or the path of a Hugging Face model folder.\n"
    "Layers and heads count from 0. Exit codes: 0 success, 1 bad input, 2 usage error.\n"
    "Run 'attention-atlas-cli COMMAND --help' for a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> arguments(argv + 1, argv + argc);
    if (arguments.empty() || arguments[0] == "--help" || arguments[0] == "-h" ||
        arguments[0] == "help") {
        std::cout << kUsage;
        return arguments.empty() ? 2 : 0;
    }
    if (arguments[0] == "--version") {
        std::cout << "attention-atlas-cli " << ATLAS_VERSION << "\n";
        try {
            const std::string kernel = atlas::kernelFromEnvironment().name();
            std::cout << "kernel: " << kernel << "\n";
        } catch (const atlas::AtlasError& error) {
            std::cout.flush();
            std::cerr << "error: " << error.what() << "\n";
            return 1;
        }
        return 0;
    }
    const std::string command = arguments[0];
    const std::vector<std::string> rest(arguments.begin() + 1, arguments.end());
    try {
        if (command == "models")
            return atlas::cli::modelsCommand(rest);
        if (command == "run")
            return atlas::cli::runCommand(rest);
        if (command == "export")
            return atlas::cli::exportCommand(rest);
        if (command == "analyze")
            return atlas::cli::analyzeCommand(rest);
        if (command == "train")
            return atlas::cli::trainCommand(rest);
        if (command == "generate")
            return atlas::cli::generateCommand(rest);
        if (command == "attribute")
            return atlas::cli::attributeCommand(rest);
        std::cerr << "error: unknown command '" << command << "'\n" << kUsage;
        return 2;
    } catch (const atlas::cli::UsageError& error) {
        std::cerr << "error: " << error.what() << "\n"
                  << "Run 'attention-atlas-cli --help' for usage.\n";
        return 2;
    } catch (const atlas::AtlasError& error) {
        std::cerr << "error: " << error.what() << "\n";
        return 1;
    } catch (const std::bad_alloc&) {
        std::cerr << "error: out of memory\n";
        return 1;
    } catch (const std::exception& error) {
        std::cerr << "error: " << error.what() << "\n";
        return 1;
    }
}
