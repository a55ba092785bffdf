// A calm blue strip, set apart from the orange and red message strips.
#include "classroom/LessonBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "classroom/Glossary.h"
#include "common/FigureStyle.h"

namespace atlas::ui {

LessonBar::LessonBar(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("lessonBar"));
    setStyleSheet(
        QStringLiteral("#lessonBar { background: #e8f1fb; border: 1px solid #a9c7ea;"
                       " border-radius: 6px; }"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 8, 8, 8);
    auto* text = new QVBoxLayout;
    text->setSpacing(2);
    where_ = new QLabel(this);
    fonts_.set(where_, 15, true);
    where_->setStyleSheet(QStringLiteral("color: #1d4f91;"));
    caption_ = new QLabel(this);
    fonts_.set(caption_, 21);
    caption_->setWordWrap(true);
    caption_->setStyleSheet(QStringLiteral("color: #1b1b1b;"));
    caption_->setTextFormat(Qt::RichText);
    caption_->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    connect(caption_, &QLabel::linkActivated, this, [this](const QString& link) {
        const QString id = glossaryIdFromLink(link);
        if (!id.isEmpty()) {
            emit glossaryRequested(id);
        }
    });
    text->addWidget(where_);
    text->addWidget(caption_);
    layout->addLayout(text, 1);
    back_ = new QPushButton(tr("◀ Back"), this);
    next_ = new QPushButton(tr("Next ▶"), this);
    auto* close = new QPushButton(tr("End lesson"), this);
    for (QPushButton* button : {back_, next_, close}) {
        fonts_.set(button, 16);
        layout->addWidget(button, 0, Qt::AlignVCenter);
    }
    next_->setDefault(true);
    connect(back_, &QPushButton::clicked, this, &LessonBar::backRequested);
    connect(next_, &QPushButton::clicked, this, &LessonBar::nextRequested);
    connect(close, &QPushButton::clicked, this, &LessonBar::closeRequested);
}

void LessonBar::setTextScale(double scale) {
    fonts_.setScale(scale);
}

void LessonBar::showStep(const QString& lessonTitle, int step, int steps, const QString& caption,
                         const QString& captionHtml, const QString& claims) {
    where_->setText(tr("Lesson: %1 · step %2 of %3").arg(lessonTitle).arg(step + 1).arg(steps));
    captionText_ = caption;
    caption_->setText(captionHtml.isEmpty() ? caption.toHtmlEscaped() : captionHtml);
    caption_->setToolTip(claims);
    back_->setEnabled(step > 0);
    next_->setEnabled(step + 1 < steps);
    show();
}

QString LessonBar::caption() const {
    return captionText_;
}

}  // namespace atlas::ui
