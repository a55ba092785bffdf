// The focused head's plot: created once, updated with new data; fixed data range, queued replots.
#include "head/HeadHeatmapView.h"

#include "common/SpaceMarkers.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QMap>
#include <QToolTip>

#include "common/FigureStyle.h"

namespace atlas::ui {

namespace {
constexpr int kMinimumHeight = 120;
constexpr double kMinimumCells = 4;     // zoomed in as far as it goes, per axis
constexpr double kLabelSpacing = 1.08;  // labels at least this many text heights apart
// Up to this many tokens the plot holds the whole map. A longer text's map (4,096 tokens is 16.7 M
// cells) is too large to colour and draw again at every pan step, so the plot holds the visible
// cells with a margin, each plot cell the largest weight of a block when cells are smaller than
// pixels (a single sharp weight still shows, as in the grid's thumbnails).
constexpr int kWholeMapUpTo = 1024;
// The colour scale's numbers, centre to centre, at least this many text heights apart.
constexpr double kScaleLabelSpacing = 1.35;
constexpr int kMostScaleLabels = 6;  // 0, 0.2, ..., 1 on a tall bar

// 1, 2, 5, 10, 20, 25, 50, 100, ...: labels at round positions are easier to follow.
int roundStep(int step) {
    for (int base = 1;; base *= 10) {
        for (int factor : {1, 2, 5}) {
            if (factor * base >= step) {
                return factor * base;
            }
        }
        if (base > 1'000'000) {
            return step;
        }
    }
}
}  // namespace

HeadHeatmapView::HeadHeatmapView(QWidget* parent) : QCustomPlot(parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    // Small enough for the tab of a 720-pixel screen at the largest text size; titles and tick
    // labels that do not fit are left out or thinned.
    setMinimumSize(200, kMinimumHeight);
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
    scaleTicker_ = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
    colorScale_->axis()->setTicker(scaleTicker_);
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
    retranslate();

    rowHighlight_ = new QCPItemRect(this);
    columnHighlight_ = new QCPItemRect(this);
    for (QCPItemRect* rect : {rowHighlight_, columnHighlight_}) {
        rect->setPen(QPen(style::highlight(), 2));
        rect->setBrush(Qt::NoBrush);
        rect->setVisible(false);
        rect->setClipToAxisRect(true);
    }
    // Wheel zooms around the pointer, dragging pans; keepRangeInside keeps both inside the map.
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setRangeZoomFactor(0.8);
    for (QCPAxis* axis : {xAxis, yAxis}) {
        connect(axis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this, axis]() {
            keepRangeInside(axis);
            if (!clamping_) {
                updateTicks();
                loadVisibleCells(false);
            }
        });
    }
    connect(this, &QCustomPlot::afterReplot, this, &HeadHeatmapView::onReplotted);
    rebuild();
}

void HeadHeatmapView::retranslate() {
    keyTitle_ = tr("key (attended to)");
    queryTitle_ = tr("query (attending)");
    showAxisTitles();
}

void HeadHeatmapView::showAxisTitles() {
    titlesFitted_ = false;
    xAxis->setLabel(keyTitle_);
    yAxis->setLabel(queryTitle_);
    colorScale_->axis()->setLabel(scaleTitle_);
}

bool HeadHeatmapView::fitAxisTitles() {
    if (titlesFitted_) {
        return false;
    }
    titlesFitted_ = true;
    bool changed = false;
    const auto fit = [&changed](QCPAxis* axis, double length) {
        if (!axis->label().isEmpty() &&
            QFontMetricsF(axis->labelFont()).horizontalAdvance(axis->label()) > length) {
            axis->setLabel(QString());
            changed = true;
        }
    };
    const double height = axisRect()->height();
    // Below four lines of its type the map needs the key title's line more than the title.
    const double keyLine = QFontMetricsF(xAxis->labelFont()).height();
    fit(xAxis, height < 4 * keyLine ? 0.0 : axisRect()->width());
    fit(yAxis, height);
    fit(colorScale_->axis(), height);
    return changed;
}

