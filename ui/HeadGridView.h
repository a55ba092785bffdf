// The model overview: every layer x grid column as a small heatmap in one widget (not one
// QCustomPlot per head), painted through PanelFigure. Clicking a map selects it.
#pragma once

#include <memory>
#include <optional>
#include <utility>

#include <QList>
#include <QPair>
#include <QString>
#include <QVector>
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
    // Short role labels ("prev 0.93"), [layers * heads] layer by layer, drawn over the bottom
    // of each head's map; empty for none (a model without head-roles.json).
    void setRoleLabels(int heads, QVector<QString> labels);
    QString roleLabel(int layer, int head) const;  // "" when none
    // Heads outlined as the best at the measure chosen in the roles tab, (layer, head) pairs.
    void setHighlightedHeads(QList<QPair<int, int>> heads);
    QList<QPair<int, int>> highlightedHeads() const { return highlighted_; }

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
    void paintRoleOverlays(QPainter& painter) const;

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
    int roleHeads_ = 0;
    QVector<QString> roleLabels_;  // [layers * roleHeads_]
    QList<QPair<int, int>> highlighted_;
};

}  // namespace atlas::ui
