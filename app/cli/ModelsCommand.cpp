// attention-atlas-cli models: placeholder until its owner lands the real command.
#include <iostream>

#include "Commands.h"

namespace atlas::cli {

int modelsCommand(const std::vector<std::string>& /*arguments*/) {
    std::cerr << "error: the models command is not built yet\n";
    return 1;
}

}  // namespace atlas::cli
