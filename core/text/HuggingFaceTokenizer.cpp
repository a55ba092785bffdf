// A tokenizer read from a Hugging Face tokenizer.json.
#include "text/HuggingFaceTokenizer.h"

#include <algorithm>
#include <unordered_map>

#include "Error.h"
#include "text/ByteLevelAlphabet.h"
#include "text/TextFileReading.h"
#include "text/TokenizerJsonDocument.h"
#include "text/Utf8.h"

namespace atlas {

namespace {

using nlohmann::json;
using tokenizer_json::FieldPath;

// Ids above this are refused: the vocabulary is a dense table indexed by id.
constexpr long long kMaxId = (1 << 24) - 1;
// Words longer than this are not cached (they rarely repeat).
constexpr std::size_t kMaxCachedWord = 64;

json parseJson(std::string_view text, const std::string& name) {
    try {
        return json::parse(text);
    } catch (const json::exception& error) {
        throw AtlasError(name + ": not valid JSON: " + error.what());
    }
}

int readId(const json& value, const FieldPath& where) {
    if (!value.is_number_integer()) {
        where.fail("expected an integer id");
    }
    const long long id = value.get<long long>();
    if (id < 0 || id > kMaxId) {
        where.fail("id " + std::to_string(id) + " is outside 0.." + std::to_string(kMaxId));
    }
    return int(id);
}

bool isWordCharacter(char32_t c) {
    return c == U'_' || unicode::isLetter(c) || unicode::isNumber(c);
}

// The last / first code point of a valid UTF-8 text.
char32_t lastCodePoint(std::string_view text) {
    std::size_t start = text.size() - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
        --start;
    }
    return utf8::decodeAt(text, start).code_point;
}

// The special token a TemplateProcessing post-processor puts before a single text, if any.
std::optional<std::string> templateFirstToken(const json& processor, int depth = 0) {
    using tokenizer_json::member;
    if (!processor.is_object() || depth > 64) {
        return std::nullopt;
    }
    const json& type = member(processor, "type");
    if (type == "Sequence") {
        const json& list = member(processor, "processors");
        if (list.is_array()) {
            for (const json& step : list) {
                if (auto found = templateFirstToken(step, depth + 1)) {
                    return found;
                }
            }
        }
        return std::nullopt;
    }
    if (type != "TemplateProcessing") {
        return std::nullopt;
    }
    const json& single = member(processor, "single");
    if (!single.is_array() || single.empty()) {
        return std::nullopt;
    }
    const json& special = member(single[0], "SpecialToken");
    const json& name = member(special, "id");
    if (!name.is_string()) {
        return std::nullopt;
    }
    // The special_tokens table may give the id under another name; else the name is the token.
    const json& ids =
        member(member(member(processor, "special_tokens"), name.get<std::string>()), "tokens");
    if (ids.is_array() && ids.size() == 1 && ids[0].is_string()) {
        return ids[0].get<std::string>();
    }
    return name.get<std::string>();
}

}  // namespace

std::unique_ptr<HuggingFaceTokenizer> HuggingFaceTokenizer::load(
    const std::filesystem::path& folder) {
    const std::string tokenizer_text = readTokenizerFile(folder / "tokenizer.json");
    std::string config_text;
    if (std::filesystem::exists(folder / "tokenizer_config.json")) {
        config_text = readTokenizerFile(folder / "tokenizer_config.json");
    }
    return fromText(tokenizer_text, config_text);
}

