// The command line of attention-atlas-cli: a command followed by --key value options.
#pragma once

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace atlas::cli {

// A usage mistake (unknown option, missing value): the CLI prints it and exits 2.
class UsageError : public std::runtime_error {
  public:
    explicit UsageError(const std::string& message) : std::runtime_error(message) {}
};

class CliArguments {
  public:
    // argv[1] is the command; then "--key value" pairs, or "--flag" for the names in `flags`.
    // Throws UsageError for an option not in `allowed` or `flags`, or a missing value.
    CliArguments(const std::vector<std::string>& arguments, const std::set<std::string>& allowed,
                 const std::set<std::string>& flags = {});

    bool has(const std::string& key) const;
    std::string value(const std::string& key) const;  // throws UsageError if absent
    std::string valueOr(const std::string& key, const std::string& fallback) const;
    int intValue(const std::string& key, int fallback) const;  // throws UsageError if not an int
    double doubleValue(const std::string& key, double fallback) const;
    // One of `choices`, or UsageError naming them.
    std::string choice(const std::string& key, const std::vector<std::string>& choices,
                       const std::string& fallback) const;

  private:
    std::map<std::string, std::string> values_;
    std::set<std::string> present_flags_;
};

// The value of a text option, or all of standard input when it is "-".
std::string textOrStandardInput(const std::string& argument);

}  // namespace atlas::cli
