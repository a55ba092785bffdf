// Accumulates positional measures and Clark et al.'s relation scores of every head over sentences.
// GCC 12 takes the _mm512_undefined_ps() inside Eigen's AVX-512 kernels for an uninitialised read.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "analysis/HeadProfile.h"

#include <cmath>

#include "Error.h"
#include "analysis/Conllu.h"
#include "analysis/WordAlignment.h"

namespace atlas {

const char* directionName(RelationDirection direction) {
    return direction == RelationDirection::DependentToHead ? "dep->head" : "head->dep";
}

int strictArgmaxWord(const float* row, int word_count, int self, const WordAlignment& alignment) {
    int best = -1;
    float best_value = 0;
    bool tied = false;
    for (int w = 0; w < word_count; ++w) {
        if (w == self || !alignment.hasTokens(w)) {
            continue;
        }
        if (best < 0 || row[w] > best_value) {
            best = w;
            best_value = row[w];
            tied = false;
        } else if (row[w] == best_value) {
            tied = true;
        }
    }
    return tied ? -1 : best;
}

HeadProfileAccumulator::HeadProfileAccumulator(int layers, int heads)
    : layers_(layers),
      heads_(heads),
      positional_(static_cast<std::size_t>(layers * heads)),
      relations_(static_cast<std::size_t>(layers * heads)) {}

void HeadProfileAccumulator::checkShape(const Forward& forward) const {
    if (forward.layerCount() != layers_ || forward.headCount() != heads_) {
        throw AtlasError("head profiles: forward pass has " + std::to_string(forward.layerCount()) +
                         " layers x " + std::to_string(forward.headCount()) + " heads, expected " +
                         std::to_string(layers_) + " x " + std::to_string(heads_));
    }
}

void HeadProfileAccumulator::addPositional(const Forward& forward) {
    checkShape(forward);
    const int token_count = forward.tokenCount();
    if (token_count == 0) {
        return;
    }
    // |i - j| for row i is distances[T-1-i+j]: the segment of T entries starting at T-1-i.
    Eigen::ArrayXf distances(2 * token_count - 1);  // [2T-1] = T-1, .., 1, 0, 1, .., T-1
    for (int k = 0; k < 2 * token_count - 1; ++k) {
        distances[k] = static_cast<float>(std::abs(k - (token_count - 1)));
    }
    for (int layer = 0; layer < layers_; ++layer) {
        for (int head = 0; head < heads_; ++head) {
            const Matrix& attention = forward.attention[layer][head];  // [T, T]
            PositionalSums& sums = positional_[layer * heads_ + head];
            for (int i = 0; i < token_count; ++i) {
                const float* row = attention.data() + static_cast<std::size_t>(i) * token_count;
                if (i >= 1) {
                    sums.prev += row[i - 1];
                }
                if (i < token_count - 1) {
                    sums.next += row[i + 1];
                }
                sums.self += row[i];
                sums.first += row[0];
                // 0 ln 0 = 0: clamping the argument keeps zeros (causal, or underflow) at 0.
                const Eigen::Map<const Eigen::ArrayXf> weights(row, token_count);  // [T]
                sums.entropy -= (weights * weights.max(1e-30f).log()).sum();
                sums.distance +=
                    (weights * distances.segment(token_count - 1 - i, token_count)).sum();
            }
        }
    }
    prev_rows_ += token_count - 1;
    next_rows_ += token_count - 1;
    all_rows_ += token_count;
    ++sentences_;
}

int HeadProfileAccumulator::relationIndex(const std::string& name) {
    auto [found, inserted] =
        relation_index_.emplace(name, static_cast<int>(relation_names_.size()));
    if (inserted) {
        relation_names_.push_back(name);
        for (auto& counts : relations_) {
            counts.resize(relation_names_.size());
        }
    }
    return found->second;
}

void HeadProfileAccumulator::add(const Forward& forward, const ConlluSentence& sentence,
                                 const WordAlignment& alignment) {
    addPositional(forward);
    if (alignment.tokenCount() != forward.tokenCount() ||
        alignment.wordCount() != static_cast<int>(sentence.words.size())) {
        throw AtlasError("head profiles: the word alignment does not match the sentence at line " +
                         std::to_string(sentence.line));
    }

    // The arcs both of whose words have tokens, with every name they count under.
    struct Arc {
        int dependent;
        int head;
        std::vector<int> relations;
    };
    std::vector<Arc> arcs;
    for (std::size_t dependent = 0; dependent < sentence.words.size(); ++dependent) {
        std::vector<std::string> names = relationNames(sentence.words[dependent]);
        const int head = sentence.words[dependent].head - 1;
        // A head outside the sentence cannot come from parseConllu; skip it if built by hand.
        if (names.empty() || head >= alignment.wordCount() ||
            !alignment.hasTokens(static_cast<int>(dependent)) || !alignment.hasTokens(head)) {
            continue;
        }
        Arc arc{static_cast<int>(dependent), head, {}};
        for (const std::string& name : names) {
            arc.relations.push_back(relationIndex(name));
        }
        arcs.push_back(std::move(arc));
    }
    if (arcs.empty()) {
        return;
    }

    const int word_count = alignment.wordCount();
    std::vector<int> most_attended(static_cast<std::size_t>(word_count));  // [W]
    for (int layer = 0; layer < layers_; ++layer) {
        for (int head = 0; head < heads_; ++head) {
            const Matrix words =
                wordLevelAttention(forward.attention[layer][head], alignment);  // [W, W]
            for (int w = 0; w < word_count; ++w) {
                most_attended[w] =
                    alignment.hasTokens(w)
                        ? strictArgmaxWord(words.data() + static_cast<std::size_t>(w) * word_count,
                                           word_count, w, alignment)
                        : -1;
            }
            std::vector<RelationCounts>& counts = relations_[layer * heads_ + head];
            for (const Arc& arc : arcs) {
                const bool dependent_finds_head = most_attended[arc.dependent] == arc.head;
                const bool head_finds_dependent = most_attended[arc.head] == arc.dependent;
                for (int relation : arc.relations) {
                    RelationCounts& count = counts[relation];
                    ++count.arcs;
                    count.dependent_to_head += dependent_finds_head;
                    count.head_to_dependent += head_finds_dependent;
                }
            }
        }
    }
}

void HeadProfileAccumulator::merge(const HeadProfileAccumulator& other) {
    if (other.layers_ != layers_ || other.heads_ != heads_) {
        throw AtlasError("head profiles: cannot merge accumulators of different model shapes");
    }
    for (std::size_t index = 0; index < positional_.size(); ++index) {
        PositionalSums& sums = positional_[index];
        const PositionalSums& theirs = other.positional_[index];
        sums.prev += theirs.prev;
        sums.next += theirs.next;
        sums.self += theirs.self;
        sums.first += theirs.first;
        sums.entropy += theirs.entropy;
        sums.distance += theirs.distance;
    }
    for (std::size_t relation = 0; relation < other.relation_names_.size(); ++relation) {
        const int mine = relationIndex(other.relation_names_[relation]);
        for (std::size_t index = 0; index < relations_.size(); ++index) {
            const RelationCounts& theirs = other.relations_[index][relation];
            RelationCounts& counts = relations_[index][mine];
            counts.arcs += theirs.arcs;
            counts.dependent_to_head += theirs.dependent_to_head;
            counts.head_to_dependent += theirs.head_to_dependent;
        }
    }
    prev_rows_ += other.prev_rows_;
    next_rows_ += other.next_rows_;
    all_rows_ += other.all_rows_;
    sentences_ += other.sentences_;
}

std::vector<HeadProfile> HeadProfileAccumulator::profiles() const {
    auto mean = [](double sum, long long count) { return count > 0 ? sum / count : 0.0; };
    std::vector<HeadProfile> result;
    result.reserve(positional_.size());
    for (int layer = 0; layer < layers_; ++layer) {
        for (int head = 0; head < heads_; ++head) {
            const int index = layer * heads_ + head;
            const PositionalSums& sums = positional_[index];
            HeadProfile profile;
            profile.layer = layer;
            profile.head = head;
            profile.prev = mean(sums.prev, prev_rows_);
            profile.next = mean(sums.next, next_rows_);
            profile.self = mean(sums.self, all_rows_);
            profile.first = mean(sums.first, all_rows_);
            profile.entropy = mean(sums.entropy, all_rows_);
            profile.mean_distance = mean(sums.distance, all_rows_);
            for (std::size_t relation = 0; relation < relation_names_.size(); ++relation) {
                const RelationCounts& counts = relations_[index][relation];
                if (counts.arcs == 0) {
                    continue;
                }
                RelationScore score;
                score.arcs = counts.arcs;
                score.dependent_to_head =
                    static_cast<double>(counts.dependent_to_head) / counts.arcs;
                score.head_to_dependent =
                    static_cast<double>(counts.head_to_dependent) / counts.arcs;
                // dep->head wins a tie: it is the direction Clark et al. report first.
                if (score.head_to_dependent > score.dependent_to_head) {
                    score.score = score.head_to_dependent;
                    score.direction = RelationDirection::HeadToDependent;
                } else {
                    score.score = score.dependent_to_head;
                    score.direction = RelationDirection::DependentToHead;
                }
                profile.relations[relation_names_[relation]] = score;
            }
            result.push_back(std::move(profile));
        }
    }
    return result;
}

}  // namespace atlas
