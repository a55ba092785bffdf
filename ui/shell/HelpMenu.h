// The Help menu: the glossary in the interface's language, and what the app is.
#pragma once

#include <functional>

#include <QMenu>
#include <QString>

namespace atlas::ui {

class HelpMenu : public QMenu {
    Q_OBJECT
  public:
    // `interfaceLanguage` answers "en" or "zh_CN" when the glossary opens (it can change
    // while the window is open). Dialogs open over `window`.
    HelpMenu(QWidget* window, std::function<QString()> interfaceLanguage,
             QWidget* parent = nullptr);
};

}  // namespace atlas::ui
