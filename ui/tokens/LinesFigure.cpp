// Layout and painting of the token line view.
#include "tokens/LinesFigure.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <QCoreApplication>
#include <QFontMetricsF>

#include "common/FigureStyle.h"

namespace atlas::ui {

namespace {

// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct LinesText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::LinesFigure)
};

}  // namespace

QColor lineColor(const GridColumn& column) {
    // Matplotlib's tab10, the palette BertViz uses for heads.
    static constexpr std::array<QRgb, 10> kPalette = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728,
                                                      0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f,
                                                      0xbcbd22, 0x17becf};
    switch (column.kind) {
        case ColumnKind::Head:
            return QColor::fromRgb(kPalette[std::size_t(std::max(0, column.head)) % 10]);
        case ColumnKind::LayerMean:
            return QColor(0x33, 0x33, 0x33);
        case ColumnKind::Rollout:
            return QColor(0x55, 0x3c, 0x9a);
        case ColumnKind::Flow:
            return QColor(0x00, 0x6d, 0x5b);
    }
    return Qt::black;
}

LinesFigure::LinesFigure(const AttentionSnapshot& snapshot, ScaleMode mode, LinesFigureSpec spec)
    : snapshot_(snapshot), mode_(mode), spec_(std::move(spec)) {
    const QFontMetricsF metrics(style::font(spec_.fontPixelSize));
    const QFontMetricsF titleMetrics(style::font(spec_.fontPixelSize * 1.4, true));
    if (!spec_.title.isEmpty()) {
        titleHeight_ = titleMetrics.height() + 6;
        if (!spec_.subtitle.isEmpty()) {
            titleHeight_ += metrics.height() + 2;
        }
        titleHeight_ += 6;
    }
    for (int column : spec_.swatchColumns) {
        if (column >= 0 && column < snapshot_.columnCount()) {
            swatchWidth_ = std::max(
                swatchWidth_,
                metrics.horizontalAdvance(columnShortTitle(snapshot_.columns[column])) + 22);
        }
    }
    if (!spec_.swatchColumns.empty()) {
        swatchHeight_ = metrics.height() + 14;
    }
    for (const QString& label : snapshot_.tokenLabels) {
        labelWidth_ = std::max(labelWidth_, metrics.horizontalAdvance(label) + 16);
    }
    // The column headers must fit too.
    labelWidth_ = std::max({labelWidth_, metrics.horizontalAdvance(LinesText::tr("query")) + 16,
                            metrics.horizontalAdvance(LinesText::tr("key")) + 16});
    double width = spec_.margin * 2 + labelWidth_ * 2 + spec_.linkWidth;
    width = std::max(width, spec_.minimumWidth);
    width = std::max(width, spec_.margin * 2 + titleMetrics.horizontalAdvance(spec_.title));
    width = std::max(width, spec_.margin * 2 + spec_.swatchColumns.size() * (swatchWidth_ + 6));
    // The link space takes whatever width is left.
    spec_.linkWidth = width - spec_.margin * 2 - labelWidth_ * 2;
    const double height = spec_.margin * 2 + titleHeight_ + swatchHeight_ + metrics.height() +
                          snapshot_.tokenCount() * spec_.rowHeight;
    size_ = QSize(int(std::ceil(width)), int(std::ceil(height)));
}

QRectF LinesFigure::swatchRect(int index) const {
    return QRectF(spec_.margin + index * (swatchWidth_ + 6), spec_.margin + titleHeight_,
                  swatchWidth_, swatchHeight_ - 8);
}

QRectF LinesFigure::tokenRect(TokenSide side, int token) const {
    const double headerHeight = QFontMetricsF(style::font(spec_.fontPixelSize)).height();
    const double top =
        spec_.margin + titleHeight_ + swatchHeight_ + headerHeight + token * spec_.rowHeight;
    const double left =
        side == TokenSide::Query ? spec_.margin : spec_.margin + labelWidth_ + spec_.linkWidth;
    return QRectF(left, top, labelWidth_, spec_.rowHeight);
}

std::optional<std::pair<TokenSide, int>> LinesFigure::tokenAt(QPointF point) const {
    for (TokenSide side : {TokenSide::Query, TokenSide::Key}) {
        for (int i = 0; i < snapshot_.tokenCount(); ++i) {
            if (tokenRect(side, i).contains(point)) {
                return std::make_pair(side, i);
            }
        }
    }
    return std::nullopt;
}

std::optional<int> LinesFigure::swatchAt(QPointF point) const {
    for (std::size_t i = 0; i < spec_.swatchColumns.size(); ++i) {
        if (swatchRect(int(i)).contains(point)) {
            return spec_.swatchColumns[i];
        }
    }
    return std::nullopt;
}

