// attention-atlas-cli run: placeholder until its owner lands the real command.
#include <iostream>

#include "Commands.h"

namespace atlas::cli {

int runCommand(const std::vector<std::string>& /*arguments*/) {
    std::cerr << "error: the run command is not built yet\n";
    return 1;
}

}  // namespace atlas::cli
