// WordPiece training: count basic-tokenizer words, then learn "##" pieces by pair merges.
#include "text/WordPieceTrainer.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "Error.h"
#include "text/BertPreTokenizer.h"
#include "text/PairMergeLearner.h"
#include "text/Utf8.h"

namespace atlas {

namespace {

constexpr std::string_view kContinuationPrefix = "##";
const char* const kSpecialTokens[] = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};

}  // namespace

WordPiece trainWordPiece(std::span<const std::string> texts,
                         const WordPieceTrainingOptions& options) {
    const int special_count = static_cast<int>(std::size(kSpecialTokens));
    if (options.vocab_size < special_count + 2) {
        throw AtlasError("WordPiece training: vocab_size " + std::to_string(options.vocab_size) +
                         " leaves no room beside the 5 special tokens");
    }
    WordPieceOptions tokenizer_options;
    tokenizer_options.normalization.lower_case = true;

    // Word counts, keyed by the normalized word.
    std::unordered_map<std::u32string, std::int64_t> word_counts;
    for (const std::string& text : texts) {
        forEachBertWord(text, tokenizer_options.normalization, 0,
                        [&](const BertWord& word) { ++word_counts[word.text]; });
    }
    std::vector<std::pair<std::u32string, std::int64_t>> sorted_words(word_counts.begin(),
                                                                      word_counts.end());
    std::sort(sorted_words.begin(), sorted_words.end());

    // The alphabet: characters by frequency, then code point.
    std::map<char32_t, std::int64_t> char_counts;
    for (const auto& [word, count] : sorted_words) {
        for (char32_t c : word) {
            char_counts[c] += count;
        }
    }
    std::vector<std::pair<char32_t, std::int64_t>> alphabet(char_counts.begin(), char_counts.end());
    std::stable_sort(alphabet.begin(), alphabet.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    // Each character takes two entries ("c" and "##c"), except a CJK ideograph, which the basic
    // tokenizer always makes a word of its own and so never continues one: Chinese needs thousands
    // of characters, and half the vocabulary would otherwise go to "##" entries never used.
    const auto continues = [&](char32_t c) {
        return !(tokenizer_options.normalization.split_cjk && unicode::isCjkIdeograph(c));
    };
    const std::size_t room = static_cast<std::size_t>(options.vocab_size - special_count);
    {
        std::size_t kept = 0;
        std::size_t entries = 0;
        const std::size_t most = static_cast<std::size_t>(std::max(options.max_alphabet, 1));
        while (kept < alphabet.size() && kept < most) {
            const std::size_t cost = continues(alphabet[kept].first) ? 2 : 1;
            if (entries + cost > room) {
                break;
            }
            entries += cost;
            ++kept;
        }
        alphabet.resize(kept);
    }

    std::vector<std::string> spellings(std::begin(kSpecialTokens), std::end(kSpecialTokens));
    std::unordered_map<char32_t, int> first_id;         // "c"
    std::unordered_map<char32_t, int> continuation_id;  // "##c"
    for (const auto& [c, count] : alphabet) {
        first_id[c] = static_cast<int>(spellings.size());
        spellings.push_back(utf8::encode(c));
    }
    for (const auto& [c, count] : alphabet) {
        if (continues(c)) {
            continuation_id[c] = static_cast<int>(spellings.size());
            spellings.push_back(std::string(kContinuationPrefix) + utf8::encode(c));
        }
    }

    // Words whose characters are all in the alphabet, as symbol sequences.
    std::vector<CountedWord> words;
    for (const auto& [word, count] : sorted_words) {
        CountedWord counted;
        counted.count = count;
        bool known = true;
        for (std::size_t i = 0; i < word.size() && known; ++i) {
            const auto& ids = i == 0 ? first_id : continuation_id;
            const auto it = ids.find(word[i]);
            known = it != ids.end();
            if (known) {
                counted.symbols.push_back(it->second);
            }
        }
        if (known && counted.symbols.size() > 1) {
            words.push_back(std::move(counted));
        }
    }

    // "th" + "##e" -> "the"; "##in" + "##g" -> "##ing".
    const auto join = [](std::string_view left, std::string_view right) {
        std::string joined(left);
        joined += right.substr(kContinuationPrefix.size());
        return joined;
    };
    learnPairMerges(words, spellings, join, static_cast<std::size_t>(options.vocab_size),
                    std::max<std::int64_t>(options.min_pair_count, 1));
    return WordPiece(std::move(spellings), tokenizer_options, "trained vocabulary");
}

}  // namespace atlas
