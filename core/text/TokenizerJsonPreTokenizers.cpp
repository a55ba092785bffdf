// tokenizer.json's pre-tokenizers on aligned text.
#include "text/TokenizerJsonPreTokenizers.h"

#include "text/ByteLevelAlphabet.h"
#include "text/Pcre2Regex.h"
#include "text/Utf8.h"

namespace atlas {

namespace {

using tokenizer_json::FieldPath;

enum class SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

struct Piece {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool is_match = false;
};

// Hugging Face's NormalizedString::split: the text as alternating gaps and matches, then the
// matches removed, isolated, merged into a neighbour or joined when contiguous.
void splitPiece(const NormalizedText& text, const std::vector<Pcre2Regex::Match>& matches,
                SplitBehavior behavior, bool invert, std::vector<NormalizedText>& out) {
    std::vector<Piece> pieces;
    std::size_t position = 0;
    for (const auto& match : matches) {
        if (match.begin > position) {
            pieces.push_back({position, match.begin, invert});
        }
        pieces.push_back({match.begin, match.end, !invert});
        position = match.end;
    }
    if (position < text.text.size()) {
        pieces.push_back({position, text.text.size(), invert});
    }
    std::vector<Piece> kept;
    bool previous_match = false;
    switch (behavior) {
        case SplitBehavior::Removed:
            for (const Piece& piece : pieces) {
                if (!piece.is_match) {
                    kept.push_back(piece);
                }
            }
            break;
        case SplitBehavior::Isolated:
            kept = pieces;
            break;
        case SplitBehavior::Contiguous:
            for (const Piece& piece : pieces) {
                if (!kept.empty() && piece.is_match == previous_match) {
                    kept.back().end = piece.end;
                } else {
                    kept.push_back(piece);
                }
                previous_match = piece.is_match;
            }
            break;
        case SplitBehavior::MergedWithPrevious:
            for (const Piece& piece : pieces) {
                if (!kept.empty() && piece.is_match && !previous_match) {
                    kept.back().end = piece.end;
                } else {
                    kept.push_back(piece);
                }
                previous_match = piece.is_match;
            }
            break;
        case SplitBehavior::MergedWithNext:
            for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) {
                if (!kept.empty() && it->is_match && !previous_match) {
                    kept.back().begin = it->begin;
                } else {
                    kept.push_back(*it);
                }
                previous_match = it->is_match;
            }
            std::reverse(kept.begin(), kept.end());
            break;
    }
    for (const Piece& piece : kept) {
        if (piece.end > piece.begin) {
            out.push_back(text.slice(piece.begin, piece.end));
        }
    }
}

SplitBehavior parseBehavior(const nlohmann::json& config, const FieldPath& where,
                            SplitBehavior fallback) {
    const auto name = tokenizer_json::optionalString(config, "behavior", where);
    if (!name) {
        return fallback;
    }
    if (*name == "Removed")
        return SplitBehavior::Removed;
    if (*name == "Isolated")
        return SplitBehavior::Isolated;
    if (*name == "MergedWithPrevious")
        return SplitBehavior::MergedWithPrevious;
    if (*name == "MergedWithNext")
        return SplitBehavior::MergedWithNext;
    if (*name == "Contiguous")
        return SplitBehavior::Contiguous;
    (where / "behavior")
        .fail("unknown behavior \"" + *name +
              "\" (expected Removed, Isolated, MergedWithPrevious, MergedWithNext or Contiguous)");
}

class PreTokenizerSequence : public PreTokenizer {
  public:
    explicit PreTokenizerSequence(std::vector<std::unique_ptr<PreTokenizer>> steps)
        : steps_(std::move(steps)) {}
    void apply(std::vector<NormalizedText>& pieces) const override {
        for (const auto& step : steps_) {
            step->apply(pieces);
        }
    }
    bool byteLevel() const override {
        for (const auto& step : steps_) {
            if (step->byteLevel()) {
                return true;
            }
        }
        return false;
    }

