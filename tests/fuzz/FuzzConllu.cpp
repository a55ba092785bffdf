// Fuzz target "conllu": arbitrary bytes as a CoNLL-U treebank; what parses must be consistent.
#include <string>
#include <string_view>
#include <vector>

#include "Error.h"
#include "FuzzTargets.h"
#include "analysis/Conllu.h"

namespace atlas::fuzz {

int fuzzConllu(const std::uint8_t* data, std::size_t size) {
    const std::string_view content(reinterpret_cast<const char*>(data), size);
    try {
        const std::vector<ConlluSentence> sentences = parseConllu(content, "fuzz.conllu");
        for (const ConlluSentence& sentence : sentences) {
            const int count = static_cast<int>(sentence.words.size());
            check(count > 0, "a sentence without words");
            std::size_t previous_begin = 0;
            for (int k = 0; k < count; ++k) {
                const ConlluWord& word = sentence.words[k];
                const std::string where = "sentence at line " + std::to_string(sentence.line) +
                                          ", word " + std::to_string(k + 1);
                check(word.id == k + 1, where + ": id out of sequence");
                check(!word.form.empty(), where + ": empty form");
                check(word.head >= -1 && word.head <= count, where + ": head outside the sentence");
                check(word.begin <= word.end && word.end <= sentence.text.size(),
                      where + ": span outside the reconstructed text");
                check(word.begin >= previous_begin, where + ": span before the previous word's");
                previous_begin = word.begin;
                check(word.line >= 1, where + ": no line number");
                for (const std::string& relation : relationNames(word)) {
                    check(!relation.empty(), where + ": empty relation name");
                }
            }
        }
    } catch (const AtlasError&) {
    }
    return 0;
}

}  // namespace atlas::fuzz
