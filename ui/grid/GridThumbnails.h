// The small images of the grid, rendered off the GUI thread and kept per sentence: a 12 x 12
// model at 512 tokens has 168 maps of 262,144 cells, too many to colour on every keystroke or
// focus change. Maps larger than the thumbnail edge are max-pooled, so a single sharp weight
// (a head that looks at one token) still shows.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <vector>

#include <QImage>
#include <QtGlobal>

#include "AttentionSnapshot.h"
#include "common/ColorMaps.h"

namespace atlas::ui {

struct GridThumbnails {
    std::vector<std::vector<QImage>> images;  // [L][columns]
    std::size_t bytes = 0;

    const QImage& image(int layer, int column) const;  // a null image outside the grid
    int layerCount() const { return int(images.size()); }
    int columnCount() const { return images.empty() ? 0 : int(images.front().size()); }
};

// What a set of thumbnails depends on: the snapshot's content (model, text, shape and a digest
// of its maps), the colour map and the scale mode.
struct GridThumbnailKey {
    quint64 content = 0;
    ColorMapKind colorMap = ColorMapKind::Viridis;
    ScaleMode scaleMode = ScaleMode::Shared;
    bool operator==(const GridThumbnailKey& other) const {
        return content == other.content && colorMap == other.colorMap &&
               scaleMode == other.scaleMode;
    }
};

quint64 snapshotDigest(const AttentionSnapshot& snapshot);

// One map as an image of at most `maxEdge` x `maxEdge` pixels: one pixel per cell when it fits,
// else each pixel the largest weight of its block of cells.
QImage thumbnailImage(const Matrix& map, float maxValue, const ColorLookup& lookup, int maxEdge);

// Every map of `snapshot`; safe to call on any thread (reads only its arguments).
std::shared_ptr<const GridThumbnails> renderGridThumbnails(const AttentionSnapshot& snapshot,
                                                           const ColorLookup& lookup,
                                                           ScaleMode mode, int maxEdge = 256);

// Recently shown sentences' thumbnails, newest first: at most `maxEntries` of them within a
// memory budget (the newest is kept whatever its size). What it is for is going back: deleting
// the last word, switching the colour map or scale and back. A handful of recent sentences serve
// that; keeping more only makes a long session's memory grow with every sentence typed.
class GridThumbnailCache {
  public:
    explicit GridThumbnailCache(std::size_t budgetBytes = std::size_t(32) << 20,
                                int maxEntries = 12)
        : budget_(budgetBytes), maxEntries_(maxEntries) {}
    std::shared_ptr<const GridThumbnails> find(const GridThumbnailKey& key);
    void insert(const GridThumbnailKey& key, std::shared_ptr<const GridThumbnails> thumbnails);
    int size() const { return int(entries_.size()); }
    void clear() { entries_.clear(); }

  private:
    struct Entry {
        GridThumbnailKey key;
        std::shared_ptr<const GridThumbnails> thumbnails;
    };
    std::size_t budget_;
    int maxEntries_;
    std::list<Entry> entries_;
};

}  // namespace atlas::ui
