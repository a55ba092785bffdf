// The grid widget: lays the maps out to fill the available width (times the zoom), paints the
// cached thumbnails, and colours new ones on a pool thread when a sentence is large.
#include "grid/HeadGridView.h"

#include <algorithm>
#include <cmath>

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include "common/FigureStyle.h"

namespace atlas::ui {

namespace {
constexpr double kMinimumPanel = 40;
constexpr double kMaximumPanel = 150;
constexpr double kSmallestPanel = 12;  // zoomed out as far as it goes
constexpr double kLargestPanel = 900;
constexpr double kLabelFont = 12;
// Up to this many cells in all maps (a 4 x 8 model at 64 tokens), colouring takes about a
// millisecond and is done at once; above it, on a pool thread.
constexpr qint64 kSynchronousCells = 400'000;
// The heads best at the chosen role: a blue apart from the orange focus outline.
const QColor kRoleHighlight(0x1f, 0x6f, 0xff);

QString layerLabel(int layer, bool collapsed) {
    return HeadGridView::tr("%1 Layer %2")
        .arg(collapsed ? QStringLiteral("▸") : QStringLiteral("▾"))
        .arg(layer);
}
}  // namespace

HeadGridView::HeadGridView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    thumbnailJob_.onResult([this](std::shared_ptr<const GridThumbnails> rendered) {
        onThumbnailsRendered(std::move(rendered));
    });
}

HeadGridView::~HeadGridView() = default;

void HeadGridView::setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot) {
    snapshot_ = std::move(snapshot);
    hovered_.reset();
    const int layers = snapshot_ ? snapshot_->layerCount() : 0;
    if (int(collapsed_.size()) != layers) {
        collapsed_.assign(std::size_t(layers), false);  // another model: start expanded
    }
    requestThumbnails();
    relayout();
}

void HeadGridView::setColorMap(ColorMapKind kind) {
    if (kind == lookup_.kind()) {
        return;
    }
    lookup_ = ColorLookup(kind);
    requestThumbnails();
}

void HeadGridView::setScaleMode(ScaleMode mode) {
    if (mode == scaleMode_) {
        return;
    }
    scaleMode_ = mode;
    requestThumbnails();
}

void HeadGridView::setTextScale(double scale) {
    if (scale == textScale_ || !(scale > 0)) {
        return;
    }
    textScale_ = scale;
    relayout();
}

QFont HeadGridView::labelFont() const {
    return style::font(kLabelFont * textScale_);
}

void HeadGridView::setSelectedMap(int layer, int column) {
    selectedLayer_ = layer;
    selectedColumn_ = column;
    if (isLayerCollapsed(layer)) {
        setLayerCollapsed(layer, false);
    } else {
        update();  // the layout does not depend on the focus, nor do the thumbnails
    }
}

void HeadGridView::setRoleLabels(int heads, QVector<QString> labels) {
    roleHeads_ = heads;
    roleLabels_ = std::move(labels);
    update();
}

QString HeadGridView::roleLabel(int layer, int head) const {
    if (roleHeads_ <= 0 || layer < 0 || head < 0 || head >= roleHeads_) {
        return {};
    }
    return roleLabels_.value(layer * roleHeads_ + head);
}

void HeadGridView::setHighlightedHeads(QList<QPair<int, int>> heads) {
    highlighted_ = std::move(heads);
    update();
}

void HeadGridView::setLayerCollapsed(int layer, bool collapsed) {
    if (layer < 0 || layer >= int(collapsed_.size()) || collapsed_[layer] == collapsed) {
        return;
    }
    collapsed_[layer] = collapsed;
    hovered_.reset();
    relayout();
    emit layerCollapsedChanged(layer, collapsed);
}

bool HeadGridView::isLayerCollapsed(int layer) const {
    return layer >= 0 && layer < int(collapsed_.size()) && collapsed_[layer];
}

void HeadGridView::setAllLayersCollapsed(bool collapsed) {
    for (int layer = 0; layer < int(collapsed_.size()); ++layer) {
        // The focused layer stays open: its map is what the heatmap shows.
        setLayerCollapsed(layer, collapsed && layer != selectedLayer_);
    }
}

