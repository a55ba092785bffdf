// Reading the fields of tokenizer.json with errors that name the file and the field's path, e.g.
// "tokenizer.json: pre_tokenizer.pretokenizers[0].pattern: expected an object with Regex or
// String".
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "text/Pcre2Regex.h"

namespace atlas::tokenizer_json {

// Where a value sits: the file's name and the path of the field inside it.
struct FieldPath {
    std::string file;  // "tokenizer.json"
    std::string path;  // "normalizer.normalizers[1]"

    FieldPath operator/(const std::string& key) const;
    FieldPath operator[](std::size_t index) const;
    // "tokenizer.json: normalizer.normalizers[1]: " + message
    [[noreturn]] void fail(const std::string& message) const;
};

const nlohmann::json& requireObject(const nlohmann::json& value, const FieldPath& where);
const nlohmann::json& requireArray(const nlohmann::json& value, const FieldPath& where);
// The member `key` of `object`, or null when absent.
const nlohmann::json& member(const nlohmann::json& object, const std::string& key);
std::string requireString(const nlohmann::json& object, const std::string& key,
                          const FieldPath& where);
// A string member, or `fallback` when absent or null.
std::string stringOr(const nlohmann::json& object, const std::string& key,
                     const std::string& fallback, const FieldPath& where);
std::optional<std::string> optionalString(const nlohmann::json& object, const std::string& key,
                                          const FieldPath& where);
bool boolOr(const nlohmann::json& object, const std::string& key, bool fallback,
            const FieldPath& where);
long long integerOr(const nlohmann::json& object, const std::string& key, long long fallback,
                    const FieldPath& where);

// Refuses a Sequence nested so deeply (over 64 levels) that reading it could exhaust the stack.
void checkNestingDepth(const FieldPath& where);

// A `pattern` field, {"Regex": "..."} or {"String": "..."} (a literal), compiled.
std::shared_ptr<const Pcre2Regex> compilePattern(const nlohmann::json& pattern,
                                                 const FieldPath& where);

}  // namespace atlas::tokenizer_json