bool HeadHeatmapView::fitScaleTicks() {
    const double maximum = heatmap_->dataRange().upper;
    const double height = colorScale_->axis()->axisRect()->height();
    const double line = QFontMetricsF(colorScale_->axis()->tickLabelFont()).height();
    if (!(maximum > 0) || height < 1) {
        return false;
    }
    // n labels spaced kScaleLabelSpacing lines apart span (n - 1) spacings of the bar.
    const int fitting =
        std::min(kMostScaleLabels, 1 + int(std::floor(height / (kScaleLabelSpacing * line))));
    QMap<double, QString> ticks;
    if (fitting < 2) {
        ticks.insert(maximum, QString::number(maximum, 'g', 3));  // the top only
    } else {
        // The smallest round step (1, 2, 2.5, 5 times a power of ten) that fits.
        double step = maximum;
        bool found = false;
        for (double power = std::pow(10.0, std::floor(std::log10(maximum)) - 2);
             power <= maximum * 10 && !found; power *= 10) {
            for (double factor : {1.0, 2.0, 2.5, 5.0}) {
                if (int(std::floor(maximum / (factor * power) + 1e-9)) + 1 <= fitting) {
                    step = factor * power;
                    found = true;
                    break;
                }
            }
        }
        const int count = int(std::floor(maximum / step + 1e-9));
        for (int i = 0; i <= count; ++i) {
            ticks.insert(i * step, QString::number(i * step, 'g', 3));
        }
    }
    if (ticks == scaleTicker_->ticks()) {
        return false;
    }
    scaleTicker_->setTicks(ticks);
    return true;
}

void HeadHeatmapView::keepMapHeight(int pixels) {
    keptMapHeight_ = std::max(0, pixels);
    if (keptMapHeight_ == 0) {
        setMinimumHeight(kMinimumHeight);
    }
    replot(QCustomPlot::rpQueuedReplot);
}

void HeadHeatmapView::followMapHeight() {
    // A hidden plot is laid out at its last shown size, not at the widget's.
    if (keptMapHeight_ == 0 || !xAxis->visible() || !isVisible()) {
        return;
    }
    // What the title, the token labels and the axis titles take at this text size (more than
    // the whole height when the map was squeezed below nothing).
    const int around = viewport().height() - axisRect()->height();
    const int wanted = std::max(kMinimumHeight, around + keptMapHeight_);
    if (std::abs(wanted - minimumHeight()) > 2) {
        setMinimumHeight(wanted);
    }
}

void HeadHeatmapView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        rebuild();  // the title and the colour scale's label
    }
    QCustomPlot::changeEvent(event);
}

void HeadHeatmapView::setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot) {
    shownMap_.reset();  // it may point into the snapshot being let go
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
        shownMap_.reset();
        loaded_ = {};
        heatmap_->data()->clear();
        title_->setText(tr("No attention to show yet."));
        title_->setTextColor(style::mutedText());
        xTicker_->clear();
        yTicker_->clear();
        updateHighlight();
        replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    shownMap_.emplace(snapshot_->map(layer_, column_));  // [T, T]
    const float maximum = scaleMaximum(*shownMap_, scaleMode_, snapshot_->sharedMaximum);
    heatmap_->setDataRange(QCPRange(0, maximum));  // fixed, never rescaled
    const QString scaleTitle = snapshot_->normBased ? tr("norm") : tr("attention weight");
    if (scaleTitle != scaleTitle_) {
        scaleTitle_ = scaleTitle;
        showAxisTitles();
    }
    // Another head of a sentence as long keeps the zoom (compare heads at one place); a new
    // length shows the whole map.
    if (tokens != shownTokens_) {
        shownTokens_ = tokens;
        clamping_ = true;
        xAxis->setRange(-0.5, tokens - 0.5);
        yAxis->setRange(-0.5, tokens - 0.5);
        clamping_ = false;
    }
    loadVisibleCells(true);
    QString title = snapshot_->mapTitle(layer_, column_);
    if (longTitle_) {
        title = tr("%1 — %2").arg(snapshot_->modelName, title);
        if (snapshot_->sinkHidden) {
            title += QCoreApplication::translate("atlas::ui::ExportRenderer",
                                                 " · first token hidden (attention sink)");
        }
        // Exports: what the token labels' marks for blanks mean.
        const QString legend = spaceMarkerLegend(snapshot_->tokenLabels);
        if (!legend.isEmpty()) {
            title += QLatin1Char('\n') + legend;
        }
    }
    title_->setText(title);
    title_->setTextColor(style::text());
    updateTicks();
    updateHighlight();
    replot(QCustomPlot::rpQueuedReplot);
}

