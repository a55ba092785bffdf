#include "attribution/LensFigure.h"

#include <QCoreApplication>

#include "common/FigureStyle.h"

namespace atlas::ui {

namespace {

class LensText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::LensFigure)
};

constexpr double kCellWidth = 84;
constexpr double kCellHeight = 28;
constexpr double kLeft = 78;    // layer labels
constexpr double kTop = 54;     // title and subtitle
constexpr double kBottom = 58;  // token labels and the scale's caption
constexpr double kRight = 16;

QString elided(const QString& text, const QFont& font, double width) {
    return QFontMetricsF(font).elidedText(text, Qt::ElideRight, width);
}

// Black or white, whichever reads on `fill`.
QColor textOn(const QColor& fill) {
    return fill.lightnessF() > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}

}  // namespace

LensFigure::LensFigure(std::shared_ptr<const AttributionData> data, ColorMapKind colorMap)
    : data_(std::move(data)), colors_(colorMap) {}

QSize LensFigure::size() const {
    const int layers = data_ ? int(data_->lens.layers.size()) : 0;
    const int positions = data_ ? int(data_->tokenLabels.size()) : 0;
    return QSize(int(kLeft + std::max(positions, 4) * kCellWidth + kRight),
                 int(kTop + std::max(layers, 1) * kCellHeight + kBottom));
}

QRectF LensFigure::cellRect(int layer, int position) const {
    // The last layer at the bottom, next to the tokens: the answer forms going down.
    return QRectF(kLeft + position * kCellWidth, kTop + layer * kCellHeight, kCellWidth,
                  kCellHeight);
}

QPoint LensFigure::cellAt(QPointF point) const {
    if (!data_) {
        return QPoint(-1, -1);
    }
    const int position = int((point.x() - kLeft) / kCellWidth);
    const int layer = int((point.y() - kTop) / kCellHeight);
    if (point.x() < kLeft || point.y() < kTop || layer >= int(data_->lens.layers.size()) ||
        position >= data_->tokenLabels.size()) {
        return QPoint(-1, -1);
    }
    return QPoint(layer, position);
}

void LensFigure::paint(QPainter& painter) const {
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), QSizeF(size())), style::background());
    painter.setPen(style::text());
    painter.setFont(style::font(15, true));
    painter.drawText(QRectF(12, 6, size().width() - 24, 22), Qt::AlignLeft | Qt::AlignVCenter,
                     LensText::tr("Logit lens: the likeliest token read after each layer"));
    painter.setFont(style::font(12));
    painter.setPen(style::mutedText());
    painter.drawText(QRectF(12, 28, size().width() - 24, 20), Qt::AlignLeft | Qt::AlignVCenter,
                     LensText::tr("Colour: that layer's probability of the model's final "
                                  "prediction at the position (0 to 1)"));
    if (!data_) {
        painter.restore();
        return;
    }
    const QFont cellFont = style::font(12);
    const QFont labelFont = style::font(12);
    for (const LensLayer& layer : data_->lens.layers) {
        painter.setPen(style::text());
        painter.setFont(labelFont);
        painter.drawText(QRectF(4, kTop + layer.layer * kCellHeight, kLeft - 10, kCellHeight),
                         Qt::AlignRight | Qt::AlignVCenter,
                         LensText::tr("Layer %1").arg(layer.layer));
        for (const LensCell& cell : layer.positions) {
            const QRectF rect = cellRect(layer.layer, cell.position);
            const QColor fill = colors_.colorAt(cell.final_probability);
            painter.fillRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), fill);
            painter.setPen(textOn(fill));
            painter.setFont(cellFont);
            const QString text = cell.top.empty()
                                     ? QString()
                                     : QString::fromStdString(cell.top.front().text).trimmed();
            painter.drawText(
                rect.adjusted(3, 0, -3, 0), Qt::AlignCenter,
                elided(text.isEmpty() ? QStringLiteral("␣") : text, cellFont, kCellWidth - 6));
        }
    }
    const double labelsTop = kTop + data_->lens.layers.size() * kCellHeight + 4;
    painter.setPen(style::text());
    painter.setFont(labelFont);
    for (int position = 0; position < data_->tokenLabels.size(); ++position) {
        painter.drawText(QRectF(kLeft + position * kCellWidth, labelsTop, kCellWidth, 20),
                         Qt::AlignCenter,
                         elided(data_->tokenLabels[position], labelFont, kCellWidth - 4));
    }
    painter.setPen(style::mutedText());
    painter.drawText(QRectF(kLeft, labelsTop + 24, size().width() - kLeft - kRight, 20),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     data_->causal
                         ? LensText::tr("Input tokens: each column predicts the token after it")
                         : LensText::tr("Input tokens: each column predicts the token there"));
    painter.restore();
}

}  // namespace atlas::ui
