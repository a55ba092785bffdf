// The language choices as checkable actions carrying their codes.
#include "shell/LanguageMenu.h"

#include <QActionGroup>

#include "shell/InterfaceLanguage.h"

namespace atlas::ui {

LanguageMenu::LanguageMenu(const QString& choice, QWidget* parent)
    : QMenu(tr("&Language"), parent), choices_(new QActionGroup(this)) {
    auto addChoice = [this](const QString& title, const QString& code) {
        QAction* action = addAction(title);
        action->setCheckable(true);
        action->setData(code);
        choices_->addAction(action);
        connect(action, &QAction::triggered, this, [this, code]() { emit languageChosen(code); });
    };
    addChoice(tr("Follow the system"), QString());
    addSeparator();
    for (const InterfaceLanguage& language : interfaceLanguages()) {
        addChoice(language.nativeName, language.code);
    }
    setChoice(choice);
}

void LanguageMenu::setChoice(const QString& choice) {
    for (QAction* action : choices_->actions()) {
        action->setChecked(action->data().toString() == choice);
    }
}

}  // namespace atlas::ui
