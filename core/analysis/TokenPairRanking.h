// Which heads move the most attention from one chosen token to another: the ranking behind
// "click two tokens" in the app.
#pragma once

#include <vector>

#include "model/Matrix.h"

namespace atlas {

struct RankedHead {
    int layer = 0;
    int head = 0;
    float weight = 0;  // attention[layer][head](query, key)
};

// Every head's weight from token `query` (the row) to token `key` (the column), largest first;
// ties keep layer-then-head order. Throws AtlasError if either token is outside the maps.
std::vector<RankedHead> rankHeadsByPairWeight(const std::vector<std::vector<Matrix>>& attention,
                                              int query, int key);

}  // namespace atlas