std::unique_ptr<HuggingFaceTokenizer> HuggingFaceTokenizer::fromText(
    std::string_view tokenizer_json, std::string_view config_json,
    const std::string& tokenizer_name, const std::string& config_name) {
    using namespace tokenizer_json;
    TokenizerJsonDocument document = TokenizerJsonDocument::parse(tokenizer_json, tokenizer_name);
    const json& root = document.rest;
    const FieldPath top{tokenizer_name, ""};
    requireObject(root, top);
    std::unique_ptr<HuggingFaceTokenizer> tokenizer(new HuggingFaceTokenizer());

    // The model: BPE only.
    const FieldPath model_where = top / "model";
    const json& model = requireObject(member(root, "model"), model_where);
    const std::string type = stringOr(model, "type", "BPE", model_where);
    if (type != "BPE") {
        (model_where / "type").fail("model \"" + type + "\" is not supported (only BPE)");
    }
    if (!document.has_vocab) {
        (model_where / "vocab")
            .fail(member(model, "vocab").is_null() ? "missing (expected an object of token -> id)"
                                                   : "expected an object of token -> id");
    }
    if (!document.has_merges && !member(model, "merges").is_null()) {
        (model_where / "merges").fail("expected an array");
    }
    int max_id = -1;
    for (const auto& [spelling, id] : document.vocab) {
        if (id < 0 || id > kMaxId) {
            (model_where / "vocab" / spelling)
                .fail("id " + std::to_string(id) + " is outside 0.." + std::to_string(kMaxId));
        }
        max_id = std::max(max_id, int(id));
    }

    // Added tokens: matched first, and ids of their own.
    const json& added = member(root, "added_tokens");
    const FieldPath added_where = top / "added_tokens";
    if (!added.is_null()) {
        requireArray(added, added_where);
        for (std::size_t i = 0; i < added.size(); ++i) {
            const FieldPath where = added_where[i];
            requireObject(added[i], where);
            AddedToken token;
            token.id = readId(member(added[i], "id"), where / "id");
            token.content = requireString(added[i], "content", where);
            token.special = boolOr(added[i], "special", false, where);
            token.lstrip = boolOr(added[i], "lstrip", false, where);
            token.rstrip = boolOr(added[i], "rstrip", false, where);
            token.single_word = boolOr(added[i], "single_word", false, where);
            if (token.content.empty()) {
                (where / "content").fail("an added token cannot be empty");
            }
            max_id = std::max(max_id, token.id);
            tokenizer->added_tokens_.push_back(std::move(token));
        }
    }
    tokenizer->spellings_.assign(std::size_t(max_id + 1), std::string());
    tokenizer->is_added_.assign(std::size_t(max_id + 1), 0);
    BpeModel::IdMap id_of;
    id_of.reserve(document.vocab.size() + tokenizer->added_tokens_.size());
    for (auto& [spelling, id] : document.vocab) {
        std::string& slot = tokenizer->spellings_[std::size_t(id)];
        // Two spellings of one id: the first in the file names it.
        if (slot.empty()) {
            slot = spelling;
        }
        id_of.insert_or_assign(std::move(spelling), int(id));
    }
    for (std::size_t i = 0; i < tokenizer->added_tokens_.size(); ++i) {
        const AddedToken& token = tokenizer->added_tokens_[i];
        id_of.insert_or_assign(token.content, token.id);
        tokenizer->spellings_[std::size_t(token.id)] = token.content;
        tokenizer->is_added_[std::size_t(token.id)] = 1;
        tokenizer->added_by_first_byte_[static_cast<unsigned char>(token.content[0])].push_back(
            int(i));
    }
    for (auto& candidates : tokenizer->added_by_first_byte_) {
        std::stable_sort(candidates.begin(), candidates.end(), [&](int a, int b) {
            return tokenizer->added_tokens_[std::size_t(a)].content.size() >
                   tokenizer->added_tokens_[std::size_t(b)].content.size();
        });
    }

    BpeModel::Options options;
    options.unknown_token = optionalString(model, "unk_token", model_where);
    options.fuse_unknown = boolOr(model, "fuse_unk", false, model_where);
    options.byte_fallback = boolOr(model, "byte_fallback", false, model_where);
    options.ignore_merges = boolOr(model, "ignore_merges", false, model_where);
    options.continuing_subword_prefix =
        stringOr(model, "continuing_subword_prefix", "", model_where);
    options.end_of_word_suffix = stringOr(model, "end_of_word_suffix", "", model_where);
    tokenizer->model_ = std::make_unique<BpeModel>(
        std::move(id_of), document.merges, std::move(options), tokenizer_name + ": model.merges");

    tokenizer->normalizer_ = parseNormalizer(member(root, "normalizer"), top / "normalizer");
    tokenizer->pre_tokenizer_ =
        parsePreTokenizer(member(root, "pre_tokenizer"), top / "pre_tokenizer");
    tokenizer->decoder_ = parseDecoder(member(root, "decoder"), top / "decoder");
    tokenizer->byte_level_ = tokenizer->pre_tokenizer_ && tokenizer->pre_tokenizer_->byteLevel();
    tokenizer->word_marker_ = "\u2581";

    // The token to put before every text.
    std::optional<std::string> bos_name;
    json config;
    if (!config_json.empty()) {
        config = parseJson(config_json, config_name);
        requireObject(config, FieldPath{config_name, ""});
    }
    const FieldPath config_top{config_name, ""};
    const json& add_bos = member(config, "add_bos_token");
    if (!add_bos.is_null() && !add_bos.is_boolean()) {
        (config_top / "add_bos_token").fail("expected true or false");
    }
    if (add_bos.is_boolean() && add_bos.get<bool>()) {
        const json& bos = member(config, "bos_token");
        if (bos.is_string()) {
            bos_name = bos.get<std::string>();
        } else if (bos.is_object() && member(bos, "content").is_string()) {
            bos_name = member(bos, "content").get<std::string>();
        } else {
            (config_top / "bos_token")
                .fail(
                    "add_bos_token is true but bos_token is not a token (a string or an "
                    "object with content)");
        }
    } else if (add_bos.is_null()) {
        bos_name = templateFirstToken(member(root, "post_processor"));
    }
    if (bos_name) {
        tokenizer->bos_id_ = tokenizer->model_->idOf(*bos_name);
        if (!tokenizer->bos_id_ && add_bos.is_boolean()) {
            (config_top / "bos_token")
                .fail("\"" + *bos_name + "\" is not in " + tokenizer_name + "'s vocabulary");
        }
    }
    return tokenizer;
}