double HeadHeatmapView::axisLength(QCPAxis* axis) const {
    const double laidOut = axis == xAxis ? axisRect()->width() : axisRect()->height();
    if (laidOut > 10) {
        return laidOut;
    }
    // Not laid out yet: most of the widget; the first replot corrects it (onReplotted).
    return std::max(60.0, (axis == xAxis ? width() : height()) * 0.7);
}

int HeadHeatmapView::labelStep(QCPAxis* axis, double fontPixelSize) const {
    const double cell = axisLength(axis) / std::max(1e-9, axis->range().size());
    // Key labels are rotated, so along either axis a label takes one text height.
    const double text = QFontMetricsF(style::font(fontPixelSize)).height();
    return roundStep(std::max(1, int(std::ceil(text * kLabelSpacing / cell))));
}

void HeadHeatmapView::setTextScale(double factor) {
    textScale_ = std::max(0.5, factor);
    title_->setFont(style::font(15 * textScale_, true));
    colorScale_->setBarWidth(int(14 * textScale_));
    colorScale_->axis()->setTickLabelFont(style::font(11 * textScale_));
    colorScale_->axis()->setLabelFont(style::font(12 * textScale_));
    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->setLabelFont(style::font(12 * textScale_));
    }
    showAxisTitles();
    rebuild();
}

void HeadHeatmapView::updateTicks(int minimumKeyStep, int minimumQueryStep) {
    xTicker_->clear();
    yTicker_->clear();
    if (!snapshot_ || !snapshot_->contains(layer_, column_)) {
        return;
    }
    const int tokens = snapshot_->tokenCount();
    // Font size follows the visible cell size, so a zoomed-in map gets larger labels; the
    // labels are then thinned to every n-th token so that none overlap.
    const double cell = std::min(axisLength(xAxis) / std::max(1e-9, xAxis->range().size()),
                                 axisLength(yAxis) / std::max(1e-9, yAxis->range().size()));
    tickFontSize_ = std::clamp(cell * 0.75, 8.0, 13.0 * textScale_);
    keyStep_ = std::max(labelStep(xAxis, tickFontSize_), roundStep(minimumKeyStep));
    queryStep_ = std::max(labelStep(yAxis, tickFontSize_), roundStep(minimumQueryStep));
    auto addTicks = [&](QCPAxis* axis, QCPAxisTickerText& ticker, int step) {
        const QCPRange range = axis->range();
        const int first = std::max(0, int(std::ceil(range.lower / step)) * step);
        for (int i = first; i < tokens && i <= range.upper; i += step) {
            const QString label = snapshot_->tokenLabels[i];
            ticker.addTick(i, label.size() > 14 ? label.left(13) + QStringLiteral("…") : label);
        }
    };
    addTicks(xAxis, *xTicker_, keyStep_);
    addTicks(yAxis, *yTicker_, queryStep_);
    xAxis->setTickLabelFont(style::font(tickFontSize_));
    yAxis->setTickLabelFont(style::font(tickFontSize_));
}

// The label step was chosen from the previous layout's axis lengths; once laid out with the new
// labels, the axes may be shorter: thin further if needed (steps only grow, so this settles).
void HeadHeatmapView::onReplotted() {
    if (!snapshot_ || !snapshot_->contains(layer_, column_)) {
        return;
    }
    const bool titles = fitAxisTitles();
    if (fitScaleTicks() || titles) {
        replot(QCustomPlot::rpQueuedReplot);
    }
    followMapHeight();
    const int keyStep = labelStep(xAxis, tickFontSize_);
    const int queryStep = labelStep(yAxis, tickFontSize_);
    if (keyStep > keyStep_ || queryStep > queryStep_) {
        const double font = tickFontSize_;
        updateTicks(keyStep, queryStep);
        tickFontSize_ = font;
        xAxis->setTickLabelFont(style::font(font));
        yAxis->setTickLabelFont(style::font(font));
        replot(QCustomPlot::rpQueuedReplot);
    }
}

