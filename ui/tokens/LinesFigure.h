// The token line view (as BertViz's head view): tokens in two columns, queries on the left and
// keys on the right, joined by lines whose opacity is the attention weight, one colour per head.
// Painted with QPainter onto any device, so the window and the exports share it.
#pragma once

#include <optional>
#include <vector>

#include <QColor>
#include <QPainter>
#include <QRectF>
#include <QSize>
#include <QString>

#include "AttentionSnapshot.h"
#include "common/ColorMaps.h"

namespace atlas::ui {

// A head's colour in the line view (BertViz-like categorical colours; aggregates are grey).
QColor lineColor(const GridColumn& column);

enum class TokenSide { Query, Key };

struct LinesFigureSpec {
    QString title;
    QString subtitle;
    int layer = 0;
    std::vector<int> columns;        // grid columns drawn, each in its colour
    std::vector<int> swatchColumns;  // the head strip on top (toggles in the window)
    int hoveredToken = -1;           // only this token's lines are drawn when >= 0
    TokenSide hoveredSide = TokenSide::Query;
    double fontPixelSize = 13;
    double margin = 12;
    double rowHeight = 22;
    double linkWidth = 220;   // the space between the two token columns
    double minimumWidth = 0;  // stretch the link space to fill this width
};

class LinesFigure {
  public:
    LinesFigure(const AttentionSnapshot& snapshot, ScaleMode mode, LinesFigureSpec spec);

    QSize size() const { return size_; }
    void paint(QPainter& painter) const;
    // The token under `point` and its side, if any.
    std::optional<std::pair<TokenSide, int>> tokenAt(QPointF point) const;
    // The grid column whose swatch is under `point`, if any.
    std::optional<int> swatchAt(QPointF point) const;
    QRectF tokenRect(TokenSide side, int token) const;
    QRectF swatchRect(int index) const;  // index into LinesFigureSpec::swatchColumns

  private:
    const AttentionSnapshot& snapshot_;
    ScaleMode mode_;
    LinesFigureSpec spec_;
    double titleHeight_ = 0;
    double swatchHeight_ = 0;
    double labelWidth_ = 0;
    double swatchWidth_ = 0;
    QSize size_;
};

}  // namespace atlas::ui
