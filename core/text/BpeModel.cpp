// tokenizer.json's BPE model.
#include "text/BpeModel.h"

#include <cstdio>
#include <queue>

#include "Error.h"
#include "text/Utf8.h"

namespace atlas {

BpeModel::BpeModel(IdMap id_of, const std::vector<std::pair<std::string, std::string>>& merges,
                   Options options, const std::string& merges_where)
    : id_of_(std::move(id_of)), options_(std::move(options)) {
    if (options_.unknown_token) {
        if (const auto id = idOf(*options_.unknown_token)) {
            unknown_id_ = *id;
        }
    }
    for (int byte = 0; byte < 256; ++byte) {
        char name[8];
        std::snprintf(name, sizeof(name), "<0x%02X>", byte);
        byte_piece_ids_[std::size_t(byte)] = idOf(name).value_or(-1);
    }
    const std::size_t prefix_length = options_.continuing_subword_prefix.size();
    merges_.reserve(merges.size());
    std::string joined;
    for (std::size_t rank = 0; rank < merges.size(); ++rank) {
        const auto& [left, right] = merges[rank];
        const auto where = [&] { return merges_where + "[" + std::to_string(rank) + "]"; };
        const auto left_id = idOf(left);
        const auto right_id = idOf(right);
        if (!left_id || !right_id) {
            throw AtlasError(where() + ": \"" + (left_id ? right : left) +
                             "\" is not in model.vocab");
        }
        joined.assign(left);
        joined.append(right.starts_with(options_.continuing_subword_prefix)
                          ? std::string_view(right).substr(prefix_length)
                          : std::string_view(right));
        const auto merged_id = idOf(joined);
        if (!merged_id) {
            throw AtlasError(where() + ": the merged token \"" + joined +
                             "\" is not in model.vocab");
        }
        // A repeated pair keeps its first (best) rank, as the ranks are looked up first-wins.
        if (!merges_.find(*left_id, *right_id)) {
            merges_.insertOrAssign(*left_id, *right_id, {int(rank), *merged_id});
        }
    }
}

std::optional<int> BpeModel::idOf(std::string_view token) const {
    const auto found = id_of_.find(token);
    if (found == id_of_.end()) {
        return std::nullopt;
    }
    return found->second;
}

int BpeModel::symbolId(std::string_view symbol) const {
    const auto found = id_of_.find(symbol);
    return found == id_of_.end() ? -1 : found->second;
}

void BpeModel::encodeWord(std::string_view word, std::vector<Piece>& out) const {
    if (word.empty()) {
        return;
    }
    if (options_.ignore_merges) {
        if (const auto id = idOf(word)) {
            out.push_back({*id, 0, word.size()});
            return;
        }
    }
    mergeSymbols(word, out);
}

void BpeModel::mergeSymbols(std::string_view word, std::vector<Piece>& out) const {
    struct Symbol {
        int id = -1;  // -1: a character the vocabulary lacks
        std::size_t begin = 0;
        std::size_t end = 0;
        int previous = -1;
        int next = -1;
        bool alive = true;
    };
    std::vector<Symbol> symbols;
    symbols.reserve(word.size());
    std::string spelling;
    for (std::size_t position = 0; position < word.size();) {
        const std::size_t length = utf8::decodeAt(word, position).length;
        const bool first = position == 0;
        const bool last = position + length == word.size();
        std::string_view symbol = word.substr(position, length);
        if ((!first && !options_.continuing_subword_prefix.empty()) ||
            (last && !options_.end_of_word_suffix.empty())) {
            spelling.assign(first ? "" : options_.continuing_subword_prefix);
            spelling.append(symbol);
            if (last) {
                spelling.append(options_.end_of_word_suffix);
            }
            symbol = spelling;
        }
        const int index = int(symbols.size());
        symbols.push_back({symbolId(symbol), position, position + length, index - 1, -1, true});
        if (index > 0) {
            symbols[std::size_t(index - 1)].next = index;
        }
        position += length;
    }

    // Candidate merges, lowest rank first and then leftmost; a candidate whose symbols changed
    // since it was queued is skipped when popped.
    struct Candidate {
        int rank;
        int position;
        int merged_id;
        bool operator>(const Candidate& other) const {
            return rank != other.rank ? rank > other.rank : position > other.position;
        }
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> queue;
    const auto consider = [&](int left) {
        if (left < 0) {
            return;
        }
        const int right = symbols[std::size_t(left)].next;
        if (right < 0) {
            return;
        }
        const int left_id = symbols[std::size_t(left)].id;
        const int right_id = symbols[std::size_t(right)].id;
        if (left_id < 0 || right_id < 0) {
            return;
        }
        if (const MergeTable::Merge* merge = merges_.find(left_id, right_id)) {
            queue.push({merge->rank, left, merge->merged_id});
        }
    };
    for (int i = 0; i + 1 < int(symbols.size()); ++i) {
        consider(i);
    }
    while (!queue.empty()) {
        const Candidate top = queue.top();
        queue.pop();
        Symbol& left = symbols[std::size_t(top.position)];
        if (!left.alive || left.next < 0) {
            continue;
        }
        Symbol& right = symbols[std::size_t(left.next)];
        const MergeTable::Merge* merge = merges_.find(left.id, right.id);
        if (left.id < 0 || right.id < 0 || merge == nullptr || merge->merged_id != top.merged_id) {
            continue;
        }
        left.id = top.merged_id;
        left.end = right.end;
        right.alive = false;
        left.next = right.next;
        if (right.next >= 0) {
            symbols[std::size_t(right.next)].previous = top.position;
        }
        consider(left.previous);
        consider(top.position);
    }

    bool previous_unknown = false;
    for (int i = symbols.empty() ? -1 : 0; i >= 0; i = symbols[std::size_t(i)].next) {
        const Symbol& symbol = symbols[std::size_t(i)];
        if (symbol.id >= 0) {
            out.push_back({symbol.id, symbol.begin, symbol.end});
            previous_unknown = false;
            continue;
        }
        if (options_.byte_fallback) {
            bool all_bytes = true;
            for (std::size_t b = symbol.begin; b < symbol.end; ++b) {
                all_bytes = all_bytes && byte_piece_ids_[static_cast<unsigned char>(word[b])] >= 0;
            }
            if (all_bytes) {
                // Each byte piece spans the whole character it belongs to.
                for (std::size_t b = symbol.begin; b < symbol.end; ++b) {
                    out.push_back({byte_piece_ids_[static_cast<unsigned char>(word[b])],
                                   symbol.begin, symbol.end});
                }
                previous_unknown = false;
                continue;
            }
        }
        if (!unknown_id_) {
            // No unknown token: the character cannot be encoded and is left out.
            continue;
        }
        if (options_.fuse_unknown && previous_unknown && !out.empty()) {
            out.back().end = symbol.end;
        } else {
            out.push_back({*unknown_id_, symbol.begin, symbol.end, true});
        }
        previous_unknown = true;
    }
}

}  // namespace atlas
