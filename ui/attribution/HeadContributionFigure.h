// Each head's share of one prediction as a layer x head heatmap on a diverging colour map
// centred at 0 (red: the head raises the target, blue: it lowers it). Direct logit attribution
// for the pre-LN models (in logits); for BERT the change in log p(target) when the head is
// switched off, which the title says.
#pragma once

#include <memory>

#include "attribution/AttributionData.h"
#include "attribution/AttributionFigure.h"
#include "common/ColorMaps.h"

namespace atlas::ui {

class HeadContributionFigure : public AttributionFigure {
  public:
    explicit HeadContributionFigure(std::shared_ptr<const AttributionData> data);
    QSize size() const override;
    void paint(QPainter& painter) const override;
    // The head (layer, head) under a point of the figure, or (-1, -1).
    QPoint headAt(QPointF point) const;
    void setFocusedHead(int layer, int head) { focused_ = QPoint(layer, head); }

  private:
    QRectF cellRect(int layer, int head) const;
    std::shared_ptr<const AttributionData> data_;
    DivergingLookup colors_;
    QPoint focused_{-1, -1};
};

}  // namespace atlas::ui