void HeadHeatmapView::keepRangeInside(QCPAxis* axis) {
    if (clamping_ || !snapshot_ || !snapshot_->contains(layer_, column_)) {
        return;
    }
    const double lowest = -0.5;
    const double highest = snapshot_->tokenCount() - 0.5;
    const double full = highest - lowest;
    const QCPRange range = axis->range();
    const double size = std::clamp(range.size(), std::min(full, kMinimumCells), full);
    double lower = size == range.size() ? range.lower : range.center() - size / 2;
    lower = std::clamp(lower, lowest, highest - size);
    if (std::abs(lower - range.lower) > 1e-9 || std::abs(size - range.size()) > 1e-9) {
        clamping_ = true;
        axis->setRange(lower, lower + size);
        clamping_ = false;
    }
}

void HeadHeatmapView::zoomTo(QCPRange keys, QCPRange queries) {
    clamping_ = true;
    xAxis->setRange(keys);
    yAxis->setRange(queries);
    clamping_ = false;
    keepRangeInside(xAxis);
    keepRangeInside(yAxis);
    updateTicks();
    loadVisibleCells(false);
    replot(QCustomPlot::rpQueuedReplot);
}

void HeadHeatmapView::resetZoom() {
    const int tokens = snapshot_ ? snapshot_->tokenCount() : 0;
    zoomTo(QCPRange(-0.5, tokens - 0.5), QCPRange(-0.5, tokens - 0.5));
}

bool HeadHeatmapView::isZoomed() const {
    const int tokens = snapshot_ ? snapshot_->tokenCount() : 0;
    return xAxis->range().size() < tokens - 1e-6 || yAxis->range().size() < tokens - 1e-6;
}

QVector<int> HeadHeatmapView::keyLabelTokens() const {
    QVector<int> tokens;
    for (double key : xTicker_->ticks().keys()) {
        tokens << int(std::lround(key));
    }
    return tokens;
}

QVector<int> HeadHeatmapView::queryLabelTokens() const {
    QVector<int> tokens;
    for (double key : yTicker_->ticks().keys()) {
        tokens << int(std::lround(key));
    }
    return tokens;
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
    const float weight = shownMap_ ? (*shownMap_)(query, key) : 0.0f;
    return tr("“%1” → “%2”: %3")
        .arg(snapshot_->tokenLabels[query], snapshot_->tokenLabels[key])
        .arg(double(weight), 0, 'f', 2);
}

void HeadHeatmapView::paintFigure(QCPPainter& painter, QSize size) {
    resize(size);
    updateTicks();
    replot(QCustomPlot::rpImmediateRefresh);  // lays out at `size`; onReplotted thins labels
    if (loadVisibleCells(false)) {            // a long text's cells for the laid-out size
        replot(QCustomPlot::rpImmediateRefresh);
    }
    toPainter(&painter, size.width(), size.height());
}

void HeadHeatmapView::mouseMoveEvent(QMouseEvent* event) {
    if (auto cell = cellAt(event->position())) {
        const auto [query, key] = *cell;
        setHighlight(query, key);
        QToolTip::showText(event->globalPosition().toPoint(), tooltipText(query, key), this);
        emit cellHovered(query, key, shownMap_ ? (*shownMap_)(query, key) : 0.0f);
    } else {
        if (highlightQuery_ >= 0 || highlightKey_ >= 0) {
            setHighlight(-1, -1);
            emit hoverLeft();
        }
        QToolTip::hideText();
    }
    QCustomPlot::mouseMoveEvent(event);
}

void HeadHeatmapView::mouseDoubleClickEvent(QMouseEvent* event) {
    resetZoom();
    QCustomPlot::mouseDoubleClickEvent(event);
}

