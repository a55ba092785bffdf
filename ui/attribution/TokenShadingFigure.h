// The text's tokens shaded by how much each drives the prediction (occlusion: the drop in
// log p(target) when the token is replaced), red for support and blue for the opposite, on a
// diverging scale centred at 0; tokens not scored (special tokens, tokens after a causal
// model's position) are left unshaded.
#pragma once

#include <memory>
#include <vector>

#include <QRectF>

#include "attribution/AttributionData.h"
#include "attribution/AttributionFigure.h"
#include "common/ColorMaps.h"

namespace atlas::ui {

class TokenShadingFigure : public AttributionFigure {
  public:
    explicit TokenShadingFigure(std::shared_ptr<const AttributionData> data, double width = 760);
    QSize size() const override;
    void paint(QPainter& painter) const override;
    // The token under a point of the figure, or -1.
    int tokenAt(QPointF point) const;

  private:
    std::shared_ptr<const AttributionData> data_;
    DivergingLookup colors_;
    double width_;
    std::vector<QRectF> boxes_;  // [T] where each token is drawn
    double height_ = 0;
};

}  // namespace atlas::ui
