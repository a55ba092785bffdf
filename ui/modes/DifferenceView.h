// Every head's A - B map as a small thumbnail on a diverging colour map centred at 0 (blue:
// A lower, red: A higher), with a colour bar; hovering a cell names the tokens and the value.
#pragma once

#include <memory>
#include <optional>
#include <utility>

#include <QWidget>

#include "common/ColorMaps.h"
#include "modes/DifferenceMaps.h"

namespace atlas::ui {

class DifferenceView : public QWidget {
    Q_OBJECT
  public:
    explicit DifferenceView(QWidget* parent = nullptr);

    void setDifference(std::shared_ptr<const DifferenceMaps> difference);
    std::shared_ptr<const DifferenceMaps> difference() const { return difference_; }
    // The rectangle of head (layer, head)'s map in widget coordinates; null if none.
    QRect panelRect(int layer, int head) const;
    std::optional<std::pair<int, int>> mapAt(QPoint point) const;
    // "Layer 1 · Head 2: “cat” → “The”: +0.123 (0.456 − 0.333)"-style text for a cell.
    QString cellText(int layer, int head, int query, int key) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

  private:
    struct Layout {
        double panel = 0;  // side of one map
        double gap = 8;    // between maps
        QPointF origin;    // top left of map (0, 0)
        QRectF colorBar;   // the vertical bar at the right
    };
    Layout layout() const;

    std::shared_ptr<const DifferenceMaps> difference_;
    DivergingLookup lookup_;
};

}  // namespace atlas::ui
