// Two maps drawn side by side (sentence A and B, before and after masking a word) on one colour
// scale, so the same colour on the left and on the right means the same weight.
#pragma once

#include <memory>

#include "AttentionSnapshot.h"

namespace atlas::ui {

struct SideBySide {
    std::shared_ptr<const AttentionSnapshot> first;
    std::shared_ptr<const AttentionSnapshot> second;
    float maximum = 1.0f;  // the largest weight of either map
};

// Copies of `first` and `second` whose shared maximum is the largest weight of either's map at
// (`layer`, `column`); both must contain that map.
SideBySide onOneScale(const AttentionSnapshot& first, const AttentionSnapshot& second, int layer,
                      int column);

}  // namespace atlas::ui
