// A figure of attention maps in rows and columns (the whole grid, or one layer), painted with
// QPainter onto any device: the window's grid widget and the PNG/SVG/PDF exports share it.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include <QImage>
#include <QPainter>
#include <QRect>
#include <QSize>
#include <QString>
#include <QStringList>

#include "AttentionSnapshot.h"
#include "common/ColorMaps.h"

namespace atlas::ui {

// One small image per map (one pixel per cell), rebuilt when the data or colour map changes.
class ThumbnailCache {
  public:
    void rebuild(const AttentionSnapshot& snapshot, const ColorLookup& lookup, ScaleMode mode);
    void clear() { images_.clear(); }
    const QImage& image(int layer, int column) const;  // a null image outside the grid

  private:
    std::vector<std::vector<QImage>> images_;  // [L][columns]
};

struct FigurePanel {
    int layer = 0;
    int column = 0;  // grid column of the snapshot
    int row = 0;     // where it sits in the figure
    int col = 0;
    QString title;  // drawn above the panel when not empty
};

// A labelled bracket over figure columns first_col .. last_col (the query heads sharing a
// key/value head).
struct ColumnBracket {
    int firstCol = 0;
    int lastCol = 0;
    QString label;
};

struct PanelFigureSpec {
    QString title;
    QString subtitle;
    QString footer;            // wrapped text under the panels (e.g. the token list)
    QStringList rowLabels;     // [rows], empty for none
    QStringList columnLabels;  // [cols], empty for none
    std::vector<ColumnBracket> columnBrackets;  // drawn above the column labels
    std::vector<FigurePanel> panels;
    int rows = 0;
    int cols = 0;
    double panelSize = 96;  // edge of one map, logical pixels
    double gap = 10;
    double margin = 12;
    double fontPixelSize = 12;
    bool tokenLabels = false;  // token text along each panel's axes, when it fits
    bool colorBar = false;
    bool vectorOutput = false;  // enlarge images before drawing (SVG/PDF viewers smooth them)
    int selectedLayer = -1;
    int selectedColumn = -1;
};

class PanelFigure {
  public:
    PanelFigure(const AttentionSnapshot& snapshot, const ThumbnailCache& thumbnails,
                const ColorLookup& lookup, ScaleMode mode, PanelFigureSpec spec);

    QSize size() const { return size_; }
    // Paints the whole figure with its top-left corner at (0, 0); only panels that meet
    // `exposed` are drawn when it is given.
    void paint(QPainter& painter, const QRect& exposed = QRect()) const;
    // The (layer, column) of the map under `point`, if any.
    std::optional<std::pair<int, int>> mapAt(QPoint point) const;
    QRectF panelRect(int layer, int column) const;
    bool showsTokenLabels() const { return tokenLabelWidth_ > 0; }

  private:
    QRectF panelRectAt(const FigurePanel& panel) const;
    void paintPanel(QPainter& painter, const FigurePanel& panel) const;
    void paintColorBar(QPainter& painter) const;

    const AttentionSnapshot& snapshot_;
    const ThumbnailCache& thumbnails_;
    const ColorLookup& lookup_;
    ScaleMode mode_;
    PanelFigureSpec spec_;
    // Layout, in logical pixels.
    double titleHeight_ = 0;
    double columnLabelHeight_ = 0;  // the column labels and, above them, the brackets
    double bracketHeight_ = 0;
    double rowLabelWidth_ = 0;
    double panelTitleHeight_ = 0;
    double tokenLabelWidth_ = 0;  // room for token labels left of and above each panel
    double tokenFontSize_ = 0;
    double colorBarWidth_ = 0;
    double footerHeight_ = 0;
    double panelsWidth_ = 0;
    double panelsHeight_ = 0;
    QSize size_;
};

// The grid of every layer (rows) and grid column (heads, then aggregates).
PanelFigureSpec gridFigureSpec(const AttentionSnapshot& snapshot, double panelSize);
// The maps of one layer, wrapped into a near-square block, each with its title.
PanelFigureSpec layerFigureSpec(const AttentionSnapshot& snapshot, int layer, double panelSize);
// "0 The · 1 cat · ..." for figures whose panels are too small for token labels.
QString tokenListText(const AttentionSnapshot& snapshot);

}  // namespace atlas::ui
