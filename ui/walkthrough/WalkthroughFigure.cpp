// Layout and painting of one walkthrough step. Every cell shows its number, so the matrices are
// kept small: a window of tokens, and the first few of a wide d_model / d_head axis.
#include "walkthrough/WalkthroughFigure.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <QCoreApplication>
#include <QFontMetricsF>

#include "common/ColorMaps.h"
#include "common/FigureStyle.h"
#include "walkthrough/TokenSelection.h"
#include "walkthrough/WalkthroughText.h"

namespace atlas::ui {

namespace {

// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct WalkthroughFigureText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::WalkthroughFigure)
};

// Signed values: blue below zero, white at zero, red above (ColorBrewer RdBu ends).
QColor divergingColor(float value, float maximum) {
    const double t = std::clamp(double(value) / std::max(1e-12, double(maximum)), -1.0, 1.0);
    const QColor end = t < 0 ? QColor(0x21, 0x66, 0xac) : QColor(0xb2, 0x18, 0x2b);
    const double a = std::abs(t);
    return QColor::fromRgbF(float(1 + a * (end.redF() - 1)), float(1 + a * (end.greenF() - 1)),
                            float(1 + a * (end.blueF() - 1)));
}

// Black or white, whichever reads better on `fill`.
QColor textOn(const QColor& fill) {
    const double luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    return luminance > 0.45 ? QColor(Qt::black) : QColor(Qt::white);
}

QColor maskedFill() {
    return QColor(0x50, 0x50, 0x50);
}

float largestFiniteMagnitude(const Matrix& values) {
    float largest = 0;
    for (Eigen::Index i = 0; i < values.rows(); ++i) {
        for (Eigen::Index j = 0; j < values.cols(); ++j) {
            if (std::isfinite(values(i, j))) {
                largest = std::max(largest, std::abs(values(i, j)));
            }
        }
    }
    return largest;
}

// A matrix's rows stand for queries, keys or every token, by what the matrix is.
const std::vector<int>& tokenRows(WalkthroughMatrixRole role, const std::vector<int>& queries,
                                  const std::vector<int>& keys, const std::vector<int>& both) {
    switch (role) {
        case WalkthroughMatrixRole::Key:
        case WalkthroughMatrixRole::Value:
            return keys;
        case WalkthroughMatrixRole::TokenEmbedding:
        case WalkthroughMatrixRole::PositionEmbedding:
        case WalkthroughMatrixRole::TypeEmbedding:
        case WalkthroughMatrixRole::EmbeddingSum:
        case WalkthroughMatrixRole::LayerStream:
        case WalkthroughMatrixRole::HeadInput:
            return both;
        default:
            return queries;
    }
}

std::vector<int> shownIndices(WalkthroughAxis axis, int count, const std::vector<int>& tokens,
                              int maxDimensions, bool& more) {
    std::vector<int> indices;
    if (axis == WalkthroughAxis::Tokens) {
        for (int i : tokens) {
            if (i < count) {
                indices.push_back(i);
            }
        }
        more = false;
        return indices;
    }
    const int shown = std::min(count, std::max(1, maxDimensions));
    for (int i = 0; i < shown; ++i) {
        indices.push_back(i);
    }
    more = shown < count;
    return indices;
}

std::vector<int> chosenOrWindow(const std::vector<int>& chosen, const TokenWindow& window,
                                int tokenCount) {
    std::vector<int> indices;
    if (!chosen.empty()) {
        for (int i : chosen) {
            if (i >= 0 && i < tokenCount) {
                indices.push_back(i);
            }
        }
    }
    if (indices.empty()) {
        for (int i = window.first; i < window.first + window.count; ++i) {
            indices.push_back(i);
        }
    }
    return indices;
}

}  // namespace

TokenWindow tokenWindow(int tokenCount, int firstToken, int maxTokens) {
    if (tokenCount <= maxTokens || maxTokens <= 0) {
        return {0, tokenCount};
    }
    return {std::clamp(firstToken, 0, tokenCount - maxTokens), maxTokens};
}

QString walkthroughNumber(float value) {
    if (std::isinf(value)) {
        return value < 0 ? QStringLiteral("−∞") : QStringLiteral("∞");
    }
    const double magnitude = std::abs(double(value));
    const int decimals = magnitude >= 99.95 ? 0 : (magnitude >= 9.995 ? 1 : 2);
    QString text = QString::number(double(value), 'f', decimals);
    if (text.startsWith(QLatin1Char('-'))) {
        // "-0.00" says nothing a plain 0 does not; a real minus sign reads better from afar.
        text = text.mid(1).toDouble() == 0 ? text.mid(1) : QStringLiteral("−") + text.mid(1);
    }
    return text;
}

