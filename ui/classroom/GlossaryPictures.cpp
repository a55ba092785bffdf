// Each picture is a few rectangles coloured like the app's heatmaps (viridis).
#include "classroom/GlossaryPictures.h"

#include <algorithm>
#include <cmath>

#include <QPainter>

#include "common/ColorMaps.h"
#include "common/FigureStyle.h"

namespace atlas::ui {

namespace {

constexpr int kCells = 5;
constexpr double kCell = 28;
constexpr double kMargin = 12;

// A made-up causal attention map whose rows sum to 1: mostly the previous token and the first.
double weight(int row, int column) {
    if (column > row) {
        return 0;
    }
    if (row == 0) {
        return 1;
    }
    const double previous = column == row - 1 ? 0.6 : 0;
    const double first = column == 0 ? 0.25 : 0;
    const double rest = 0.15 / (row + 1);
    return previous + first + rest;
}

void drawMap(QPainter& painter, bool causal, int highlightRow, int highlightColumn,
             bool maskedGray) {
    const ColorLookup viridis(ColorMapKind::Viridis);
    for (int r = 0; r < kCells; ++r) {
        for (int c = 0; c < kCells; ++c) {
            const QRectF cell(kMargin + c * kCell, kMargin + r * kCell, kCell, kCell);
            const bool masked = causal && c > r;
            const double w = causal ? weight(r, c) : weight(std::max(r, c), std::min(r, c));
            painter.fillRect(
                cell, masked && maskedGray ? QColor(0x50, 0x50, 0x50) : viridis.colorAt(float(w)));
            painter.setPen(QPen(Qt::white, 1));
            painter.drawRect(cell);
        }
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(style::highlight(), 3));
    if (highlightRow >= 0) {
        painter.drawRect(QRectF(kMargin, kMargin + highlightRow * kCell, kCells * kCell, kCell));
    }
    if (highlightColumn >= 0) {
        painter.drawRect(QRectF(kMargin + highlightColumn * kCell, kMargin, kCell, kCells * kCell));
    }
}

QImage blank(QSize size) {
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    return image;
}

QImage mapPicture(bool causal, int row, int column, bool gray) {
    const int side = int(2 * kMargin + kCells * kCell);
    QImage image = blank(QSize(side, side));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    drawMap(painter, causal, row, column, gray);
    return image;
}

// Scores as bars around zero, an arrow, then the weights they become.
QImage softmaxPicture() {
    const double scores[] = {1.2, -0.8, 2.6, 0.3, -1.5};
    double total = 0;
    for (double s : scores) {
        total += std::exp(s);
    }
    QImage image = blank(QSize(330, 150));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const double bar = 20;
    const double zero = 80;
    for (int i = 0; i < 5; ++i) {
        const double height = scores[i] * 22;
        painter.fillRect(
            QRectF(12 + i * (bar + 6), zero - std::max(0.0, height), bar, std::abs(height)),
            scores[i] < 0 ? QColor(0x21, 0x66, 0xac) : QColor(0xb2, 0x18, 0x2b));
    }
    painter.setPen(QPen(Qt::black, 1));
    painter.drawLine(QPointF(8, zero), QPointF(12 + 5 * (bar + 6), zero));
    painter.setPen(QPen(Qt::black, 2));
    painter.drawLine(QPointF(150, 75), QPointF(178, 75));
    painter.drawLine(QPointF(178, 75), QPointF(170, 69));
    painter.drawLine(QPointF(178, 75), QPointF(170, 81));
    const ColorLookup viridis(ColorMapKind::Viridis);
    for (int i = 0; i < 5; ++i) {
        const double w = std::exp(scores[i]) / total;
        const double height = w * 120;
        painter.fillRect(QRectF(192 + i * (bar + 6), 138 - height, bar, height),
                         viridis.colorAt(float(w)));
    }
    painter.setPen(QPen(Qt::black, 1));
    painter.drawLine(QPointF(188, 138), QPointF(192 + 5 * (bar + 6), 138));
    return image;
}

// The heads of a few layers as small squares, one outlined.
QImage headPicture() {
    const int layers = 3;
    const int heads = 4;
    const double square = 30;
    const double gap = 8;
    QImage image = blank(QSize(int(2 * kMargin + heads * square + (heads - 1) * gap),
                               int(2 * kMargin + layers * square + (layers - 1) * gap)));
    QPainter painter(&image);
    const ColorLookup viridis(ColorMapKind::Viridis);
    for (int l = 0; l < layers; ++l) {
        for (int h = 0; h < heads; ++h) {
            const QRectF box(kMargin + h * (square + gap), kMargin + l * (square + gap), square,
                             square);
            // Each square a tiny map with its own pattern: the diagonal shifted by the head.
            const double cell = square / 4;
            for (int r = 0; r < 4; ++r) {
                for (int c = 0; c < 4; ++c) {
                    const bool lit = c == std::max(0, r - (h + l) % 3) || (h == 3 && c == 0);
                    painter.fillRect(QRectF(box.x() + c * cell, box.y() + r * cell, cell, cell),
                                     viridis.colorAt(lit ? 0.9f : 0.08f));
                }
            }
        }
    }
    painter.setPen(QPen(style::highlight(), 3));
    painter.drawRect(
        QRectF(kMargin + 2 * (square + gap), kMargin + (square + gap), square, square));
    return image;
}

}  // namespace

QImage glossaryPicture(const QString& name) {
    if (name == QLatin1String("attention")) {
        return mapPicture(true, -1, -1, false);
    }
    if (name == QLatin1String("query")) {
        return mapPicture(true, 3, -1, false);
    }
    if (name == QLatin1String("key")) {
        return mapPicture(true, -1, 1, false);
    }
    if (name == QLatin1String("mask")) {
        return mapPicture(true, -1, -1, true);
    }
    if (name == QLatin1String("softmax")) {
        return softmaxPicture();
    }
    if (name == QLatin1String("head")) {
        return headPicture();
    }
    return {};
}

}  // namespace atlas::ui
