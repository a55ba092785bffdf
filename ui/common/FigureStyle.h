// Fonts and colours every painted figure shares, so the window and its exports look the same.
#pragma once

#include <algorithm>

#include <QColor>
#include <QFont>
#include <QString>

namespace atlas::ui::style {

inline QFont font(double pixelSize, bool bold = false) {
    // Chinese characters come from the Simplified Chinese face of Noto CJK (fonts-noto-cjk):
    // left to fontconfig, Han characters may be drawn with Japanese glyph shapes.
    QFont result;
    result.setFamilies({QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans CJK SC")});
    result.setPixelSize(std::max(1, int(pixelSize + 0.5)));
    result.setBold(bold);
    result.setHintingPreference(QFont::PreferNoHinting);
    return result;
}

// `font` at `factor` times its size, in the unit it is given in (points, or whole pixels rounded
// to the nearest, at least 1).
inline QFont scaled(QFont font, double factor) {
    if (font.pointSizeF() > 0) {
        font.setPointSizeF(font.pointSizeF() * factor);
    } else if (font.pixelSize() > 0) {
        font.setPixelSize(std::max(1, int(font.pixelSize() * factor + 0.5)));
    }
    return font;
}

inline QColor text() {
    return QColor(0x22, 0x22, 0x22);
}
inline QColor mutedText() {
    return QColor(0x66, 0x66, 0x66);
}
inline QColor background() {
    return QColor(Qt::white);
}
inline QColor panelBorder() {
    return QColor(0xcc, 0xcc, 0xcc);
}
// The focused map and the hovered token: an orange that stands out on viridis, magma and gray.
inline QColor highlight() {
    return QColor(0xe8, 0x59, 0x0c);
}
inline QColor hoverFill() {
    return QColor(0xe8, 0x59, 0x0c, 40);
}

}  // namespace atlas::ui::style