WalkthroughFigure::WalkthroughFigure(const HeadWalkthrough& walk, int step,
                                     WalkthroughFigureOptions options)
    : walk_(walk), step_(step), options_(std::move(options)) {
    window_ = tokenWindow(walk_.tokenCount(), options_.firstToken, options_.maxTokens);
    const int tokens = walk_.tokenCount();
    queryShown_ = chosenOrWindow(options_.queryTokens, window_, tokens);
    keyShown_ = chosenOrWindow(options_.keyTokens, window_, tokens);
    std::set_union(queryShown_.begin(), queryShown_.end(), keyShown_.begin(), keyShown_.end(),
                   std::back_inserter(bothShown_));
    title_ = walkthroughStepTitle(walk_, step_);
    if (options_.stepNumber) {
        title_ = WalkthroughFigureText::tr("Step %1 of %2 · %3")
                     .arg(step_ + 1)
                     .arg(walk_.steps.size())
                     .arg(title_);
    }
    caption_ = walkthroughStepCaption(walk_, step_);
    const bool chosen = !options_.queryTokens.empty() || !options_.keyTokens.empty();
    if (chosen) {
        note_ = WalkthroughFigureText::tr(
                    "Query rows: tokens %1 · key columns: tokens %2 (of "
                    "0–%3).")
                    .arg(tokenIndicesText(queryShown_), tokenIndicesText(keyShown_))
                    .arg(tokens - 1);
    } else if (window_.count < tokens) {
        note_ = WalkthroughFigureText::tr("Showing tokens %1–%2 of %3.")
                    .arg(window_.first)
                    .arg(window_.first + window_.count - 1)
                    .arg(tokens);
        if (!options_.tokenHint.isEmpty()) {
            note_ += QLatin1Char(' ') + options_.tokenHint;
        }
    }
    layOut();
}

