// vocab.json ({"spelling": id, ...}) read straight from its text, without a JSON document.
//
// Building nlohmann's document (or even its SAX events, a std::string per key) for GPT-2's
// 50,257 entries costs more than everything else in loading the tokenizer. This reader takes the
// plain case only: one flat object of non-empty strings to integer ids, no duplicate spelling or
// id. Anything else gives nothing, and the caller reads the file as a document, which either
// accepts it or names what is wrong.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atlas {

struct FlatVocabulary {
    struct Entry {
        std::uint32_t begin = 0;  // into `spellings`
        std::uint32_t size = 0;
        int id = 0;
    };
    std::string spellings;       // every decoded spelling, back to back
    std::vector<Entry> entries;  // in the order of the file
    std::size_t id_count = 0;    // the largest id + 1

    std::string_view spelling(const Entry& entry) const {
        return std::string_view(spellings).substr(entry.begin, entry.size);
    }
};

// The entries of `json` if it is such a flat object with every id below `id_limit`.
std::optional<FlatVocabulary> readFlatVocabulary(std::string_view json, std::int64_t id_limit);

}  // namespace atlas
