// The sentence box: the text every view shows, in a type larger than the rest of the window
// that follows View ▸ Text size, with a clear button and a limit the window says out loud
// instead of Qt's silent 32,767 characters.
#pragma once

#include <QLineEdit>

namespace atlas::ui {

class SentenceBox : public QLineEdit {
    Q_OBJECT
  public:
    // Longer text is cut here, and the window says so.
    static constexpr int kMaxCharacters = 100000;
    static constexpr double kFontScale = 1.25;  // of the application font

    explicit SentenceBox(QWidget* parent = nullptr);

    // 1.25 times the application font again; the window calls it when View ▸ Text size changes
    // the application font (a font set on a widget no longer follows it).
    void followApplicationFont();
};

}  // namespace atlas::ui
