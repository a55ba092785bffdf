// attention-atlas-cli train: placeholder until its owner lands the real command.
#include <iostream>

#include "Commands.h"

namespace atlas::cli {

int trainCommand(const std::vector<std::string>& /*arguments*/) {
    std::cerr << "error: the train command is not built yet\n";
    return 1;
}

}  // namespace atlas::cli
