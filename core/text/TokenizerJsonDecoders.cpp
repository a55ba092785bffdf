// tokenizer.json's decoders.
#include "text/TokenizerJsonDecoders.h"

#include "text/ByteLevelAlphabet.h"
#include "text/Utf8.h"

namespace atlas {

namespace {

using tokenizer_json::FieldPath;

class DecoderSequence : public TokenDecoder {
  public:
    explicit DecoderSequence(std::vector<std::unique_ptr<TokenDecoder>> steps)
        : steps_(std::move(steps)) {}
    void apply(std::vector<std::string>& tokens, bool whole_text) const override {
        for (const auto& step : steps_) {
            step->apply(tokens, whole_text);
        }
    }

  private:
    std::vector<std::unique_ptr<TokenDecoder>> steps_;
};

// Byte-level symbols back to their bytes (exact bytes, which may be partial UTF-8); a token with
// any other character (an added token such as "<|im_start|>" spelled in plain text) stays as it is.
class ByteLevelDecoder : public TokenDecoder {
  public:
    void apply(std::vector<std::string>& tokens, bool) const override {
        for (std::string& token : tokens) {
            if (auto bytes = byte_level::fromSymbols(token)) {
                token = std::move(*bytes);
            }
        }
    }
};

class MetaspaceDecoder : public TokenDecoder {
  public:
    MetaspaceDecoder(std::string replacement, bool strip_first_space)
        : replacement_(std::move(replacement)), strip_first_space_(strip_first_space) {}
    void apply(std::vector<std::string>& tokens, bool whole_text) const override {
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            std::string& token = tokens[i];
            replaceAll(token, replacement_, " ");
            if (whole_text && i == 0 && strip_first_space_ && token.starts_with(' ')) {
                token.erase(0, 1);
            }
        }
    }
    static void replaceAll(std::string& text, const std::string& from, const std::string& to) {
        if (from.empty()) {
            return;
        }
        for (std::size_t found = text.find(from); found != std::string::npos;
             found = text.find(from, found + to.size())) {
            text.replace(found, from.size(), to);
        }
    }

  private:
    std::string replacement_;
    bool strip_first_space_;
};

// Runs of "<0xNN>" tokens become their bytes: the text when valid UTF-8, else one U+FFFD per byte.
class ByteFallbackDecoder : public TokenDecoder {
  public:
    void apply(std::vector<std::string>& tokens, bool) const override {
        std::vector<std::string> out;
        std::string bytes;
        std::size_t byte_count = 0;
        const auto flush = [&] {
            if (byte_count == 0) {
                return;
            }
            if (utf8::isValid(bytes)) {
                out.push_back(bytes);
            } else {
                std::string replaced;
                for (std::size_t i = 0; i < byte_count; ++i) {
                    replaced += utf8::encode(utf8::kReplacementCharacter);
                }
                out.push_back(replaced);
            }
            bytes.clear();
            byte_count = 0;
        };
        for (std::string& token : tokens) {
            if (const auto byte = parseBytePiece(token)) {
                bytes.push_back(char(*byte));
                ++byte_count;
            } else {
                flush();
                out.push_back(std::move(token));
            }
        }
        flush();
        tokens = std::move(out);
    }
    static std::optional<std::uint8_t> parseBytePiece(std::string_view token) {
        if (token.size() != 6 || !token.starts_with("<0x") || token[5] != '>') {
            return std::nullopt;
        }
        int value = 0;
        for (std::size_t i = 3; i < 5; ++i) {
            const char c = token[i];
            const int digit = (c >= '0' && c <= '9')   ? c - '0'
                              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                                                       : -1;
            if (digit < 0) {
                return std::nullopt;
            }
            value = value * 16 + digit;
        }
        return std::uint8_t(value);
    }
};

class FuseDecoder : public TokenDecoder {
  public:
    void apply(std::vector<std::string>& tokens, bool) const override {
        std::string joined;
        for (const std::string& token : tokens) {
            joined += token;
        }
        tokens.assign(1, std::move(joined));
    }
};

// Removes up to `start` leading and `stop` trailing copies of one character from every token.
class StripDecoder : public TokenDecoder {
  public:
    StripDecoder(std::string content, std::size_t start, std::size_t stop)
        : content_(std::move(content)), start_(start), stop_(stop) {}
    void apply(std::vector<std::string>& tokens, bool whole_text) const override {
        if (!whole_text || content_.empty()) {
            return;
        }
        for (std::string& token : tokens) {
            for (std::size_t i = 0; i < start_ && token.starts_with(content_); ++i) {
                token.erase(0, content_.size());
            }
            for (std::size_t i = 0; i < stop_ && token.ends_with(content_); ++i) {
                token.erase(token.size() - content_.size());
            }
        }
    }

