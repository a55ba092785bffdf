// attention-atlas-cli export: placeholder until its owner lands the real command.
#include <iostream>

#include "Commands.h"

namespace atlas::cli {

int exportCommand(const std::vector<std::string>& /*arguments*/) {
    std::cerr << "error: the export command is not built yet\n";
    return 1;
}

}  // namespace atlas::cli
