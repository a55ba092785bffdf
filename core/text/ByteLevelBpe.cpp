// GPT-2's byte-level BPE: loading, saving, the merge loop and encoding with byte spans.
#include "text/ByteLevelBpe.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <unordered_set>

#include "Error.h"
#include "io/AtomicFile.h"
#include "text/ByteLevelAlphabet.h"
#include "text/Gpt2PreTokenizer.h"
#include "text/TextFileReading.h"
#include "text/Utf8.h"

namespace atlas {

namespace {

constexpr std::string_view kEndOfText = "<|endoftext|>";
// Texts shorter than this are encoded without a word cache: building it costs more than the
// few repeated words it would save.
constexpr std::size_t kCacheMinimumBytes = 256;
// Words up to this many bytes are merged on the stack (ByteLevelBpe::mergeShortWord).
constexpr std::size_t kShortWordBytes = 64;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Construction, loading, saving

ByteLevelBpe::ByteLevelBpe(std::vector<std::string> symbols,
                           const std::vector<std::pair<std::string, std::string>>& merges,
                           const std::string& vocab_name, const std::string& merges_name,
                           const std::vector<int>& merge_lines)
    : symbols_(std::move(symbols)) {
    const std::size_t vocab_size = symbols_.size();
    bytes_.resize(vocab_size);
    display_.resize(vocab_size);
    id_of_symbol_.reserve(vocab_size);
    id_of_bytes_.reserve(vocab_size);
    for (std::size_t id = 0; id < vocab_size; ++id) {
        const std::string& spelling = symbols_[id];
        if (spelling.empty()) {
            continue;
        }
        const auto [it, inserted] = id_of_symbol_.emplace(spelling, static_cast<int>(id));
        if (!inserted) {
            throw AtlasError(vocab_name + ": token \"" + spelling + "\" has two ids, " +
                             std::to_string(it->second) + " and " + std::to_string(id));
        }
        // Added tokens outside the byte alphabet ("<pad>" is inside) stand for their UTF-8.
        bytes_[id] = byte_level::fromSymbols(spelling).value_or(spelling);
        display_[id] = utf8::sanitize(bytes_[id]);
        id_of_bytes_.emplace(bytes_[id], static_cast<int>(id));
    }
    for (int byte = 0; byte < 256; ++byte) {
        const std::string spelling =
            utf8::encode(byte_level::symbolOf(static_cast<std::uint8_t>(byte)));
        const auto it = id_of_symbol_.find(spelling);
        if (it == id_of_symbol_.end()) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", byte);
            throw AtlasError(vocab_name + ": the symbol \"" + spelling + "\" of byte " + hex +
                             " is missing; a byte-level BPE vocabulary needs all 256");
        }
        byte_ids_[byte] = it->second;
    }
    if (const auto it = id_of_symbol_.find(kEndOfText); it != id_of_symbol_.end()) {
        end_of_text_id_ = it->second;
    }

    merge_pairs_.reserve(merges.size());
    for (std::size_t index = 0; index < merges.size(); ++index) {
        const auto& [left, right] = merges[index];
        const auto where = [&] {
            return merges_name + " line " +
                   std::to_string(index < merge_lines.size() ? merge_lines[index]
                                                             : static_cast<int>(index + 1)) +
                   ": ";
        };
        const auto left_it = id_of_symbol_.find(left);
        const auto right_it = id_of_symbol_.find(right);
        const auto merged_it = id_of_symbol_.find(left + right);
        for (const auto& [it, spelling] : {std::pair{left_it, left}, std::pair{right_it, right},
                                           std::pair{merged_it, left + right}}) {
            if (it == id_of_symbol_.end()) {
                throw AtlasError(where() + "token \"" + spelling + "\" is not in " + vocab_name);
            }
        }
        merge_pairs_.emplace_back(left_it->second, right_it->second);
        // A pair listed twice takes its last rank, as openai's dict(zip(merges, ranks)) does.
        merge_of_pair_.insertOrAssign(left_it->second, right_it->second,
                                      Merge{static_cast<int>(index), merged_it->second});
    }
}

namespace {

constexpr std::int64_t kMaxId = 16 * 1024 * 1024;

// vocab.json's spellings by id, read without building a JSON document (GPT-2's 50,257 entries
// as a document cost about half of loading the tokenizer). Returns nothing for anything but a
// flat object of distinct spellings with distinct ids in range; the caller then reads it as a
// document, which names what is wrong.
class VocabularyReader : public nlohmann::json_sax<nlohmann::json> {
  public:
    std::optional<std::vector<std::string>> read(const std::string& text) {
        if (!nlohmann::json::sax_parse(text, this) || !finished_) {
            return std::nullopt;
        }
        std::unordered_set<std::string_view> seen;
        seen.reserve(symbols_.size());
        for (const std::string& symbol : symbols_) {
            if (!symbol.empty() && !seen.insert(symbol).second) {
                return std::nullopt;  // a spelling twice: the document keeps the last
            }
        }
        return std::move(symbols_);
    }

