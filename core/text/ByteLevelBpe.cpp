// GPT-2's byte-level BPE: loading, saving, the merge loop and encoding with byte spans.
#include "text/ByteLevelBpe.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "Error.h"
#include "io/AtomicFile.h"
#include "text/ByteLevelAlphabet.h"
#include "text/Gpt2PreTokenizer.h"
#include "text/TextFileReading.h"
#include "text/Utf8.h"
#include "text/VocabularyJson.h"

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

namespace {

constexpr std::int64_t kMaxId = 16 * 1024 * 1024;

// The spellings by id; throws AtlasError naming `vocab_name` for a spelling given to two ids.
TokenStrings spellingsOf(const std::vector<std::string>& symbols, const std::string& vocab_name) {
    std::size_t text_bytes = 0;
    for (const std::string& symbol : symbols) {
        text_bytes += 3 * symbol.size();
    }
    TokenStrings strings(symbols.size(), text_bytes);
    for (std::size_t id = 0; id < symbols.size(); ++id) {
        if (!symbols[id].empty() && !strings.setSpelling(static_cast<int>(id), symbols[id])) {
            throw AtlasError(vocab_name + ": token \"" + symbols[id] + "\" has two ids, " +
                             std::to_string(*strings.spelledBy(symbols[id])) + " and " +
                             std::to_string(id));
        }
    }
    return strings;
}

// Line numbers of merges.txt's merges: an optional "#version" first line, then "left right"
// per line; empty lines are skipped. Calls merge(left, right, line number) for each.
template <class Merge>
void forEachMergeLine(const std::string& merges_text, Merge&& merge) {
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
        merge(line.substr(0, space), line.substr(space + 1), line_number);
    }
}

}  // namespace

ByteLevelBpe::ByteLevelBpe(std::vector<std::string> symbols,
                           const std::vector<std::pair<std::string, std::string>>& merges,
                           const std::string& vocab_name, const std::string& merges_name,
                           const std::vector<int>& merge_lines)
    : ByteLevelBpe(spellingsOf(symbols, vocab_name), vocab_name) {
    merge_pairs_.reserve(merges.size());
    merge_of_pair_.reserve(merges.size());
    for (std::size_t index = 0; index < merges.size(); ++index) {
        const int line =
            index < merge_lines.size() ? merge_lines[index] : static_cast<int>(index + 1);
        addMerge(merges[index].first, merges[index].second, line, vocab_name, merges_name);
    }
}

ByteLevelBpe::ByteLevelBpe(TokenStrings strings, const std::string& vocab_name)
    : strings_(std::move(strings)) {
    const int vocab_size = static_cast<int>(strings_.size());
    std::string spelling;
    std::string bytes;
    for (int id = 0; id < vocab_size; ++id) {
        // A copy: setting the bytes may move the buffer the spelling's view points into.
        spelling = strings_.spelling(id);
        if (spelling.empty()) {
            continue;
        }
        // Added tokens outside the byte alphabet ("<pad>" is inside) stand for their UTF-8.
        bytes.clear();
        if (!byte_level::appendFromSymbols(spelling, bytes)) {
            bytes = spelling;
        }
        strings_.setBytes(id, bytes);
        if (!utf8::isValid(bytes)) {
            strings_.setDisplay(id, utf8::sanitize(bytes));
        }
    }
    for (int byte = 0; byte < 256; ++byte) {
        const std::string byte_spelling =
            utf8::encode(byte_level::symbolOf(static_cast<std::uint8_t>(byte)));
        const std::optional<int> id = strings_.spelledBy(byte_spelling);
        if (!id) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", byte);
            throw AtlasError(vocab_name + ": the symbol \"" + byte_spelling + "\" of byte " + hex +
                             " is missing; a byte-level BPE vocabulary needs all 256");
        }
        byte_ids_[byte] = *id;
    }
    end_of_text_id_ = strings_.spelledBy(kEndOfText);
}

