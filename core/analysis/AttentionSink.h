// The attention sink (Xiao et al. 2023): many heads put most of every row on the first token,
// so their maps look like one bright column. Hiding it shows where the rest of the attention goes.
//
// Letters: T tokens.
#pragma once

#include <vector>

#include "model/Forward.h"
#include "model/Matrix.h"

namespace atlas {

// The map with key column 0 set to zero and each row rescaled to sum to 1 over keys 1..T-1, so
// the result keeps T columns and token indices stay those of the tokens. A row whose whole mass
// was on key 0 (in a causal model, always row 0) becomes all zero, never NaN.
Matrix withoutAttentionSink(const Matrix& map);

// withoutAttentionSink on every head's map of a forward pass, in place.
void dropAttentionSink(Forward& forward);

// Mean over rows i of A(i, 0): the share of attention the first token receives. The same
// quantity as HeadProfile::first (HeadProfile.h), for one map.
double sinkShare(const Matrix& map);

// sinkShare of every head, [layer][head].
std::vector<std::vector<double>> sinkShares(const Forward& forward);

}  // namespace atlas
