// The focused head's plot: created once, updated with new data; fixed data range, queued replots.
#include "HeadHeatmapView.h"

#include <algorithm>
#include <cmath>

#include <QToolTip>

#include "FigureStyle.h"

namespace atlas::ui {

HeadHeatmapView::HeadHeatmapView(QWidget* parent) : QCustomPlot(parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(240, 240);
    setBackground(style::background());

    plotLayout()->insertRow(0);
    title_ = new QCPTextElement(this, QString(), style::font(15, true));
    title_->setTextColor(style::text());
    plotLayout()->addElement(0, 0, title_);

    heatmap_ = new QCPColorMap(xAxis, yAxis);
    heatmap_->setInterpolate(false);  // crisp cells
    heatmap_->setTightBoundary(false);
    colorScale_ = new QCPColorScale(this);
    plotLayout()->addElement(1, 1, colorScale_);
    colorScale_->setType(QCPAxis::atRight);
    colorScale_->setBarWidth(14);
    colorScale_->axis()->setTickLabelFont(style::font(11));
    colorScale_->axis()->setLabelFont(style::font(12));
    heatmap_->setColorScale(colorScale_);
    heatmap_->setGradient(colorGradient(colorMap_));
    // Line the colour scale up with the axis rect.
    auto* margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    colorScale_->setMarginGroup(QCP::msBottom | QCP::msTop, margins);

    xTicker_ = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
    yTicker_ = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
    xAxis->setTicker(xTicker_);
    yAxis->setTicker(yTicker_);
    yAxis->setRangeReversed(true);  // row 0 (the first query) on top
    xAxis->setTickLabelRotation(90);
    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->grid()->setVisible(false);
        axis->setSubTicks(false);
        axis->setTickLength(0, 3);
        axis->setLabelFont(style::font(12));
        axis->setLabelColor(style::mutedText());
        axis->setTickLabelColor(style::text());
    }
    xAxis->setLabel(tr("key (attended to)"));
    yAxis->setLabel(tr("query (attending)"));

    rowHighlight_ = new QCPItemRect(this);
    columnHighlight_ = new QCPItemRect(this);
    for (QCPItemRect* rect : {rowHighlight_, columnHighlight_}) {
        rect->setPen(QPen(style::highlight(), 2));
        rect->setBrush(Qt::NoBrush);
        rect->setVisible(false);
        rect->setClipToAxisRect(true);
    }
    rebuild();
}

void HeadHeatmapView::setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot) {
    snapshot_ = std::move(snapshot);
    rebuild();
}

void HeadHeatmapView::setMap(int layer, int column) {
    if (layer == layer_ && column == column_) {
        return;
    }
    layer_ = layer;
    column_ = column;
    rebuild();
}

void HeadHeatmapView::setColorMap(ColorMapKind kind) {
    colorMap_ = kind;
    heatmap_->setGradient(colorGradient(kind));
    replot(QCustomPlot::rpQueuedReplot);
}

void HeadHeatmapView::setScaleMode(ScaleMode mode) {
    scaleMode_ = mode;
    rebuild();
}

void HeadHeatmapView::setLongTitle(bool enabled) {
    longTitle_ = enabled;
    rebuild();
}

void HeadHeatmapView::setHighlight(int query, int key) {
    if (query == highlightQuery_ && key == highlightKey_) {
        return;
    }
    highlightQuery_ = query;
    highlightKey_ = key;
    updateHighlight();
    replot(QCustomPlot::rpQueuedReplot);
}

