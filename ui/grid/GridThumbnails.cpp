// Thumbnail rendering and the per-sentence cache of the grid.
#include "grid/GridThumbnails.h"

#include <algorithm>
#include <cstring>

namespace atlas::ui {

namespace {

// FNV-1a over bytes.
void mix(quint64& hash, const void* data, std::size_t size) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        hash ^= bytes[i];
        hash *= 1099511628211ull;
    }
}

void mixText(quint64& hash, const QString& text) {
    const QByteArray utf8 = text.toUtf8();
    mix(hash, utf8.constData(), std::size_t(utf8.size()));
    mix(hash, "\0", 1);
}

}  // namespace

const QImage& GridThumbnails::image(int layer, int column) const {
    static const QImage kNone;
    if (layer < 0 || layer >= int(images.size()) || column < 0 ||
        column >= int(images[layer].size())) {
        return kNone;
    }
    return images[layer][column];
}

quint64 snapshotDigest(const AttentionSnapshot& snapshot) {
    quint64 hash = 1469598103934665603ull;
    mixText(hash, snapshot.modelName);
    mixText(hash, snapshot.modelType);
    mixText(hash, snapshot.text);
    const int shape[] = {snapshot.layerCount(), snapshot.columnCount(), snapshot.tokenCount(),
                         int(snapshot.normBased), int(snapshot.causal)};
    mix(hash, shape, sizeof shape);
    mix(hash, &snapshot.sharedMaximum, sizeof snapshot.sharedMaximum);
    for (const GridColumn& column : snapshot.columns) {
        const int kind[] = {int(column.kind), column.head};
        mix(hash, kind, sizeof kind);
    }
    // Two models of the same name and shape differ in their numbers: a sample of the first and
    // last maps of each layer tells them apart without reading every cell on the GUI thread.
    for (int layer = 0; layer < snapshot.layerCount(); ++layer) {
        for (int column : {0, snapshot.columnCount() - 1}) {
            if (!snapshot.contains(layer, column)) {
                continue;
            }
            const MapView map = snapshot.gridMap(layer, column);
            const Eigen::Index count = map.size();
            const Eigen::Index stride = std::max<Eigen::Index>(1, count / 2048);
            for (Eigen::Index i = 0; i < count; i += stride) {
                mix(hash, map->data() + i, sizeof(float));
            }
        }
    }
    return hash;
}

QImage thumbnailImage(const Matrix& map, float maxValue, const ColorLookup& lookup, int maxEdge) {
    const int rows = int(map.rows());
    const int cols = int(map.cols());
    if (rows <= maxEdge && cols <= maxEdge) {
        return lookup.image(map, maxValue);
    }
    const int height = std::min(rows, maxEdge);
    const int width = std::min(cols, maxEdge);
    QImage image(width, height, QImage::Format_RGB32);
    const float scale = maxValue > 0 ? 1.0f / maxValue : 0.0f;
    std::vector<float> pooled(std::size_t(width), 0.0f);
    for (int y = 0; y < height; ++y) {
        const int firstRow = int(qint64(y) * rows / height);
        const int lastRow = std::max(firstRow + 1, int(qint64(y + 1) * rows / height));
        std::fill(pooled.begin(), pooled.end(), 0.0f);
        for (int x = 0; x < width; ++x) {
            const int firstCol = int(qint64(x) * cols / width);
            const int lastCol = std::max(firstCol + 1, int(qint64(x + 1) * cols / width));
            float largest = 0.0f;
            for (int i = firstRow; i < lastRow; ++i) {
                for (int j = firstCol; j < lastCol; ++j) {
                    largest = std::max(largest, map(i, j));
                }
            }
            pooled[std::size_t(x)] = largest;
        }
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < width; ++x) {
            line[x] = lookup.rgbAt(pooled[std::size_t(x)] * scale);
        }
    }
    return image;
}

std::shared_ptr<const GridThumbnails> renderGridThumbnails(const AttentionSnapshot& snapshot,
                                                           const ColorLookup& lookup,
                                                           ScaleMode mode, int maxEdge) {
    auto thumbnails = std::make_shared<GridThumbnails>();
    thumbnails->images.resize(std::size_t(snapshot.layerCount()));
    for (int layer = 0; layer < snapshot.layerCount(); ++layer) {
        auto& row = thumbnails->images[std::size_t(layer)];
        row.reserve(std::size_t(snapshot.columnCount()));
        for (int column = 0; column < snapshot.columnCount(); ++column) {
            const MapView map = snapshot.gridMap(layer, column);
            row.push_back(thumbnailImage(map, scaleMaximum(map, mode, snapshot.sharedMaximum),
                                         lookup, maxEdge));
            thumbnails->bytes += std::size_t(row.back().sizeInBytes());
        }
    }
    return thumbnails;
}

std::shared_ptr<const GridThumbnails> GridThumbnailCache::find(const GridThumbnailKey& key) {
    for (auto entry = entries_.begin(); entry != entries_.end(); ++entry) {
        if (entry->key == key) {
            entries_.splice(entries_.begin(), entries_, entry);  // most recently used first
            return entries_.front().thumbnails;
        }
    }
    return nullptr;
}

void GridThumbnailCache::insert(const GridThumbnailKey& key,
                                std::shared_ptr<const GridThumbnails> thumbnails) {
    entries_.remove_if([&](const Entry& entry) { return entry.key == key; });
    entries_.push_front({key, std::move(thumbnails)});
    std::size_t used = 0;
    int kept = 0;
    for (auto entry = entries_.begin(); entry != entries_.end();) {
        used += entry->thumbnails ? entry->thumbnails->bytes : 0;
        if (entry != entries_.begin() && (used > budget_ || kept >= maxEntries_)) {
            entry = entries_.erase(entry);
        } else {
            ++entry;
            ++kept;
        }
    }
}

}  // namespace atlas::ui
