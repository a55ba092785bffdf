// The fixed-offset baselines of the relation scores: how often a relation's head is simply the
// word k positions away from its dependent, for the best k (Clark et al. 2019).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace atlas {

struct ConlluSentence;
struct WordAlignment;

struct RelationBaseline {
    double score =
        0;           // share of the relation's arcs whose head is `offset` words from the dependent
    int offset = 0;  // head position minus dependent position, the best k in -5..5 without 0
    int arcs = 0;    // arcs counted (both words present in the tokens)
};

using RelationBaselines = std::map<std::string, RelationBaseline>;

// The same arcs the head profiles count: both words must have tokens. The baseline is the same
// in both directions: "the head is the word k to the dependent's right" and "the dependent is
// the word k to the head's left" name the same arcs, and the offsets are symmetric.
class RelationBaselineAccumulator {
  public:
    static constexpr int kMaxOffset = 5;

    void add(const ConlluSentence& sentence, const WordAlignment& alignment);
    RelationBaselines baselines() const;

  private:
    struct Counts {
        int arcs = 0;
        std::vector<int> hits =
            std::vector<int>(2 * kMaxOffset + 1, 0);  // index offset + kMaxOffset
    };
    std::map<std::string, Counts> counts_;
};

}  // namespace atlas
