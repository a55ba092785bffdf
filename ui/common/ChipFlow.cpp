#include "common/ChipFlow.h"

namespace atlas::ui {

std::vector<QRectF> flowChips(const std::vector<ChipFlowItem>& items, const ChipFlowStyle& style,
                              int width) {
    std::vector<QRectF> result;
    result.reserve(items.size());
    double x = style.spacing;
    double y = style.spacing;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const double chipWidth = items[i].textWidth + 2 * style.padding;
        if (items[i].continuation && i > 0) {
            x -= style.spacing - 1;
        }
        if (x + chipWidth > width - style.spacing && x > style.spacing) {
            x = style.spacing;
            y += style.chipHeight + style.spacing;
        }
        result.emplace_back(x, y, chipWidth, style.chipHeight);
        x += chipWidth + style.spacing;
    }
    return result;
}

int flowHeight(const std::vector<QRectF>& chips, const ChipFlowStyle& style) {
    if (chips.empty()) {
        return int(style.chipHeight + 2 * style.spacing);
    }
    return int(chips.back().bottom() + style.spacing + 1);
}

int chipIndexAt(const std::vector<QRectF>& chips, QPointF point) {
    for (std::size_t i = 0; i < chips.size(); ++i) {
        if (chips[i].contains(point)) {
            return int(i);
        }
    }
    return -1;
}

}  // namespace atlas::ui
