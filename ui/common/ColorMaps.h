// The colour maps shared by the grid, the focused head, the line view and every export.
#pragma once

#include <array>
#include <optional>

#include <QColor>
#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>

#include "model/Matrix.h"

class QCPColorGradient;

namespace atlas::ui {

enum class ColorMapKind { Viridis, Cividis, Magma, Gray };

// How a map's values become colours: one range for every map, or each map to its own maximum.
enum class ScaleMode { Shared, PerHead };

// A 256-entry lookup table: value v in [0, maxValue] -> colors[round(255 * v / maxValue)].
class ColorLookup {
  public:
    explicit ColorLookup(ColorMapKind kind = ColorMapKind::Viridis);

    ColorMapKind kind() const { return kind_; }
    QRgb rgbAt(float fraction) const;  // fraction in [0, 1], clamped
    QColor colorAt(float fraction) const { return QColor::fromRgb(rgbAt(fraction)); }
    const QVector<QRgb>& table() const { return table_; }

    // One pixel per cell, row i = query i. Pixels are the colour of value / maxValue, so the
    // image can be scaled without smoothing into crisp cells.
    QImage image(const Matrix& map, float maxValue) const;  // [T, T] -> T x T image

  private:
    ColorMapKind kind_;
    QVector<QRgb> table_;  // [256]
};

// The gradient for a QCPColorMap, built from the same stops as ColorLookup (QCustomPlot 2.1 has
// no viridis).
QCPColorGradient colorGradient(ColorMapKind kind);

// Names used by settings and the command line ("viridis", "cividis", "magma", "gray").
QString colorMapName(ColorMapKind kind);
QString colorMapTitle(ColorMapKind kind);  // translated, for menus
std::optional<ColorMapKind> colorMapFromName(const QString& name);
std::array<ColorMapKind, 4> allColorMaps();

// The largest entry of `map` (0 for an empty map). A plain loop: GCC 12 warns falsely about
// Eigen's vectorised maxCoeff under -march=native.
float largestValue(const Matrix& map);

// The largest value the colour scale reaches for `map` under `mode`: shared, `sharedMaximum`
// (1 for attention, whose weights lie in [0, 1]); per head, the map's own maximum (at least a
// tiny epsilon, so an all-zero map stays defined).
float scaleMaximum(const Matrix& map, ScaleMode mode, float sharedMaximum = 1.0f);

// The diverging map of difference views (A - B): ColorBrewer's RdBu, blue for negative, a
// near-white grey exactly at 0, red for positive; symmetric, so equal maps show no colour.
class DivergingLookup {
  public:
    static constexpr int kSize = 255;    // odd, so one entry is the centre
    static constexpr int kCentre = 127;  // the colour of 0

    DivergingLookup();
    // value in [-maxMagnitude, maxMagnitude] (clamped) -> its colour; 0 -> the centre colour.
    QRgb rgbAt(float value, float maxMagnitude) const;
    int indexOf(float value, float maxMagnitude) const;  // 0 .. kSize-1
    const QVector<QRgb>& table() const { return table_; }
    // One pixel per cell, as ColorLookup::image.
    QImage image(const Matrix& map, float maxMagnitude) const;

  private:
    QVector<QRgb> table_;  // [kSize]
};

// The same stops as a QCustomPlot gradient over [-1, 1] (set the data range symmetric).
QCPColorGradient divergingGradient();

// The largest |entry| of `map` (0 for an empty map).
float largestMagnitude(const Matrix& map);

}  // namespace atlas::ui
