// The Language menu: follow the system, or one of the languages the interface speaks, each
// named in its own language. The window applies and remembers the choice.
#pragma once

#include <QMenu>

class QActionGroup;

namespace atlas::ui {

class LanguageMenu : public QMenu {
    Q_OBJECT
  public:
    // `choice`: "" follows the system, otherwise a code of interfaceLanguages().
    LanguageMenu(const QString& choice, QWidget* parent = nullptr);
    void setChoice(const QString& choice);  // checks its item, emits nothing

  signals:
    void languageChosen(const QString& choice);

  private:
    QActionGroup* choices_ = nullptr;
};

}  // namespace atlas::ui