  private:
    std::string content_;
    std::size_t start_;
    std::size_t stop_;
};

class ReplaceDecoder : public TokenDecoder {
  public:
    ReplaceDecoder(std::shared_ptr<const Pcre2Regex> pattern, std::string content)
        : pattern_(std::move(pattern)), content_(std::move(content)) {}
    void apply(std::vector<std::string>& tokens, bool) const override {
        for (std::string& token : tokens) {
            if (!utf8::isValid(token)) {
                continue;  // PCRE2 is given valid UTF-8 only; partial bytes have nothing to replace
            }
            const auto matches = pattern_->findAll(token);
            if (matches.empty()) {
                continue;
            }
            std::string replaced;
            std::size_t position = 0;
            for (const auto& match : matches) {
                replaced.append(token, position, match.begin - position);
                replaced += content_;
                position = match.end;
            }
            replaced.append(token, position);
            token = std::move(replaced);
        }
    }

  private:
    std::shared_ptr<const Pcre2Regex> pattern_;
    std::string content_;
};

}  // namespace

std::unique_ptr<TokenDecoder> parseDecoder(const nlohmann::json& config, const FieldPath& where) {
    using namespace tokenizer_json;
    if (config.is_null()) {
        return nullptr;
    }
    requireObject(config, where);
    const std::string type = requireString(config, "type", where);
    if (type == "Sequence") {
        checkNestingDepth(where);
        const FieldPath list_where = where / "decoders";
        const nlohmann::json& list = requireArray(member(config, "decoders"), list_where);
        std::vector<std::unique_ptr<TokenDecoder>> steps;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (auto step = parseDecoder(list[i], list_where[i])) {
                steps.push_back(std::move(step));
            }
        }
        return std::make_unique<DecoderSequence>(std::move(steps));
    }
    if (type == "ByteLevel") {
        return std::make_unique<ByteLevelDecoder>();
    }
    if (type == "Metaspace") {
        bool strip = boolOr(config, "add_prefix_space", true, where);
        if (const auto scheme = optionalString(config, "prepend_scheme", where)) {
            strip = *scheme != "never";
        }
        return std::make_unique<MetaspaceDecoder>(stringOr(config, "replacement", "\u2581", where),
                                                  strip);
    }
    if (type == "ByteFallback") {
        return std::make_unique<ByteFallbackDecoder>();
    }
    if (type == "Fuse") {
        return std::make_unique<FuseDecoder>();
    }
    if (type == "Strip") {
        const long long start = integerOr(config, "start", 0, where);
        const long long stop = integerOr(config, "stop", 0, where);
        if (start < 0 || stop < 0) {
            where.fail("start and stop must not be negative");
        }
        return std::make_unique<StripDecoder>(stringOr(config, "content", " ", where),
                                              std::size_t(start), std::size_t(stop));
    }
    if (type == "Replace") {
        return std::make_unique<ReplaceDecoder>(
            compilePattern(member(config, "pattern"), where / "pattern"),
            requireString(config, "content", where));
    }
    (where / "type")
        .fail("decoder \"" + type +
              "\" is not supported (supported: Sequence, ByteLevel, Metaspace, ByteFallback, Fuse, "
              "Strip, Replace)");
}

}  // namespace atlas
