// The focused head: one large QCustomPlot heatmap with crisp cells, token labels on both axes
// (queries as rows, row 0 on top), a colour scale, a hover tooltip and a row/column highlight.
#pragma once

#include <memory>
#include <optional>
#include <utility>

#include <qcustomplot.h>

#include "AttentionSnapshot.h"
#include "ColorMaps.h"

namespace atlas::ui {

class HeadHeatmapView : public QCustomPlot {
    Q_OBJECT
  public:
    explicit HeadHeatmapView(QWidget* parent = nullptr);

    void setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot);
    void setMap(int layer, int column);
    void setColorMap(ColorMapKind kind);
    void setScaleMode(ScaleMode mode);
    // Outlines one query row and one key column (-1 hides either).
    void setHighlight(int query, int key);
    // Whether the title names the model and the sentence too (exports) or only the map.
    void setLongTitle(bool enabled);

    int layer() const { return layer_; }
    int column() const { return column_; }
    std::optional<std::pair<int, int>> cellAt(QPointF position) const;  // (query, key)
    // "“cat” → “The”: 0.42": what hovering cell (query, key) shows.
    QString tooltipText(int query, int key) const;
    // Lays the plot out at `size` (logical pixels) and paints it with `painter`, whatever its
    // device (exports use a hidden instance of this same view, so they match the window).
    void paintFigure(QCPPainter& painter, QSize size);

  signals:
    void cellHovered(int query, int key, float weight);
    void hoverLeft();

  protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    void rebuild();
    void updateTicks();
    void updateHighlight();

    std::shared_ptr<const AttentionSnapshot> snapshot_;
    int layer_ = 0;
    int column_ = 0;
    ColorMapKind colorMap_ = ColorMapKind::Viridis;
    ScaleMode scaleMode_ = ScaleMode::Shared;
    int highlightQuery_ = -1;
    int highlightKey_ = -1;
    bool longTitle_ = false;
    QCPTextElement* title_ = nullptr;
    QCPColorMap* heatmap_ = nullptr;
    QCPColorScale* colorScale_ = nullptr;
    QCPItemRect* rowHighlight_ = nullptr;
    QCPItemRect* columnHighlight_ = nullptr;
    QSharedPointer<QCPAxisTickerText> xTicker_;
    QSharedPointer<QCPAxisTickerText> yTicker_;
};

}  // namespace atlas::ui
