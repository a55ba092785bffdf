// How a head's attention depends on the distance between query and key: for each relative
// distance d = i - j, the mean of A(i, j) over the cells at that distance. A previous-token head
// peaks at d = 1, a sink head at d = i (spread over all distances), a rotary model's heads show
// the frequency bands of their dimensions. Pooled over any number of maps (one text or a
// treebank's sentences).
//
// Letters: T tokens, D d_head.
#pragma once

#include <vector>

#include "model/Matrix.h"
#include "model/ModelConfig.h"

namespace atlas {

struct DistanceProfile {
    // distances[k] = k - (T_max - 1): -(T_max-1) .. T_max-1, where T_max is the longest map
    // added. Negative distances (keys after the query) are all 0 in a causal model.
    std::vector<int> distances;
    std::vector<double> mean_attention;  // [distances]: mean of A(i, i - d) over the cells
    std::vector<long long> cells;        // [distances]: how many cells each mean pools
};

// Sums per distance over the maps added, then the means. Not thread-safe.
class DistanceProfileAccumulator {
  public:
    void add(const Matrix& map);  // a [T, T] map, rows queries
    DistanceProfile profile() const;
    int mapCount() const { return maps_; }

  private:
    int longest_ = 0;               // T_max
    std::vector<double> sums_;      // by distance + T_max - 1
    std::vector<long long> cells_;  // same
    int maps_ = 0;
};

// The profile of one map.
DistanceProfile distanceProfile(const Matrix& map);

// The rotary frequency bands of a head's dimensions: pair i (dimensions i and i + R/2, in
// Hugging Face's rotate_half layout) turns by inverse_frequency[i] radians per token, so it
// repeats every 2 pi / inverse_frequency[i] tokens. `weight` is how much of the head's scores
// that pair carries in the text shown: the mean over query and key tokens of |q_i| |k_i|, with
// |q_i| the length of q's 2-vector in pair i (after the rotation, which keeps lengths).
struct RotaryBand {
    int pair = 0;
    double inverse_frequency = 0;  // radians per token
    double wavelength = 0;         // tokens
    double weight = 0;
};

// The bands of a head whose q and k ([T, D], as Forward's internals capture them) are given;
// empty when the model has no rotary embedding (GPT-2, BERT).
std::vector<RotaryBand> rotaryBands(const ModelConfig& config, const Matrix& q, const Matrix& k);

}  // namespace atlas
