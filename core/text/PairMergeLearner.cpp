// Pair-merge learning with incremental counts: only the words that hold the merged pair change.
#include "text/PairMergeLearner.h"

#include <algorithm>
#include <queue>
#include <unordered_map>

namespace atlas {

namespace {

using PairKey = std::uint64_t;

PairKey pairKey(int left, int right) {
    return (static_cast<PairKey>(static_cast<std::uint32_t>(left)) << 32) |
           static_cast<std::uint32_t>(right);
}
int leftOf(PairKey key) {
    return static_cast<int>(key >> 32);
}
int rightOf(PairKey key) {
    return static_cast<int>(key & 0xFFFFFFFFu);
}

struct Candidate {
    std::int64_t count;
    PairKey pair;
    // The priority queue pops the largest: higher count first, then the smaller pair.
    bool operator<(const Candidate& other) const {
        return count != other.count ? count < other.count : pair > other.pair;
    }
};

}  // namespace

std::vector<std::pair<int, int>> learnPairMerges(
    std::vector<CountedWord>& words, std::vector<std::string>& spellings,
    const std::function<std::string(std::string_view left, std::string_view right)>& join,
    std::size_t max_spellings, std::int64_t min_pair_count) {
    std::unordered_map<std::string, int> id_of_spelling;
    for (std::size_t id = 0; id < spellings.size(); ++id) {
        id_of_spelling.emplace(spellings[id], static_cast<int>(id));
    }

    // Pair counts over all words, and which words hold each pair (may list a word twice or list
    // words that no longer hold it: checked when used).
    std::unordered_map<PairKey, std::int64_t> pair_counts;
    std::unordered_map<PairKey, std::vector<int>> words_with_pair;
    for (std::size_t w = 0; w < words.size(); ++w) {
        const auto& symbols = words[w].symbols;
        for (std::size_t i = 0; i + 1 < symbols.size(); ++i) {
            const PairKey key = pairKey(symbols[i], symbols[i + 1]);
            pair_counts[key] += words[w].count;
            auto& holders = words_with_pair[key];
            if (holders.empty() || holders.back() != static_cast<int>(w)) {
                holders.push_back(static_cast<int>(w));
            }
        }
    }
    std::priority_queue<Candidate> queue;
    for (const auto& [key, count] : pair_counts) {
        queue.push({count, key});
    }

    std::vector<std::pair<int, int>> merges;
    std::vector<int> merged_symbols;
    std::vector<PairKey> new_pairs;
    while (spellings.size() < max_spellings && !queue.empty()) {
        const Candidate top = queue.top();
        queue.pop();
        const auto count_it = pair_counts.find(top.pair);
        const std::int64_t current = count_it == pair_counts.end() ? 0 : count_it->second;
        if (current != top.count) {
            // Stale: the count fell since this entry was queued. Requeue at its real count.
            if (current > 0) {
                queue.push({current, top.pair});
            }
            continue;
        }
        if (current < min_pair_count) {
            break;
        }
        const int left = leftOf(top.pair);
        const int right = rightOf(top.pair);
        std::string spelling = join(spellings[left], spellings[right]);
        int merged;
        if (const auto it = id_of_spelling.find(spelling); it != id_of_spelling.end()) {
            merged = it->second;
        } else {
            merged = static_cast<int>(spellings.size());
            id_of_spelling.emplace(spelling, merged);
            spellings.push_back(std::move(spelling));
        }
        merges.emplace_back(left, right);

        std::vector<int> holders = std::move(words_with_pair[top.pair]);
        words_with_pair.erase(top.pair);
        std::sort(holders.begin(), holders.end());
        holders.erase(std::unique(holders.begin(), holders.end()), holders.end());
        new_pairs.clear();
        for (const int w : holders) {
            CountedWord& word = words[w];
            auto& symbols = word.symbols;
            // Merge left to right; a word that no longer holds the pair stays as it is.
            merged_symbols.clear();
            bool changed = false;
            for (std::size_t i = 0; i < symbols.size(); ++i) {
                if (i + 1 < symbols.size() && symbols[i] == left && symbols[i + 1] == right) {
                    merged_symbols.push_back(merged);
                    ++i;
                    changed = true;
                } else {
                    merged_symbols.push_back(symbols[i]);
                }
            }
            if (!changed) {
                continue;
            }
            // Take the word's old pairs out of the counts and put its new ones in.
            for (std::size_t i = 0; i + 1 < symbols.size(); ++i) {
                const PairKey key = pairKey(symbols[i], symbols[i + 1]);
                const auto it = pair_counts.find(key);
                if ((it->second -= word.count) == 0) {
                    pair_counts.erase(it);
                }
            }
            for (std::size_t i = 0; i + 1 < merged_symbols.size(); ++i) {
                const PairKey key = pairKey(merged_symbols[i], merged_symbols[i + 1]);
                pair_counts[key] += word.count;
                if (merged_symbols[i] == merged || merged_symbols[i + 1] == merged) {
                    auto& key_holders = words_with_pair[key];
                    if (key_holders.empty() || key_holders.back() != w) {
                        key_holders.push_back(w);
                    }
                    new_pairs.push_back(key);
                }
            }
            symbols.swap(merged_symbols);
        }
        // Only pairs with the new symbol can have grown; the others are requeued lazily.
        std::sort(new_pairs.begin(), new_pairs.end());
        new_pairs.erase(std::unique(new_pairs.begin(), new_pairs.end()), new_pairs.end());
        for (const PairKey key : new_pairs) {
            if (const auto it = pair_counts.find(key); it != pair_counts.end()) {
                queue.push({it->second, key});
            }
        }
    }
    return merges;
}

}  // namespace atlas
