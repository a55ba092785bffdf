// The placeholder, the clear button, the limit and the larger type.
#include "shell/SentenceBox.h"

namespace atlas::ui {

SentenceBox::SentenceBox(QWidget* parent) : QLineEdit(parent) {
    setPlaceholderText(tr("Type a sentence…"));
    setClearButtonEnabled(true);
    setMaxLength(kMaxCharacters);
    QFont larger = font();
    larger.setPointSizeF(larger.pointSizeF() * kFontScale);
    setFont(larger);
}

}  // namespace atlas::ui