std::vector<HuggingFaceTokenizer::Section> HuggingFaceTokenizer::findAddedTokens(
    std::string_view text) const {
    std::vector<Section> sections;
    std::size_t text_start = 0;
    std::size_t position = 0;
    while (position < text.size()) {
        int found = -1;
        for (const int index : added_by_first_byte_[static_cast<unsigned char>(text[position])]) {
            const AddedToken& token = added_tokens_[std::size_t(index)];
            if (text.compare(position, token.content.size(), token.content) != 0) {
                continue;
            }
            if (token.single_word) {
                const std::size_t end = position + token.content.size();
                const bool word_before =
                    position > 0 && isWordCharacter(lastCodePoint(text.substr(0, position)));
                const bool word_after =
                    end < text.size() && isWordCharacter(utf8::decodeAt(text, end).code_point);
                if (word_before || word_after) {
                    continue;
                }
            }
            found = index;
            break;
        }
        if (found < 0) {
            ++position;
            continue;
        }
        if (position > text_start) {
            sections.push_back({text_start, position, -1});
        }
        const std::size_t end = position + added_tokens_[std::size_t(found)].content.size();
        sections.push_back({position, end, found});
        position = end;
        text_start = end;
    }
    if (text_start < text.size()) {
        sections.push_back({text_start, text.size(), -1});
    }

    // lstrip / rstrip: the white space beside the token is dropped from the text next to it.
    for (std::size_t i = 0; i < sections.size(); ++i) {
        if (sections[i].added < 0) {
            continue;
        }
        const AddedToken& token = added_tokens_[std::size_t(sections[i].added)];
        if (token.lstrip && i > 0 && sections[i - 1].added < 0) {
            Section& before = sections[i - 1];
            while (before.end > before.begin && unicode::isWhitespace(lastCodePoint(text.substr(
                                                    before.begin, before.end - before.begin)))) {
                std::size_t start = before.end - 1;
                while (start > before.begin &&
                       (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
                    --start;
                }
                before.end = start;
            }
        }
        if (token.rstrip && i + 1 < sections.size() && sections[i + 1].added < 0) {
            Section& after = sections[i + 1];
            while (after.begin < after.end) {
                const utf8::Decoded decoded = utf8::decodeAt(text, after.begin);
                if (!unicode::isWhitespace(decoded.code_point)) {
                    break;
                }
                after.begin += decoded.length;
            }
        }
    }
    return sections;
}

std::vector<Token> HuggingFaceTokenizer::encode(std::string_view text) const {
    const NormalizedText input = NormalizedText::fromOriginal(text, 0);
    std::vector<Token> tokens;
    std::vector<BpeModel::Piece> pieces;
    // Each id's display text is made once per call: running the decoder for every token costs
    // more than the rest of encoding.
    std::unordered_map<int, std::string> display_texts;
    for (const Section& section : findAddedTokens(input.text)) {
        if (section.added >= 0) {
            const AddedToken& added = added_tokens_[std::size_t(section.added)];
            Token token;
            token.id = added.id;
            token.text = displayText(added.id);
            token.special = added.special;
            const ByteSpan span = input.spanOf(section.begin, section.end);
            token.begin = span.begin;
            token.end = added.special ? span.begin : span.end;
            tokens.push_back(std::move(token));
        } else if (section.end > section.begin) {
            encodeSection(input.slice(section.begin, section.end), tokens, pieces, display_texts);
        }
    }
    return tokens;
}

void HuggingFaceTokenizer::encodeSection(
    const NormalizedText& section, std::vector<Token>& out, std::vector<BpeModel::Piece>& pieces,
    std::unordered_map<int, std::string>& display_texts) const {
    NormalizedText normalized = section;
    if (normalizer_) {
        normalizer_->apply(normalized);
    }
    if (normalized.empty()) {
        return;
    }
    std::vector<NormalizedText> words;
    words.push_back(std::move(normalized));
    if (pre_tokenizer_) {
        pre_tokenizer_->apply(words);
    }
    std::unordered_map<std::string, std::vector<BpeModel::Piece>> cache;
    for (const NormalizedText& word : words) {
        pieces.clear();
        const bool cacheable = pre_tokenizer_ && word.text.size() <= kMaxCachedWord;
        if (cacheable) {
            auto found = cache.find(word.text);
            if (found == cache.end()) {
                std::vector<BpeModel::Piece> encoded;
                model_->encodeWord(word.text, encoded);
                found = cache.emplace(word.text, std::move(encoded)).first;
            }
            pieces = found->second;
        } else {
            model_->encodeWord(word.text, pieces);
        }
        for (std::size_t i = 0; i < pieces.size(); ++i) {
            const BpeModel::Piece& piece = pieces[i];
            Token token;
            token.id = piece.id;
            auto display = display_texts.find(piece.id);
            if (display == display_texts.end()) {
                display = display_texts.emplace(piece.id, displayText(piece.id)).first;
            }
            token.text = display->second;
            const ByteSpan span = word.spanOf(piece.begin, piece.end);
            token.begin = span.begin;
            token.end = span.end;
            token.continuation =
                i > 0 && !spellings_[std::size_t(piece.id)].starts_with(word_marker_);
            out.push_back(std::move(token));
        }
    }
}

void HuggingFaceTokenizer::checkId(int id) const {
    if (id < 0 || id >= vocabSize()) {
        throw AtlasError("token id " + std::to_string(id) + " is outside the vocabulary (0.." +
                         std::to_string(vocabSize() - 1) + ")");
    }
}

std::string HuggingFaceTokenizer::decode(const std::vector<int>& ids) const {
    std::vector<std::string> tokens;
    tokens.reserve(ids.size());
    for (const int id : ids) {
        checkId(id);
        tokens.push_back(spellings_[std::size_t(id)]);
    }
    if (decoder_) {
        decoder_->apply(tokens, true);
    }
    std::string text;
    for (const std::string& token : tokens) {
        text += token;
    }
    return text;
}

std::string HuggingFaceTokenizer::displayText(int id) const {
    checkId(id);
    const std::string& spelling = spellings_[std::size_t(id)];
    if (is_added_[std::size_t(id)] || !decoder_) {
        return utf8::sanitize(spelling);
    }
    std::vector<std::string> tokens{spelling};
    decoder_->apply(tokens, false);
    std::string text;
    for (const std::string& token : tokens) {
        text += token;
    }
    return utf8::sanitize(text);
}

std::optional<int> HuggingFaceTokenizer::idOf(std::string_view token) const {
    if (const auto id = model_->idOf(token)) {
        return id;
    }
    if (byte_level_) {
        return model_->idOf(byte_level::toSymbols(token));
    }
    std::string metaspace;
    for (const char c : token) {
        if (c == ' ') {
            metaspace += word_marker_;
        } else {
            metaspace.push_back(c);
        }
    }
    return model_->idOf(metaspace);
}

}  // namespace atlas
