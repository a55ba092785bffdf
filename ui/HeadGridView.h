// The model overview: every layer x grid column as a small heatmap in one widget (not one
// QCustomPlot per head), painted through PanelFigure. Clicking a map selects it.
#pragma once

#include <memory>
#include <optional>
#include <utility>

#include <QWidget>

#include "AttentionSnapshot.h"
#include "ColorMaps.h"
#include "PanelFigure.h"

namespace atlas::ui {

class HeadGridView : public QWidget {
    Q_OBJECT
  public:
    explicit HeadGridView(QWidget* parent = nullptr);
    ~HeadGridView() override;

    void setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot);
    void setColorMap(ColorMapKind kind);
    void setScaleMode(ScaleMode mode);
    void setSelectedMap(int layer, int column);

    std::shared_ptr<const AttentionSnapshot> snapshot() const { return snapshot_; }
    // The (layer, column) under a point in widget coordinates, if any.
    std::optional<std::pair<int, int>> mapAt(QPoint point) const;
    QRect panelRect(int layer, int column) const;
    double panelSize() const { return panelSize_; }
    int paintCount() const { return paintCount_; }  // for tests and the benchmark

    QSize sizeHint() const override;

  signals:
    void headSelected(int layer, int column);
    void mapHovered(int layer, int column);  // (-1, -1) when leaving the maps

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

  private:
    void rebuildImages();
    void relayout();

    std::shared_ptr<const AttentionSnapshot> snapshot_;
    ColorLookup lookup_;
    ScaleMode scaleMode_ = ScaleMode::Shared;
    ThumbnailCache thumbnails_;
    std::unique_ptr<PanelFigure> figure_;
    double panelSize_ = 72;
    int selectedLayer_ = 0;
    int selectedColumn_ = 0;
    std::optional<std::pair<int, int>> hovered_;
    int paintCount_ = 0;
};

}  // namespace atlas::ui
