// Ranks heads by the weight one token gives another.
#include "analysis/TokenPairRanking.h"

#include <algorithm>
#include <string>

#include "Error.h"

namespace atlas {

std::vector<RankedHead> rankHeadsByPairWeight(const std::vector<std::vector<Matrix>>& attention,
                                              int query, int key) {
    std::vector<RankedHead> ranked;
    for (int layer = 0; layer < static_cast<int>(attention.size()); ++layer) {
        for (int head = 0; head < static_cast<int>(attention[layer].size()); ++head) {
            const Matrix& map = attention[layer][head];
            if (query < 0 || key < 0 || query >= map.rows() || key >= map.cols()) {
                throw AtlasError("token pair: tokens " + std::to_string(query) + " and " +
                                 std::to_string(key) + " are outside a map of " +
                                 std::to_string(map.rows()) + " tokens");
            }
            ranked.push_back({layer, head, map(query, key)});
        }
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const RankedHead& a, const RankedHead& b) { return a.weight > b.weight; });
    return ranked;
}

}  // namespace atlas
