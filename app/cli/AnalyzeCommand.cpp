// attention-atlas-cli analyze: placeholder until its owner lands the real command.
#include <iostream>

#include "Commands.h"

namespace atlas::cli {

int analyzeCommand(const std::vector<std::string>& /*arguments*/) {
    std::cerr << "error: the analyze command is not built yet\n";
    return 1;
}

}  // namespace atlas::cli