    bool start_object(std::size_t) override { return ++depth_ == 1; }
    bool end_object() override {
        finished_ = --depth_ == 0;
        return true;
    }
    bool key(string_t& key) override {
        if (key.empty()) {
            return false;
        }
        key_ = std::move(key);
        return true;
    }
    bool number_unsigned(number_unsigned_t value) override {
        if (value >= static_cast<number_unsigned_t>(kMaxId)) {
            return false;
        }
        const auto id = static_cast<std::size_t>(value);
        if (id >= symbols_.size()) {
            symbols_.resize(id + 1);
        }
        if (!symbols_[id].empty()) {
            return false;
        }
        symbols_[id] = std::move(key_);
        return true;
    }
    bool null() override { return false; }
    bool boolean(bool) override { return false; }
    bool number_integer(number_integer_t) override { return false; }
    bool number_float(number_float_t, const string_t&) override { return false; }
    bool string(string_t&) override { return false; }
    bool binary(binary_t&) override { return false; }
    bool start_array(std::size_t) override { return false; }
    bool end_array() override { return false; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }

  private:
    std::vector<std::string> symbols_;
    std::string key_;
    int depth_ = 0;
    bool finished_ = false;
};

// The tokenizer of vocab.json's spellings by id and merges.txt's text.
ByteLevelBpe withMerges(std::vector<std::string> symbols, const std::string& merges_text) {
    // merges.txt: an optional "#version: 0.2" line, then "left right" per line.
    std::vector<std::pair<std::string, std::string>> merges;
    std::vector<int> merge_lines;
    int line_number = 0;
    for (std::size_t start = 0; start < merges_text.size();) {
        std::size_t end = merges_text.find('\n', start);
        if (end == std::string::npos) {
            end = merges_text.size();
        }
        std::string_view line(merges_text.data() + start, end - start);
        start = end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if ((line_number == 1 && line.starts_with("#version")) || line.empty()) {
            continue;
        }
        const std::size_t space = line.find(' ');
        if (space == std::string_view::npos || space == 0 || space + 1 == line.size() ||
            line.find(' ', space + 1) != std::string_view::npos) {
            throw AtlasError("merges.txt line " + std::to_string(line_number) + ": \"" +
                             std::string(line) + "\" is not two tokens separated by one space");
        }
        merges.emplace_back(std::string(line.substr(0, space)),
                            std::string(line.substr(space + 1)));
        merge_lines.push_back(line_number);
    }
    return ByteLevelBpe(std::move(symbols), merges, "vocab.json", "merges.txt", merge_lines);
}

}  // namespace

ByteLevelBpe ByteLevelBpe::load(const std::filesystem::path& folder) {
    // vocab.json: {"spelling": id, ...}
    const std::string vocab_text = readTokenizerFile(folder / "vocab.json");
    std::optional<std::vector<std::string>> read = VocabularyReader().read(vocab_text);
    if (read) {
        return withMerges(std::move(*read), readTokenizerFile(folder / "merges.txt"));
    }
    nlohmann::json vocab;
    try {
        vocab = nlohmann::json::parse(vocab_text);
    } catch (const nlohmann::json::exception& error) {
        throw AtlasError("vocab.json: not valid JSON (" + std::string(error.what()) + ")");
    }
    if (!vocab.is_object()) {
        throw AtlasError("vocab.json: expected an object of token -> id");
    }
    std::vector<std::string> symbols;
    for (const auto& [spelling, value] : vocab.items()) {
        if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
            value.get<std::int64_t>() >= kMaxId) {
            throw AtlasError("vocab.json: the id of \"" + spelling + "\" is " + value.dump() +
                             ", expected an integer from 0 to " + std::to_string(kMaxId - 1));
        }
        if (spelling.empty()) {
            throw AtlasError("vocab.json: the empty string is not a token (id " + value.dump() +
                             ")");
        }
        const auto id = static_cast<std::size_t>(value.get<std::int64_t>());
        if (id >= symbols.size()) {
            symbols.resize(id + 1);
        }
        if (!symbols[id].empty()) {
            throw AtlasError("vocab.json: id " + std::to_string(id) + " is used by both \"" +
                             symbols[id] + "\" and \"" + spelling + "\"");
        }
        symbols[id] = spelling;
    }

