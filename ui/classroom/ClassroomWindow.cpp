// Parented to the main window (it closes with it) but a window of its own, so it can be moved
// to the projector's screen and made full screen there.
#include "classroom/ClassroomWindow.h"

#include <QAction>
#include <QKeySequence>
#include <QLabel>
#include <QVBoxLayout>

namespace atlas::ui {

ClassroomWindow::ClassroomWindow(QWidget* view, const QString& title, QWidget* parent)
    : QWidget(parent, Qt::Window), view_(view), caption_(new QLabel(this)) {
    setWindowTitle(title);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    fonts_.set(caption_, 21);
    caption_->setWordWrap(true);
    caption_->setStyleSheet(
        QStringLiteral("QLabel { background: #e8f1fb; color: #1b1b1b;"
                       " border-bottom: 1px solid #a9c7ea; padding: 8px 12px; }"));
    caption_->hide();
    layout->addWidget(caption_);
    layout->addWidget(view_, 1);
    auto* fullScreen = new QAction(tr("Full screen"), this);
    fullScreen->setShortcuts({QKeySequence(Qt::Key_F11), QKeySequence::FullScreen});
    connect(fullScreen, &QAction::triggered, this, &ClassroomWindow::toggleFullScreen);
    addAction(fullScreen);
    auto* leave = new QAction(tr("Leave full screen"), this);
    leave->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(leave, &QAction::triggered, this, [this]() {
        if (isFullScreen()) {
            showNormal();
        }
    });
    addAction(leave);
    resize(1400, 900);
}

void ClassroomWindow::setCaption(const QString& caption) {
    caption_->setText(caption);
    caption_->setVisible(!caption.isEmpty());
}

void ClassroomWindow::setTextScale(double scale) {
    fonts_.setScale(scale);
}

QString ClassroomWindow::caption() const {
    return caption_->text();
}

void ClassroomWindow::toggleFullScreen() {
    if (isFullScreen()) {
        showNormal();
    } else {
        showFullScreen();
    }
}

}  // namespace atlas::ui
