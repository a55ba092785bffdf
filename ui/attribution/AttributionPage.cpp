#include "attribution/AttributionPage.h"

#include <algorithm>
#include <cmath>

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

namespace atlas::ui {

FigureWidget::FigureWidget(QWidget* parent) : QWidget(parent) {
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void FigureWidget::setFigure(std::shared_ptr<const AttributionFigure> figure) {
    figure_ = std::move(figure);
    setFixedSize(sizeHint());
    update();
}

void FigureWidget::setTextScale(double scale) {
    scale_ = std::max(0.5, scale);
    setFixedSize(sizeHint());
    update();
}

QSize FigureWidget::sizeHint() const {
    if (!figure_) {
        return QSize(1, 1);
    }
    const QSize size = figure_->size();
    return QSize(int(std::ceil(size.width() * scale_)), int(std::ceil(size.height() * scale_)));
}

void FigureWidget::paintEvent(QPaintEvent*) {
    if (!figure_) {
        return;
    }
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.scale(scale_, scale_);
    figure_->paint(painter);
}

void FigureWidget::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        emit clicked(event->position() / scale_);
    }
}

AttributionPage::AttributionPage(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->hide();
    layout->addWidget(status_);
    scroll_ = new QScrollArea(this);
    scroll_->setFrameShape(QFrame::NoFrame);
    scroll_->setWidgetResizable(false);
    figure_ = new FigureWidget;
    scroll_->setWidget(figure_);
    layout->addWidget(scroll_, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    save_ = new QPushButton(this);
    buttons->addWidget(save_);
    layout->addLayout(buttons);
    connect(save_, &QPushButton::clicked, this, &AttributionPage::saveRequested);
    retranslate();
}

void AttributionPage::setFigure(std::shared_ptr<const AttributionFigure> figure) {
    figure_->setFigure(std::move(figure));
    save_->setEnabled(figure_->figure() != nullptr);
}

void AttributionPage::setStatus(const QString& text) {
    status_->setText(text);
    status_->setVisible(!text.isEmpty());
}

void AttributionPage::setTextScale(double scale) {
    figure_->setTextScale(scale);
}

int AttributionPage::visibleWidth() const {
    return std::max(int((scroll_->viewport()->width() - 4) / figure_->textScale()), 320);
}

QString AttributionPage::status() const {
    return status_->text();
}

void AttributionPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    emit shown();
}

void AttributionPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QWidget::changeEvent(event);
}

void AttributionPage::retranslate() {
    save_->setText(tr("Save figure…"));
    save_->setToolTip(tr("Save this figure as PNG, SVG or PDF"));
}

}  // namespace atlas::ui
