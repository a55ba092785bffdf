// Translating the plain words one by one, so "noun" is translated once for every relation.
#include "roles/RelationNamesText.h"

#include <QCoreApplication>

#include "analysis/RelationNames.h"

namespace atlas::ui {

namespace {

// For lupdate: every word of core/analysis/RelationNames.cpp, in the context they are looked
// up in. tst_relation_names checks that the two lists agree.
[[maybe_unused]] const char* const kWords[] = {
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "clause"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "noun"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "relative clause"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "adverbial clause"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "verb"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "adverb"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "word it modifies"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "adjective"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "apposition"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "auxiliary"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "passive auxiliary"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "preposition"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "conjunction"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "conjunct"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "clausal complement"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "compound part"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "particle"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "first conjunct"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "copula"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "predicate"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "clausal subject"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "dependent"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "head word"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "determiner"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "predeterminer"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "discourse word"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "expletive"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "fixed expression part"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "first part"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "name part"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "first name part"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "indirect object"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "subordinator"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "noun modifier"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "possessor"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "time modifier"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "subject"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "passive subject"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "number"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "object"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "oblique phrase"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "noun phrase modifier"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "time phrase"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "parallel clause"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "punctuation"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "word"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "addressee"),
    QT_TRANSLATE_NOOP("atlas::ui::RelationNames", "open complement"),
};

QString word(const char* english) {
    return QCoreApplication::translate("atlas::ui::RelationNames", english);
}

}  // namespace

QString plainRelationText(const QString& relation, RelationDirection direction) {
    const RelationWords words = relationWords(relation.toStdString());
    if (*words.dependent == '\0') {
        return {};
    }
    const bool fromDependent = direction == RelationDirection::DependentToHead;
    return QStringLiteral("%1 → %2").arg(word(fromDependent ? words.dependent : words.head),
                                         word(fromDependent ? words.head : words.dependent));
}

QString relationWithPlainName(const QString& relation, RelationDirection direction) {
    const QString plain = plainRelationText(relation, direction);
    return plain.isEmpty() ? relation : QStringLiteral("%1 (%2)").arg(relation, plain);
}

}  // namespace atlas::ui
