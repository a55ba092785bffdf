// The logit lens as a table: a row per layer (the embedding's read-out is not shown; layer 0 is
// the stream after the first layer), a column per token, each cell the top token read there,
// coloured by that layer's probability of the model's final prediction at the position.
#pragma once

#include <memory>

#include "attribution/AttributionData.h"
#include "attribution/AttributionFigure.h"
#include "common/ColorMaps.h"

namespace atlas::ui {

class LensFigure : public AttributionFigure {
  public:
    explicit LensFigure(std::shared_ptr<const AttributionData> data,
                        ColorMapKind colorMap = ColorMapKind::Viridis);
    QSize size() const override;
    void paint(QPainter& painter) const override;
    // The cell (layer, position) under a point of the figure, or (-1, -1).
    QPoint cellAt(QPointF point) const;

  private:
    QRectF cellRect(int layer, int position) const;
    std::shared_ptr<const AttributionData> data_;
    ColorLookup colors_;
};

}  // namespace atlas::ui