  private:
    std::vector<std::unique_ptr<PreTokenizer>> steps_;
};

class RegexSplit : public PreTokenizer {
  public:
    RegexSplit(std::shared_ptr<const Pcre2Regex> pattern, SplitBehavior behavior, bool invert)
        : pattern_(std::move(pattern)), behavior_(behavior), invert_(invert) {}
    void apply(std::vector<NormalizedText>& pieces) const override {
        std::vector<NormalizedText> out;
        out.reserve(pieces.size());
        for (const NormalizedText& piece : pieces) {
            splitPiece(piece, pattern_->findAll(piece.text), behavior_, invert_, out);
        }
        pieces = std::move(out);
    }

  private:
    std::shared_ptr<const Pcre2Regex> pattern_;
    SplitBehavior behavior_;
    bool invert_;
};

// GPT-2's regex (optional), then every byte spelled as its byte-level symbol ("Ġ" for a space),
// each symbol aligned like the byte it spells.
class ByteLevel : public PreTokenizer {
  public:
    ByteLevel(bool add_prefix_space, bool use_regex, const FieldPath& where)
        : add_prefix_space_(add_prefix_space) {
        if (use_regex) {
            gpt2_pattern_ = std::make_unique<Pcre2Regex>(
                R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)",
                false, where.file + ": " + where.path);
        }
    }
    void apply(std::vector<NormalizedText>& pieces) const override {
        std::vector<NormalizedText> split;
        for (NormalizedText& piece : pieces) {
            if (add_prefix_space_ && !piece.text.empty() && piece.text[0] != ' ') {
                piece.prepend(" ");
            }
            if (gpt2_pattern_) {
                splitPiece(piece, gpt2_pattern_->findAll(piece.text), SplitBehavior::Isolated,
                           false, split);
            } else {
                split.push_back(std::move(piece));
            }
        }
        for (NormalizedText& piece : split) {
            NormalizedText symbols;
            symbols.text.reserve(piece.text.size() * 2);
            symbols.alignment.reserve(piece.text.size() * 2);
            for (std::size_t i = 0; i < piece.text.size(); ++i) {
                symbols.appendWithSpan(
                    utf8::encode(byte_level::symbolOf(static_cast<std::uint8_t>(piece.text[i]))),
                    piece.alignment[i]);
            }
            piece = std::move(symbols);
        }
        pieces = std::move(split);
    }
    bool byteLevel() const override { return true; }

  private:
    bool add_prefix_space_;
    std::unique_ptr<Pcre2Regex> gpt2_pattern_;
};

enum class PrependScheme { First, Always, Never };

// Spaces become the replacement character ("▁"), which is prepended per `prepend_scheme`
// ("first": only to the piece that starts the input text); with `split`, each piece is cut
// before every replacement character.
class Metaspace : public PreTokenizer {
  public:
    Metaspace(std::string replacement, PrependScheme scheme, bool split)
        : replacement_(std::move(replacement)), scheme_(scheme), split_(split) {}
    void apply(std::vector<NormalizedText>& pieces) const override {
        std::vector<NormalizedText> out;
        for (const NormalizedText& piece : pieces) {
            NormalizedText replaced;
            for (std::size_t i = 0; i < piece.text.size(); ++i) {
                if (piece.text[i] == ' ') {
                    replaced.appendWithSpan(replacement_, piece.alignment[i]);
                } else {
                    replaced.appendSlice(piece, i, i + 1);
                }
            }
            const bool starts_with_replacement = replaced.text.starts_with(replacement_);
            const bool at_text_start = !replaced.empty() && replaced.alignment[0].begin == 0;
            if (!starts_with_replacement && (scheme_ == PrependScheme::Always ||
                                             (scheme_ == PrependScheme::First && at_text_start))) {
                replaced.prepend(replacement_);
            }
            if (!split_) {
                out.push_back(std::move(replaced));
                continue;
            }
            std::vector<Pcre2Regex::Match> matches;
            for (std::size_t found = replaced.text.find(replacement_);
                 found != std::string::npos && !replacement_.empty();
                 found = replaced.text.find(replacement_, found + replacement_.size())) {
                matches.push_back({found, found + replacement_.size()});
            }
            splitPiece(replaced, matches, SplitBehavior::MergedWithNext, false, out);
        }
        pieces = std::move(out);
    }

