// tokenizer.json's normalizers on aligned text.
#include "text/TokenizerJsonNormalizers.h"

#include <utf8proc.h>

#include <cstdlib>
#include <vector>

#include "text/Utf8.h"

namespace atlas {

namespace {

using tokenizer_json::FieldPath;

class NormalizerSequence : public TextNormalizer {
  public:
    explicit NormalizerSequence(std::vector<std::unique_ptr<TextNormalizer>> steps)
        : steps_(std::move(steps)) {}
    void apply(NormalizedText& text) const override {
        for (const auto& step : steps_) {
            step->apply(text);
        }
    }

  private:
    std::vector<std::unique_ptr<TextNormalizer>> steps_;
};

// utf8proc's normal form of valid UTF-8 `text`.
std::string normalForm(std::string_view text, utf8proc_option_t options) {
    utf8proc_uint8_t* output = nullptr;
    const utf8proc_ssize_t length =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                     static_cast<utf8proc_ssize_t>(text.size()), &output, options);
    if (length < 0) {
        // Only for invalid UTF-8 or out of memory; the text was sanitized, so keep it as it is.
        return std::string(text);
    }
    std::string result(reinterpret_cast<const char*>(output), static_cast<std::size_t>(length));
    std::free(output);
    return result;
}

// NFC / NFD / NFKC / NFKD. Alignment: the text is normalized one grapheme cluster at a time (a
// composition never crosses a cluster boundary in practice); an unchanged cluster keeps its
// byte-by-byte alignment, a changed one maps every output byte to the cluster's span. Should the
// clusters' forms ever differ from the whole text's form, the whole text's form is used with the
// whole span, so the characters are always exactly the normal form.
class UnicodeNormalizer : public TextNormalizer {
  public:
    explicit UnicodeNormalizer(utf8proc_option_t options)
        : options_(utf8proc_option_t(options | UTF8PROC_STABLE)) {}
    void apply(NormalizedText& text) const override {
        const std::string whole = normalForm(text.text, options_);
        if (whole == text.text) {
            return;
        }
        NormalizedText result;
        std::size_t cluster_begin = 0;
        utf8proc_int32_t state = 0;
        char32_t previous = 0;
        const auto flush = [&](std::size_t cluster_end) {
            const std::string_view cluster(text.text.data() + cluster_begin,
                                           cluster_end - cluster_begin);
            const std::string normal = normalForm(cluster, options_);
            if (normal == cluster) {
                result.appendSlice(text, cluster_begin, cluster_end);
            } else {
                result.appendWithSpan(normal, text.spanOf(cluster_begin, cluster_end));
            }
        };
        for (std::size_t position = 0; position < text.text.size();) {
            const utf8::Decoded decoded = utf8::decodeAt(text.text, position);
            if (position > 0 && utf8proc_grapheme_break_stateful(
                                    static_cast<utf8proc_int32_t>(previous),
                                    static_cast<utf8proc_int32_t>(decoded.code_point), &state)) {
                flush(position);
                cluster_begin = position;
            }
            previous = decoded.code_point;
            position += decoded.length;
        }
        flush(text.text.size());
        if (result.text != whole) {
            NormalizedText fallback;
            fallback.appendWithSpan(whole, text.spanOf(0, text.text.size()));
            result = std::move(fallback);
        }
        text = std::move(result);
    }

  private:
    utf8proc_option_t options_;
};

// Unicode's simple lowercase mapping, one code point at a time.
class Lowercase : public TextNormalizer {
  public:
    void apply(NormalizedText& text) const override {
        NormalizedText result;
        result.text.reserve(text.text.size());
        result.alignment.reserve(text.text.size());
        for (std::size_t position = 0; position < text.text.size();) {
            const utf8::Decoded decoded = utf8::decodeAt(text.text, position);
            const auto lower = static_cast<char32_t>(
                utf8proc_tolower(static_cast<utf8proc_int32_t>(decoded.code_point)));
            if (lower == decoded.code_point) {
                result.appendSlice(text, position, position + decoded.length);
            } else {
                result.appendWithSpan(utf8::encode(lower),
                                      text.spanOf(position, position + decoded.length));
            }
            position += decoded.length;
        }
        text = std::move(result);
    }
};

class Prepend : public TextNormalizer {
  public:
    explicit Prepend(std::string prefix) : prefix_(std::move(prefix)) {}
    void apply(NormalizedText& text) const override { text.prepend(prefix_); }

