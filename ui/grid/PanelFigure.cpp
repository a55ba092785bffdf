// Layout and painting of the grid and layer figures: images are drawn one pixel per cell and
// scaled without smoothing, so a 12 x 12 grid repaints in milliseconds and cells stay crisp.
#include "grid/PanelFigure.h"

#include <algorithm>
#include <cmath>

#include <QCoreApplication>
#include <QFontMetricsF>

#include "common/FigureStyle.h"

namespace atlas::ui {

namespace {

// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct PanelText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::PanelFigure)
};

}  // namespace

void ThumbnailCache::rebuild(const AttentionSnapshot& snapshot, const ColorLookup& lookup,
                             ScaleMode mode) {
    images_.assign(std::size_t(snapshot.layerCount()), {});
    for (int l = 0; l < snapshot.layerCount(); ++l) {
        images_[l].reserve(std::size_t(snapshot.columnCount()));
        for (int c = 0; c < snapshot.columnCount(); ++c) {
            const MapView map = snapshot.gridMap(l, c);
            images_[l].push_back(
                lookup.image(map, scaleMaximum(map, mode, snapshot.sharedMaximum)));
        }
    }
}

const QImage& ThumbnailCache::image(int layer, int column) const {
    static const QImage kNone;
    if (layer < 0 || layer >= int(images_.size()) || column < 0 ||
        column >= int(images_[layer].size())) {
        return kNone;
    }
    return images_[layer][column];
}

PanelFigure::PanelFigure(const AttentionSnapshot& snapshot, const ThumbnailCache& thumbnails,
                         const ColorLookup& lookup, ScaleMode mode, PanelFigureSpec spec)
    : snapshot_(snapshot),
      thumbnails_(thumbnails),
      lookup_(lookup),
      mode_(mode),
      spec_(std::move(spec)) {
    const QFontMetricsF base(style::font(spec_.fontPixelSize));
    const QFontMetricsF titleMetrics(style::font(spec_.fontPixelSize * 1.5, true));
    const double line = base.height();
    if (!spec_.title.isEmpty()) {
        titleHeight_ = titleMetrics.height() + 4;
        if (!spec_.subtitle.isEmpty()) {
            titleHeight_ += line + 2;
        }
        titleHeight_ += 8;
    }
    if (!spec_.columnLabels.isEmpty()) {
        columnLabelHeight_ = line + 4;
    }
    if (!spec_.columnBrackets.empty()) {
        bracketHeight_ = line + 8;
        columnLabelHeight_ += bracketHeight_;
    }
    for (const QString& label : spec_.rowLabels) {
        rowLabelWidth_ = std::max(rowLabelWidth_, base.horizontalAdvance(label) + 10);
    }
    for (const FigurePanel& panel : spec_.panels) {
        if (!panel.title.isEmpty()) {
            panelTitleHeight_ = line + 4;
        }
    }
    const int tokens = snapshot_.tokenCount();
    if (spec_.tokenLabels && tokens > 0) {
        const double cell = spec_.panelSize / tokens;
        tokenFontSize_ = std::min(spec_.fontPixelSize, cell * 0.8);
        if (tokenFontSize_ >= 6.5) {
            const QFontMetricsF small(style::font(tokenFontSize_));
            double widest = 0;
            for (const QString& label : snapshot_.tokenLabels) {
                widest = std::max(widest, small.horizontalAdvance(label));
            }
            tokenLabelWidth_ = std::min(widest + 6, std::max(40.0, spec_.panelSize * 0.45));
        }
    }
    const double blockWidth = tokenLabelWidth_ + spec_.panelSize;
    const double blockHeight = panelTitleHeight_ + tokenLabelWidth_ + spec_.panelSize;
    panelsWidth_ = spec_.cols * blockWidth + std::max(0, spec_.cols - 1) * spec_.gap;
    panelsHeight_ = spec_.rows * blockHeight + std::max(0, spec_.rows - 1) * spec_.gap;
    if (spec_.colorBar) {
        colorBarWidth_ = spec_.gap * 2 + 16 + base.horizontalAdvance(QStringLiteral("0.000")) + 8;
        if (mode_ == ScaleMode::PerHead) {
            colorBarWidth_ =
                std::max(colorBarWidth_,
                         spec_.gap * 2 + base.horizontalAdvance(PanelText::tr("per map")) + 4);
        }
    }
    double width = spec_.margin * 2 + rowLabelWidth_ + panelsWidth_ + colorBarWidth_;
    width = std::max(width, spec_.margin * 2 + titleMetrics.horizontalAdvance(spec_.title));
    width = std::max(width, spec_.margin * 2 + base.horizontalAdvance(spec_.subtitle));
    if (!spec_.footer.isEmpty()) {
        const QRectF bounds = base.boundingRect(QRectF(0, 0, width - 2 * spec_.margin, 1e6),
                                                Qt::TextWordWrap, spec_.footer);
        footerHeight_ = bounds.height() + 10;
    }
    const double height =
        spec_.margin * 2 + titleHeight_ + columnLabelHeight_ + panelsHeight_ + footerHeight_;
    size_ = QSize(int(std::ceil(width)), int(std::ceil(height)));
}

