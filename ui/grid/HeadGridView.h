// The model overview: every layer x grid column as a small heatmap in one widget (not one
// QCustomPlot per head). Clicking a map selects it. Built for big models too (12 x 12 at 512
// tokens): the thumbnails are coloured off the GUI thread and kept per sentence, so a focus or
// hover change repaints without re-colouring; layers collapse to a one-line strip (click the
// layer's label); Ctrl + wheel or Ctrl +/-/0 zooms the maps.
#pragma once

#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include <QFont>
#include <QList>
#include <QPair>
#include <QString>
#include <QVector>
#include <QWidget>

#include "AttentionSnapshot.h"
#include "common/BackgroundJob.h"
#include "common/ColorMaps.h"
#include "grid/GridThumbnails.h"

class QMenu;

namespace atlas::ui {

class HeadGridView : public QWidget {
    Q_OBJECT
  public:
    explicit HeadGridView(QWidget* parent = nullptr);
    ~HeadGridView() override;  // waits for a thumbnail rendering in flight

    void setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot);
    void setColorMap(ColorMapKind kind);
    void setScaleMode(ScaleMode mode);
    // Multiplies the labels' type (View ▸ Text size); the maps keep their size.
    void setTextScale(double scale);
    QFont labelFont() const;  // layer, head and KV labels
    // Also expands the layer if it was collapsed: the focused map is never hidden.
    void setSelectedMap(int layer, int column);
    // Short role labels ("prev 0.93"), [layers * heads] layer by layer, drawn over the bottom
    // of each head's map; empty for none (a model without head-roles.json).
    void setRoleLabels(int heads, QVector<QString> labels);
    QString roleLabel(int layer, int head) const;  // "" when none
    // Heads outlined as the best at the measure chosen in the roles tab, (layer, head) pairs.
    void setHighlightedHeads(QList<QPair<int, int>> heads);
    QList<QPair<int, int>> highlightedHeads() const { return highlighted_; }

    // Collapsed layers show as a one-line strip; the state survives new sentences of the same
    // model and is reset when the number of layers changes.
    void setLayerCollapsed(int layer, bool collapsed);
    bool isLayerCollapsed(int layer) const;
    void setAllLayersCollapsed(bool collapsed);
    // The maps' size relative to the size that fits the width: 1 fits, 2 doubles (the grid then
    // scrolls). Clamped to [kMinimumZoom, kMaximumZoom].
    void setZoom(double zoom);
    // View ▸ Grid: zoom and folding, which the grid's own keys (Ctrl +/-/0 while it has focus)
    // and label clicks also do; the menu makes them discoverable.
    void addMenu(QMenu* view);
    double zoom() const { return zoom_; }
    static constexpr double kMinimumZoom = 0.5;
    static constexpr double kMaximumZoom = 6.0;

    std::shared_ptr<const AttentionSnapshot> snapshot() const { return snapshot_; }
    // The (layer, column) under a point in widget coordinates, if any (never a collapsed one).
    std::optional<std::pair<int, int>> mapAt(QPoint point) const;
    // The layer whose label (the collapse toggle) is under `point`, or -1.
    int layerLabelAt(QPoint point) const;
    QRect panelRect(int layer, int column) const;  // null for a collapsed layer
    QRect layerLabelRect(int layer) const;
    // What hovering a map shows: its title, and for a head its KV head and sink share.
    QString mapToolTip(int layer, int column) const;
    // The brackets over the head columns that share a key/value head, with their labels
    // ("KV head 0: heads 0-6"); none for a model whose heads each have their own.
    struct KeyValueBracket {
        QRect rect;
        QString label;
    };
    std::vector<KeyValueBracket> keyValueBrackets() const;
    double panelSize() const { return panelSize_; }
    int paintCount() const { return paintCount_; }  // for tests and the benchmark
    // How many times a full set of thumbnails was coloured (tests: a focus change must not).
    int thumbnailRenderCount() const { return renderCount_; }
    // True while the current snapshot's thumbnails are being coloured on a pool thread.
    bool thumbnailsPending() const { return pendingKey_.has_value(); }
    // The thumbnails painted now (null before the first).
    std::shared_ptr<const GridThumbnails> thumbnails() const { return thumbnails_; }

    QSize sizeHint() const override;

  signals:
    void headSelected(int layer, int column);
    void mapHovered(int layer, int column);  // (-1, -1) when leaving the maps
    void layerCollapsedChanged(int layer, bool collapsed);
    void zoomChanged(double zoom);
    // The current snapshot's thumbnails are in place (a repaint is scheduled).
    void thumbnailsReady();

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void requestThumbnails();
    void onThumbnailsRendered(std::shared_ptr<const GridThumbnails> rendered);
    void relayout();
    void paintLabels(QPainter& painter) const;
    void paintRoleOverlays(QPainter& painter) const;
    double layerTop(int layer) const;
    double layerHeight(int layer) const;

    std::shared_ptr<const AttentionSnapshot> snapshot_;
    ColorLookup lookup_;
    ScaleMode scaleMode_ = ScaleMode::Shared;

    // Thumbnails: those painted now, the cache of recent sentences, and the one rendering.
    std::shared_ptr<const GridThumbnails> thumbnails_;
    GridThumbnailCache cache_;
    std::optional<GridThumbnailKey> pendingKey_;  // wanted, being rendered
    BackgroundJob<std::shared_ptr<const GridThumbnails>> thumbnailJob_;
    int renderCount_ = 0;

    // Layout, in logical pixels.
    double zoom_ = 1.0;
    double textScale_ = 1.0;
    double panelSize_ = 72;
    double gap_ = 8;
    double margin_ = 10;
    double rowLabelWidth_ = 0;
    double columnLabelHeight_ = 0;
    double keyValueBandHeight_ = 0;  // the row of KV brackets above the column labels
    double collapsedHeight_ = 20;
    std::vector<bool> collapsed_;    // [L]
    std::vector<double> layerTops_;  // [L]
    QSize figureSize_;
    QWidget* watchedParent_ = nullptr;  // the scroll area's viewport, whose width the maps fit

    int selectedLayer_ = 0;
    int selectedColumn_ = 0;
    std::optional<std::pair<int, int>> hovered_;
    int paintCount_ = 0;
    int roleHeads_ = 0;
    QVector<QString> roleLabels_;  // [layers * roleHeads_]
    QList<QPair<int, int>> highlighted_;
};

}  // namespace atlas::ui