void HeadGridView::setZoom(double zoom) {
    zoom = std::clamp(zoom, kMinimumZoom, kMaximumZoom);
    if (std::abs(zoom - zoom_) < 1e-9) {
        return;
    }
    zoom_ = zoom;
    relayout();
    emit zoomChanged(zoom_);
}

// ---------------------------------------------------------------------------------------------
// Thumbnails

void HeadGridView::requestThumbnails() {
    if (!snapshot_ || snapshot_->empty()) {
        thumbnailJob_.cancel();
        thumbnails_.reset();
        pendingKey_.reset();
        update();
        return;
    }
    const GridThumbnailKey key{snapshotDigest(*snapshot_), lookup_.kind(), scaleMode_};
    if (auto cached = cache_.find(key)) {
        thumbnailJob_.cancel();
        thumbnails_ = std::move(cached);
        pendingKey_.reset();
        update();
        return;
    }
    const qint64 tokens = snapshot_->tokenCount();
    const qint64 cells =
        qint64(snapshot_->layerCount()) * snapshot_->columnCount() * tokens * tokens;
    if (cells <= kSynchronousCells) {
        thumbnailJob_.cancel();
        thumbnails_ = renderGridThumbnails(*snapshot_, lookup_, scaleMode_);
        ++renderCount_;
        cache_.insert(key, thumbnails_);
        pendingKey_.reset();
        update();
        return;
    }
    pendingKey_ = key;
    // Until the new images arrive, the previous sentence's stand in when the grid has the same
    // shape (typing looks continuous); otherwise the panels are drawn empty.
    if (thumbnails_ && (thumbnails_->layerCount() != snapshot_->layerCount() ||
                        thumbnails_->columnCount() != snapshot_->columnCount())) {
        thumbnails_.reset();
    }
    // Colouring has no stop: a newer sentence's images are made when the running ones are done.
    thumbnailJob_.start(
        [snapshot = snapshot_, lookup = lookup_, mode = scaleMode_](const JobControl&) {
            return renderGridThumbnails(*snapshot, lookup, mode);
        });
}

void HeadGridView::onThumbnailsRendered(std::shared_ptr<const GridThumbnails> rendered) {
    ++renderCount_;
    cache_.insert(*pendingKey_, rendered);
    thumbnails_ = std::move(rendered);
    pendingKey_.reset();
    update();
    emit thumbnailsReady();
}

// ---------------------------------------------------------------------------------------------
// Layout

void HeadGridView::relayout() {
    layerTops_.clear();
    if (!snapshot_ || snapshot_->empty()) {
        figureSize_ = QSize();
        setMinimumSize(0, 0);
        update();
        return;
    }
    const QFontMetricsF metrics(labelFont());
    const int layers = snapshot_->layerCount();
    const int columns = snapshot_->columnCount();
    // Whole pixels everywhere, so panels land on pixel boundaries and stay crisp.
    rowLabelWidth_ =
        std::ceil(metrics.horizontalAdvance(layerLabel(std::max(0, layers - 1), false)) + 12);
    columnLabelHeight_ = std::ceil(metrics.height() + 4);
    keyValueBandHeight_ = snapshot_->keyValueGroups().empty() ? 0 : std::ceil(metrics.height() + 8);
    collapsedHeight_ = std::ceil(metrics.height() + 6);
    // Fit the columns to the visible width (the scroll area's viewport), within limits; the zoom
    // scales the fitted size and the grid scrolls when it outgrows the view.
    const double visible = parentWidget() != nullptr ? parentWidget()->width() : width();
    const double fixed = 2 * margin_ + rowLabelWidth_ + std::max(0, columns - 1) * gap_;
    const double fitted =
        std::clamp((visible - fixed) / std::max(1, columns), kMinimumPanel, kMaximumPanel);
    panelSize_ = std::clamp(std::floor(fitted * zoom_), kSmallestPanel, kLargestPanel);
    double y = margin_ + keyValueBandHeight_ + columnLabelHeight_;
    for (int layer = 0; layer < layers; ++layer) {
        layerTops_.push_back(y);
        y += layerHeight(layer) + gap_;
    }
    const double figureWidth = fixed + columns * panelSize_;
    figureSize_ = QSize(int(std::ceil(figureWidth)), int(std::ceil(y - gap_ + margin_)));
    setMinimumSize(figureSize_);
    update();
}