void HeadHeatmapView::leaveEvent(QEvent* event) {
    setHighlight(-1, -1);
    emit hoverLeft();
    QCustomPlot::leaveEvent(event);
}

void HeadHeatmapView::resizeEvent(QResizeEvent* event) {
    showAxisTitles();
    QCustomPlot::resizeEvent(event);
    updateTicks();
    loadVisibleCells(false);
}

bool HeadHeatmapView::loadVisibleCells(bool force) {
    if (!shownMap_ || !snapshot_ || !snapshot_->contains(layer_, column_)) {
        return false;
    }
    const Matrix& map = shownMap_->matrix();
    const int tokens = int(map.rows());
    LoadedCells wanted{0, tokens - 1, 0, tokens - 1, 1};
    if (tokens > kWholeMapUpTo) {
        auto visible = [tokens](QCPRange range) {
            return std::pair{std::clamp(int(std::floor(range.lower + 0.5)), 0, tokens - 1),
                             std::clamp(int(std::ceil(range.upper - 0.5)), 0, tokens - 1)};
        };
        const auto [firstKey, lastKey] = visible(xAxis->range());
        const auto [firstQuery, lastQuery] = visible(yAxis->range());
        const double keysPerPixel = (lastKey - firstKey + 1) / axisLength(xAxis);
        const double queriesPerPixel = (lastQuery - firstQuery + 1) / axisLength(yAxis);
        const int stride = std::max(1, int(std::min(keysPerPixel, queriesPerPixel)));
        const bool inside = loaded_.stride == stride && firstKey >= loaded_.firstKey &&
                            lastKey <= loaded_.lastKey && firstQuery >= loaded_.firstQuery &&
                            lastQuery <= loaded_.lastQuery;
        // After zooming in, a window far larger than the view costs as much as the whole map.
        const bool tooLarge =
            loaded_.lastKey - loaded_.firstKey > 4 * (lastKey - firstKey + 1) + 2 * stride ||
            loaded_.lastQuery - loaded_.firstQuery > 4 * (lastQuery - firstQuery + 1) + 2 * stride;
        if (!force && inside && !tooLarge) {
            return false;
        }
        // Half a view of margin on each side: the next pan steps need no new cells.
        auto window = [tokens, stride](int first, int last) {
            const int margin = (last - first + 1) / 2 + stride;
            const int start = std::max(0, (first - margin) / stride * stride);
            return std::pair{start, std::min(tokens - 1, last + margin)};
        };
        std::tie(wanted.firstKey, wanted.lastKey) = window(firstKey, lastKey);
        std::tie(wanted.firstQuery, wanted.lastQuery) = window(firstQuery, lastQuery);
        wanted.stride = stride;
    } else if (!force && loaded_.stride == 1 && loaded_.lastKey == tokens - 1) {
        return false;
    }
    loaded_ = wanted;
    const int stride = wanted.stride;
    const int keys = (wanted.lastKey - wanted.firstKey) / stride + 1;
    const int queries = (wanted.lastQuery - wanted.firstQuery) / stride + 1;
    // Cells are centred on integers: token i sits at i, where its tick label is; a pooled cell
    // sits at the centre of its block.
    const double offset = (stride - 1) / 2.0;
    QCPColorMapData* data = heatmap_->data();
    data->setSize(keys, queries);
    data->setRange(
        QCPRange(wanted.firstKey + offset, wanted.firstKey + (keys - 1) * stride + offset),
        QCPRange(wanted.firstQuery + offset, wanted.firstQuery + (queries - 1) * stride + offset));
    for (int row = 0; row < queries; ++row) {
        const int query = wanted.firstQuery + row * stride;
        const int queryEnd = std::min(query + stride, tokens);
        for (int column = 0; column < keys; ++column) {
            const int key = wanted.firstKey + column * stride;
            const int keyEnd = std::min(key + stride, tokens);
            const float value =
                stride == 1 ? map(query, key)
                            : map.block(query, key, queryEnd - query, keyEnd - key).maxCoeff();
            data->setCell(column, row, value);
        }
    }
    return true;
}

}  // namespace atlas::ui
