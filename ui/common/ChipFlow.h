// Token chips laid out like words in a paragraph: the one wrapping rule the sentence chips and
// the classroom's token picker share, so both break lines and report heights the same way.
#pragma once

#include <vector>

#include <QPointF>
#include <QRectF>

namespace atlas::ui {

struct ChipFlowStyle {
    double spacing = 4;      // between chips and around the edge
    double padding = 6;      // left and right of the text inside a chip
    double chipHeight = 20;  // text height plus the chip's vertical padding
};

struct ChipFlowItem {
    double textWidth = 0;
    bool continuation = false;  // a word's later piece: drawn closer to the piece before it
};

// Rectangles for `items` in a widget `width` pixels wide; a chip that does not fit starts a line.
std::vector<QRectF> flowChips(const std::vector<ChipFlowItem>& items, const ChipFlowStyle& style,
                              int width);

// The height that shows every chip, or one empty line when there are none.
int flowHeight(const std::vector<QRectF>& chips, const ChipFlowStyle& style);

// The chip under `point`, -1 if none.
int chipIndexAt(const std::vector<QRectF>& chips, QPointF point);

}  // namespace atlas::ui