void WalkthroughFigure::layOut() {
    const double f = options_.fontPixelSize;
    const double margin = std::round(f * 1.5);
    const QFontMetricsF cellMetrics(style::font(f));
    const QFontMetricsF nameMetrics(style::font(f * 1.05, true));
    const QFontMetricsF noteMetrics(style::font(f * 0.95));
    const QFontMetricsF joinerMetrics(style::font(f * 2, true));
    const double line = cellMetrics.height();
    // Cells are as wide as their widest number (or token label, up to a six-character number),
    // so a block of probabilities is narrower than one of scores.
    const double numberCap = cellMetrics.horizontalAdvance(QStringLiteral("−00.00"));
    const double padding = f * 0.9;
    const double cellHeight = std::round(line * 1.45);
    const double labelCap = cellMetrics.horizontalAdvance(QStringLiteral("MMMMMMMM"));
    const double available = std::max(options_.maxWidth - 2 * margin, 200.0);

    blocks_.clear();
    if (step_ >= 0 && step_ < int(walk_.steps.size())) {
        for (const WalkthroughMatrix& matrix : walk_.steps[step_].matrices) {
            Block block;
            block.matrix = &matrix;
            block.name = walkthroughMatrixName(walk_, matrix);
            block.shape =
                QStringLiteral("%1 × %2").arg(matrix.values.rows()).arg(matrix.values.cols());
            block.joiner = QString::fromStdString(matrix.joiner);
            block.rows = shownIndices(matrix.rows, int(matrix.values.rows()),
                                      tokenRows(matrix.role, queryShown_, keyShown_, bothShown_),
                                      options_.maxDimensions, block.moreRows);
            block.cols = shownIndices(matrix.columns, int(matrix.values.cols()), keyShown_,
                                      options_.maxDimensions, block.moreCols);
            if (block.moreCols && block.moreRows) {
                block.note = WalkthroughFigureText::tr("first %1 × %2 of %3 × %4")
                                 .arg(block.rows.size())
                                 .arg(block.cols.size())
                                 .arg(matrix.values.rows())
                                 .arg(matrix.values.cols());
            } else if (block.moreCols) {
                block.note = WalkthroughFigureText::tr("first %1 of %2 dimensions")
                                 .arg(block.cols.size())
                                 .arg(matrix.values.cols());
            } else if (block.moreRows) {
                block.note = WalkthroughFigureText::tr("first %1 of %2 rows")
                                 .arg(block.rows.size())
                                 .arg(matrix.values.rows());
            }
            block.colorMaximum =
                matrix.probabilities ? 1.0f : largestFiniteMagnitude(matrix.values);
            double widestNumber = cellMetrics.horizontalAdvance(QStringLiteral("0.00"));
            for (int r : block.rows) {
                for (int c : block.cols) {
                    widestNumber = std::max(
                        widestNumber,
                        cellMetrics.horizontalAdvance(walkthroughNumber(matrix.values(r, c))));
                }
            }
            double widestColumn = 0;
            for (int c : block.cols) {
                widestColumn =
                    std::max(widestColumn, cellMetrics.horizontalAdvance(QString::fromStdString(
                                               matrix.column_labels[std::size_t(c)])));
            }
            const double cellWidth =
                std::round(std::max(widestNumber, std::min(widestColumn, numberCap)) + padding);
            block.cellWidth = cellWidth;
            block.cellHeight = cellHeight;
            block.ellipsisWidth = std::round(cellWidth * 0.55);
            block.nameHeight = std::round(nameMetrics.height() * 1.35);
            double widestRow = 0;
            for (int r : block.rows) {
                widestRow = std::max(
                    widestRow, cellMetrics.horizontalAdvance(
                                   QString::fromStdString(matrix.row_labels[std::size_t(r)])));
            }
            block.rowLabelWidth = std::min(widestRow, labelCap) + f * 0.7;
            block.rotatedColumnLabels = widestColumn > cellWidth - 4;
            block.columnLabelHeight = block.rotatedColumnLabels
                                          ? std::min(widestColumn, labelCap) + f * 0.6
                                          : line + f * 0.3;
            block.noteHeight = block.note.isEmpty() ? 0 : noteMetrics.height() * 1.3;
            const double cellsWidth =
                double(block.cols.size()) * cellWidth + (block.moreCols ? block.ellipsisWidth : 0);
            const double cellsHeight = double(block.rows.size()) * cellHeight +
                                       (block.moreRows ? std::round(cellHeight * 0.7) : 0);
            block.width =
                std::max({block.rowLabelWidth + cellsWidth,
                          nameMetrics.horizontalAdvance(block.name + QStringLiteral("  ")) +
                              noteMetrics.horizontalAdvance(block.shape),
                          noteMetrics.horizontalAdvance(block.note)});
            block.height =
                block.nameHeight + block.columnLabelHeight + cellsHeight + block.noteHeight;
            block.joinerWidth = block.joiner.isEmpty()
                                    ? f * 1.5
                                    : joinerMetrics.horizontalAdvance(block.joiner) + f * 1.6;
            blocks_.push_back(block);
        }
    }

    // Rows of blocks, left to right; within a row the cell areas share their top edge, so the
    // joiners between them sit on one line.
    const QFontMetricsF headerMetrics(style::font(f * 0.95));
    const QFontMetricsF titleMetrics(style::font(f * 1.7, true));
    const QFontMetricsF captionMetrics(style::font(f * 1.2));
    headerHeight_ = options_.header.isEmpty() ? 0 : headerMetrics.height() * 1.3;
    titleHeight_ = titleMetrics.height() * 1.3;
    std::vector<std::vector<Block*>> rows;
    double x = 0;
    double widest = 0;
    for (Block& block : blocks_) {
        const double joiner =
            (rows.empty() || rows.back().empty()) && block.joiner.isEmpty() ? 0 : block.joinerWidth;
        if (rows.empty() || (x + joiner + block.width > available && !rows.back().empty())) {
            rows.emplace_back();
            x = 0;
        }
        const double lead = block.joiner.isEmpty() && x == 0 ? 0 : block.joinerWidth;
        block.x = x + lead;  // relative for now
        x = block.x + block.width;
        widest = std::max(widest, x);
        rows.back().push_back(&block);
    }
    // The caption wraps at the matrices' width, but not into a column narrower than about
    // sixty characters: a long sentence must not make a small matrix look smaller.
    const double captionWidth = std::min(captionMetrics.horizontalAdvance(caption_), f * 36);
    contentWidth_ = std::max(widest, std::min(available, captionWidth));
    contentWidth_ =
        std::max(contentWidth_, std::min(available, titleMetrics.horizontalAdvance(title_)));
    captionHeight_ =
        captionMetrics.boundingRect(QRectF(0, 0, contentWidth_, 1e6), Qt::TextWordWrap, caption_)
            .height() +
        f * 0.8;
    noteHeight_ = note_.isEmpty() ? 0 : headerMetrics.height() * 1.4;

    double y = margin + headerHeight_ + titleHeight_ + captionHeight_ + noteHeight_ + f * 0.6;
    for (const auto& row : rows) {
        double top = 0;
        for (const Block* block : row) {
            top = std::max(top, block->nameHeight + block->columnLabelHeight);
        }
        double bottom = 0;
        for (Block* block : row) {
            block->x += margin;
            block->y = y + top - (block->nameHeight + block->columnLabelHeight);
            bottom = std::max(bottom, block->y + block->height);
        }
        y = bottom + f * 1.2;
    }
    size_ = QSize(int(std::ceil(contentWidth_ + 2 * margin)), int(std::ceil(y + margin * 0.5)));
}

