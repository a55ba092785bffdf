// Bars on an absolute scale: a 30 % guess fills 30 % of the track, so rows compare honestly.
#include "classroom/PredictionBarsView.h"

#include "common/SpaceMarkers.h"

#include <algorithm>

#include <QFontMetricsF>
#include <QPainter>

#include "common/FigureStyle.h"

namespace atlas::ui {

namespace {
constexpr int kRows = 5;  // the room is kept for five rows so the panel does not jump
const QColor kBar(0x3b, 0x6e, 0xb5);
const QColor kTrack(0xee, 0xf1, 0xf6);
}  // namespace

QString predictionText(const TopToken& token) {
    QString text = QString::fromStdString(token.text);
    int blanks = 0;
    while (blanks < text.size() && text[blanks].isSpace()) {
        ++blanks;
    }
    QString rest = text.mid(blanks);
    rest.replace(QLatin1Char('\n'), QStringLiteral("⏎"));
    if (rest.isEmpty()) {
        return blanks > 0 ? QStringLiteral("␣") : QStringLiteral("∅");
    }
    return QString(blanks, QChar(0x00B7)) + rest;
}

PredictionBarsView::PredictionBarsView(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void PredictionBarsView::setPredictions(std::vector<TopToken> top) {
    top_ = std::move(top);
    update();
}

void PredictionBarsView::setFontPixelSize(double pixels) {
    fontSize_ = pixels;
    updateGeometry();
    update();
}

double PredictionBarsView::rowHeight() const {
    return QFontMetricsF(style::font(fontSize_)).height() * 1.55;
}

QString PredictionBarsView::legend() const {
    QStringList texts;
    for (const TopToken& token : top_) {
        texts << predictionText(token);
    }
    return spaceMarkerLegend(texts);
}

QSize PredictionBarsView::sizeHint() const {
    // One more row for the legend of the space marks, so the bars do not move when it comes.
    return QSize(480, int(rowHeight() * (std::max<int>(kRows, int(top_.size())) + 1)) + 4);
}

QSize PredictionBarsView::minimumSizeHint() const {
    return QSize(240, sizeHint().height());
}

void PredictionBarsView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QFont font = style::font(fontSize_);
    const QFont bold = style::font(fontSize_, true);
    const QFontMetricsF metrics(bold);
    painter.setFont(font);
    if (top_.empty()) {
        return;
    }
    // The token column is as wide as the widest guess (bold), within a third of the width.
    double labelWidth = 0;
    for (const TopToken& token : top_) {
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(predictionText(token)));
    }
    labelWidth = std::min(labelWidth + fontSize_, width() / 3.0);
    const double percentWidth = metrics.horizontalAdvance(QStringLiteral("100.0 %")) + fontSize_;
    const double trackLeft = labelWidth + fontSize_ * 0.5;
    const double trackWidth = std::max(20.0, width() - trackLeft - percentWidth);
    const double row = rowHeight();
    for (std::size_t i = 0; i < top_.size(); ++i) {
        const TopToken& token = top_[i];
        const double y = 2 + row * double(i);
        const QRectF label(0, y, labelWidth, row);
        painter.setFont(i == 0 ? bold : font);
        painter.setPen(style::text());
        painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                         metrics.elidedText(predictionText(token), Qt::ElideRight, labelWidth));
        const QRectF track(trackLeft, y + row * 0.18, trackWidth, row * 0.64);
        painter.setPen(Qt::NoPen);
        painter.setBrush(kTrack);
        painter.drawRoundedRect(track, 4, 4);
        const double fraction = std::clamp(double(token.probability), 0.0, 1.0);
        if (fraction > 0) {
            painter.setBrush(i == 0 ? style::highlight() : kBar);
            painter.drawRoundedRect(QRectF(track.left(), track.top(),
                                           std::max(3.0, trackWidth * fraction), track.height()),
                                    4, 4);
        }
        painter.setPen(style::text());
        painter.setFont(font);
        painter.drawText(QRectF(track.right() + fontSize_ * 0.4, y, percentWidth, row),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         QStringLiteral("%1 %").arg(100.0 * fraction, 0, 'f', 1));
    }
    const QString marks = legend();
    if (!marks.isEmpty()) {
        painter.setFont(style::font(fontSize_ * 0.8));
        painter.setPen(style::mutedText());
        painter.drawText(QRectF(0, 2 + row * double(top_.size()), width(), row),
                         Qt::AlignLeft | Qt::AlignVCenter, marks);
    }
}

}  // namespace atlas::ui
