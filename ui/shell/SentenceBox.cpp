// The placeholder, the clear button, the limit and the larger type.
#include "shell/SentenceBox.h"

#include <QApplication>

namespace atlas::ui {

SentenceBox::SentenceBox(QWidget* parent) : QLineEdit(parent) {
    setPlaceholderText(tr("Type a sentence…"));
    setClearButtonEnabled(true);
    setMaxLength(kMaxCharacters);
    followApplicationFont();
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