void LinesFigure::paint(QPainter& painter) const {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    painter.fillRect(QRectF(QPointF(0, 0), QSizeF(size_)), style::background());
    const QFont base = style::font(spec_.fontPixelSize);
    const double line = QFontMetricsF(base).height();

    if (!spec_.title.isEmpty()) {
        const QFont titleFont = style::font(spec_.fontPixelSize * 1.4, true);
        const double titleLine = QFontMetricsF(titleFont).height();
        painter.setFont(titleFont);
        painter.setPen(style::text());
        painter.drawText(QRectF(spec_.margin, spec_.margin, size_.width(), titleLine),
                         Qt::AlignLeft | Qt::AlignVCenter, spec_.title);
        if (!spec_.subtitle.isEmpty()) {
            painter.setFont(base);
            painter.setPen(style::mutedText());
            painter.drawText(
                QRectF(spec_.margin, spec_.margin + titleLine + 6, size_.width(), line),
                Qt::AlignLeft | Qt::AlignVCenter, spec_.subtitle);
        }
    }

    // The head strip: a swatch per column, filled when drawn.
    painter.setFont(base);
    for (std::size_t i = 0; i < spec_.swatchColumns.size(); ++i) {
        const int column = spec_.swatchColumns[i];
        if (column < 0 || column >= snapshot_.columnCount()) {
            continue;
        }
        const QColor color = lineColor(snapshot_.columns[column]);
        const bool active =
            std::find(spec_.columns.begin(), spec_.columns.end(), column) != spec_.columns.end();
        const QRectF rect = swatchRect(int(i));
        painter.setPen(QPen(color, 1.5));
        painter.setBrush(active ? color : QColor(Qt::white));
        painter.drawRoundedRect(rect, 3, 3);
        painter.setPen(active ? QColor(Qt::white) : color.darker(130));
        painter.drawText(rect, Qt::AlignCenter, columnShortTitle(snapshot_.columns[column]));
    }

    // Column headers.
    const QRectF firstQuery = tokenRect(TokenSide::Query, 0);
    const QRectF firstKey = tokenRect(TokenSide::Key, 0);
    painter.setPen(style::mutedText());
    painter.drawText(QRectF(firstQuery.left(), firstQuery.top() - line, labelWidth_ - 8, line),
                     Qt::AlignRight | Qt::AlignVCenter, LinesText::tr("query"));
    painter.drawText(QRectF(firstKey.left() + 8, firstKey.top() - line, labelWidth_, line),
                     Qt::AlignLeft | Qt::AlignVCenter, LinesText::tr("key"));

    // Lines: for each drawn column, query i -> key j with opacity = weight / scale maximum.
    const int tokens = snapshot_.tokenCount();
    for (int column : spec_.columns) {
        if (!snapshot_.contains(spec_.layer, column)) {
            continue;
        }
        const MapView map = snapshot_.map(spec_.layer, column);
        const float maximum = scaleMaximum(map, mode_, snapshot_.sharedMaximum);
        QColor color = lineColor(snapshot_.columns[column]);
        for (int i = 0; i < tokens; ++i) {
            if (spec_.hoveredToken >= 0 && spec_.hoveredSide == TokenSide::Query &&
                i != spec_.hoveredToken) {
                continue;
            }
            const QPointF from(tokenRect(TokenSide::Query, i).right() - 2,
                               tokenRect(TokenSide::Query, i).center().y());
            for (int j = 0; j < tokens; ++j) {
                if (spec_.hoveredToken >= 0 && spec_.hoveredSide == TokenSide::Key &&
                    j != spec_.hoveredToken) {
                    continue;
                }
                const float opacity = std::clamp(map(i, j) / maximum, 0.0f, 1.0f);
                if (opacity < 0.01f) {
                    continue;  // invisible; skipping keeps SVG and PDF exports small
                }
                color.setAlphaF(opacity);
                painter.setPen(QPen(color, 2.0, Qt::SolidLine, Qt::RoundCap));
                const QPointF to(tokenRect(TokenSide::Key, j).left() + 2,
                                 tokenRect(TokenSide::Key, j).center().y());
                painter.drawLine(from, to);
            }
        }
    }

    // Token labels, the hovered one (and, when hovering, its partners) emphasised.
    for (TokenSide side : {TokenSide::Query, TokenSide::Key}) {
        for (int i = 0; i < tokens; ++i) {
            const QRectF rect = tokenRect(side, i);
            const bool hovered = spec_.hoveredToken == i && spec_.hoveredSide == side;
            if (hovered) {
                painter.setPen(Qt::NoPen);
                painter.setBrush(style::hoverFill());
                painter.drawRoundedRect(rect.adjusted(2, 1, -2, -1), 3, 3);
            }
            painter.setFont(style::font(spec_.fontPixelSize, hovered));
            painter.setPen(snapshot_.tokens[i].special ? style::mutedText() : style::text());
            const Qt::Alignment alignment =
                (side == TokenSide::Query ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
            painter.drawText(rect.adjusted(8, 0, -8, 0), alignment, snapshot_.tokenLabels[i]);
        }
    }
    painter.restore();
}

}  // namespace atlas::ui
