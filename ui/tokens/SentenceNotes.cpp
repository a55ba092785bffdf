// The notes, one line each, in the interface language.
#include "tokens/SentenceNotes.h"

#include <QCoreApplication>

#include "AttentionSnapshot.h"
#include "common/ScriptShare.h"

namespace atlas::ui {

namespace {
// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct SentenceNotesText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::SentenceNotes)
};
}  // namespace

QStringList sentenceNotes(const AttentionSnapshot& snapshot, bool builtinModel,
                          int sentenceMaxCharacters) {
    QStringList notes;
    if (snapshot.truncated) {
        notes << SentenceNotesText::tr(
                     "The text is longer than the model reads: only the first "
                     "%1 of %2 tokens are shown.")
                     .arg(snapshot.tokenLevel().tokenCount())
                     .arg(snapshot.fullTokenCount);
    }
    if (snapshot.rolloutLeftOut) {
        notes << SentenceNotesText::tr(
                     "A text this long has its maps made when shown; the rollout column, "
                     "a product of every layer's %1 x %1 maps, is left out.")
                     .arg(snapshot.tokenLevel().tokenCount());
    }
    if (snapshot.text.size() >= sentenceMaxCharacters) {
        notes << SentenceNotesText::tr(
                     "The sentence box holds at most %L1 characters: the rest "
                     "of the text was left out.")
                     .arg(sentenceMaxCharacters);
    }
    if (builtinModel) {
        const QString note = builtinModelScriptNote(snapshot.text);
        if (!note.isEmpty()) {
            notes << note;
        }
    }
    return notes;
}

}  // namespace atlas::ui
