// Chips laid out like words in a paragraph, wrapping to the widget's width.
#include "tokens/TokenChipsView.h"

#include "common/SpaceMarkers.h"

#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include "common/ChipFlow.h"
#include "common/FigureStyle.h"

namespace atlas::ui {

namespace {
constexpr double kPadding = 6;
constexpr double kSpacing = 4;
constexpr double kFontSize = 13;
}  // namespace

TokenChipsView::TokenChipsView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
}

void TokenChipsView::setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot) {
    snapshot_ = std::move(snapshot);
    hoveredToken_ = -1;
    const double oldBottom = chips_.empty() ? 0 : chips_.back().bottom();
    chips_ = layoutChips(width());
    // Relayout the window only when the chips need another height: a relayout repaints
    // every widget, and this runs on each keystroke.
    const double newBottom = chips_.empty() ? 0 : chips_.back().bottom();
    if (newBottom != oldBottom) {
        updateGeometry();
    }
    update();
}

void TokenChipsView::setHoveredToken(int token) {
    if (token != hoveredToken_) {
        hoveredToken_ = token;
        update();
    }
}

QString TokenChipsView::chipText(int token) const {
    if (!snapshot_ || token < 0 || token >= snapshot_->tokenCount()) {
        return {};
    }
    QString covered = snapshot_->coveredText(token);
    if (covered.isEmpty()) {
        return QString::fromStdString(snapshot_->tokens[token].text);
    }
    if (covered.contains(QChar::ReplacementCharacter)) {
        return snapshot_->tokenLabels.value(token);  // some bytes of a character: "猫 1/3"
    }
    // Make leading blanks visible: they are part of what a byte-level BPE token covers.
    int blanks = 0;
    while (blanks < covered.size() && covered[blanks].isSpace()) {
        ++blanks;
    }
    covered.replace(QLatin1Char('\n'), QStringLiteral("⏎"));
    return QString(blanks, QChar(0x00B7)) + covered.mid(blanks).trimmed();
}

void TokenChipsView::setTextScale(double scale) {
    if (scale == textScale_ || !(scale > 0)) {
        return;
    }
    textScale_ = scale;
    chips_ = layoutChips(width());
    updateGeometry();
    update();
}

QFont TokenChipsView::chipFont() const {
    return style::font(kFontSize * textScale_);
}

QFont TokenChipsView::legendFont() const {
    return style::font(kFontSize * textScale_ * 0.85);
}

ChipFlowStyle TokenChipsView::flowStyle() const {
    return {kSpacing, kPadding, QFontMetricsF(chipFont()).height() + 8};
}

std::vector<QRectF> TokenChipsView::layoutChips(int width) const {
    if (!snapshot_) {
        return {};
    }
    const QFontMetricsF metrics(chipFont());
    std::vector<ChipFlowItem> items;
    for (int i = 0; i < snapshot_->tokenCount(); ++i) {
        items.push_back(
            {metrics.horizontalAdvance(chipText(i)), snapshot_->tokens[i].continuation});
    }
    // The legend of the space marks flows after the last chip, as one more item.
    const QString legend = this->legend();
    if (!legend.isEmpty()) {
        items.push_back({QFontMetricsF(legendFont()).horizontalAdvance(legend) + kPadding, false});
    }
    return flowChips(items, flowStyle(), width);
}

QString TokenChipsView::legend() const {
    if (!snapshot_) {
        return {};
    }
    QStringList texts;
    for (int i = 0; i < snapshot_->tokenCount(); ++i) {
        texts << chipText(i);
    }
    return spaceMarkerLegend(texts);
}

int TokenChipsView::heightForWidth(int width) const {
    return flowHeight(layoutChips(width), flowStyle());
}

QSize TokenChipsView::sizeHint() const {
    return QSize(400, heightForWidth(std::max(width(), 400)));
}

QSize TokenChipsView::minimumSizeHint() const {
    return QSize(100, heightForWidth(std::max(width(), 100)));
}

int TokenChipsView::chipAt(QPoint point) const {
    const int chip = chipIndexAt(chips_, point);
    return snapshot_ && chip < snapshot_->tokenCount() ? chip : -1;  // not the legend
}

void TokenChipsView::setMarkedTokens(QList<int> tokens) {
    if (tokens != markedTokens_) {
        markedTokens_ = std::move(tokens);
        update();
    }
}

void TokenChipsView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(chipFont());
    const std::size_t tokens = snapshot_ ? std::size_t(snapshot_->tokenCount()) : 0;
    if (chips_.size() > tokens) {
        painter.setPen(style::mutedText());
        painter.setFont(legendFont());
        painter.drawText(chips_[tokens], Qt::AlignLeft | Qt::AlignVCenter, legend());
        painter.setFont(chipFont());
    }
    for (std::size_t i = 0; i < std::min(chips_.size(), tokens); ++i) {
        const bool special = snapshot_->tokens[i].special;
        const bool hovered = int(i) == hoveredToken_;
        QColor fill = special ? QColor(0xee, 0xee, 0xee) : QColor(0xe7, 0xef, 0xfa);
        QColor border = special ? QColor(0xbb, 0xbb, 0xbb) : QColor(0x9d, 0xb6, 0xd9);
        const bool marked = markedTokens_.contains(int(i));
        if (hovered || marked) {
            fill = QColor(0xfd, 0xe3, 0xd3);
            border = style::highlight();
        }
        painter.setPen(QPen(border, hovered || marked ? 2 : 1));
        painter.setBrush(fill);
        painter.drawRoundedRect(chips_[i].adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
        painter.setPen(special ? style::mutedText() : style::text());
        painter.drawText(chips_[i], Qt::AlignCenter, chipText(int(i)));
    }
}

void TokenChipsView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    chips_ = layoutChips(width());
    updateGeometry();
}

void TokenChipsView::mouseMoveEvent(QMouseEvent* event) {
    const int chip = chipAt(event->position().toPoint());
    if (chip != hoveredToken_) {
        setHoveredToken(chip);
        emit tokenHovered(chip);
    }
}

void TokenChipsView::leaveEvent(QEvent* event) {
    if (hoveredToken_ >= 0) {
        setHoveredToken(-1);
        emit tokenHovered(-1);
    }
    QWidget::leaveEvent(event);
}

bool TokenChipsView::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip && snapshot_) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int chip = chipAt(help->pos());
        if (chip >= 0) {
            const Token& token = snapshot_->tokens[chip];
            const QString tokenText = QString::fromStdString(token.text);
            QString text = tr("Token %1: “%2” (id %3)")
                               .arg(chip)
                               .arg(tokenText.contains(QChar::ReplacementCharacter)
                                        ? snapshot_->tokenLabels.value(chip)
                                        : tokenText)
                               .arg(token.id);
            if (token.end > token.begin) {
                text += QLatin1Char('\n') +
                        tr("covers bytes %1–%2 of the text").arg(token.begin).arg(token.end);
            } else {
                text += QLatin1Char('\n') + tr("special token, covers no text");
            }
            QToolTip::showText(help->globalPos(), text, this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

}  // namespace atlas::ui
