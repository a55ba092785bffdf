// Reading the fields of tokenizer.json with errors that name the file and the field's path.
#include "text/TokenizerJsonFields.h"

#include "Error.h"

namespace atlas::tokenizer_json {

FieldPath FieldPath::operator/(const std::string& key) const {
    return {file, path.empty() ? key : path + "." + key};
}

FieldPath FieldPath::operator[](std::size_t index) const {
    return {file, path + "[" + std::to_string(index) + "]"};
}

void FieldPath::fail(const std::string& message) const {
    throw AtlasError(file + ": " + (path.empty() ? std::string() : path + ": ") + message);
}

const nlohmann::json& requireObject(const nlohmann::json& value, const FieldPath& where) {
    if (!value.is_object()) {
        where.fail("expected an object");
    }
    return value;
}

const nlohmann::json& requireArray(const nlohmann::json& value, const FieldPath& where) {
    if (!value.is_array()) {
        where.fail("expected an array");
    }
    return value;
}

const nlohmann::json& member(const nlohmann::json& object, const std::string& key) {
    static const nlohmann::json null_value;
    if (!object.is_object()) {
        return null_value;
    }
    const auto found = object.find(key);
    return found == object.end() ? null_value : *found;
}

std::string requireString(const nlohmann::json& object, const std::string& key,
                          const FieldPath& where) {
    const nlohmann::json& value = member(object, key);
    if (!value.is_string()) {
        (where / key).fail(value.is_null() ? "missing (expected a string)" : "expected a string");
    }
    return value.get<std::string>();
}

std::string stringOr(const nlohmann::json& object, const std::string& key,
                     const std::string& fallback, const FieldPath& where) {
    return optionalString(object, key, where).value_or(fallback);
}

std::optional<std::string> optionalString(const nlohmann::json& object, const std::string& key,
                                          const FieldPath& where) {
    const nlohmann::json& value = member(object, key);
    if (value.is_null()) {
        return std::nullopt;
    }
    if (!value.is_string()) {
        (where / key).fail("expected a string");
    }
    return value.get<std::string>();
}

bool boolOr(const nlohmann::json& object, const std::string& key, bool fallback,
            const FieldPath& where) {
    const nlohmann::json& value = member(object, key);
    if (value.is_null()) {
        return fallback;
    }
    if (!value.is_boolean()) {
        (where / key).fail("expected true or false");
    }
    return value.get<bool>();
}

long long integerOr(const nlohmann::json& object, const std::string& key, long long fallback,
                    const FieldPath& where) {
    const nlohmann::json& value = member(object, key);
    if (value.is_null()) {
        return fallback;
    }
    if (!value.is_number_integer()) {
        (where / key).fail("expected an integer");
    }
    return value.get<long long>();
}

void checkNestingDepth(const FieldPath& where) {
    std::size_t depth = 0;
    for (const char c : where.path) {
        depth += c == '[' ? 1 : 0;
    }
    if (depth > 64) {
        where.fail("Sequences nested more than 64 deep");
    }
}

std::shared_ptr<const Pcre2Regex> compilePattern(const nlohmann::json& pattern,
                                                 const FieldPath& where) {
    if (pattern.is_object()) {
        const std::string where_text = where.file + ": " + where.path;
        if (const auto regex = optionalString(pattern, "Regex", where)) {
            return std::make_shared<const Pcre2Regex>(*regex, false, where_text + ".Regex");
        }
        if (const auto literal = optionalString(pattern, "String", where)) {
            if (literal->empty()) {
                (where / "String").fail("an empty string matches nothing to split or replace");
            }
            return std::make_shared<const Pcre2Regex>(*literal, true, where_text + ".String");
        }
    }
    where.fail("expected an object with a Regex or a String");
}

}  // namespace atlas::tokenizer_json
