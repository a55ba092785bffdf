// The placeholder, the clear button, the limit and the larger type.
#include "shell/SentenceBox.h"

#include <QApplication>

#include "common/FigureStyle.h"

namespace atlas::ui {

SentenceBox::SentenceBox(QWidget* parent) : QLineEdit(parent) {
    setPlaceholderText(tr("Type a sentence…"));
    setClearButtonEnabled(true);
    setMaxLength(kMaxCharacters);
    followApplicationFont();
}

void SentenceBox::followApplicationFont() {
    setFont(style::scaled(QApplication::font(this), kFontScale));
}

}  // namespace atlas::ui