    return withMerges(std::move(symbols), readTokenizerFile(folder / "merges.txt"));
}

void ByteLevelBpe::save(const std::filesystem::path& folder) const {
    std::error_code ignored;
    std::filesystem::create_directories(folder, ignored);
    nlohmann::ordered_json vocab = nlohmann::ordered_json::object();
    for (std::size_t id = 0; id < symbols_.size(); ++id) {
        if (!symbols_[id].empty()) {
            vocab[symbols_[id]] = id;
        }
    }
    std::string merges_text = "#version: 0.2\n";
    for (const auto& [left, right] : merge_pairs_) {
        merges_text += symbols_[left];
        merges_text += ' ';
        merges_text += symbols_[right];
        merges_text += '\n';
    }
    writeFileAtomically(folder / "vocab.json", vocab.dump());
    writeFileAtomically(folder / "merges.txt", merges_text);
}

// ---------------------------------------------------------------------------------------------
// The merge loop

const ByteLevelBpe::Merge* ByteLevelBpe::findMerge(int left, int right) const {
    return merge_of_pair_.find(left, right);
}

std::vector<int> ByteLevelBpe::mergeWordReference(std::string_view word) const {
    std::vector<int> ids;
    for (char byte : word) {
        ids.push_back(byte_ids_[static_cast<std::uint8_t>(byte)]);
    }
    while (ids.size() > 1) {
        // The lowest-ranked pair present...
        const Merge* best = nullptr;
        std::pair<int, int> best_pair;
        for (std::size_t i = 0; i + 1 < ids.size(); ++i) {
            const Merge* merge = findMerge(ids[i], ids[i + 1]);
            if (merge != nullptr && (best == nullptr || merge->rank < best->rank)) {
                best = merge;
                best_pair = {ids[i], ids[i + 1]};
            }
        }
        if (best == nullptr) {
            break;
        }
        // ...merged everywhere, left to right.
        std::vector<int> merged;
        for (std::size_t i = 0; i < ids.size(); ++i) {
            if (i + 1 < ids.size() && ids[i] == best_pair.first && ids[i + 1] == best_pair.second) {
                merged.push_back(best->merged_id);
                ++i;
            } else {
                merged.push_back(ids[i]);
            }
        }
        ids = std::move(merged);
    }
    return ids;
}

std::vector<int> ByteLevelBpe::mergeWord(std::string_view word) const {
    return word.size() <= kShortWordBytes ? mergeShortWord(word) : mergeLongWord(word);
}