double HeadGridView::layerTop(int layer) const {
    return layer >= 0 && layer < int(layerTops_.size()) ? layerTops_[layer] : 0.0;
}

double HeadGridView::layerHeight(int layer) const {
    return isLayerCollapsed(layer) ? collapsedHeight_ : panelSize_;
}

std::optional<std::pair<int, int>> HeadGridView::mapAt(QPoint point) const {
    if (!snapshot_ || layerTops_.empty()) {
        return std::nullopt;
    }
    for (int layer = 0; layer < snapshot_->layerCount(); ++layer) {
        if (isLayerCollapsed(layer)) {
            continue;
        }
        for (int column = 0; column < snapshot_->columnCount(); ++column) {
            // A few pixels of slack so the gap's edge still counts as the panel.
            if (QRectF(panelRect(layer, column)).adjusted(-2, -2, 2, 2).contains(point)) {
                return std::make_pair(layer, column);
            }
        }
    }
    return std::nullopt;
}

int HeadGridView::layerLabelAt(QPoint point) const {
    if (!snapshot_) {
        return -1;
    }
    for (int layer = 0; layer < snapshot_->layerCount(); ++layer) {
        if (layerLabelRect(layer).contains(point)) {
            return layer;
        }
        // A collapsed layer's whole strip is its toggle.
        if (isLayerCollapsed(layer) &&
            QRectF(margin_, layerTop(layer), figureSize_.width() - 2 * margin_, collapsedHeight_)
                .contains(point)) {
            return layer;
        }
    }
    return -1;
}

QRect HeadGridView::panelRect(int layer, int column) const {
    if (!snapshot_ || !snapshot_->contains(layer, column) || isLayerCollapsed(layer) ||
        layerTops_.empty()) {
        return {};
    }
    const double x = margin_ + rowLabelWidth_ + column * (panelSize_ + gap_);
    return QRectF(x, layerTop(layer), panelSize_, panelSize_).toAlignedRect();
}

QRect HeadGridView::layerLabelRect(int layer) const {
    if (!snapshot_ || layer < 0 || layer >= snapshot_->layerCount() || layerTops_.empty()) {
        return {};
    }
    return QRectF(margin_, layerTop(layer), rowLabelWidth_ - 6, layerHeight(layer)).toAlignedRect();
}

QString HeadGridView::mapToolTip(int layer, int column) const {
    if (!snapshot_ || !snapshot_->contains(layer, column)) {
        return {};
    }
    QString text = snapshot_->mapTitle(layer, column);
    const GridColumn& gridColumn = snapshot_->columns[column];
    if (gridColumn.kind != ColumnKind::Head) {
        return text;
    }
    const int kv = snapshot_->keyValueHeadOf(gridColumn.head);
    if (kv >= 0) {
        text += QLatin1Char('\n') + keyValueGroupTitle(snapshot_->keyValueGroups()[kv]);
    }
    const double share = snapshot_->sinkShareOf(layer, gridColumn.head);
    if (share >= 0) {
        text += QLatin1Char('\n') + sinkShareText(share);
    }
    return text;
}

std::vector<HeadGridView::KeyValueBracket> HeadGridView::keyValueBrackets() const {
    std::vector<KeyValueBracket> brackets;
    if (!snapshot_ || keyValueBandHeight_ <= 0) {
        return brackets;
    }
    const auto columnOf = [this](int head) {
        for (int c = 0; c < snapshot_->columnCount(); ++c) {
            if (snapshot_->columns[c].kind == ColumnKind::Head &&
                snapshot_->columns[c].head == head) {
                return c;
            }
        }
        return -1;
    };
    const double panelsLeft = margin_ + rowLabelWidth_;
    for (const KeyValueGroup& group : snapshot_->keyValueGroups()) {
        const int first = columnOf(group.first_head);
        const int last = columnOf(group.last_head);
        if (first < 0 || last < 0) {
            continue;
        }
        const double left = panelsLeft + first * (panelSize_ + gap_);
        const double right = panelsLeft + last * (panelSize_ + gap_) + panelSize_;
        brackets.push_back(
            {QRectF(left, margin_, right - left, keyValueBandHeight_ - 4).toAlignedRect(),
             keyValueGroupTitle(group)});
    }
    return brackets;
}

