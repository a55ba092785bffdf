// How much of a sentence is written in a script other than Latin: the built-in models were
// trained on English books, and on such a sentence their heads mean little.
#pragma once

#include <QChar>
#include <QString>

namespace atlas::ui {

struct ScriptShare {
    int letters = 0;   // letters of any script (digits, spaces and punctuation are not counted)
    int nonLatin = 0;  // of those, letters outside the Latin script
    QChar::Script mainNonLatin = QChar::Script_Unknown;  // the most frequent non-Latin script
};

ScriptShare scriptShareOf(const QString& text);

// More than half of the letters are not Latin.
bool mostlyNonLatin(const ScriptShare& share);

// A reader's name for a script ("Chinese characters", "Cyrillic"), translated.
QString scriptTitle(QChar::Script script);

// The one calm line the window shows when a built-in model reads a mostly non-Latin sentence;
// empty when the sentence is mostly Latin.
QString builtinModelScriptNote(const QString& text);

}  // namespace atlas::ui
