// Counting letters by Unicode script.
#include "common/ScriptShare.h"

#include <map>

#include <QCoreApplication>

namespace atlas::ui {

namespace {
// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct ScriptText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::ScriptShare)
};
}  // namespace

ScriptShare scriptShareOf(const QString& text) {
    ScriptShare share;
    std::map<QChar::Script, int> counts;
    for (const char32_t codePoint : text.toUcs4()) {
        if (!QChar::isLetter(codePoint)) {
            continue;
        }
        ++share.letters;
        const QChar::Script script = QChar::script(codePoint);
        // Inherited and Common letters (rare: some symbols) take the script around them.
        if (script == QChar::Script_Latin || script == QChar::Script_Common ||
            script == QChar::Script_Inherited) {
            continue;
        }
        ++share.nonLatin;
        ++counts[script];
    }
    int best = 0;
    for (const auto& [script, count] : counts) {
        if (count > best) {
            best = count;
            share.mainNonLatin = script;
        }
    }
    return share;
}

bool mostlyNonLatin(const ScriptShare& share) {
    return share.letters > 0 && 2 * share.nonLatin > share.letters;
}

QString scriptTitle(QChar::Script script) {
    switch (script) {
        case QChar::Script_Han:
            return ScriptText::tr("Chinese characters");
        case QChar::Script_Hiragana:
        case QChar::Script_Katakana:
            return ScriptText::tr("Japanese kana");
        case QChar::Script_Hangul:
            return ScriptText::tr("Hangul");
        case QChar::Script_Cyrillic:
            return ScriptText::tr("Cyrillic");
        case QChar::Script_Greek:
            return ScriptText::tr("Greek");
        case QChar::Script_Arabic:
            return ScriptText::tr("Arabic script");
        case QChar::Script_Hebrew:
            return ScriptText::tr("Hebrew");
        case QChar::Script_Devanagari:
            return ScriptText::tr("Devanagari");
        case QChar::Script_Thai:
            return ScriptText::tr("Thai");
        default:
            return ScriptText::tr("a non-Latin script");
    }
}

QString builtinModelScriptNote(const QString& text) {
    const ScriptShare share = scriptShareOf(text);
    if (!mostlyNonLatin(share)) {
        return {};
    }
    return ScriptText::tr(
               "This sentence is mostly in %1, but the built-in models were trained on "
               "English books, so their heads show little about it. To study it, open "
               "a model trained on that language (File ▸ Open model…).")
        .arg(scriptTitle(share.mainNonLatin));
}

}  // namespace atlas::ui