void WalkthroughFigure::paint(QPainter& painter) const {
    const double f = options_.fontPixelSize;
    const double margin = std::round(f * 1.5);
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    painter.fillRect(QRectF(QPointF(0, 0), QSizeF(size_)), Qt::white);

    double y = margin;
    if (!options_.header.isEmpty()) {
        painter.setFont(style::font(f * 0.95));
        painter.setPen(QColor(0x33, 0x33, 0x33));
        painter.drawText(QRectF(margin, y, contentWidth_, headerHeight_),
                         Qt::AlignLeft | Qt::AlignTop, options_.header);
        y += headerHeight_;
    }
    painter.setFont(style::font(f * 1.7, true));
    painter.setPen(Qt::black);
    painter.drawText(QRectF(margin, y, contentWidth_, titleHeight_), Qt::AlignLeft | Qt::AlignTop,
                     title_);
    y += titleHeight_;
    painter.setFont(style::font(f * 1.2));
    painter.setPen(QColor(0x11, 0x11, 0x11));
    painter.drawText(QRectF(margin, y, contentWidth_, captionHeight_),
                     Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, caption_);
    y += captionHeight_;
    if (!note_.isEmpty()) {
        painter.setFont(style::font(f * 0.95));
        painter.setPen(style::highlight().darker(130));
        painter.drawText(QRectF(margin, y, contentWidth_, noteHeight_),
                         Qt::AlignLeft | Qt::AlignTop, note_);
    }
    for (const Block& block : blocks_) {
        paintBlock(painter, block);
    }
    painter.restore();
}

