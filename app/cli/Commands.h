// The subcommands of attention-atlas-cli, one file each. Each returns the process exit code:
// 0 success, 1 bad input (after printing one "error: ..." line), and throws UsageError for 2.
#pragma once

#include <string>
#include <vector>

namespace atlas::cli {

int modelsCommand(const std::vector<std::string>& arguments);
int runCommand(const std::vector<std::string>& arguments);
int exportCommand(const std::vector<std::string>& arguments);
int analyzeCommand(const std::vector<std::string>& arguments);
int trainCommand(const std::vector<std::string>& arguments);
int generateCommand(const std::vector<std::string>& arguments);
int attributeCommand(const std::vector<std::string>& arguments);

}  // namespace atlas::cli
