// One colour scale for two maps.
#include "common/SideBySide.h"

#include <algorithm>

#include "common/ColorMaps.h"

namespace atlas::ui {

SideBySide onOneScale(const AttentionSnapshot& first, const AttentionSnapshot& second, int layer,
                      int column) {
    SideBySide pair;
    pair.maximum = std::max({largestValue(first.map(layer, column)),
                             largestValue(second.map(layer, column)), 1e-6f});
    auto withScale = [&pair](const AttentionSnapshot& source) {
        auto copy = std::make_shared<AttentionSnapshot>(source);
        copy->sharedMaximum = pair.maximum;
        return std::shared_ptr<const AttentionSnapshot>(std::move(copy));
    };
    pair.first = withScale(first);
    pair.second = withScale(second);
    return pair;
}

}  // namespace atlas::ui