void WalkthroughFigure::paintBlock(QPainter& painter, const Block& block) const {
    const double f = options_.fontPixelSize;
    const WalkthroughMatrix& matrix = *block.matrix;
    const QFont cellFont = style::font(f);
    const QFontMetricsF cellMetrics(cellFont);
    const double cellsLeft = block.x + block.rowLabelWidth;
    const double cellsTop = block.y + block.nameHeight + block.columnLabelHeight;
    const double cellsWidth =
        double(block.cols.size()) * block.cellWidth + (block.moreCols ? block.ellipsisWidth : 0);
    const double cellsHeight = double(block.rows.size()) * block.cellHeight;

    // Name and shape.
    const QFont nameFont = style::font(f * 1.05, true);
    painter.setFont(nameFont);
    painter.setPen(Qt::black);
    const double nameWidth =
        QFontMetricsF(nameFont).horizontalAdvance(block.name + QStringLiteral("  "));
    painter.drawText(QRectF(block.x, block.y, nameWidth + 2, block.nameHeight),
                     Qt::AlignLeft | Qt::AlignVCenter, block.name);
    painter.setFont(style::font(f * 0.95));
    painter.setPen(QColor(0x33, 0x33, 0x33));
    painter.drawText(QRectF(block.x + nameWidth, block.y, block.width, block.nameHeight),
                     Qt::AlignLeft | Qt::AlignVCenter, block.shape);

    // The operator before the matrix, centred on its cells.
    if (!block.joiner.isEmpty()) {
        painter.setFont(style::font(f * 2, true));
        painter.setPen(Qt::black);
        painter.drawText(
            QRectF(block.x - block.joinerWidth, cellsTop, block.joinerWidth, cellsHeight),
            Qt::AlignCenter, block.joiner);
    }

    // Column labels (rotated when tokens are wider than a cell) and row labels.
    painter.setFont(cellFont);
    painter.setPen(Qt::black);
    const double labelTop = block.y + block.nameHeight;
    for (std::size_t c = 0; c < block.cols.size(); ++c) {
        const QString label =
            QString::fromStdString(matrix.column_labels[std::size_t(block.cols[c])]);
        const double left = cellsLeft + double(c) * block.cellWidth;
        if (block.rotatedColumnLabels) {
            const double room = block.columnLabelHeight - f * 0.4;
            painter.save();
            painter.translate(left + block.cellWidth / 2, cellsTop - f * 0.3);
            painter.rotate(-90);
            painter.drawText(QRectF(0, -block.cellWidth / 2, room, block.cellWidth),
                             Qt::AlignLeft | Qt::AlignVCenter,
                             cellMetrics.elidedText(label, Qt::ElideRight, room));
            painter.restore();
        } else {
            painter.drawText(QRectF(left, labelTop, block.cellWidth, block.columnLabelHeight),
                             Qt::AlignHCenter | Qt::AlignBottom, label);
        }
    }
    if (block.moreCols) {
        painter.drawText(QRectF(cellsLeft + double(block.cols.size()) * block.cellWidth, labelTop,
                                block.ellipsisWidth, block.columnLabelHeight),
                         Qt::AlignHCenter | Qt::AlignBottom, QStringLiteral("…"));
    }
    for (std::size_t r = 0; r < block.rows.size(); ++r) {
        const QString label = QString::fromStdString(matrix.row_labels[std::size_t(block.rows[r])]);
        painter.drawText(
            QRectF(block.x, cellsTop + double(r) * block.cellHeight, block.rowLabelWidth - f * 0.4,
                   block.cellHeight),
            Qt::AlignRight | Qt::AlignVCenter,
            cellMetrics.elidedText(label, Qt::ElideRight, block.rowLabelWidth - f * 0.5));
    }

    // Cells: colour and number.
    const ColorLookup viridis(ColorMapKind::Viridis);
    painter.setRenderHint(QPainter::Antialiasing, false);
    for (std::size_t r = 0; r < block.rows.size(); ++r) {
        for (std::size_t c = 0; c < block.cols.size(); ++c) {
            const float value = matrix.values(block.rows[r], block.cols[c]);
            QColor fill;
            if (std::isinf(value)) {
                fill = maskedFill();
            } else if (matrix.probabilities) {
                fill = viridis.colorAt(value);
            } else {
                fill = divergingColor(value, block.colorMaximum);
            }
            const QRectF cell(cellsLeft + double(c) * block.cellWidth,
                              cellsTop + double(r) * block.cellHeight, block.cellWidth,
                              block.cellHeight);
            painter.fillRect(cell, fill);
            painter.setPen(QPen(QColor(0xbb, 0xbb, 0xbb), 1));
            painter.drawRect(cell);
            painter.setPen(textOn(fill));
            painter.drawText(cell, Qt::AlignCenter, walkthroughNumber(value));
        }
        if (block.moreCols) {
            painter.setPen(Qt::black);
            painter.drawText(QRectF(cellsLeft + double(block.cols.size()) * block.cellWidth,
                                    cellsTop + double(r) * block.cellHeight, block.ellipsisWidth,
                                    block.cellHeight),
                             Qt::AlignCenter, QStringLiteral("…"));
        }
    }
    if (block.moreRows) {
        painter.setPen(Qt::black);
        for (std::size_t c = 0; c < block.cols.size(); ++c) {
            painter.drawText(QRectF(cellsLeft + double(c) * block.cellWidth, cellsTop + cellsHeight,
                                    block.cellWidth, std::round(block.cellHeight * 0.7)),
                             Qt::AlignCenter, QStringLiteral("⋮"));
        }
    }
    painter.setPen(QPen(Qt::black, std::max(1.5, f / 10)));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(cellsLeft, cellsTop,
                            cellsWidth - (block.moreCols ? block.ellipsisWidth : 0), cellsHeight));
    painter.setRenderHint(QPainter::Antialiasing, true);
    if (!block.note.isEmpty()) {
        painter.setFont(style::font(f * 0.95));
        painter.setPen(QColor(0x33, 0x33, 0x33));
        const double top = cellsTop + cellsHeight +
                           (block.moreRows ? std::round(block.cellHeight * 0.7) : f * 0.2);
        painter.drawText(QRectF(block.x, top, block.width + f * 4, block.noteHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, block.note);
    }
}

FittedWalkthroughFigure fitWalkthroughFigure(const HeadWalkthrough& walk, int step,
                                             WalkthroughFigureOptions options, QSizeF area,
                                             double maxScale) {
    // Of a few layouts (matrices wrapped at the area's width, or kept on fewer rows and scaled
    // down) take the one whose type ends up largest.
    FittedWalkthroughFigure best;
    best.scale = 0;
    for (double widen : {1.0, 1.3, 1.6, 2.0}) {
        options.maxWidth = area.width() * widen;
        const QSize size = WalkthroughFigure(walk, step, options).size();
        const double scale =
            std::min({maxScale, area.width() / size.width(), area.height() / size.height()});
        if (scale > best.scale + 0.01) {
            best.scale = scale;
            best.maxWidth = options.maxWidth;
            best.size = QSizeF(size);
        }
    }
    return best;
}

}  // namespace atlas::ui
