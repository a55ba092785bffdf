// What each attention head does, measured over many sentences: positional scores, entropy, mean
// distance, and how often it points from a word to its syntactic head (Clark et al. 2019).
//
// Letters: L layers, H heads, T tokens, W words.
//
// Positional measures are over every token the model sees, BERT's [CLS] and [SEP] included
// (as Clark et al. do, and as the heatmap shows them): with A = A[l][h] of a T-token sentence,
//   prev  = mean over i >= 1 of A(i, i-1)      next = mean over i < T-1 of A(i, i+1)
//   self  = mean over i of A(i, i)             first = mean over i of A(i, 0)
//   entropy = mean over rows of -sum_j A(i,j) ln A(i,j)   (nats)
//   mean_distance = mean over rows of sum_j A(i,j) |i - j|
// Each mean pools every qualifying row of every sentence (a long sentence weighs more).
//
// Relation scores are over words. Word-level attention (WordAlignment.h): from a word the mean
// of its tokens' rows, to a word the sum of its tokens' columns. For an arc dependent -> head of
// relation r, the dependent "finds" its head when, among the other words of the sentence that
// have tokens, the head receives strictly the most attention from the dependent (the word itself
// is excluded; a tie, such as a causal row that sees no other word, is a miss). dep->head is the
// share of r's arcs found that way; head->dep the share whose head word attends most to the
// dependent. Arcs a causal head cannot see (the attended word to the right) stay in the count as
// misses, exactly as the fixed-offset baseline counts every arc, so the comparison is fair.
// Arcs with a word that has no tokens (cut off at the context) are skipped by both.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/Forward.h"

namespace atlas {

struct ConlluSentence;
struct WordAlignment;

enum class RelationDirection { DependentToHead, HeadToDependent };

// "dep->head" / "head->dep", the spelling of the analyze JSON.
const char* directionName(RelationDirection direction);

struct RelationScore {
    double score = 0;  // the better of the two directions
    RelationDirection direction = RelationDirection::DependentToHead;
    double dependent_to_head = 0;
    double head_to_dependent = 0;
    int arcs = 0;
};

struct HeadProfile {
    int layer = 0;
    int head = 0;
    double prev = 0;
    double next = 0;
    double self = 0;
    double first = 0;
    double entropy = 0;                              // nats
    double mean_distance = 0;                        // tokens
    std::map<std::string, RelationScore> relations;  // "det", "nmod", "nmod:poss", ...
    std::optional<double> induction;                 // InductionScore.h, when measured
    std::optional<double> duplicate_token;
};

// Sums over sentences, then turns the sums into profiles. Not thread-safe; one per thread and
// merge() them.
class HeadProfileAccumulator {
  public:
    HeadProfileAccumulator(int layers, int heads);

    // Positional measures of one forward pass.
    void addPositional(const Forward& forward);
    // Positional measures and relation scores; `alignment` maps forward's tokens to the words.
    void add(const Forward& forward, const ConlluSentence& sentence,
             const WordAlignment& alignment);
    void merge(const HeadProfileAccumulator& other);

    int layerCount() const { return layers_; }
    int headCount() const { return heads_; }
    int sentenceCount() const { return sentences_; }
    std::vector<HeadProfile> profiles() const;  // [L * H], layer by layer

  private:
    struct PositionalSums {
        double prev = 0, next = 0, self = 0, first = 0, entropy = 0, distance = 0;
    };
    struct RelationCounts {
        int arcs = 0;
        int dependent_to_head = 0;
        int head_to_dependent = 0;
    };
    int relationIndex(const std::string& name);
    void checkShape(const Forward& forward) const;

    int layers_ = 0;
    int heads_ = 0;
    int sentences_ = 0;
    long long prev_rows_ = 0;  // rows i >= 1
    long long next_rows_ = 0;  // rows i < T-1
    long long all_rows_ = 0;
    std::vector<PositionalSums> positional_;  // [L * H]
    std::map<std::string, int> relation_index_;
    std::vector<std::string> relation_names_;
    std::vector<std::vector<RelationCounts>> relations_;  // [L * H][relation]
};

// Word index receiving strictly the most attention in `row` among words other than `self` that
// have tokens; -1 on a tie for the top (or when no other word exists).
int strictArgmaxWord(const float* row, int word_count, int self, const WordAlignment& alignment);

}  // namespace atlas