  private:
    std::string prefix_;
};

// Every match of the pattern becomes `content`, whose bytes take the span of what they replace.
class Replace : public TextNormalizer {
  public:
    Replace(std::shared_ptr<const Pcre2Regex> pattern, std::string content)
        : pattern_(std::move(pattern)), content_(std::move(content)) {}
    void apply(NormalizedText& text) const override {
        const auto matches = pattern_->findAll(text.text);
        if (matches.empty()) {
            return;
        }
        NormalizedText result;
        std::size_t position = 0;
        for (const auto& match : matches) {
            result.appendSlice(text, position, match.begin);
            result.appendWithSpan(content_, text.spanOf(match.begin, match.end));
            position = match.end;
        }
        result.appendSlice(text, position, text.text.size());
        text = std::move(result);
    }

  private:
    std::shared_ptr<const Pcre2Regex> pattern_;
    std::string content_;
};

// Removes white space (Unicode White_Space) at the start and/or the end.
class Strip : public TextNormalizer {
  public:
    Strip(bool left, bool right) : left_(left), right_(right) {}
    void apply(NormalizedText& text) const override {
        std::size_t begin = 0;
        std::size_t end = text.text.size();
        if (left_) {
            while (begin < end) {
                const utf8::Decoded decoded = utf8::decodeAt(text.text, begin);
                if (!unicode::isWhitespace(decoded.code_point)) {
                    break;
                }
                begin += decoded.length;
            }
        }
        if (right_) {
            while (end > begin) {
                std::size_t start = end - 1;
                while (start > begin &&
                       (static_cast<unsigned char>(text.text[start]) & 0xC0) == 0x80) {
                    --start;
                }
                if (!unicode::isWhitespace(utf8::decodeAt(text.text, start).code_point)) {
                    break;
                }
                end = start;
            }
        }
        if (begin != 0 || end != text.text.size()) {
            text = text.slice(begin, end);
        }
    }

  private:
    bool left_;
    bool right_;
};

}  // namespace

std::unique_ptr<TextNormalizer> parseNormalizer(const nlohmann::json& config,
                                                const FieldPath& where) {
    using namespace tokenizer_json;
    if (config.is_null()) {
        return nullptr;
    }
    requireObject(config, where);
    const std::string type = requireString(config, "type", where);
    if (type == "Sequence") {
        checkNestingDepth(where);
        const FieldPath list_where = where / "normalizers";
        const nlohmann::json& list = requireArray(member(config, "normalizers"), list_where);
        std::vector<std::unique_ptr<TextNormalizer>> steps;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (auto step = parseNormalizer(list[i], list_where[i])) {
                steps.push_back(std::move(step));
            }
        }
        return std::make_unique<NormalizerSequence>(std::move(steps));
    }
    if (type == "NFC") {
        return std::make_unique<UnicodeNormalizer>(UTF8PROC_COMPOSE);
    }
    if (type == "NFD") {
        return std::make_unique<UnicodeNormalizer>(UTF8PROC_DECOMPOSE);
    }
    if (type == "NFKC") {
        return std::make_unique<UnicodeNormalizer>(
            utf8proc_option_t(UTF8PROC_COMPOSE | UTF8PROC_COMPAT));
    }
    if (type == "NFKD") {
        return std::make_unique<UnicodeNormalizer>(
            utf8proc_option_t(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT));
    }
    if (type == "Lowercase") {
        return std::make_unique<Lowercase>();
    }
    if (type == "Prepend") {
        return std::make_unique<Prepend>(requireString(config, "prepend", where));
    }
    if (type == "Replace") {
        return std::make_unique<Replace>(
            compilePattern(member(config, "pattern"), where / "pattern"),
            requireString(config, "content", where));
    }
    if (type == "Strip") {
        return std::make_unique<Strip>(boolOr(config, "strip_left", true, where),
                                       boolOr(config, "strip_right", true, where));
    }
    (where / "type")
        .fail("normalizer \"" + type +
              "\" is not supported (supported: Sequence, NFC, NFD, NFKC, NFKD, Lowercase, "
              "Prepend, Replace, Strip)");
}

}  // namespace atlas