void ByteLevelBpe::addMerge(std::string_view left, std::string_view right, int line,
                            const std::string& vocab_name, const std::string& merges_name) {
    const std::optional<int> left_id = strings_.spelledBy(left);
    const std::optional<int> right_id = strings_.spelledBy(right);
    const std::optional<int> merged_id = strings_.spelledBy(left, right);
    if (!left_id || !right_id || !merged_id) {
        const std::string missing = !left_id    ? std::string(left)
                                    : !right_id ? std::string(right)
                                                : std::string(left) + std::string(right);
        throw AtlasError(merges_name + " line " + std::to_string(line) + ": token \"" + missing +
                         "\" is not in " + vocab_name);
    }
    const int rank = static_cast<int>(merge_pairs_.size());
    merge_pairs_.emplace_back(*left_id, *right_id);
    // A pair listed twice takes its last rank, as openai's dict(zip(merges, ranks)) does.
    merge_of_pair_.insertOrAssign(*left_id, *right_id, Merge{rank, *merged_id});
}

TokenStrings ByteLevelBpe::readVocabulary(const std::string& vocab_text) {
    // vocab.json: {"spelling": id, ...}
    if (const std::optional<FlatVocabulary> flat = readFlatVocabulary(vocab_text, kMaxId)) {
        TokenStrings strings(flat->id_count, 3 * flat->spellings.size(), flat->entries.size());
        bool distinct = true;
        for (const FlatVocabulary::Entry& entry : flat->entries) {
            distinct = distinct && strings.setSpelling(entry.id, flat->spelling(entry));
        }
        if (distinct) {
            return strings;
        }
        // A spelling or an id twice: the document below keeps the last spelling, or names the id.
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
    return spellingsOf(symbols, "vocab.json");
}

ByteLevelBpe ByteLevelBpe::load(const std::filesystem::path& folder) {
    TokenStrings strings = readVocabulary(readTokenizerFile(folder / "vocab.json"));
    const std::string merges_text = readTokenizerFile(folder / "merges.txt");
    const std::string vocab_name = "vocab.json";
    const std::string merges_name = "merges.txt";
    ByteLevelBpe tokenizer(std::move(strings), vocab_name);
    const auto line_count =
        static_cast<std::size_t>(std::count(merges_text.begin(), merges_text.end(), '\n')) + 1;
    tokenizer.merge_pairs_.reserve(line_count);
    tokenizer.merge_of_pair_.reserve(line_count);
    forEachMergeLine(merges_text, [&](std::string_view left, std::string_view right, int line) {
        tokenizer.addMerge(left, right, line, vocab_name, merges_name);
    });
    return tokenizer;
}

void ByteLevelBpe::save(const std::filesystem::path& folder) const {
    std::error_code ignored;
    std::filesystem::create_directories(folder, ignored);
    nlohmann::ordered_json vocab = nlohmann::ordered_json::object();
    for (int id = 0; id < vocabSize(); ++id) {
        if (!strings_.spelling(id).empty()) {
            vocab[std::string(strings_.spelling(id))] = id;
        }
    }
    std::string merges_text = "#version: 0.2\n";
    for (const auto& [left, right] : merge_pairs_) {
        merges_text += strings_.spelling(left);
        merges_text += ' ';
        merges_text += strings_.spelling(right);
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
            token.text = strings_.display(id);
            token.begin = begin;
            token.end = begin + strings_.bytes(id).size();
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
    if (id < 0 || id >= vocabSize() || strings_.spelling(id).empty()) {
        throw AtlasError("token id " + std::to_string(id) + " is not in the vocabulary of " +
                         std::to_string(vocabSize()) + " ids");
    }
}

std::string ByteLevelBpe::decode(const std::vector<int>& ids) const {
    std::string text;
    for (const int id : ids) {
        checkId(id);
        text += strings_.bytes(id);
    }
    return text;
}

std::string ByteLevelBpe::displayText(int id) const {
    checkId(id);
    return std::string(strings_.display(id));
}

std::optional<int> ByteLevelBpe::idOf(std::string_view token) const {
    if (const std::optional<int> id = strings_.spelledBy(token)) {
        return id;
    }
    // As raw text: the only token whose bytes these are and whose spelling is not the text
    // itself is the one spelled with their byte symbols.
    if (const std::optional<int> id = strings_.spelledBy(byte_level::toSymbols(token));
        id && strings_.bytes(*id) == token) {
        return id;
    }
    return std::nullopt;
}

std::string_view ByteLevelBpe::symbol(int id) const {
    checkId(id);
    return strings_.spelling(id);
}

std::string_view ByteLevelBpe::bytes(int id) const {
    checkId(id);
    return strings_.bytes(id);
}

}  // namespace atlas
