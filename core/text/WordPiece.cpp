// BERT's WordPiece tokenizer: loading, saving and greedy longest-match encoding with byte spans.
#include "text/WordPiece.h"

#include <nlohmann/json.hpp>

#include "Error.h"
#include "io/AtomicFile.h"
#include "text/TextFileReading.h"
#include "text/Utf8.h"

namespace atlas {

namespace {

constexpr std::string_view kContinuationPrefix = "##";
constexpr std::string_view kUnknown = "[UNK]";
constexpr std::string_view kSpecialTokens[] = {"[CLS]", "[SEP]", "[MASK]", "[PAD]", "[UNK]"};

std::optional<bool> readBool(const nlohmann::json& config, const char* key) {
    const auto it = config.find(key);
    if (it == config.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_boolean()) {
        throw AtlasError(std::string("tokenizer_config.json: \"") + key + "\" is " + it->dump() +
                         ", expected true or false");
    }
    return it->get<bool>();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Construction, loading, saving

WordPiece::WordPiece(std::vector<std::string> vocab, WordPieceOptions options,
                     const std::string& vocab_name)
    : vocab_(std::move(vocab)), options_(options) {
    id_of_.reserve(vocab_.size());
    for (std::size_t id = 0; id < vocab_.size(); ++id) {
        if (vocab_[id].empty()) {
            continue;
        }
        // A token listed twice maps to its last line, as transformers' load_vocab does.
        id_of_[vocab_[id]] = static_cast<int>(id);
        longest_entry_bytes_ = std::max(longest_entry_bytes_, vocab_[id].size());
    }
    const auto unknown = idOf(kUnknown);
    if (!unknown) {
        throw AtlasError(vocab_name + ": the token [UNK] is missing");
    }
    unknown_id_ = *unknown;
    for (std::string_view special : kSpecialTokens) {
        if (const auto id = idOf(special)) {
            special_ids_.push_back(*id);
        }
    }
    if (options_.max_chars_per_word < 1) {
        options_.max_chars_per_word = 1;
    }
}

WordPiece WordPiece::load(const std::filesystem::path& folder) {
    const std::string text = readTokenizerFile(folder / "vocab.txt");
    std::vector<std::string> vocab;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        std::string_view line(text.data() + start, end - start);
        start = end + 1;
        // Every trailing '\r' goes, not only a CRLF's: a token can never end in '\r' (the basic
        // tokenizer splits on whitespace), and keeping one would not survive save() and reload.
        while (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        vocab.emplace_back(line);
    }

    WordPieceOptions options;
    const std::filesystem::path config_path = folder / "tokenizer_config.json";
    if (std::filesystem::exists(config_path)) {
        nlohmann::json config;
        try {
            config = nlohmann::json::parse(readTokenizerFile(config_path));
        } catch (const nlohmann::json::exception& error) {
            throw AtlasError("tokenizer_config.json: not valid JSON (" + std::string(error.what()) +
                             ")");
        }
        if (!config.is_object()) {
            throw AtlasError("tokenizer_config.json: expected an object");
        }
        options.normalization.lower_case = readBool(config, "do_lower_case").value_or(true);
        options.normalization.strip_accents = readBool(config, "strip_accents");
        options.normalization.split_cjk = readBool(config, "tokenize_chinese_chars").value_or(true);
    }
    return WordPiece(std::move(vocab), options, "vocab.txt");
}

void WordPiece::save(const std::filesystem::path& folder) const {
    std::error_code ignored;
    std::filesystem::create_directories(folder, ignored);
    std::string vocab_text;
    for (const std::string& token : vocab_) {
        vocab_text += token;
        vocab_text += '\n';
    }
    const BertNormalization& normalization = options_.normalization;
    nlohmann::ordered_json config;
    config["tokenizer_class"] = "BertTokenizer";
    config["do_lower_case"] = normalization.lower_case;
    config["strip_accents"] = normalization.strip_accents
                                  ? nlohmann::ordered_json(*normalization.strip_accents)
                                  : nlohmann::ordered_json(nullptr);
    config["tokenize_chinese_chars"] = normalization.split_cjk;
    config["unk_token"] = "[UNK]";
    config["sep_token"] = "[SEP]";
    config["pad_token"] = "[PAD]";
    config["cls_token"] = "[CLS]";
    config["mask_token"] = "[MASK]";
    writeFileAtomically(folder / "vocab.txt", vocab_text);
    writeFileAtomically(folder / "tokenizer_config.json", config.dump(2) + "\n");
}

// ---------------------------------------------------------------------------------------------
// Encoding and decoding

void WordPiece::encodeWord(const BertWord& word, std::vector<Token>& tokens,
                           std::string& utf8_buffer, std::vector<std::size_t>& char_starts,
                           std::string& candidate) const {
    const std::size_t n = word.text.size();  // characters
    const auto push_unknown = [&] {
        Token token;
        token.id = unknown_id_;
        token.text = std::string(kUnknown);
        token.begin = word.spans.front().begin;
        token.end = word.spans.back().end;
        tokens.push_back(std::move(token));
    };
    if (n > static_cast<std::size_t>(options_.max_chars_per_word)) {
        push_unknown();
        return;
    }
    // char_starts[i]: byte offset of character i in the UTF-8 word; char_starts[n] its size.
    utf8_buffer.clear();
    char_starts.clear();
    for (char32_t c : word.text) {
        char_starts.push_back(utf8_buffer.size());
        utf8::append(utf8_buffer, c);
    }
    char_starts.push_back(utf8_buffer.size());

    const std::size_t first_new_token = tokens.size();
    for (std::size_t start = 0; start < n;) {
        // candidate = ("##" if not at the word's start) + the rest of the word; its prefixes
        // are the pieces to look up, longest first.
        candidate.clear();
        if (start > 0) {
            candidate += kContinuationPrefix;
        }
        const std::size_t prefix_bytes = candidate.size();
        candidate.append(utf8_buffer, char_starts[start]);
        std::optional<int> match;
        std::size_t end = n;
        for (; end > start; --end) {
            const std::size_t length = prefix_bytes + char_starts[end] - char_starts[start];
            if (length > longest_entry_bytes_) {
                continue;
            }
            const auto it = id_of_.find(std::string_view(candidate).substr(0, length));
            if (it != id_of_.end()) {
                match = it->second;
                break;
            }
        }
        if (!match) {
            tokens.resize(first_new_token);
            push_unknown();
            return;
        }
        Token token;
        token.id = *match;
        token.text = utf8_buffer.substr(char_starts[start], char_starts[end] - char_starts[start]);
        token.begin = word.spans[start].begin;
        token.end = word.spans[end - 1].end;
        token.continuation = start > 0;
        tokens.push_back(std::move(token));
        start = end;
    }
}

void WordPiece::encodeOrdinaryText(std::string_view text, std::size_t offset,
                                   std::vector<Token>& tokens) const {
    std::string utf8_buffer;
    std::vector<std::size_t> char_starts;
    std::string candidate;
    forEachBertWord(text, options_.normalization, offset, [&](const BertWord& word) {
        encodeWord(word, tokens, utf8_buffer, char_starts, candidate);
    });
}

std::vector<Token> WordPiece::encode(std::string_view text) const {
    std::vector<Token> tokens;
    tokens.reserve(text.size() / 4 + 1);
    // Special-token literals cut the text; the pieces between go through the basic tokenizer.
    std::size_t ordinary_start = 0;
    for (std::size_t position = text.find('['); position != std::string_view::npos;
         position = text.find('[', position)) {
        std::optional<int> special_id;
        std::size_t length = 0;
        for (const int id : special_ids_) {
            if (text.substr(position).starts_with(vocab_[id])) {
                special_id = id;
                length = vocab_[id].size();
                break;
            }
        }
        if (!special_id) {
            ++position;
            continue;
        }
        encodeOrdinaryText(text.substr(ordinary_start, position - ordinary_start), ordinary_start,
                           tokens);
        Token token;
        token.id = *special_id;
        token.text = vocab_[*special_id];
        token.begin = position;
        token.end = position + length;
        token.special = true;
        tokens.push_back(std::move(token));
        position += length;
        ordinary_start = position;
    }
    encodeOrdinaryText(text.substr(ordinary_start), ordinary_start, tokens);
    return tokens;
}

void WordPiece::checkId(int id) const {
    if (id < 0 || id >= vocabSize() || vocab_[id].empty()) {
        throw AtlasError("token id " + std::to_string(id) + " is not in the vocabulary of " +
                         std::to_string(vocabSize()) + " ids");
    }
}

std::string WordPiece::decode(const std::vector<int>& ids) const {
    std::string text;
    for (const int id : ids) {
        checkId(id);
        const std::string& spelling = vocab_[id];
        if (spelling.starts_with(kContinuationPrefix) && spelling.size() > 2) {
            text.append(spelling, kContinuationPrefix.size());
        } else {
            if (!text.empty()) {
                text += ' ';
            }
            text += spelling;
        }
    }
    return text;
}

std::string WordPiece::displayText(int id) const {
    checkId(id);
    const std::string& spelling = vocab_[id];
    if (spelling.starts_with(kContinuationPrefix) && spelling.size() > 2) {
        return spelling.substr(kContinuationPrefix.size());
    }
    return spelling;
}

std::optional<int> WordPiece::idOf(std::string_view token) const {
    const auto it = id_of_.find(token);
    if (it == id_of_.end()) {
        return std::nullopt;
    }
    return it->second;
}

}  // namespace atlas
