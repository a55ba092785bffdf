// Loading the compiled translations (.qm, built from translations/*.ts into the resources).
#include "shell/InterfaceLanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

// The translations live in atlas_ui's resources; a static library must register them
// explicitly, and Q_INIT_RESOURCE only works outside a namespace.
static void initAtlasTranslations() {
    Q_INIT_RESOURCE(atlas_translations);
}

namespace atlas::ui {

std::vector<InterfaceLanguage> interfaceLanguages() {
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

bool isInterfaceLanguage(const QString& code) {
    for (const InterfaceLanguage& language : interfaceLanguages()) {
        if (language.code == code) {
            return true;
        }
    }
    return false;
}

QString languageForLocale(const QLocale& locale) {
    // uiLanguages() lists the user's languages in order of preference (LANGUAGE, then LANG),
    // so a user who prefers English over an installed Chinese locale keeps English.
    for (const QString& language : locale.uiLanguages()) {
        if (language.startsWith(QLatin1String("zh"), Qt::CaseInsensitive)) {
            return QStringLiteral("zh_CN");
        }
        if (language.startsWith(QLatin1String("en"), Qt::CaseInsensitive)) {
            return QStringLiteral("en");
        }
    }
    return locale.language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

QString resolveLanguage(const QString& choice, const QLocale& system) {
    return isInterfaceLanguage(choice) ? choice : languageForLocale(system);
}

Translators::Translators() {
    QCoreApplication::installTranslator(&remembering_);
}

Translators::~Translators() {
    if (qt_) {
        QCoreApplication::removeTranslator(qt_.get());
    }
    QCoreApplication::removeTranslator(&remembering_);
}

bool Translators::use(const QString& code) {
    if (code == current_) {
        return true;
    }
    std::unique_ptr<QTranslator> catalog;
    std::unique_ptr<QTranslator> qt;
    bool loaded = true;
    if (code != QLatin1String("en")) {
        initAtlasTranslations();
        catalog = std::make_unique<QTranslator>();
        if (!catalog->load(QStringLiteral(":/i18n/attention-atlas_%1.qm").arg(code))) {
            catalog.reset();
            loaded = false;
        } else {
            // Qt's own strings (OK, Cancel, the file dialog) come from Debian's
            // qt6-translations-l10n when it is installed; without it they stay English.
            qt = std::make_unique<QTranslator>();
            if (!qt->load(QStringLiteral("qtbase_%1").arg(code),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
                qt.reset();
            }
        }
    }
    // Removing and installing again is what announces the change (QEvent::LanguageChange).
    QCoreApplication::removeTranslator(&remembering_);
    if (qt_) {
        QCoreApplication::removeTranslator(qt_.get());
    }
    qt_ = std::move(qt);
    if (qt_) {
        QCoreApplication::installTranslator(qt_.get());
    }
    remembering_.setCatalog(std::move(catalog));
    QCoreApplication::installTranslator(&remembering_);  // last installed is asked first
    current_ = loaded ? code : QStringLiteral("en");
    return loaded;
}

}  // namespace atlas::ui
