// Painting the difference grid: one QImage per head from the diverging lookup, scaled without
// smoothing into crisp cells, so the whole grid repaints in milliseconds.
#include "modes/DifferenceView.h"

#include <algorithm>
#include <cmath>

#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace atlas::ui {

namespace {

constexpr double kLeft = 34;   // room for the layer labels
constexpr double kTop = 40;    // the title and the head labels
constexpr double kRight = 78;  // the colour bar and its numbers
constexpr double kBottom = 8;
constexpr double kMinimumPanel = 10;

QString signedNumber(double value) {
    return (value > 0 ? QStringLiteral("+") : QString()) + QString::number(value, 'f', 3);
}

}  // namespace

DifferenceView::DifferenceView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void DifferenceView::setDifference(std::shared_ptr<const DifferenceMaps> difference) {
    difference_ = std::move(difference);
    updateGeometry();
    update();
}

DifferenceView::Layout DifferenceView::layout() const {
    Layout result;
    if (!difference_ || difference_->layerCount() == 0 || difference_->headCount() == 0) {
        return result;
    }
    const int layers = difference_->layerCount();
    const int heads = difference_->headCount();
    const double across = (width() - kLeft - kRight - result.gap * (heads - 1)) / heads;
    const double down = (height() - kTop - kBottom - result.gap * (layers - 1)) / layers;
    result.panel = std::max(kMinimumPanel, std::floor(std::min(across, down)));
    result.origin = QPointF(kLeft, kTop);
    const double gridHeight = layers * result.panel + (layers - 1) * result.gap;
    const double gridWidth = heads * result.panel + (heads - 1) * result.gap;
    result.colorBar = QRectF(kLeft + gridWidth + 16, kTop, 14, std::max(60.0, gridHeight));
    return result;
}

QRect DifferenceView::panelRect(int layer, int head) const {
    if (!difference_ || layer < 0 || head < 0 || layer >= difference_->layerCount() ||
        head >= difference_->headCount()) {
        return {};
    }
    const Layout box = layout();
    return QRectF(box.origin.x() + head * (box.panel + box.gap),
                  box.origin.y() + layer * (box.panel + box.gap), box.panel, box.panel)
        .toRect();
}

std::optional<std::pair<int, int>> DifferenceView::mapAt(QPoint point) const {
    if (!difference_) {
        return std::nullopt;
    }
    for (int l = 0; l < difference_->layerCount(); ++l) {
        for (int h = 0; h < difference_->headCount(); ++h) {
            if (panelRect(l, h).contains(point)) {
                return std::make_pair(l, h);
            }
        }
    }
    return std::nullopt;
}

QString DifferenceView::cellText(int layer, int head, int query, int key) const {
    if (!difference_ || panelRect(layer, head).isNull() || query < 0 || key < 0 ||
        query >= difference_->tokenCount() || key >= difference_->tokenCount()) {
        return {};
    }
    const float value = difference_->maps[layer][head](query, key);
    return tr("Layer %1 · Head %2: “%3” → “%4”: %5 (%6 − %7)")
        .arg(layer)
        .arg(head)
        .arg(difference_->tokenLabelsA.value(query), difference_->tokenLabelsA.value(key),
             signedNumber(value), difference_->titleA, difference_->titleB);
}

QSize DifferenceView::sizeHint() const {
    return {520, 420};
}

QSize DifferenceView::minimumSizeHint() const {
    return {200, 160};
}

void DifferenceView::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().base());
    if (!difference_ || difference_->layerCount() == 0) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("No difference to show yet."));
        return;
    }
    const Layout box = layout();
    const float scale = std::max(difference_->maxMagnitude, 1e-6f);
    painter.setPen(palette().color(QPalette::Text));
    QFont titleFont = font();
    titleFont.setBold(true);
    painter.setFont(titleFont);
    painter.drawText(QRectF(kLeft, 2, width() - kLeft, 18), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("A − B: %1 − %2").arg(difference_->titleA, difference_->titleB));
    painter.setFont(font());
    for (int h = 0; h < difference_->headCount(); ++h) {
        const QRect panel = panelRect(0, h);
        painter.drawText(QRectF(panel.left(), kTop - 18, panel.width(), 16), Qt::AlignCenter,
                         tr("H%1").arg(h));
    }
    for (int l = 0; l < difference_->layerCount(); ++l) {
        const QRect panel = panelRect(l, 0);
        painter.drawText(QRectF(0, panel.top(), kLeft - 6, panel.height()),
                         Qt::AlignRight | Qt::AlignVCenter, tr("L%1").arg(l));
        for (int h = 0; h < difference_->headCount(); ++h) {
            const QRect target = panelRect(l, h);
            painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
            painter.drawImage(target, lookup_.image(difference_->maps[l][h], scale));
            painter.setPen(QPen(palette().color(QPalette::Mid), 1));
            painter.drawRect(target.adjusted(0, 0, -1, -1));
            painter.setPen(palette().color(QPalette::Text));
        }
    }
    // The colour bar: +max at the top, 0 in the middle, -max at the bottom.
    const QRectF bar = box.colorBar;
    QImage strip(1, DivergingLookup::kSize, QImage::Format_RGB32);
    for (int i = 0; i < DivergingLookup::kSize; ++i) {
        strip.setPixel(0, i, lookup_.table()[DivergingLookup::kSize - 1 - i]);
    }
    painter.drawImage(bar, strip);
    painter.setPen(palette().color(QPalette::Text));
    painter.drawRect(bar);
    const double textLeft = bar.right() + 4;
    painter.drawText(QRectF(textLeft, bar.top() - 8, kRight, 16), Qt::AlignLeft | Qt::AlignVCenter,
                     signedNumber(scale));
    painter.drawText(QRectF(textLeft, bar.center().y() - 8, kRight, 16),
                     Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("0"));
    painter.drawText(QRectF(textLeft, bar.bottom() - 8, kRight, 16),
                     Qt::AlignLeft | Qt::AlignVCenter, signedNumber(-scale));
}

void DifferenceView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    update();
}

void DifferenceView::mouseMoveEvent(QMouseEvent* event) {
    const QPoint point = event->position().toPoint();
    const auto hit = mapAt(point);
    if (!hit || difference_->tokenCount() == 0) {
        QToolTip::hideText();
        return;
    }
    const QRect panel = panelRect(hit->first, hit->second);
    const int tokens = difference_->tokenCount();
    const int key = std::clamp(
        int((point.x() - panel.left()) * tokens / std::max(1, panel.width())), 0, tokens - 1);
    const int query = std::clamp(
        int((point.y() - panel.top()) * tokens / std::max(1, panel.height())), 0, tokens - 1);
    QToolTip::showText(event->globalPosition().toPoint(),
                       cellText(hit->first, hit->second, query, key), this);
}

}  // namespace atlas::ui
