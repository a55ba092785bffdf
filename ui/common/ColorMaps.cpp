// Colour stops of the perceptually uniform maps (matplotlib's viridis, cividis and magma, sampled
// at ten evenly spaced points) and the lookup tables built from them.
#include "common/ColorMaps.h"

#include <algorithm>
#include <cmath>

#include <qcustomplot.h>
#include <QCoreApplication>

namespace atlas::ui {

namespace {

// Ten evenly spaced samples of each map, from 0 to 1; between samples colours are linear in RGB,
// which stays within a small fraction of the 256-entry originals.
constexpr std::array<QRgb, 10> kViridis = {0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e,
                                           0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b, 0xfde725};
constexpr std::array<QRgb, 10> kCividis = {0x00224e, 0x123570, 0x3b496c, 0x575d6d, 0x707173,
                                           0x8a8678, 0xa59c74, 0xc3b369, 0xe1cc55, 0xfee838};
constexpr std::array<QRgb, 10> kMagma = {0x000004, 0x180f3d, 0x440f76, 0x721f81, 0x9e2f7f,
                                         0xcd4071, 0xf1605d, 0xfd9668, 0xfeca8d, 0xfcfdbf};
// Gray runs from white (no attention) to black (all of it), as ink on paper.
constexpr std::array<QRgb, 2> kGray = {0xffffff, 0x000000};

std::vector<QColor> stopsOf(ColorMapKind kind) {
    auto convert = [](const auto& stops) {
        std::vector<QColor> colors;
        for (QRgb rgb : stops) {
            colors.push_back(QColor::fromRgb(rgb));
        }
        return colors;
    };
    switch (kind) {
        case ColorMapKind::Viridis:
            return convert(kViridis);
        case ColorMapKind::Cividis:
            return convert(kCividis);
        case ColorMapKind::Magma:
            return convert(kMagma);
        case ColorMapKind::Gray:
            return convert(kGray);
    }
    return convert(kViridis);
}

QColor interpolate(const std::vector<QColor>& stops, double fraction) {
    const double position = std::clamp(fraction, 0.0, 1.0) * double(stops.size() - 1);
    const int index = std::min(int(position), int(stops.size()) - 2);
    const double t = position - index;
    const QColor& a = stops[index];
    const QColor& b = stops[index + 1];
    return QColor::fromRgbF(float(a.redF() + t * (b.redF() - a.redF())),
                            float(a.greenF() + t * (b.greenF() - a.greenF())),
                            float(a.blueF() + t * (b.blueF() - a.blueF())));
}

}  // namespace

ColorLookup::ColorLookup(ColorMapKind kind) : kind_(kind), table_(256) {
    const std::vector<QColor> stops = stopsOf(kind);
    for (int i = 0; i < 256; ++i) {
        table_[i] = interpolate(stops, i / 255.0).rgb();
    }
}

QRgb ColorLookup::rgbAt(float fraction) const {
    if (!(fraction > 0.0f)) {  // also NaN
        return table_[0];
    }
    return table_[std::min(255, int(std::lround(fraction * 255.0f)))];
}

QImage ColorLookup::image(const Matrix& map, float maxValue) const {
    const int rows = int(map.rows());
    const int cols = int(map.cols());
    QImage result(cols, rows, QImage::Format_RGB32);
    const float toIndex = maxValue > 0 ? 255.0f / maxValue : 0.0f;
    for (int i = 0; i < rows; ++i) {
        auto* line = reinterpret_cast<QRgb*>(result.scanLine(i));
        for (int j = 0; j < cols; ++j) {
            const float scaled = map(i, j) * toIndex;
            const int index = scaled > 0.0f ? std::min(255, int(scaled + 0.5f)) : 0;
            line[j] = table_[index];
        }
    }
    return result;
}

QCPColorGradient colorGradient(ColorMapKind kind) {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    const std::vector<QColor> stops = stopsOf(kind);
    for (std::size_t i = 0; i < stops.size(); ++i) {
        gradient.setColorStopAt(double(i) / double(stops.size() - 1), stops[i]);
    }
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setLevelCount(256);
    return gradient;
}

QString colorMapName(ColorMapKind kind) {
    switch (kind) {
        case ColorMapKind::Viridis:
            return QStringLiteral("viridis");
        case ColorMapKind::Cividis:
            return QStringLiteral("cividis");
        case ColorMapKind::Magma:
            return QStringLiteral("magma");
        case ColorMapKind::Gray:
            return QStringLiteral("gray");
    }
    return QStringLiteral("viridis");
}

QString colorMapTitle(ColorMapKind kind) {
    switch (kind) {
        case ColorMapKind::Viridis:
            return QCoreApplication::translate("atlas::ui::ColorMaps", "Viridis");
        case ColorMapKind::Cividis:
            return QCoreApplication::translate("atlas::ui::ColorMaps", "Cividis");
        case ColorMapKind::Magma:
            return QCoreApplication::translate("atlas::ui::ColorMaps", "Magma");
        case ColorMapKind::Gray:
            return QCoreApplication::translate("atlas::ui::ColorMaps", "Grayscale");
    }
    return {};
}

std::optional<ColorMapKind> colorMapFromName(const QString& name) {
    for (ColorMapKind kind : allColorMaps()) {
        if (colorMapName(kind) == name.trimmed().toLower()) {
            return kind;
        }
    }
    if (name.trimmed().toLower() == QLatin1String("grey") ||
        name.trimmed().toLower() == QLatin1String("grayscale")) {
        return ColorMapKind::Gray;
    }
    return std::nullopt;
}

std::array<ColorMapKind, 4> allColorMaps() {
    return {ColorMapKind::Viridis, ColorMapKind::Cividis, ColorMapKind::Magma, ColorMapKind::Gray};
}

float largestValue(const Matrix& map) {
    float largest = 0.0f;
    const float* values = map.data();
    for (Eigen::Index i = 0; i < map.size(); ++i) {
        largest = std::max(largest, values[i]);
    }
    return largest;
}

float scaleMaximum(const Matrix& map, ScaleMode mode, float sharedMaximum) {
    if (mode == ScaleMode::Shared || map.size() == 0) {
        return sharedMaximum;
    }
    return std::max(largestValue(map), 1e-6f);
}

namespace {

// ColorBrewer RdBu (11 classes), reversed: negative blue, positive red.
constexpr std::array<QRgb, 11> kDiverging = {0x053061, 0x2166ac, 0x4393c3, 0x92c5de,
                                             0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582,
                                             0xd6604d, 0xb2182b, 0x67001f};

std::vector<QColor> divergingStops() {
    std::vector<QColor> colors;
    for (QRgb rgb : kDiverging) {
        colors.push_back(QColor::fromRgb(rgb));
    }
    return colors;
}

}  // namespace

DivergingLookup::DivergingLookup() : table_(kSize) {
    const std::vector<QColor> stops = divergingStops();
    for (int i = 0; i < kSize; ++i) {
        table_[i] = interpolate(stops, i / double(kSize - 1)).rgb();
    }
}

int DivergingLookup::indexOf(float value, float maxMagnitude) const {
    if (!(maxMagnitude > 0.0f) || !std::isfinite(value)) {
        return kCentre;
    }
    const float scaled = std::clamp(value / maxMagnitude, -1.0f, 1.0f) * float(kCentre);
    return kCentre + int(std::lround(scaled));
}

QRgb DivergingLookup::rgbAt(float value, float maxMagnitude) const {
    return table_[indexOf(value, maxMagnitude)];
}

QImage DivergingLookup::image(const Matrix& map, float maxMagnitude) const {
    const int rows = int(map.rows());
    const int cols = int(map.cols());
    QImage result(cols, rows, QImage::Format_RGB32);
    for (int i = 0; i < rows; ++i) {
        auto* line = reinterpret_cast<QRgb*>(result.scanLine(i));
        for (int j = 0; j < cols; ++j) {
            line[j] = table_[indexOf(map(i, j), maxMagnitude)];
        }
    }
    return result;
}

QCPColorGradient divergingGradient() {
    QCPColorGradient gradient;
    gradient.clearColorStops();
    const std::vector<QColor> stops = divergingStops();
    for (std::size_t i = 0; i < stops.size(); ++i) {
        gradient.setColorStopAt(double(i) / double(stops.size() - 1), stops[i]);
    }
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setLevelCount(DivergingLookup::kSize);
    return gradient;
}

float largestMagnitude(const Matrix& map) {
    float largest = 0.0f;
    const float* values = map.data();
    for (Eigen::Index i = 0; i < map.size(); ++i) {
        largest = std::max(largest, std::abs(values[i]));
    }
    return largest;
}

}  // namespace atlas::ui