QRectF PanelFigure::panelRectAt(const FigurePanel& panel) const {
    const double blockWidth = tokenLabelWidth_ + spec_.panelSize;
    const double blockHeight = panelTitleHeight_ + tokenLabelWidth_ + spec_.panelSize;
    const double x =
        spec_.margin + rowLabelWidth_ + panel.col * (blockWidth + spec_.gap) + tokenLabelWidth_;
    const double y = spec_.margin + titleHeight_ + columnLabelHeight_ +
                     panel.row * (blockHeight + spec_.gap) + panelTitleHeight_ + tokenLabelWidth_;
    return QRectF(x, y, spec_.panelSize, spec_.panelSize);
}

QRectF PanelFigure::panelRect(int layer, int column) const {
    for (const FigurePanel& panel : spec_.panels) {
        if (panel.layer == layer && panel.column == column) {
            return panelRectAt(panel);
        }
    }
    return {};
}

std::optional<std::pair<int, int>> PanelFigure::mapAt(QPoint point) const {
    for (const FigurePanel& panel : spec_.panels) {
        // A few pixels of slack so the gap's edge still counts as the panel.
        if (panelRectAt(panel).adjusted(-2, -2, 2, 2).contains(point)) {
            return std::make_pair(panel.layer, panel.column);
        }
    }
    return std::nullopt;
}

