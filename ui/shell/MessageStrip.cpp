// Error and warning colours of the message strip.
#include "shell/MessageStrip.h"

namespace atlas::ui {

MessageStrip::MessageStrip(QWidget* parent) : QLabel(parent) {
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

void MessageStrip::showError(const QString& message) {
    setStyleSheet(
        QStringLiteral("QLabel { background: #fdecea; color: #611a15; border: 1px solid #f5c2c0;"
                       " border-radius: 4px; padding: 6px; }"));
    setText(message);
    show();
}

void MessageStrip::showWarning(const QString& message) {
    setStyleSheet(
        QStringLiteral("QLabel { background: #fff4e5; color: #663c00; border: 1px solid #ffd8a8;"
                       " border-radius: 4px; padding: 6px; }"));
    setText(message);
    show();
}

void MessageStrip::clearMessage() {
    hide();
    clear();
}

QString MessageStrip::shownText() const {
    return isVisible() ? text() : QString();
}

}  // namespace atlas::ui
