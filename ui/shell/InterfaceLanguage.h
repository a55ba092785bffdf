// The languages the interface speaks (English, the source, and Simplified Chinese) and the
// translators that make Qt's tr() answer in one of them.
#pragma once

#include <memory>
#include <vector>

#include <QLocale>
#include <QString>

#include "shell/Retranslation.h"

class QTranslator;
class QWidget;

namespace atlas::ui {

struct InterfaceLanguage {
    QString code;        // "en", "zh_CN": the suffix of translations/attention-atlas_<code>.ts
    QString nativeName;  // what a speaker calls it, shown untranslated in the Language menu
};

// Every language the app ships, English first.
std::vector<InterfaceLanguage> interfaceLanguages();

bool isInterfaceLanguage(const QString& code);  // one of interfaceLanguages()

// The shipped language closest to the locale's preferred UI languages: any Chinese locale
// (zh_CN, zh_Hans, zh_SG, zh_TW, ...) gets Simplified Chinese, anything else English.
QString languageForLocale(const QLocale& locale);

// A remembered choice ("" = follow the system, or a code) made into a shipped code. Unknown
// codes follow the system too, so an old or hand-edited setting cannot leave the app mute.
QString resolveLanguage(const QString& choice, const QLocale& system = QLocale::system());

// Installs the app's and Qt's own translations into the running application and removes them
// again when destroyed. Switching makes Qt post QEvent::LanguageChange to every widget, which
// is how the window and views retranslate themselves (see retranslate()).
class Translators {
  public:
    Translators();  // installs the remembering translator, still in English
    ~Translators();
    Translators(const Translators&) = delete;
    Translators& operator=(const Translators&) = delete;

    // Switches to `code`. Returns false when its translation could not be loaded (the
    // interface then stays in English).
    bool use(const QString& code);
    QString current() const { return current_; }

    // Sets the texts under `root` again in the current language (see Retranslation.h).
    void retranslate(QWidget* root) const { retranslateTexts(root, remembering_); }

  private:
    QString current_ = QStringLiteral("en");
    RememberingTranslator remembering_;
    std::unique_ptr<QTranslator> qt_;  // Qt's own dialogs and buttons, when installed
};

}  // namespace atlas::ui
