// Parses --key value options and checks them against what a command accepts.
#include "CliArguments.h"

#include <charconv>
#include <iostream>
#include <iterator>

#include "Error.h"

namespace atlas::cli {

CliArguments::CliArguments(const std::vector<std::string>& arguments,
                           const std::set<std::string>& allowed,
                           const std::set<std::string>& flags) {
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (argument.rfind("--", 0) != 0) {
            throw UsageError("unexpected argument '" + argument + "'");
        }
        std::string key = argument.substr(2);
        std::string inline_value;
        bool has_inline_value = false;
        if (auto equals = key.find('='); equals != std::string::npos) {
            inline_value = key.substr(equals + 1);
            key = key.substr(0, equals);
            has_inline_value = true;
        }
        if (flags.count(key)) {
            present_flags_.insert(key);
            continue;
        }
        if (!allowed.count(key)) {
            throw UsageError("unknown option --" + key);
        }
        if (has_inline_value) {
            values_[key] = inline_value;
            continue;
        }
        if (i + 1 >= arguments.size()) {
            throw UsageError("option --" + key + " needs a value");
        }
        values_[key] = arguments[++i];
    }
}

bool CliArguments::has(const std::string& key) const {
    return values_.count(key) > 0 || present_flags_.count(key) > 0;
}

std::string CliArguments::value(const std::string& key) const {
    auto found = values_.find(key);
    if (found == values_.end()) {
        throw UsageError("missing required option --" + key);
    }
    return found->second;
}

std::string CliArguments::valueOr(const std::string& key, const std::string& fallback) const {
    auto found = values_.find(key);
    return found == values_.end() ? fallback : found->second;
}

int CliArguments::intValue(const std::string& key, int fallback) const {
    auto found = values_.find(key);
    if (found == values_.end()) {
        return fallback;
    }
    int result = 0;
    const std::string& text = found->second;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), result);
    if (error != std::errc() || end != text.data() + text.size()) {
        throw UsageError("option --" + key + " expects an integer, got '" + text + "'");
    }
    return result;
}

double CliArguments::doubleValue(const std::string& key, double fallback) const {
    auto found = values_.find(key);
    if (found == values_.end()) {
        return fallback;
    }
    try {
        std::size_t used = 0;
        double result = std::stod(found->second, &used);
        if (used != found->second.size()) {
            throw std::invalid_argument("trailing characters");
        }
        return result;
    } catch (const std::exception&) {
        throw UsageError("option --" + key + " expects a number, got '" + found->second + "'");
    }
}

std::string CliArguments::choice(const std::string& key, const std::vector<std::string>& choices,
                                 const std::string& fallback) const {
    std::string chosen = valueOr(key, fallback);
    for (const auto& candidate : choices) {
        if (candidate == chosen) {
            return chosen;
        }
    }
    std::string list;
    for (const auto& candidate : choices) {
        list += (list.empty() ? "" : "|") + candidate;
    }
    throw UsageError("option --" + key + " must be one of " + list + ", got '" + chosen + "'");
}

std::string textOrStandardInput(const std::string& argument) {
    if (argument != "-") {
        return argument;
    }
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (std::cin.bad()) {
        throw AtlasError("standard input: could not be read");
    }
    return text;
}

}  // namespace atlas::cli
