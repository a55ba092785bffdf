// A font set on a widget no longer follows the application font, so the box sets its own again
// whenever the application font changes (View ▸ Text size scales it).
#include "shell/SentenceBox.h"

#include <QApplication>
#include <QEvent>

namespace atlas::ui {

SentenceBox::SentenceBox(QWidget* parent) : QLineEdit(parent) {
    setPlaceholderText(tr("Type a sentence…"));
    setClearButtonEnabled(true);
    setMaxLength(kMaxCharacters);
    followApplicationFont();
}

bool SentenceBox::event(QEvent* event) {
    const bool handled = QLineEdit::event(event);
    if (event->type() == QEvent::ApplicationFontChange) {
        followApplicationFont();
    }
    return handled;
}

void SentenceBox::followApplicationFont() {
    QFont larger = QApplication::font(this);
    if (larger.pointSizeF() > 0) {
        larger.setPointSizeF(larger.pointSizeF() * kFontScale);
    } else {
        larger.setPixelSize(qMax(1, qRound(larger.pixelSize() * kFontScale)));
    }
    setFont(larger);
}

}  // namespace atlas::ui