void PanelFigure::paint(QPainter& painter, const QRect& exposed) const {
    painter.save();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    painter.fillRect(QRectF(QPointF(0, 0), QSizeF(size_)), style::background());

    // Title and subtitle.
    double y = spec_.margin;
    if (!spec_.title.isEmpty()) {
        const QFont titleFont = style::font(spec_.fontPixelSize * 1.5, true);
        painter.setFont(titleFont);
        painter.setPen(style::text());
        const double titleLine = QFontMetricsF(titleFont).height();
        painter.drawText(QRectF(spec_.margin, y, size_.width() - 2 * spec_.margin, titleLine),
                         Qt::AlignLeft | Qt::AlignVCenter, spec_.title);
        y += titleLine + 4;
        if (!spec_.subtitle.isEmpty()) {
            painter.setFont(style::font(spec_.fontPixelSize));
            painter.setPen(style::mutedText());
            const double line = QFontMetricsF(painter.font()).height();
            painter.drawText(QRectF(spec_.margin, y, size_.width() - 2 * spec_.margin, line),
                             Qt::AlignLeft | Qt::AlignVCenter, spec_.subtitle);
        }
    }

    const QFont base = style::font(spec_.fontPixelSize);
    const double line = QFontMetricsF(base).height();
    const double blockWidth = tokenLabelWidth_ + spec_.panelSize;
    const double blockHeight = panelTitleHeight_ + tokenLabelWidth_ + spec_.panelSize;
    const double panelsTop = spec_.margin + titleHeight_ + columnLabelHeight_;
    const double panelsLeft = spec_.margin + rowLabelWidth_;

    // Column and row labels.
    painter.setFont(base);
    painter.setPen(style::text());
    bool tinted = false;
    int kv = 0;  // the brackets come KV head by KV head
    for (const ColumnBracket& bracket : spec_.columnBrackets) {
        // "KV 0" where the bracket is too narrow for "KV head 0: heads 0-1".
        const QString shortLabel =
            QCoreApplication::translate("atlas::ui::AttentionSnapshot", "KV %1").arg(kv++);
        const double left =
            panelsLeft + bracket.firstCol * (blockWidth + spec_.gap) + tokenLabelWidth_;
        const double right = panelsLeft + bracket.lastCol * (blockWidth + spec_.gap) +
                             tokenLabelWidth_ + spec_.panelSize;
        const QRectF rect(left, panelsTop - columnLabelHeight_, right - left, bracketHeight_ - 4);
        painter.setPen(Qt::NoPen);
        painter.setBrush(tinted ? QColor(0xe3, 0xec, 0xf7) : QColor(0xf4, 0xe8, 0xd8));
        painter.drawRoundedRect(rect, 3, 3);
        painter.setPen(QPen(style::mutedText(), 1));
        painter.drawLine(rect.bottomLeft(), rect.bottomRight());
        painter.drawLine(rect.bottomLeft(), rect.bottomLeft() + QPointF(0, 3));
        painter.drawLine(rect.bottomRight(), rect.bottomRight() + QPointF(0, 3));
        painter.setPen(style::text());
        painter.drawText(rect, Qt::AlignCenter,
                         QFontMetricsF(base).elidedText(QFontMetricsF(base).horizontalAdvance(
                                                            bracket.label) <= rect.width() - 4
                                                            ? bracket.label
                                                            : shortLabel,
                                                        Qt::ElideRight, rect.width() - 4));
        tinted = !tinted;
    }
    painter.setBrush(Qt::NoBrush);
    for (int c = 0; c < spec_.columnLabels.size() && c < spec_.cols; ++c) {
        const QRectF rect(panelsLeft + c * (blockWidth + spec_.gap) + tokenLabelWidth_,
                          panelsTop - columnLabelHeight_ + bracketHeight_, spec_.panelSize, line);
        const bool selected = std::any_of(spec_.panels.begin(), spec_.panels.end(), [&](auto& p) {
            return p.col == c && p.layer == spec_.selectedLayer && p.column == spec_.selectedColumn;
        });
        painter.setPen(selected ? style::highlight() : style::text());
        painter.drawText(rect, Qt::AlignCenter, spec_.columnLabels[c]);
    }
    for (int r = 0; r < spec_.rowLabels.size() && r < spec_.rows; ++r) {
        const QRectF rect(
            spec_.margin,
            panelsTop + r * (blockHeight + spec_.gap) + panelTitleHeight_ + tokenLabelWidth_,
            rowLabelWidth_ - 8, spec_.panelSize);
        const bool selected = std::any_of(spec_.panels.begin(), spec_.panels.end(), [&](auto& p) {
            return p.row == r && p.layer == spec_.selectedLayer && p.column == spec_.selectedColumn;
        });
        painter.setPen(selected ? style::highlight() : style::text());
        painter.drawText(rect, Qt::AlignRight | Qt::AlignVCenter, spec_.rowLabels[r]);
    }

    for (const FigurePanel& panel : spec_.panels) {
        const QRectF map = panelRectAt(panel);
        const QRectF block =
            map.adjusted(-tokenLabelWidth_ - 4, -tokenLabelWidth_ - panelTitleHeight_ - 4, 4, 4);
        if (!exposed.isNull() && !block.intersects(exposed)) {
            continue;
        }
        paintPanel(painter, panel);
    }
    if (spec_.colorBar) {
        paintColorBar(painter);
    }
    if (!spec_.footer.isEmpty()) {
        painter.setFont(base);
        painter.setPen(style::mutedText());
        const double top = panelsTop + panelsHeight_ + 10;
        painter.drawText(QRectF(spec_.margin, top, size_.width() - 2 * spec_.margin, footerHeight_),
                         Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, spec_.footer);
    }
    painter.restore();
}

