// The token line view widget: a LinesFigure stretched to the widget's width.
#include "tokens/TokenLinesView.h"

#include <algorithm>

#include <QMouseEvent>
#include <QPainter>

#include "common/FigureStyle.h"

namespace atlas::ui {

TokenLinesView::TokenLinesView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

TokenLinesView::~TokenLinesView() = default;

void TokenLinesView::setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot) {
    snapshot_ = std::move(snapshot);
    if (snapshot_ && hoveredToken_ >= snapshot_->tokenCount()) {
        hoveredToken_ = -1;
    }
    relayout();
}

void TokenLinesView::setLayer(int layer) {
    layer_ = layer;
    relayout();
}

void TokenLinesView::setColumns(const std::vector<int>& columns) {
    columns_ = columns;
    relayout();
}

void TokenLinesView::setScaleMode(ScaleMode mode) {
    scaleMode_ = mode;
    relayout();
}

void TokenLinesView::setHoveredToken(int token, TokenSide side) {
    if (token == hoveredToken_ && side == hoveredSide_) {
        return;
    }
    hoveredToken_ = token;
    hoveredSide_ = side;
    relayout();
}

void TokenLinesView::setTextScale(double scale) {
    if (scale == textScale_ || !(scale > 0)) {
        return;
    }
    textScale_ = scale;
    relayout();
}

double TokenLinesView::figureFontPixelSize() const {
    return LinesFigureSpec{}.fontPixelSize * textScale_;
}

void TokenLinesView::relayout() {
    figure_.reset();
    if (snapshot_ && snapshot_->contains(layer_, 0) && snapshot_->tokenCount() > 0) {
        LinesFigureSpec spec;
        spec.layer = layer_;
        spec.columns = columns_;
        for (int c = 0; c < snapshot_->columnCount(); ++c) {
            spec.swatchColumns.push_back(c);
        }
        spec.hoveredToken = hoveredToken_;
        spec.hoveredSide = hoveredSide_;
        spec.fontPixelSize = figureFontPixelSize();
        spec.rowHeight *= textScale_;
        // Fill narrow panels; in wide ones keep the lines short enough to follow, centred.
        spec.minimumWidth = std::min(width(), 760);
        figure_ = std::make_unique<LinesFigure>(*snapshot_, scaleMode_, spec);
        offset_ = std::max(0, (width() - figure_->size().width()) / 2);
        setMinimumHeight(figure_->size().height());
    }
    update();
}

QRect TokenLinesView::tokenRect(TokenSide side, int token) const {
    if (!figure_ || token < 0 || token >= snapshot_->tokenCount()) {
        return {};
    }
    return figure_->tokenRect(side, token).translated(offset_, 0).toAlignedRect();
}

QRect TokenLinesView::swatchRect(int column) const {
    if (!figure_ || column < 0 || column >= snapshot_->columnCount()) {
        return {};
    }
    return figure_->swatchRect(column).translated(offset_, 0).toAlignedRect();  // all swatches
}

QSize TokenLinesView::sizeHint() const {
    return figure_ ? figure_->size() : QSize(480, 360);
}

void TokenLinesView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), style::background());
    if (!figure_) {
        painter.setPen(style::mutedText());
        painter.setFont(style::font(figureFontPixelSize()));
        painter.drawText(rect(), Qt::AlignCenter, tr("No attention to show yet."));
        return;
    }
    painter.translate(offset_, 0);
    figure_->paint(painter);
}

void TokenLinesView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    relayout();
}

void TokenLinesView::mouseMoveEvent(QMouseEvent* event) {
    if (!figure_) {
        return;
    }
    const QPointF position = event->position() - QPointF(offset_, 0);
    const auto hit = figure_->tokenAt(position);
    const int token = hit ? hit->second : -1;
    const TokenSide side = hit ? hit->first : TokenSide::Query;
    if (token != hoveredToken_ || side != hoveredSide_) {
        setHoveredToken(token, side);
        emit tokenHovered(token);
    }
    const bool overSwatch = figure_->swatchAt(position).has_value();
    setCursor(overSwatch ? Qt::PointingHandCursor : Qt::ArrowCursor);
}

void TokenLinesView::mousePressEvent(QMouseEvent* event) {
    if (figure_ && event->button() == Qt::LeftButton) {
        if (auto column = figure_->swatchAt(event->position() - QPointF(offset_, 0))) {
            emit lineColumnToggled(*column);
            return;
        }
    }
    QWidget::mousePressEvent(event);
}

void TokenLinesView::leaveEvent(QEvent* event) {
    if (hoveredToken_ >= 0) {
        setHoveredToken(-1);
        emit tokenHovered(-1);
    }
    QWidget::leaveEvent(event);
}

}  // namespace atlas::ui
