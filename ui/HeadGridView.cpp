// The grid widget: caches one image per map and lays them out to fill the available width.
#include "HeadGridView.h"

#include <algorithm>

#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>

#include "FigureStyle.h"

namespace atlas::ui {

namespace {
constexpr double kMinimumPanel = 40;
constexpr double kMaximumPanel = 150;
// The heads best at the chosen role: a blue apart from the orange focus outline.
const QColor kRoleHighlight(0x1f, 0x6f, 0xff);
}  // namespace

HeadGridView::HeadGridView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

HeadGridView::~HeadGridView() = default;

void HeadGridView::setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot) {
    snapshot_ = std::move(snapshot);
    hovered_.reset();
    rebuildImages();
}

void HeadGridView::setColorMap(ColorMapKind kind) {
    if (kind == lookup_.kind()) {
        return;
    }
    lookup_ = ColorLookup(kind);
    rebuildImages();
}

void HeadGridView::setScaleMode(ScaleMode mode) {
    if (mode == scaleMode_) {
        return;
    }
    scaleMode_ = mode;
    rebuildImages();
}

void HeadGridView::setSelectedMap(int layer, int column) {
    selectedLayer_ = layer;
    selectedColumn_ = column;
    relayout();
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

void HeadGridView::rebuildImages() {
    if (snapshot_) {
        thumbnails_.rebuild(*snapshot_, lookup_, scaleMode_);
    } else {
        thumbnails_.clear();
    }
    relayout();
}

void HeadGridView::relayout() {
    figure_.reset();
    if (!snapshot_ || snapshot_->empty()) {
        setMinimumSize(0, 0);
        update();
        return;
    }
    // Fit the columns to the width, within limits; wider grids scroll.
    PanelFigureSpec probe = gridFigureSpec(*snapshot_, kMinimumPanel);
    probe.gap = 8;
    const PanelFigure smallest(*snapshot_, thumbnails_, lookup_, scaleMode_, probe);
    const double spare = width() - smallest.size().width();
    panelSize_ = std::clamp(kMinimumPanel + spare / std::max(1, snapshot_->columnCount()),
                            kMinimumPanel, kMaximumPanel);
    PanelFigureSpec spec = gridFigureSpec(*snapshot_, std::floor(panelSize_));
    spec.gap = 8;
    spec.selectedLayer = selectedLayer_;
    spec.selectedColumn = selectedColumn_;
    figure_ = std::make_unique<PanelFigure>(*snapshot_, thumbnails_, lookup_, scaleMode_, spec);
    setMinimumSize(smallest.size().width(), figure_->size().height());
    update();
}

std::optional<std::pair<int, int>> HeadGridView::mapAt(QPoint point) const {
    return figure_ ? figure_->mapAt(point) : std::nullopt;
}

QRect HeadGridView::panelRect(int layer, int column) const {
    return figure_ ? figure_->panelRect(layer, column).toAlignedRect() : QRect();
}

QSize HeadGridView::sizeHint() const {
    return figure_ ? figure_->size() : QSize(480, 360);
}

void HeadGridView::paintEvent(QPaintEvent* event) {
    ++paintCount_;
    QPainter painter(this);
    painter.fillRect(event->rect(), style::background());
    if (!figure_) {
        painter.setPen(style::mutedText());
        painter.setFont(style::font(13));
        painter.drawText(rect(), Qt::AlignCenter, tr("No attention to show yet."));
        return;
    }
    figure_->paint(painter, event->rect());
    paintRoleOverlays(painter);
    if (hovered_) {
        const QRectF rect = figure_->panelRect(hovered_->first, hovered_->second);
        painter.setPen(QPen(style::highlight().lighter(130), 2, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(rect.adjusted(-2, -2, 2, 2));
    }
}

// Labels sit on a dark strip across the bottom of the map, so they stay readable on any
// colour map without changing the figure's layout (the exports share it).
void HeadGridView::paintRoleOverlays(QPainter& painter) const {
    if (!snapshot_) {
        return;
    }
    const double fontSize = std::clamp(panelSize_ / 7.0, 9.0, 12.0);
    const QFont font = style::font(fontSize);
    const QFontMetricsF metrics(font);
    painter.setFont(font);
    for (int layer = 0; layer < snapshot_->layerCount(); ++layer) {
        for (int column = 0; column < snapshot_->columnCount(); ++column) {
            const GridColumn& gridColumn = snapshot_->columns[column];
            if (gridColumn.kind != ColumnKind::Head) {
                continue;
            }
            const QString label = roleLabel(layer, gridColumn.head);
            if (label.isEmpty()) {
                continue;
            }
            const QRectF panel = figure_->panelRect(layer, column);
            const double height = metrics.height() + 2;
            const QRectF strip(panel.left(), panel.bottom() - height, panel.width(), height);
            painter.fillRect(strip, QColor(0, 0, 0, 165));
            painter.setPen(Qt::white);
            painter.drawText(strip, Qt::AlignCenter,
                             metrics.elidedText(label, Qt::ElideRight, strip.width() - 2));
        }
    }
    for (const auto& [layer, head] : highlighted_) {
        for (int column = 0; column < snapshot_->columnCount(); ++column) {
            const GridColumn& gridColumn = snapshot_->columns[column];
            if (gridColumn.kind == ColumnKind::Head && gridColumn.head == head &&
                snapshot_->contains(layer, column)) {
                const QRectF rect = figure_->panelRect(layer, column).adjusted(-5, -5, 5, 5);
                painter.setPen(QPen(kRoleHighlight, 2.5));
                painter.setBrush(Qt::NoBrush);
                painter.drawRect(rect);
            }
        }
    }
}

void HeadGridView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    relayout();
}

void HeadGridView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        if (auto hit = mapAt(event->position().toPoint())) {
            emit headSelected(hit->first, hit->second);
        }
    }
    QWidget::mousePressEvent(event);
}

void HeadGridView::mouseMoveEvent(QMouseEvent* event) {
    const auto hit = mapAt(event->position().toPoint());
    if (hit != hovered_) {
        hovered_ = hit;
        update();
        if (hit) {
            emit mapHovered(hit->first, hit->second);
            QToolTip::showText(event->globalPosition().toPoint(),
                               snapshot_->mapTitle(hit->first, hit->second), this);
        } else {
            emit mapHovered(-1, -1);
            QToolTip::hideText();
        }
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

}  // namespace atlas::ui