void PanelFigure::paintPanel(QPainter& painter, const FigurePanel& panel) const {
    const QRectF rect = panelRectAt(panel);
    const QImage& image = thumbnails_.image(panel.layer, panel.column);
    if (!image.isNull()) {
        if (spec_.vectorOutput) {
            // Enlarge by whole pixels first, so viewers that smooth embedded images keep the
            // cell edges sharp.
            const int factor = std::max(1, int(std::ceil(rect.width() * 2 / image.width())));
            painter.drawImage(rect, image.scaled(image.width() * factor, image.height() * factor,
                                                 Qt::IgnoreAspectRatio, Qt::FastTransformation));
        } else {
            painter.drawImage(rect, image);
        }
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(style::panelBorder(), 1));
    painter.drawRect(rect);
    if (panel.layer == spec_.selectedLayer && panel.column == spec_.selectedColumn) {
        painter.setPen(QPen(style::highlight(), 3));
        painter.drawRect(rect.adjusted(-2.5, -2.5, 2.5, 2.5));
    }
    if (!panel.title.isEmpty()) {
        painter.setFont(style::font(spec_.fontPixelSize, true));
        painter.setPen(style::text());
        painter.drawText(QRectF(rect.left() - tokenLabelWidth_,
                                rect.top() - tokenLabelWidth_ - panelTitleHeight_,
                                rect.width() + tokenLabelWidth_, panelTitleHeight_ - 2),
                         Qt::AlignCenter, panel.title);
    }
    if (tokenLabelWidth_ <= 0) {
        return;
    }
    // Token labels: queries down the left, keys along the top (rotated).
    const QFont small = style::font(tokenFontSize_);
    const QFontMetricsF metrics(small);
    painter.setFont(small);
    painter.setPen(style::text());
    const int tokens = snapshot_.tokenCount();
    const double cell = rect.height() / tokens;
    for (int i = 0; i < tokens; ++i) {
        const QString label =
            metrics.elidedText(snapshot_.tokenLabels[i], Qt::ElideRight, tokenLabelWidth_ - 5);
        painter.drawText(QRectF(rect.left() - tokenLabelWidth_, rect.top() + i * cell,
                                tokenLabelWidth_ - 4, cell),
                         Qt::AlignRight | Qt::AlignVCenter, label);
        painter.save();
        painter.translate(rect.left() + (i + 0.5) * cell, rect.top() - 4);
        painter.rotate(-90);
        painter.drawText(QRectF(0, -cell / 2, tokenLabelWidth_ - 4, cell),
                         Qt::AlignLeft | Qt::AlignVCenter, label);
        painter.restore();
    }
}

