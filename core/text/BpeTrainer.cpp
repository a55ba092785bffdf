// Byte-level BPE training: count pre-tokenized words, then learn merges over their bytes.
#include "text/BpeTrainer.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>

#include "Error.h"
#include "text/ByteLevelAlphabet.h"
#include "text/Gpt2PreTokenizer.h"
#include "text/PairMergeLearner.h"
#include "text/Utf8.h"

namespace atlas {

namespace {

constexpr std::string_view kEndOfText = "<|endoftext|>";

}  // namespace

ByteLevelBpe trainByteLevelBpe(std::span<const std::string> texts,
                               const BpeTrainingOptions& options) {
    if (options.vocab_size < 257) {
        throw AtlasError("BPE training: vocab_size " + std::to_string(options.vocab_size) +
                         " is below 257 (256 byte symbols and <|endoftext|>)");
    }
    // Word counts; the keys view the caller's texts.
    std::unordered_map<std::string_view, std::int64_t> word_counts;
    for (const std::string& text : texts) {
        const std::string_view all(text);
        for (std::size_t start = 0; start <= all.size();) {
            const std::size_t special = all.find(kEndOfText, start);
            const std::size_t stop = special == std::string_view::npos ? all.size() : special;
            const std::string_view piece = all.substr(start, stop - start);
            forEachGpt2Word(piece, [&](std::size_t begin, std::size_t end) {
                ++word_counts[piece.substr(begin, end - begin)];
            });
            if (special == std::string_view::npos) {
                break;
            }
            start = special + kEndOfText.size();
        }
    }
    // Sorted, so the learner sees the words in an order that does not depend on hashing.
    std::vector<std::pair<std::string_view, std::int64_t>> sorted_words(word_counts.begin(),
                                                                        word_counts.end());
    std::sort(sorted_words.begin(), sorted_words.end());

    // Ids 0..255: the byte symbols in GPT-2's order.
    std::vector<std::string> spellings;
    std::array<int, 256> id_of_byte{};
    const auto& byte_order = byte_level::gpt2ByteOrder();
    for (int id = 0; id < 256; ++id) {
        id_of_byte[byte_order[id]] = id;
        spellings.push_back(utf8::encode(byte_level::symbolOf(byte_order[id])));
    }
    std::vector<CountedWord> words;
    words.reserve(sorted_words.size());
    for (const auto& [word, count] : sorted_words) {
        CountedWord counted;
        counted.count = count;
        for (char byte : word) {
            counted.symbols.push_back(id_of_byte[static_cast<std::uint8_t>(byte)]);
        }
        words.push_back(std::move(counted));
    }

    const auto join = [](std::string_view left, std::string_view right) {
        std::string joined(left);
        joined += right;
        return joined;
    };
    const auto merge_ids =
        learnPairMerges(words, spellings, join, static_cast<std::size_t>(options.vocab_size - 1),
                        std::max<std::int64_t>(options.min_pair_count, 1));

    std::vector<std::pair<std::string, std::string>> merges;
    merges.reserve(merge_ids.size());
    for (const auto& [left, right] : merge_ids) {
        merges.emplace_back(spellings[left], spellings[right]);
    }
    spellings.emplace_back(kEndOfText);
    return ByteLevelBpe(std::move(spellings), merges, "trained vocabulary", "trained merges");
}

}  // namespace atlas
