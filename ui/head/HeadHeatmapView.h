// The focused head: one large QCustomPlot heatmap with crisp cells, token labels on both axes
// (queries as rows, row 0 on top), a colour scale, a hover tooltip and a row/column highlight.
// Long sentences (512 tokens) stay legible: the wheel zooms, dragging pans (both kept inside the
// map), a double click shows the whole map again, and axis labels are thinned to every n-th
// visible token so no two overlap; the tooltip always names the hovered cell's two tokens.
#pragma once

#include <memory>
#include <optional>
#include <utility>

#include <qcustomplot.h>

#include "AttentionSnapshot.h"
#include "common/ColorMaps.h"

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
    // Multiplies every text size (title, axis and token labels, colour scale): classroom views
    // use 1.5 or more so a projected plot reads from the back of a room.
    void setTextScale(double factor);
    // Asks for a height that leaves the map itself (the cells, without the title and the token
    // labels) at least `pixels` high, whatever the text size makes the rest take; 0 asks for
    // nothing. For the window's view, which the rows above it yield to; exports size themselves.
    void keepMapHeight(int pixels);
    // A readable map: sixteen rows (a classroom sentence) of 13 pixels.
    static constexpr int kReadableMapHeight = 208;

    int layer() const { return layer_; }
    int column() const { return column_; }
    std::optional<std::pair<int, int>> cellAt(QPointF position) const;  // (query, key)
    // "“cat” → “The”: 0.42": what hovering cell (query, key) shows.
    QString tooltipText(int query, int key) const;
    // Lays the plot out at `size` (logical pixels) and paints it with `painter`, whatever its
    // device (exports use a hidden instance of this same view, so they match the window).
    void paintFigure(QCPPainter& painter, QSize size);

    // The token range shown on each axis, in cell coordinates (cells are centred on integers:
    // the whole map is [-0.5, T - 0.5]).
    QCPRange keyRange() const { return xAxis->range(); }
    QCPRange queryRange() const { return yAxis->range(); }
    // Shows keys and queries in the given ranges, kept inside the map and at least a few cells
    // wide; resetZoom shows the whole map.
    void zoomTo(QCPRange keys, QCPRange queries);
    void resetZoom();
    bool isZoomed() const;
    // The tokens whose labels are drawn along the key (x) and query (y) axes.
    QVector<int> keyLabelTokens() const;
    QVector<int> queryLabelTokens() const;

  signals:
    void cellHovered(int query, int key, float weight);
    void hoverLeft();

  protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;  // QEvent::LanguageChange: retranslate()

  private:
    void retranslate();  // axis labels and title in the language just installed
    void rebuild();
    void updateTicks(int minimumKeyStep = 1, int minimumQueryStep = 1);
    void updateHighlight();
    void keepRangeInside(QCPAxis* axis);
    int labelStep(QCPAxis* axis, double fontPixelSize) const;
    double axisLength(QCPAxis* axis) const;
    void onReplotted();
    // Puts the cells the axes show (a long text's, with a margin) into the plot: all of them
    // when `force`, else only when the view left the loaded cells. True when it loaded.
    bool loadVisibleCells(bool force);

    // The token indices and pooling stride of the cells the plot holds.
    struct LoadedCells {
        int firstKey = 0;
        int lastKey = -1;
        int firstQuery = 0;
        int lastQuery = -1;
        int stride = 0;
    };

    // The axis and colour scale titles: a title longer than its axis (a large text size in a
    // short tab) is left out rather than cut. Decided on the layout with every title shown
    // (showAxisTitles() after a resize, a new text size or language), so it does not flip.
    void showAxisTitles();
    bool fitAxisTitles();  // true when it left one out
    // The colour scale's numbers: round values as many as fit its height with a line and a
    // third of room each, so no two overlap. True when they changed.
    bool fitScaleTicks();
    void followMapHeight();  // the minimum height for keepMapHeight(), from the last layout

    std::shared_ptr<const AttentionSnapshot> snapshot_;
    std::optional<MapView> shownMap_;  // the shown map, held while shown (made once if on demand)
    LoadedCells loaded_;
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
    QSharedPointer<QCPAxisTickerText> scaleTicker_;
    int keptMapHeight_ = 0;
    int shownTokens_ = -1;   // the token count the axis ranges were set for
    bool clamping_ = false;  // re-entrancy guard of keepRangeInside
    int keyStep_ = 1;        // label every keyStep_-th token
    int queryStep_ = 1;
    double tickFontSize_ = 13;
    double textScale_ = 1.0;
    QString keyTitle_;
    QString queryTitle_;
    QString scaleTitle_;
    bool titlesFitted_ = false;
};

}  // namespace atlas::ui