QSize HeadGridView::sizeHint() const {
    return figureSize_.isValid() ? figureSize_ : QSize(480, 360);
}

// ---------------------------------------------------------------------------------------------
// Painting

void HeadGridView::paintEvent(QPaintEvent* event) {
    ++paintCount_;
    QPainter painter(this);
    painter.fillRect(event->rect(), style::background());
    if (!snapshot_ || snapshot_->empty() || layerTops_.empty()) {
        painter.setPen(style::mutedText());
        painter.setFont(style::font(13 * textScale_));
        painter.drawText(rect(), Qt::AlignCenter, tr("No attention to show yet."));
        return;
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
    paintLabels(painter);
    const QRect exposed = event->rect();
    for (int layer = 0; layer < snapshot_->layerCount(); ++layer) {
        if (isLayerCollapsed(layer)) {
            continue;
        }
        for (int column = 0; column < snapshot_->columnCount(); ++column) {
            const QRect panel = panelRect(layer, column);
            if (!panel.adjusted(-6, -6, 6, 6).intersects(exposed)) {
                continue;
            }
            const QImage& image = thumbnails_ ? thumbnails_->image(layer, column) : QImage();
            if (image.isNull()) {
                painter.fillRect(panel, QColor(0xee, 0xee, 0xee));
            } else {
                painter.drawImage(QRectF(panel), image);
            }
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(style::panelBorder(), 1));
            painter.drawRect(panel);
            if (layer == selectedLayer_ && column == selectedColumn_) {
                painter.setPen(QPen(style::highlight(), 3));
                painter.drawRect(QRectF(panel).adjusted(-2.5, -2.5, 2.5, 2.5));
            }
        }
    }
    paintRoleOverlays(painter);
    if (hovered_) {
        const QRectF rect = panelRect(hovered_->first, hovered_->second);
        painter.setPen(QPen(style::highlight().lighter(130), 2, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect.adjusted(-2, -2, 2, 2));
    }
}

void HeadGridView::paintLabels(QPainter& painter) const {
    const QFont font = labelFont();
    const QFontMetricsF metrics(font);
    painter.setFont(font);
    const double panelsLeft = margin_ + rowLabelWidth_;
    // Query heads sharing a key/value head: a tinted bracket over their columns, labelled.
    bool tinted = false;
    int kv = 0;  // the brackets come KV head by KV head
    for (const KeyValueBracket& bracket : keyValueBrackets()) {
        // "KV 0" where the bracket is too narrow for "KV head 0: heads 0-1".
        const QString shortLabel =
            QCoreApplication::translate("atlas::ui::AttentionSnapshot", "KV %1").arg(kv++);
        const QRectF rect(bracket.rect);
        painter.setPen(Qt::NoPen);
        painter.setBrush(tinted ? QColor(0xe3, 0xec, 0xf7) : QColor(0xf4, 0xe8, 0xd8));
        painter.drawRoundedRect(rect, 3, 3);
        painter.setPen(QPen(style::mutedText(), 1));
        painter.drawLine(rect.bottomLeft(), rect.bottomRight());
        painter.drawLine(rect.bottomLeft(), rect.bottomLeft() + QPointF(0, 3));
        painter.drawLine(rect.bottomRight(), rect.bottomRight() + QPointF(0, 3));
        painter.setPen(style::text());
        painter.drawText(
            rect, Qt::AlignCenter,
            metrics.elidedText(metrics.horizontalAdvance(bracket.label) <= rect.width() - 4
                                   ? bracket.label
                                   : shortLabel,
                               Qt::ElideRight, rect.width() - 4));
        tinted = !tinted;
    }
    for (int column = 0; column < snapshot_->columnCount(); ++column) {
        const QRectF rect(panelsLeft + column * (panelSize_ + gap_) - gap_ / 2,
                          margin_ + keyValueBandHeight_, panelSize_ + gap_, metrics.height());
        painter.setPen(column == selectedColumn_ ? style::highlight() : style::text());
        // A title wider than its panel ("rollout" at a large text size) is set smaller, down to
        // half size, before it is cut: a reader should not have to guess what "ro…" was.
        const QString title = columnShortTitle(snapshot_->columns[column]);
        const double titleWidth = metrics.horizontalAdvance(title);
        const double room = rect.width() - 6;  // a gutter, so neighbouring titles do not touch
        const QFont titleFont =
            titleWidth > room
                ? style::font(std::floor(font.pixelSize() * std::max(0.5, room / titleWidth)))
                : font;
        painter.setFont(titleFont);
        painter.drawText(rect, Qt::AlignCenter,
                         QFontMetricsF(titleFont).elidedText(title, Qt::ElideRight, room));
        painter.setFont(font);
    }
    const double panelsWidth = figureSize_.width() - margin_ - panelsLeft;
    for (int layer = 0; layer < snapshot_->layerCount(); ++layer) {
        const bool collapsed = isLayerCollapsed(layer);
        painter.setPen(layer == selectedLayer_ ? style::highlight() : style::text());
        painter.drawText(QRectF(layerLabelRect(layer)), Qt::AlignLeft | Qt::AlignVCenter,
                         layerLabel(layer, collapsed));
        if (collapsed) {
            const QRectF strip(panelsLeft, layerTop(layer), panelsWidth, collapsedHeight_);
            painter.setPen(Qt::NoPen);
            painter.setBrush(QColor(0xf2, 0xf2, 0xf2));
            painter.drawRoundedRect(strip, 3, 3);
            painter.setPen(style::mutedText());
            painter.drawText(strip.adjusted(8, 0, -8, 0), Qt::AlignLeft | Qt::AlignVCenter,
                             metrics.elidedText(
                                 tr("%1 maps hidden; click to show").arg(snapshot_->columnCount()),
                                 Qt::ElideRight, strip.width() - 16));
        }
    }
}

// Labels sit on a dark strip across the bottom of the map, so they stay readable on any
// colour map without changing the layout.
void HeadGridView::paintRoleOverlays(QPainter& painter) const {
    const double fontSize = std::clamp(panelSize_ / 7.0, 9.0, 12.0);
    const QFont font = style::font(fontSize);
    const QFontMetricsF metrics(font);
    painter.setFont(font);
    for (int layer = 0; layer < snapshot_->layerCount(); ++layer) {
        if (isLayerCollapsed(layer)) {
            continue;
        }
        for (int column = 0; column < snapshot_->columnCount(); ++column) {
            const GridColumn& gridColumn = snapshot_->columns[column];
            if (gridColumn.kind != ColumnKind::Head) {
                continue;
            }
            // A switched-off head (ablation) keeps its map, crossed out: its output was zeroed.
            const auto& off = snapshot_->ablatedHeads;
            if (std::find(off.begin(), off.end(), HeadIndex{layer, gridColumn.head}) != off.end()) {
                const QRectF crossed = panelRect(layer, column);
                painter.fillRect(crossed, QColor(255, 255, 255, 120));
                painter.setPen(QPen(QColor(0xc6, 0x28, 0x28), 2));
                painter.drawLine(crossed.topLeft(), crossed.bottomRight());
                painter.drawLine(crossed.topRight(), crossed.bottomLeft());
            }
            const QString label = roleLabel(layer, gridColumn.head);
            if (label.isEmpty()) {
                continue;
            }
            const QRectF panel = panelRect(layer, column);
            const double height = metrics.height() + 2;
            const QRectF strip(panel.left(), panel.bottom() - height, panel.width(), height);
            painter.fillRect(strip, QColor(0, 0, 0, 165));
            painter.setPen(Qt::white);
            painter.drawText(strip, Qt::AlignCenter,
                             metrics.elidedText(label, Qt::ElideRight, strip.width() - 2));
        }
    }
    for (const auto& [layer, head] : highlighted_) {
        if (isLayerCollapsed(layer)) {
            continue;
        }
        for (int column = 0; column < snapshot_->columnCount(); ++column) {
            const GridColumn& gridColumn = snapshot_->columns[column];
            if (gridColumn.kind == ColumnKind::Head && gridColumn.head == head &&
                snapshot_->contains(layer, column)) {
                const QRectF rect = QRectF(panelRect(layer, column)).adjusted(-5, -5, 5, 5);
                painter.setPen(QPen(kRoleHighlight, 2.5));
                painter.setBrush(Qt::NoBrush);
                painter.drawRect(rect);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Events

void HeadGridView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    relayout();
}

void HeadGridView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        const QPoint point = event->position().toPoint();
        const int layer = layerLabelAt(point);
        if (layer >= 0) {
            setLayerCollapsed(layer, !isLayerCollapsed(layer));
        } else if (auto hit = mapAt(point)) {
            emit headSelected(hit->first, hit->second);
        }
    }
    QWidget::mousePressEvent(event);
}

void HeadGridView::mouseMoveEvent(QMouseEvent* event) {
    const QPoint point = event->position().toPoint();
    const auto hit = mapAt(point);
    const int label = hit ? -1 : layerLabelAt(point);
    setCursor(label >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    if (hit != hovered_) {
        hovered_ = hit;
        update();
        if (hit) {
            emit mapHovered(hit->first, hit->second);
            QToolTip::showText(event->globalPosition().toPoint(),
                               mapToolTip(hit->first, hit->second), this);
        } else {
            emit mapHovered(-1, -1);
            QToolTip::hideText();
        }
    }
    if (!hit && label >= 0) {
        QToolTip::showText(event->globalPosition().toPoint(),
                           isLayerCollapsed(label) ? tr("Show layer %1").arg(label)
                                                   : tr("Collapse layer %1").arg(label),
                           this);
    }
    QWidget::mouseMoveEvent(event);
}

void HeadGridView::leaveEvent(QEvent* event) {
    if (hovered_) {
        hovered_.reset();
        update();
        emit mapHovered(-1, -1);
    }
    QWidget::leaveEvent(event);
}

// The maps fit the viewport's width, but a grid held at its minimum width gets no resize event
// when the viewport narrows (a splitter dragged): watch the viewport itself.
bool HeadGridView::event(QEvent* event) {
    if (event->type() == QEvent::ParentChange) {
        if (watchedParent_ != nullptr) {
            watchedParent_->removeEventFilter(this);
        }
        watchedParent_ = parentWidget();
        if (watchedParent_ != nullptr) {
            watchedParent_->installEventFilter(this);
        }
    }
    // With the grid focused, Ctrl + / - / 0 zoom it, ahead of View ▸ Text size's shortcuts.
    if (event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        if ((key->modifiers() & Qt::ControlModifier) &&
            (key->key() == Qt::Key_Plus || key->key() == Qt::Key_Equal ||
             key->key() == Qt::Key_Minus || key->key() == Qt::Key_0)) {
            event->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

bool HeadGridView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == watchedParent_ && event->type() == QEvent::Resize) {
        relayout();
    }
    return QWidget::eventFilter(watched, event);
}

void HeadGridView::wheelEvent(QWheelEvent* event) {
    if (!(event->modifiers() & Qt::ControlModifier)) {
        QWidget::wheelEvent(event);  // plain wheel: the scroll area scrolls
        return;
    }
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0) {
        setZoom(zoom_ * std::pow(1.2, steps));
    }
    event->accept();
}

void HeadGridView::keyPressEvent(QKeyEvent* event) {
    if (event->modifiers() & Qt::ControlModifier) {
        switch (event->key()) {
            case Qt::Key_Plus:
            case Qt::Key_Equal:
                setZoom(zoom_ * 1.2);
                return;
            case Qt::Key_Minus:
                setZoom(zoom_ / 1.2);
                return;
            case Qt::Key_0:
                setZoom(1.0);
                return;
            default:
                break;
        }
    }
    QWidget::keyPressEvent(event);
}

void HeadGridView::addMenu(QMenu* view) {
    QMenu* menu = view->addMenu(tr("&Grid"));
    menu->addAction(tr("Zoom &in"), this, [this]() { setZoom(zoom() * 1.2); });
    menu->addAction(tr("Zoom &out"), this, [this]() { setZoom(zoom() / 1.2); });
    menu->addAction(tr("Fit to &width"), this, [this]() { setZoom(1.0); });
    menu->addSeparator();
    menu->addAction(tr("&Fold all but the focused layer"), this,
                    [this]() { setAllLayersCollapsed(true); });
    menu->addAction(tr("&Unfold all layers"), this, [this]() { setAllLayersCollapsed(false); });
}

}  // namespace atlas::ui
