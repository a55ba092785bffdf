// Maps made again from captured queries and keys, and the grid's max-pooled thumbnails.
#include "analysis/OnDemandMaps.h"

#include <algorithm>
#include <string>

#include "Error.h"
#include "analysis/AttentionSink.h"
#include "model/HeadAttention.h"

namespace atlas {

OnDemandMaps::OnDemandMaps(ModelConfig config, std::vector<LayerQueriesKeys> queriesKeys,
                           std::optional<Kernel> kernel, bool dropSink)
    : config_(std::move(config)),
      queriesKeys_(std::move(queriesKeys)),
      kernel_(kernel),
      dropSink_(dropSink) {}

int OnDemandMaps::tokenCount() const {
    return queriesKeys_.empty() ? 0 : int(queriesKeys_.front().queries.rows());
}

std::size_t OnDemandMaps::bytes() const {
    std::size_t total = 0;
    for (const LayerQueriesKeys& layer : queriesKeys_) {
        total += std::size_t(layer.queries.size() + layer.keys.size()) * sizeof(float);
    }
    return total;
}

Matrix OnDemandMaps::head(int layer, int head) const {
    if (layer < 0 || layer >= layerCount()) {
        throw AtlasError("on-demand maps: layer " + std::to_string(layer) + " of " +
                         std::to_string(layerCount()));
    }
    Matrix map = headAttention(config_, queriesKeys_[std::size_t(layer)], head, kernel_);
    return dropSink_ ? withoutAttentionSink(map) : map;
}

Matrix OnDemandMaps::layerMean(int layer) const {
    Matrix sum = head(layer, 0);  // [T, T]
    for (int h = 1; h < headCount(); ++h) {
        sum += head(layer, h);
    }
    return sum / static_cast<float>(headCount());
}

Matrix maxPooled(const Matrix& map, int maxEdge) {
    const Eigen::Index rows = map.rows(), cols = map.cols();
    if (rows <= maxEdge && cols <= maxEdge) {
        return map;
    }
    const Eigen::Index height = std::min<Eigen::Index>(rows, maxEdge);
    const Eigen::Index width = std::min<Eigen::Index>(cols, maxEdge);
    Matrix pooled(height, width);
    for (Eigen::Index y = 0; y < height; ++y) {
        const Eigen::Index firstRow = y * rows / height;
        const Eigen::Index lastRow = std::max(firstRow + 1, (y + 1) * rows / height);
        for (Eigen::Index x = 0; x < width; ++x) {
            const Eigen::Index firstCol = x * cols / width;
            const Eigen::Index lastCol = std::max(firstCol + 1, (x + 1) * cols / width);
            pooled(y, x) =
                map.block(firstRow, firstCol, lastRow - firstRow, lastCol - firstCol).maxCoeff();
        }
    }
    return pooled;
}

}  // namespace atlas
