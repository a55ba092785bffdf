// The panel size is solved from two probe layouts: a figure's size grows linearly with it.
#include "grid/FittedGridView.h"

#include <algorithm>

#include <QMouseEvent>
#include <QPainter>

#include "common/FigureStyle.h"

namespace atlas::ui {

FittedGridView::FittedGridView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMinimumSize(200, 160);
    setCursor(Qt::PointingHandCursor);
}

FittedGridView::~FittedGridView() = default;

void FittedGridView::setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot) {
    snapshot_ = std::move(snapshot);
    if (snapshot_) {
        thumbnails_.rebuild(*snapshot_, lookup_, ScaleMode::Shared);
    } else {
        thumbnails_.clear();
    }
    relayout();
}

void FittedGridView::setColorMap(ColorMapKind kind) {
    if (kind == lookup_.kind()) {
        return;
    }
    lookup_ = ColorLookup(kind);
    setSnapshot(snapshot_);
}

void FittedGridView::setSelectedMap(int layer, int column) {
    selectedLayer_ = layer;
    selectedColumn_ = column;
    relayout();
}

void FittedGridView::setLabelPixelSize(double pixels) {
    labelSize_ = pixels;
    relayout();
}

void FittedGridView::setEmptyText(const QString& text) {
    emptyText_ = text;
    update();
}

PanelFigureSpec FittedGridView::specFor(double panelSize) const {
    PanelFigureSpec spec = gridFigureSpec(*snapshot_, panelSize);
    spec.fontPixelSize = labelSize_;
    spec.gap = std::max(6.0, panelSize * 0.06);
    spec.selectedLayer = selectedLayer_;
    spec.selectedColumn = selectedColumn_;
    return spec;
}

void FittedGridView::relayout() {
    figure_.reset();
    if (snapshot_ && !snapshot_->empty()) {
        auto sizeAt = [this](double panel) {
            return PanelFigure(*snapshot_, thumbnails_, lookup_, ScaleMode::Shared, specFor(panel))
                .size();
        };
        const QSize small = sizeAt(40);
        const QSize large = sizeAt(140);
        const double perWidth = std::max(1.0, (large.width() - small.width()) / 100.0);
        const double perHeight = std::max(1.0, (large.height() - small.height()) / 100.0);
        const double fitWidth = 40 + (width() - small.width()) / perWidth;
        const double fitHeight = 40 + (height() - small.height()) / perHeight;
        panelSize_ = std::floor(std::clamp(std::min(fitWidth, fitHeight), 16.0, 600.0));
        figure_ = std::make_unique<PanelFigure>(*snapshot_, thumbnails_, lookup_, ScaleMode::Shared,
                                                specFor(panelSize_));
        const QSize size = figure_->size();
        origin_ = QPointF(std::max(0, (width() - size.width()) / 2),
                          std::max(0, (height() - size.height()) / 2));
    }
    update();
}

void FittedGridView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), style::background());
    if (!figure_) {
        painter.setPen(style::mutedText());
        painter.setFont(style::font(labelSize_));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, emptyText_);
        return;
    }
    painter.translate(origin_);
    figure_->paint(painter);
}

void FittedGridView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    relayout();
}

void FittedGridView::mousePressEvent(QMouseEvent* event) {
    if (figure_ && event->button() == Qt::LeftButton) {
        if (auto hit = figure_->mapAt((event->position() - origin_).toPoint())) {
            emit headSelected(hit->first, hit->second);
        }
    }
    QWidget::mousePressEvent(event);
}

}  // namespace atlas::ui
