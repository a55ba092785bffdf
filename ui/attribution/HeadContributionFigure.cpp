#include "attribution/HeadContributionFigure.h"

#include <cmath>
#include <numeric>

#include <QCoreApplication>

#include "common/FigureStyle.h"

namespace atlas::ui {

namespace {

class HeadContributionText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::HeadContributionFigure)
};

constexpr double kCell = 46;
constexpr double kLeft = 78;
constexpr double kTop = 100;
constexpr double kRight = 96;  // the colour scale
constexpr double kBottom = 30;

}  // namespace

HeadContributionFigure::HeadContributionFigure(std::shared_ptr<const AttributionData> data)
    : data_(std::move(data)) {}

QSize HeadContributionFigure::size() const {
    const int layers = data_ ? data_->layerCount() : 1;
    const int heads = data_ ? data_->headCount() : 1;
    return QSize(int(std::max(kLeft + heads * kCell + kRight, 560.0)),
                 int(kTop + std::max(layers * kCell, 120.0) + kBottom));
}

QRectF HeadContributionFigure::cellRect(int layer, int head) const {
    return QRectF(kLeft + head * kCell, kTop + layer * kCell, kCell, kCell);
}

QPoint HeadContributionFigure::headAt(QPointF point) const {
    if (!data_ || point.x() < kLeft || point.y() < kTop) {
        return QPoint(-1, -1);
    }
    const int head = int((point.x() - kLeft) / kCell);
    const int layer = int((point.y() - kTop) / kCell);
    if (layer >= data_->layerCount() || head >= data_->headCount()) {
        return QPoint(-1, -1);
    }
    return QPoint(layer, head);
}

void HeadContributionFigure::paint(QPainter& painter) const {
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), QSizeF(size())), style::background());
    if (!data_) {
        painter.restore();
        return;
    }
    const QString target = QString::fromStdString(data_->chosen.target_text).trimmed();
    const QString position = data_->chosen.position < data_->occlusionLabels.size()
                                 ? data_->occlusionLabels[data_->chosen.position]
                                 : QString();
    painter.setPen(style::text());
    painter.setFont(style::font(15, true));
    painter.drawText(
        QRectF(12, 6, size().width() - 24, 22), Qt::AlignLeft | Qt::AlignVCenter,
        data_->byAblation
            ? HeadContributionText::tr("Head ablation: change in log p(“%1”)").arg(target)
            : HeadContributionText::tr("Direct logit attribution to “%1”").arg(target));
    painter.setFont(style::font(12));
    painter.setPen(style::mutedText());
    const QString about = data_->byAblation
                              ? HeadContributionText::tr(
                                    "BERT is post-LN: each cell is the change when that head "
                                    "is switched off (blue: it was helping)")
                              : HeadContributionText::tr(
                                    "Each head's share of the logit %1 (red raises it, blue "
                                    "lowers it)")
                                    .arg(data_->logit, 0, 'f', 2);
    const QString rest =
        data_->byAblation
            ? QString()
            : HeadContributionText::tr("Besides the heads: MLPs %1, embedding %2, biases %3")
                  .arg(std::accumulate(data_->mlp.begin(), data_->mlp.end(), 0.0), 0, 'f', 2)
                  .arg(data_->embedding, 0, 'f', 2)
                  .arg(data_->bias, 0, 'f', 2);
    const QString where =
        data_->causal
            ? HeadContributionText::tr("Prediction after “%1” (token %2)")
                  .arg(position)
                  .arg(data_->chosen.position)
            : HeadContributionText::tr("Prediction at token %1").arg(data_->chosen.position);
    painter.drawText(QRectF(12, 28, size().width() - 24, 20), Qt::AlignLeft | Qt::AlignVCenter,
                     about);
    painter.drawText(QRectF(12, 48, size().width() - 24, 20), Qt::AlignLeft | Qt::AlignVCenter,
                     rest.isEmpty() ? where : rest);
    if (!rest.isEmpty()) {
        painter.drawText(QRectF(12, 68, size().width() - 24, 20), Qt::AlignLeft | Qt::AlignVCenter,
                         where);
    }

    const double largest = std::max(data_->largestHeadMagnitude(), 1e-9);
    painter.setFont(style::font(11));
    for (int layer = 0; layer < data_->layerCount(); ++layer) {
        painter.setPen(style::text());
        painter.drawText(QRectF(4, kTop + layer * kCell, kLeft - 10, kCell),
                         Qt::AlignRight | Qt::AlignVCenter,
                         HeadContributionText::tr("Layer %1").arg(layer));
        for (int head = 0; head < data_->headCount(); ++head) {
            const double value = data_->heads[layer][head];
            const QRectF rect = cellRect(layer, head);
            painter.fillRect(rect.adjusted(0.5, 0.5, -0.5, -0.5),
                             QColor::fromRgb(colors_.rgbAt(float(value), float(largest))));
            painter.setPen(std::abs(value) > 0.6 * largest ? QColor(Qt::white) : QColor(Qt::black));
            painter.drawText(rect, Qt::AlignCenter, QString::number(value, 'f', 2));
        }
    }
    painter.setPen(style::text());
    for (int head = 0; head < data_->headCount(); ++head) {
        painter.drawText(
            QRectF(kLeft + head * kCell, kTop + data_->layerCount() * kCell + 2, kCell, 20),
            Qt::AlignCenter, HeadContributionText::tr("H%1").arg(head));
    }
    if (focused_.x() >= 0 && focused_.x() < data_->layerCount() && focused_.y() >= 0 &&
        focused_.y() < data_->headCount()) {
        painter.setPen(QPen(style::highlight(), 3));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(cellRect(focused_.x(), focused_.y()).adjusted(1.5, 1.5, -1.5, -1.5));
    }
    // The scale: -largest at the bottom, +largest at the top, 0 in the middle.
    const double scaleLeft = kLeft + data_->headCount() * kCell + 18;
    const double scaleHeight = std::max(data_->layerCount() * kCell, 120.0);
    const int steps = 64;
    for (int i = 0; i < steps; ++i) {
        const double value = largest * (1.0 - 2.0 * (i + 0.5) / steps);
        painter.fillRect(
            QRectF(scaleLeft, kTop + i * scaleHeight / steps, 14, scaleHeight / steps + 0.5),
            QColor::fromRgb(colors_.rgbAt(float(value), float(largest))));
    }
    painter.setPen(style::text());
    painter.drawText(QRectF(scaleLeft + 18, kTop - 8, 70, 16), Qt::AlignLeft | Qt::AlignVCenter,
                     QString::number(largest, 'f', 2));
    painter.drawText(QRectF(scaleLeft + 18, kTop + scaleHeight / 2 - 8, 70, 16),
                     Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("0"));
    painter.drawText(QRectF(scaleLeft + 18, kTop + scaleHeight - 8, 70, 16),
                     Qt::AlignLeft | Qt::AlignVCenter, QString::number(-largest, 'f', 2));
    painter.restore();
}

}  // namespace atlas::ui