  private:
    std::string replacement_;
    PrependScheme scheme_;
    bool split_;
};

}  // namespace

std::unique_ptr<PreTokenizer> parsePreTokenizer(const nlohmann::json& config,
                                                const FieldPath& where) {
    using namespace tokenizer_json;
    if (config.is_null()) {
        return nullptr;
    }
    requireObject(config, where);
    const std::string type = requireString(config, "type", where);
    const std::string where_text = where.file + ": " + where.path;
    if (type == "Sequence") {
        checkNestingDepth(where);
        const FieldPath list_where = where / "pretokenizers";
        const nlohmann::json& list = requireArray(member(config, "pretokenizers"), list_where);
        std::vector<std::unique_ptr<PreTokenizer>> steps;
        for (std::size_t i = 0; i < list.size(); ++i) {
            if (auto step = parsePreTokenizer(list[i], list_where[i])) {
                steps.push_back(std::move(step));
            }
        }
        return std::make_unique<PreTokenizerSequence>(std::move(steps));
    }
    if (type == "Split") {
        return std::make_unique<RegexSplit>(
            compilePattern(member(config, "pattern"), where / "pattern"),
            parseBehavior(config, where, SplitBehavior::Isolated),
            boolOr(config, "invert", false, where));
    }
    if (type == "ByteLevel") {
        return std::make_unique<ByteLevel>(boolOr(config, "add_prefix_space", true, where),
                                           boolOr(config, "use_regex", true, where), where);
    }
    if (type == "Metaspace") {
        std::string replacement = stringOr(config, "replacement", "\u2581", where);
        if (utf8::decode(replacement).size() != 1 || !utf8::isValid(replacement)) {
            (where / "replacement").fail("expected one character");
        }
        PrependScheme scheme = boolOr(config, "add_prefix_space", true, where)
                                   ? PrependScheme::Always
                                   : PrependScheme::Never;
        if (const auto name = optionalString(config, "prepend_scheme", where)) {
            if (*name == "first") {
                scheme = PrependScheme::First;
            } else if (*name == "always") {
                scheme = PrependScheme::Always;
            } else if (*name == "never") {
                scheme = PrependScheme::Never;
            } else {
                (where / "prepend_scheme")
                    .fail("unknown scheme \"" + *name + "\" (expected first, always or never)");
            }
        }
        return std::make_unique<Metaspace>(std::move(replacement), scheme,
                                           boolOr(config, "split", true, where));
    }
    if (type == "Digits") {
        const bool individual = boolOr(config, "individual_digits", false, where);
        return std::make_unique<RegexSplit>(
            std::make_shared<const Pcre2Regex>("[0-9]", false, where_text),
            individual ? SplitBehavior::Isolated : SplitBehavior::Contiguous, false);
    }
    if (type == "Punctuation") {
        return std::make_unique<RegexSplit>(
            std::make_shared<const Pcre2Regex>(
                R"([\p{P}\x{21}-\x{2F}\x{3A}-\x{40}\x{5B}-\x{60}\x{7B}-\x{7E}])", false,
                where_text),
            parseBehavior(config, where, SplitBehavior::Isolated), false);
    }
    if (type == "Whitespace") {
        return std::make_unique<RegexSplit>(
            std::make_shared<const Pcre2Regex>(R"(\w+|[^\w\s]+)", false, where_text),
            SplitBehavior::Removed, true);
    }
    if (type == "WhitespaceSplit") {
        return std::make_unique<RegexSplit>(
            std::make_shared<const Pcre2Regex>(R"(\s+)", false, where_text), SplitBehavior::Removed,
            false);
    }
    (where / "type")
        .fail("pre-tokenizer \"" + type +
              "\" is not supported (supported: Sequence, Split, ByteLevel, Metaspace, Digits, "
              "Punctuation, Whitespace, WhitespaceSplit)");
}

}  // namespace atlas
