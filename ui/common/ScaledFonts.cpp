// Widgets gone before the list are skipped (QPointer).
#include "common/ScaledFonts.h"

#include <algorithm>

#include "common/FigureStyle.h"

namespace atlas::ui {

void ScaledFonts::set(QWidget* widget, double pixels, bool bold) {
    entries_.push_back({widget, pixels, bold});
    apply(entries_.back());
}

void ScaledFonts::setScale(double scale) {
    scale_ = std::max(0.5, scale);
    for (const Entry& entry : entries_) {
        apply(entry);
    }
}

void ScaledFonts::apply(const Entry& entry) const {
    if (entry.widget) {
        entry.widget->setFont(style::font(entry.pixels * scale_, entry.bold));
    }
}

}  // namespace atlas::ui
