#include "attribution/TokenShadingFigure.h"

#include <cmath>

#include <QCoreApplication>
#include <QFontMetricsF>

#include "common/FigureStyle.h"

namespace atlas::ui {

namespace {

class TokenShadingText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::TokenShadingFigure)
};

constexpr double kTop = 58;
constexpr double kRowHeight = 34;
constexpr double kBoxHeight = 26;
constexpr double kGap = 4;
constexpr double kMargin = 12;

QFont tokenFont() {
    return style::font(15);
}

}  // namespace

TokenShadingFigure::TokenShadingFigure(std::shared_ptr<const AttributionData> data, double width)
    : data_(std::move(data)), width_(std::max(width, 320.0)) {
    double x = kMargin, y = kTop;
    const QFontMetricsF metrics(tokenFont());
    if (data_) {
        for (const QString& label : data_->occlusionLabels) {
            const double boxWidth = std::max(metrics.horizontalAdvance(label) + 12, 22.0);
            if (x + boxWidth > width_ - kMargin && x > kMargin) {
                x = kMargin;
                y += kRowHeight;
            }
            boxes_.emplace_back(x, y, boxWidth, kBoxHeight);
            x += boxWidth + kGap;
        }
    }
    height_ = y + kRowHeight + 48;
}

QSize TokenShadingFigure::size() const {
    return QSize(int(width_), int(height_));
}

int TokenShadingFigure::tokenAt(QPointF point) const {
    for (std::size_t t = 0; t < boxes_.size(); ++t) {
        if (boxes_[t].contains(point)) {
            return int(t);
        }
    }
    return -1;
}

void TokenShadingFigure::paint(QPainter& painter) const {
    painter.save();
    painter.fillRect(QRectF(QPointF(0, 0), QSizeF(size())), style::background());
    if (!data_) {
        painter.restore();
        return;
    }
    const TokenAttribution& occlusion = data_->occlusion;
    const QString target = QString::fromStdString(data_->chosen.target_text).trimmed();
    painter.setPen(style::text());
    painter.setFont(style::font(15, true));
    painter.drawText(QRectF(kMargin, 6, width_ - 2 * kMargin, 22), Qt::AlignLeft | Qt::AlignVCenter,
                     TokenShadingText::tr("Which tokens drive “%1” (occlusion)").arg(target));
    painter.setFont(style::font(12));
    painter.setPen(style::mutedText());
    const QString note = data_->chosen.masked_last_word
                             ? TokenShadingText::tr(
                                   "No [MASK] in the text: the last word is masked and its own "
                                   "token is the target. ")
                             : QString();
    painter.drawText(QRectF(kMargin, 28, width_ - 2 * kMargin, 20),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     note + TokenShadingText::tr("Red: hiding the token lowers log p(target); "
                                                 "blue: it raises it"));
    // The colour scale ends at the largest score of the tokens before the position: the token
    // at the position (the one the model reads last) outweighs the rest and would wash them out.
    double largest = 1e-9, overall = 1e-9;
    for (std::size_t t = 0; t < occlusion.scores.size(); ++t) {
        if (occlusion.attributed[t]) {
            overall = std::max(overall, std::abs(occlusion.scores[t]));
            if (int(t) != data_->chosen.position) {
                largest = std::max(largest, std::abs(occlusion.scores[t]));
            }
        }
    }
    if (largest <= 1e-9) {
        largest = overall;
    }
    painter.setFont(tokenFont());
    for (std::size_t t = 0; t < boxes_.size() && t < occlusion.scores.size(); ++t) {
        const QRectF& box = boxes_[t];
        const bool scored = occlusion.attributed[t];
        const double score = occlusion.scores[t];
        const QColor fill = scored ? QColor::fromRgb(colors_.rgbAt(float(score), float(largest)))
                                   : style::background();
        painter.setPen(int(t) == data_->chosen.position ? QPen(style::highlight(), 2)
                                                        : QPen(style::panelBorder(), 1));
        painter.setBrush(fill);
        painter.drawRoundedRect(box, 4, 4);
        painter.setPen(scored && std::abs(score) > 0.6 * largest ? QColor(Qt::white)
                       : scored                                  ? QColor(Qt::black)
                                                                 : style::mutedText());
        painter.drawText(box, Qt::AlignCenter, data_->occlusionLabels[int(t)]);
    }
    painter.setFont(style::font(12));
    painter.setPen(style::mutedText());
    painter.drawText(
        QRectF(kMargin, height_ - 44, width_ - 2 * kMargin, 40),
        Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
        TokenShadingText::tr("Colour scale: ±%1, the strongest of the other tokens; strongest "
                             "overall: %2 (change in log p)")
            .arg(largest, 0, 'f', 2)
            .arg(overall, 0, 'f', 2));
    painter.restore();
}

}  // namespace atlas::ui