void PanelFigure::paintColorBar(QPainter& painter) const {
    const QFont base = style::font(spec_.fontPixelSize);
    const double line = QFontMetricsF(base).height();
    const double left = spec_.margin + rowLabelWidth_ + panelsWidth_ + spec_.gap * 2;
    const double top = spec_.margin + titleHeight_ + columnLabelHeight_ + panelTitleHeight_ +
                       tokenLabelWidth_ + line / 2;
    const double available = panelsHeight_ - panelTitleHeight_ - tokenLabelWidth_ - line;
    const double height = std::clamp(available, std::min(available, 80.0), 360.0);
    if (height <= 10) {
        return;
    }
    QImage bar(1, 256, QImage::Format_RGB32);
    for (int i = 0; i < 256; ++i) {
        bar.setPixel(0, 255 - i, lookup_.table()[i]);  // top = largest value
    }
    const QRectF barRect(left, top, 16, height);
    painter.drawImage(barRect, bar);
    painter.setPen(QPen(style::panelBorder(), 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(barRect);
    painter.setFont(base);
    painter.setPen(style::text());
    if (mode_ == ScaleMode::PerHead) {
        painter.drawText(QRectF(barRect.right() + 4, top - line / 2, 200, line),
                         Qt::AlignLeft | Qt::AlignVCenter, PanelText::tr("max"));
        painter.drawText(QRectF(barRect.right() + 4, top + height - line / 2, 200, line),
                         Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("0"));
        painter.setPen(style::mutedText());
        painter.drawText(QRectF(left, top + height + line, 200, line),
                         Qt::AlignLeft | Qt::AlignVCenter, PanelText::tr("per map"));
        return;
    }
    const double maximum = snapshot_.sharedMaximum;
    for (int tick = 0; tick <= 4; ++tick) {
        const double fraction = tick / 4.0;
        const double y = top + height * (1 - fraction);
        painter.drawLine(QPointF(barRect.right(), y), QPointF(barRect.right() + 3, y));
        painter.drawText(QRectF(barRect.right() + 5, y - line / 2, 200, line),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         QString::number(fraction * maximum, 'f', 2));
    }
}

PanelFigureSpec gridFigureSpec(const AttentionSnapshot& snapshot, double panelSize) {
    PanelFigureSpec spec;
    spec.rows = snapshot.layerCount();
    spec.cols = snapshot.columnCount();
    spec.panelSize = panelSize;
    for (int l = 0; l < spec.rows; ++l) {
        spec.rowLabels << QCoreApplication::translate("atlas::ui::PanelFigure", "Layer %1").arg(l);
    }
    for (const GridColumn& column : snapshot.columns) {
        spec.columnLabels << columnShortTitle(column);
    }
    for (const KeyValueGroup& group : snapshot.keyValueGroups()) {
        int first = -1;
        int last = -1;
        for (int c = 0; c < spec.cols; ++c) {
            const GridColumn& column = snapshot.columns[c];
            if (column.kind == ColumnKind::Head && column.head == group.first_head)
                first = c;
            if (column.kind == ColumnKind::Head && column.head == group.last_head)
                last = c;
        }
        if (first >= 0 && last >= first) {
            spec.columnBrackets.push_back({first, last, keyValueGroupTitle(group)});
        }
    }
    for (int l = 0; l < spec.rows; ++l) {
        for (int c = 0; c < spec.cols; ++c) {
            spec.panels.push_back({l, c, l, c, {}});
        }
    }
    return spec;
}

PanelFigureSpec layerFigureSpec(const AttentionSnapshot& snapshot, int layer, double panelSize) {
    PanelFigureSpec spec;
    spec.panelSize = panelSize;
    const int count = snapshot.columnCount();
    spec.cols = std::max(1, int(std::ceil(std::sqrt(double(count)))));
    spec.rows = (count + spec.cols - 1) / spec.cols;
    for (int c = 0; c < count; ++c) {
        QString title = columnTitle(snapshot.columns[c]);
        const int kv = snapshot.columns[c].kind == ColumnKind::Head
                           ? snapshot.keyValueHeadOf(snapshot.columns[c].head)
                           : -1;
        if (kv >= 0) {
            title += QCoreApplication::translate("atlas::ui::AttentionSnapshot", " · KV head %1")
                         .arg(kv);
        }
        spec.panels.push_back({layer, c, c / spec.cols, c % spec.cols, title});
    }
    return spec;
}

QString tokenListText(const AttentionSnapshot& snapshot) {
    QStringList parts;
    for (int i = 0; i < snapshot.tokenCount(); ++i) {
        parts << QStringLiteral("%1 %2").arg(i).arg(snapshot.tokenLabels[i]);
    }
    return QCoreApplication::translate("atlas::ui::PanelFigure",
                                       "Tokens (rows are queries, columns keys): %1")
        .arg(parts.join(QStringLiteral("  ·  ")));
}

}  // namespace atlas::ui
