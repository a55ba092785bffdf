// Counts, per relation and per offset, the arcs whose head sits at that offset from the dependent.
#include "analysis/RelationBaselines.h"

#include "Error.h"
#include "analysis/Conllu.h"
#include "analysis/WordAlignment.h"

namespace atlas {

void RelationBaselineAccumulator::add(const ConlluSentence& sentence,
                                      const WordAlignment& alignment) {
    if (alignment.wordCount() != static_cast<int>(sentence.words.size())) {
        throw AtlasError(
            "relation baselines: the word alignment does not match the sentence at "
            "line " +
            std::to_string(sentence.line));
    }
    for (std::size_t dependent = 0; dependent < sentence.words.size(); ++dependent) {
        const ConlluWord& word = sentence.words[dependent];
        std::vector<std::string> names = relationNames(word);
        if (names.empty()) {
            continue;
        }
        const int head = word.head - 1;
        if (head >= alignment.wordCount() || !alignment.hasTokens(static_cast<int>(dependent)) ||
            !alignment.hasTokens(head)) {
            continue;
        }
        const int offset = head - static_cast<int>(dependent);
        for (const std::string& name : names) {
            Counts& counts = counts_[name];
            ++counts.arcs;
            if (offset != 0 && offset >= -kMaxOffset && offset <= kMaxOffset) {
                ++counts.hits[offset + kMaxOffset];
            }
        }
    }
}

RelationBaselines RelationBaselineAccumulator::baselines() const {
    RelationBaselines result;
    for (const auto& [name, counts] : counts_) {
        RelationBaseline baseline;
        baseline.arcs = counts.arcs;
        int best_hits = -1;
        // Ties go to the offset nearest the dependent, then to the left one.
        for (int distance = 1; distance <= kMaxOffset; ++distance) {
            for (int offset : {-distance, distance}) {
                int hits = counts.hits[offset + kMaxOffset];
                if (hits > best_hits) {
                    best_hits = hits;
                    baseline.offset = offset;
                }
            }
        }
        baseline.score = counts.arcs > 0 ? static_cast<double>(best_hits) / counts.arcs : 0.0;
        result[name] = baseline;
    }
    return result;
}

}  // namespace atlas
