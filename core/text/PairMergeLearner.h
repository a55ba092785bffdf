// The learning loop both tokenizer trainers share: repeatedly merge the most frequent adjacent
// pair of symbols in a bag of counted words (Sennrich et al. 2016), with incremental pair counts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace atlas {

struct CountedWord {
    std::vector<int> symbols;  // ids into the spellings
    std::int64_t count = 0;    // how often the word occurs
};

// Merges the most frequent pair until `spellings` holds `max_spellings` entries or no pair
// occurs `min_pair_count` times. Ties go to the pair with the smaller (left, right) ids, so the
// result does not depend on hashing or the machine. A merge's spelling is join(left, right); if
// that spelling exists already its id is reused. `words` are merged in place; `spellings` grows.
// Returns the merges as (left id, right id), in the order learned.
std::vector<std::pair<int, int>> learnPairMerges(
    std::vector<CountedWord>& words, std::vector<std::string>& spellings,
    const std::function<std::string(std::string_view left, std::string_view right)>& join,
    std::size_t max_spellings, std::int64_t min_pair_count);

}  // namespace atlas
