// Every head of a snapshot as one grid that grows to fill its widget, with large layer and head
// labels (the training timeline on a projector). Painted through PanelFigure, like the main grid
// and the exports; clicking a map selects it.
#pragma once

#include <memory>

#include <QWidget>

#include "AttentionSnapshot.h"
#include "common/ColorMaps.h"
#include "grid/PanelFigure.h"

namespace atlas::ui {

class FittedGridView : public QWidget {
    Q_OBJECT
  public:
    explicit FittedGridView(QWidget* parent = nullptr);
    ~FittedGridView() override;

    void setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot);
    void setColorMap(ColorMapKind kind);
    void setSelectedMap(int layer, int column);
    void setLabelPixelSize(double pixels);
    void setEmptyText(const QString& text);  // shown while there is no snapshot

    std::shared_ptr<const AttentionSnapshot> snapshot() const { return snapshot_; }
    double panelSize() const { return panelSize_; }

  signals:
    void headSelected(int layer, int column);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

  private:
    PanelFigureSpec specFor(double panelSize) const;
    void relayout();

    std::shared_ptr<const AttentionSnapshot> snapshot_;
    ColorLookup lookup_;
    ThumbnailCache thumbnails_;
    std::unique_ptr<PanelFigure> figure_;
    QPointF origin_;  // where the figure's top-left corner sits, to centre it
    double panelSize_ = 0;
    double labelSize_ = 18;
    int selectedLayer_ = -1;
    int selectedColumn_ = -1;
    QString emptyText_;
};

}  // namespace atlas::ui