std::vector<int> ByteLevelBpe::mergeShortWord(std::string_view word) const {
    // The reference's passes on arrays on the stack, keeping each adjacent pair's rank so that a
    // pass looks up only the pairs next to a merged symbol: O(n^2) compares, O(n) lookups.
    if (word.size() > kShortWordBytes) {
        return mergeLongWord(word);
    }
    constexpr int kNoMerge = std::numeric_limits<int>::max();
    const int n = static_cast<int>(word.size());
    std::array<int, kShortWordBytes> ids;        // [n] the word's current symbols
    std::array<int, kShortWordBytes> ranks;      // [n - 1] rank of the pair (i, i + 1)
    std::array<int, kShortWordBytes> old_ranks;  // [n - 1] ranks before this pass
    std::array<int, kShortWordBytes> origin;     // [n] old index of each symbol, -1 if merged
    const auto rank_of = [&](int left, int right) {
        const Merge* merge = findMerge(left, right);
        return merge == nullptr ? kNoMerge : merge->rank;
    };
    for (int i = 0; i < n; ++i) {
        ids[i] = byte_ids_[static_cast<std::uint8_t>(word[i])];
    }
    for (int i = 0; i + 1 < n; ++i) {
        ranks[i] = rank_of(ids[i], ids[i + 1]);
    }
    int size = n;
    while (size > 1) {
        const int best = *std::min_element(ranks.begin(), ranks.begin() + size - 1);
        if (best == kNoMerge) {
            break;
        }
        // Merge every occurrence of the best pair, left to right.
        int written = 0;
        for (int i = 0; i < size; ++written) {
            if (i + 1 < size && ranks[i] == best) {
                ids[written] = findMerge(ids[i], ids[i + 1])->merged_id;
                origin[written] = -1;
                i += 2;
            } else {
                ids[written] = ids[i];
                origin[written] = i;
                i += 1;
            }
        }
        std::copy(ranks.begin(), ranks.begin() + size - 1, old_ranks.begin());
        size = written;
        // Two symbols that were both kept were neighbours before: their pair's rank is known.
        for (int i = 0; i + 1 < size; ++i) {
            ranks[i] = (origin[i] >= 0 && origin[i + 1] >= 0) ? old_ranks[origin[i]]
                                                              : rank_of(ids[i], ids[i + 1]);
        }
    }
    return std::vector<int>(ids.begin(), ids.begin() + size);
}

std::vector<int> ByteLevelBpe::mergeLongWord(std::string_view word) const {
    // The same result as mergeWordReference in O(n log n): the symbols form a linked list and a
    // min-heap holds (rank, position) of every adjacent pair that has a merge. All entries of the
    // lowest rank are taken together and merged left to right, which is what the reference does
    // in one pass; entries made stale by earlier merges are recognised and skipped.
    const int n = static_cast<int>(word.size());
    if (n <= 1) {
        return n == 0 ? std::vector<int>{}
                      : std::vector<int>{byte_ids_[static_cast<std::uint8_t>(word[0])]};
    }
    struct Symbol {
        int id;
        int previous;  // index of the previous live symbol, -1 at the start
        int next;      // index of the next live symbol, -1 at the end
    };
    struct Candidate {
        int rank;
        int position;  // index of the pair's left symbol
        bool operator>(const Candidate& other) const {
            return rank != other.rank ? rank > other.rank : position > other.position;
        }
    };
    std::vector<Symbol> symbols(static_cast<std::size_t>(n));  // [n] the word, dead ones unlinked
    for (int i = 0; i < n; ++i) {
        symbols[i] = {byte_ids_[static_cast<std::uint8_t>(word[i])], i - 1, i + 1 < n ? i + 1 : -1};
    }
    std::vector<Candidate> heap;
    const auto push_pair_at = [&](int left) {
        const int right = symbols[left].next;
        if (right < 0) {
            return;
        }
        if (const Merge* merge = findMerge(symbols[left].id, symbols[right].id)) {
            heap.push_back({merge->rank, left});
            std::push_heap(heap.begin(), heap.end(), std::greater<>{});
        }
    };
    for (int i = 0; i + 1 < n; ++i) {
        push_pair_at(i);
    }
    std::vector<bool> alive(static_cast<std::size_t>(n), true);
    std::vector<int> batch;
    while (!heap.empty()) {
        const int rank = heap.front().rank;
        batch.clear();
        while (!heap.empty() && heap.front().rank == rank) {
            batch.push_back(heap.front().position);
            std::pop_heap(heap.begin(), heap.end(), std::greater<>{});
            heap.pop_back();
        }
        std::sort(batch.begin(), batch.end());
        for (const int left : batch) {
            const int right = symbols[left].next;
            if (!alive[left] || right < 0) {
                continue;
            }
            const Merge* merge = findMerge(symbols[left].id, symbols[right].id);
            if (merge == nullptr || merge->rank != rank) {
                continue;  // stale: this position's pair changed since it was queued
            }
            symbols[left].id = merge->merged_id;
            symbols[left].next = symbols[right].next;
            if (symbols[right].next >= 0) {
                symbols[symbols[right].next].previous = left;
            }
            alive[right] = false;
            if (symbols[left].previous >= 0) {
                push_pair_at(symbols[left].previous);
            }
            push_pair_at(left);
        }
    }
    std::vector<int> ids;
    for (int i = 0; i >= 0; i = symbols[i].next) {
        ids.push_back(symbols[i].id);
    }
    return ids;
}