void HeadHeatmapView::rebuild() {
    const bool valid = snapshot_ && snapshot_->contains(layer_, column_);
    const int tokens = valid ? snapshot_->tokenCount() : 0;
    // Without data, show a sentence instead of empty axes and a meaningless colour scale.
    const bool showPlot = valid && tokens > 0;
    xAxis->setVisible(showPlot);
    yAxis->setVisible(showPlot);
    colorScale_->setVisible(showPlot);
    if (!showPlot) {
        heatmap_->data()->clear();
        title_->setText(tr("No attention to show yet."));
        title_->setTextColor(style::mutedText());
        xTicker_->clear();
        yTicker_->clear();
        updateHighlight();
        replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const Matrix& map = snapshot_->map(layer_, column_);  // [T, T]
    // Cells are centred on integers: token i sits at i, where its tick label is.
    heatmap_->data()->setSize(tokens, tokens);
    heatmap_->data()->setRange(QCPRange(0, tokens - 1), QCPRange(0, tokens - 1));
    for (int query = 0; query < tokens; ++query) {
        for (int key = 0; key < tokens; ++key) {
            heatmap_->data()->setCell(key, query, map(query, key));
        }
    }
    const float maximum = scaleMaximum(map, scaleMode_, snapshot_->sharedMaximum);
    heatmap_->setDataRange(QCPRange(0, maximum));  // fixed, never rescaled
    colorScale_->axis()->setLabel(snapshot_->normBased ? tr("norm") : tr("attention weight"));
    xAxis->setRange(-0.5, tokens - 0.5);
    yAxis->setRange(-0.5, tokens - 0.5);
    QString title = snapshot_->mapTitle(layer_, column_);
    if (longTitle_) {
        title = tr("%1 — %2").arg(snapshot_->modelName, title);
    }
    title_->setText(title);
    title_->setTextColor(style::text());
    updateTicks();
    updateHighlight();
    replot(QCustomPlot::rpQueuedReplot);
}

void HeadHeatmapView::updateTicks() {
    xTicker_->clear();
    yTicker_->clear();
    if (!snapshot_ || !snapshot_->contains(layer_, column_)) {
        return;
    }
    const int tokens = snapshot_->tokenCount();
    // Font and label spacing follow the cell size, so long sentences stay legible: every
    // token gets a label while cells are at least 8 px, every second or third below that.
    const double plotHeight = std::max(60.0, height() * 0.7);
    const double cell = plotHeight / std::max(1, tokens);
    const double fontSize = std::clamp(cell * 0.75, 8.0, 13.0);
    const int step = std::max(1, int(std::ceil(fontSize * 1.05 / cell)));
    for (int i = 0; i < tokens; i += step) {
        const QString label = snapshot_->tokenLabels[i];
        const QString shown = label.size() > 14 ? label.left(13) + QStringLiteral("…") : label;
        xTicker_->addTick(i, shown);
        yTicker_->addTick(i, shown);
    }
    xAxis->setTickLabelFont(style::font(fontSize));
    yAxis->setTickLabelFont(style::font(fontSize));
}

void HeadHeatmapView::updateHighlight() {
    const int tokens = snapshot_ ? snapshot_->tokenCount() : 0;
    const bool showRow = highlightQuery_ >= 0 && highlightQuery_ < tokens;
    const bool showColumn = highlightKey_ >= 0 && highlightKey_ < tokens;
    rowHighlight_->setVisible(showRow);
    columnHighlight_->setVisible(showColumn);
    if (showRow) {
        rowHighlight_->topLeft->setCoords(-0.5, highlightQuery_ - 0.5);
        rowHighlight_->bottomRight->setCoords(tokens - 0.5, highlightQuery_ + 0.5);
    }
    if (showColumn) {
        columnHighlight_->topLeft->setCoords(highlightKey_ - 0.5, -0.5);
        columnHighlight_->bottomRight->setCoords(highlightKey_ + 0.5, tokens - 0.5);
    }
}

std::optional<std::pair<int, int>> HeadHeatmapView::cellAt(QPointF position) const {
    if (!snapshot_ || !snapshot_->contains(layer_, column_) ||
        !axisRect()->rect().contains(position.toPoint())) {
        return std::nullopt;
    }
    const int tokens = snapshot_->tokenCount();
    const int key = int(std::floor(xAxis->pixelToCoord(position.x()) + 0.5));
    const int query = int(std::floor(yAxis->pixelToCoord(position.y()) + 0.5));
    if (query < 0 || query >= tokens || key < 0 || key >= tokens) {
        return std::nullopt;
    }
    return std::make_pair(query, key);
}

QString HeadHeatmapView::tooltipText(int query, int key) const {
    if (!snapshot_ || !snapshot_->contains(layer_, column_) || query < 0 || key < 0 ||
        query >= snapshot_->tokenCount() || key >= snapshot_->tokenCount()) {
        return {};
    }
    const float weight = snapshot_->map(layer_, column_)(query, key);
    return tr("“%1” → “%2”: %3")
        .arg(snapshot_->tokenLabels[query], snapshot_->tokenLabels[key])
        .arg(double(weight), 0, 'f', 2);
}

void HeadHeatmapView::paintFigure(QCPPainter& painter, QSize size) {
    resize(size);
    updateTicks();
    toPainter(&painter, size.width(), size.height());
}

void HeadHeatmapView::mouseMoveEvent(QMouseEvent* event) {
    if (auto cell = cellAt(event->position())) {
        const auto [query, key] = *cell;
        setHighlight(query, key);
        QToolTip::showText(event->globalPosition().toPoint(), tooltipText(query, key), this);
        emit cellHovered(query, key, snapshot_->map(layer_, column_)(query, key));
    } else {
        if (highlightQuery_ >= 0 || highlightKey_ >= 0) {
            setHighlight(-1, -1);
            emit hoverLeft();
        }
        QToolTip::hideText();
    }
    QCustomPlot::mouseMoveEvent(event);
}

void HeadHeatmapView::leaveEvent(QEvent* event) {
    setHighlight(-1, -1);
    emit hoverLeft();
    QCustomPlot::leaveEvent(event);
}

void HeadHeatmapView::resizeEvent(QResizeEvent* event) {
    QCustomPlot::resizeEvent(event);
    updateTicks();
}

}  // namespace atlas::ui
