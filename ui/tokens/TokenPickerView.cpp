// Chips wrapping like words in a paragraph, sized for a projector.
#include "tokens/TokenPickerView.h"

#include <QFontMetricsF>
#include <QMouseEvent>
#include <QPainter>

#include "common/ChipFlow.h"
#include "common/FigureStyle.h"

namespace atlas::ui {

namespace {
constexpr double kSpacing = 6;
}  // namespace

TokenPickerView::TokenPickerView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setCursor(Qt::PointingHandCursor);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
}

void TokenPickerView::setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot) {
    snapshot_ = std::move(snapshot);
    hovered_ = -1;
    chips_ = layoutChips(width());
    updateGeometry();
    update();
}

void TokenPickerView::setPickedToken(int token) {
    if (token != picked_) {
        picked_ = token;
        update();
    }
}

void TokenPickerView::setFontPixelSize(double pixels) {
    fontSize_ = pixels;
    chips_ = layoutChips(width());
    updateGeometry();
    update();
}

QString TokenPickerView::chipText(int token) const {
    if (!snapshot_ || token < 0 || token >= snapshot_->tokenCount()) {
        return {};
    }
    // A masked token still covers its word's bytes; what the model reads is the mask.
    if (snapshot_->tokens[token].special) {
        return QString::fromStdString(snapshot_->tokens[token].text);
    }
    const QString covered = snapshot_->coveredText(token).trimmed();
    return covered.isEmpty() ? snapshot_->tokenLabels.value(token) : covered;
}

ChipFlowStyle TokenPickerView::flowStyle() const {
    return {kSpacing, fontSize_ * 0.45, QFontMetricsF(style::font(fontSize_)).height() + 12};
}

std::vector<QRectF> TokenPickerView::layoutChips(int width) const {
    if (!snapshot_) {
        return {};
    }
    const QFontMetricsF metrics(style::font(fontSize_));
    std::vector<ChipFlowItem> items;
    for (int i = 0; i < snapshot_->tokenCount(); ++i) {
        items.push_back({metrics.horizontalAdvance(chipText(i)), false});
    }
    return flowChips(items, flowStyle(), width);
}

int TokenPickerView::heightForWidth(int width) const {
    return flowHeight(layoutChips(width), flowStyle());
}

QSize TokenPickerView::sizeHint() const {
    return QSize(400, heightForWidth(std::max(width(), 400)));
}

QSize TokenPickerView::minimumSizeHint() const {
    return QSize(100, heightForWidth(std::max(width(), 100)));
}

int TokenPickerView::chipAt(QPoint point) const {
    return chipIndexAt(chips_, point);
}

QRectF TokenPickerView::chipRect(int token) const {
    return token >= 0 && token < int(chips_.size()) ? chips_[token] : QRectF();
}

void TokenPickerView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(style::font(fontSize_));
    for (std::size_t i = 0; i < chips_.size(); ++i) {
        const bool special = snapshot_->tokens[i].special;
        const bool picked = int(i) == picked_;
        const bool hovered = int(i) == hovered_;
        QColor fill = special ? QColor(0xee, 0xee, 0xee) : QColor(0xe7, 0xef, 0xfa);
        QColor border = special ? QColor(0xaa, 0xaa, 0xaa) : QColor(0x7d, 0x9c, 0xc9);
        QColor ink = special ? style::mutedText() : style::text();
        if (picked) {
            fill = style::highlight();
            border = style::highlight().darker(130);
            ink = Qt::white;
        } else if (hovered) {
            fill = QColor(0xfd, 0xe3, 0xd3);
            border = style::highlight();
        }
        painter.setPen(QPen(border, picked || hovered ? 2 : 1));
        painter.setBrush(fill);
        painter.drawRoundedRect(chips_[i].adjusted(1, 1, -1, -1), 6, 6);
        painter.setPen(ink);
        painter.drawText(chips_[i], Qt::AlignCenter, chipText(int(i)));
    }
}

void TokenPickerView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    chips_ = layoutChips(width());
    updateGeometry();
}

void TokenPickerView::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        const int chip = chipAt(event->position().toPoint());
        if (chip >= 0) {
            emit tokenClicked(chip);
        }
    }
    QWidget::mousePressEvent(event);
}

void TokenPickerView::mouseMoveEvent(QMouseEvent* event) {
    const int chip = chipAt(event->position().toPoint());
    if (chip != hovered_) {
        hovered_ = chip;
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void TokenPickerView::leaveEvent(QEvent* event) {
    if (hovered_ >= 0) {
        hovered_ = -1;
        update();
    }
    QWidget::leaveEvent(event);
}

}  // namespace atlas::ui