// ---------------------------------------------------------------------------------------------
// Encoding and decoding

template <class Emit>
void ByteLevelBpe::encodeOrdinaryText(std::string_view text, std::size_t offset, bool use_cache,
                                      Emit&& emit) const {
    // A word's ids depend only on its bytes, so within one call repeated words are merged once.
    std::unordered_map<std::string_view, std::vector<int>> cache;
    forEachGpt2Word(text, [&](std::size_t begin, std::size_t end) {
        const std::string_view word = text.substr(begin, end - begin);
        if (!use_cache) {
            emit(mergeWord(word), offset + begin);
            return;
        }
        auto it = cache.find(word);
        if (it == cache.end()) {
            it = cache.emplace(word, mergeWord(word)).first;
        }
        emit(it->second, offset + begin);
    });
}

std::vector<Token> ByteLevelBpe::encode(std::string_view text) const {
    std::vector<Token> tokens;
    tokens.reserve(text.size() / 3 + 1);
    const bool use_cache = text.size() >= kCacheMinimumBytes;
    const auto emit_word = [&](const std::vector<int>& ids, std::size_t begin) {
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const int id = ids[i];
            Token token;
            token.id = id;
            token.text = display_[id];
            token.begin = begin;
            token.end = begin + bytes_[id].size();
            token.continuation = i > 0;
            begin = token.end;
            tokens.push_back(std::move(token));
        }
    };
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t special =
            end_of_text_id_ ? text.find(kEndOfText, start) : std::string_view::npos;
        const std::size_t stop = special == std::string_view::npos ? text.size() : special;
        encodeOrdinaryText(text.substr(start, stop - start), start, use_cache, emit_word);
        if (special == std::string_view::npos) {
            break;
        }
        Token token;
        token.id = *end_of_text_id_;
        token.text = std::string(kEndOfText);
        token.begin = special;
        token.end = special + kEndOfText.size();
        token.special = true;
        tokens.push_back(std::move(token));
        start = special + kEndOfText.size();
    }
    return tokens;
}

std::vector<int> ByteLevelBpe::encodeIds(std::string_view text) const {
    std::vector<int> ids;
    ids.reserve(text.size() / 3 + 1);
    const bool use_cache = text.size() >= kCacheMinimumBytes;
    const auto emit_word = [&](const std::vector<int>& word_ids, std::size_t) {
        ids.insert(ids.end(), word_ids.begin(), word_ids.end());
    };
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t special =
            end_of_text_id_ ? text.find(kEndOfText, start) : std::string_view::npos;
        const std::size_t stop = special == std::string_view::npos ? text.size() : special;
        encodeOrdinaryText(text.substr(start, stop - start), start, use_cache, emit_word);
        if (special == std::string_view::npos) {
            break;
        }
        ids.push_back(*end_of_text_id_);
        start = special + kEndOfText.size();
    }
    return ids;
}

void ByteLevelBpe::checkId(int id) const {
    if (id < 0 || id >= vocabSize() || symbols_[id].empty()) {
        throw AtlasError("token id " + std::to_string(id) + " is not in the vocabulary of " +
                         std::to_string(vocabSize()) + " ids");
    }
}

std::string ByteLevelBpe::decode(const std::vector<int>& ids) const {
    std::string text;
    for (const int id : ids) {
        checkId(id);
        text += bytes_[id];
    }
    return text;
}

std::string ByteLevelBpe::displayText(int id) const {
    checkId(id);
    return display_[id];
}

std::optional<int> ByteLevelBpe::idOf(std::string_view token) const {
    if (const auto it = id_of_symbol_.find(token); it != id_of_symbol_.end()) {
        return it->second;
    }
    if (const auto it = id_of_bytes_.find(token); it != id_of_bytes_.end()) {
        return it->second;
    }
    return std::nullopt;
}

const std::string& ByteLevelBpe::symbol(int id) const {
    checkId(id);
    return symbols_[id];
}

const std::string& ByteLevelBpe::bytes(int id) const {
    checkId(id);
    return bytes_[id];
}

}  // namespace atlas
