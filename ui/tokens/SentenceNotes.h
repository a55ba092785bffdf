// What the window tells the user about a sentence it shows: the model read only its first
// tokens, the sentence box cut the text, or the text is in a script the built-in models were not
// trained on. Empty when there is nothing to say.
#pragma once

#include <QStringList>

namespace atlas::ui {

class AttentionSnapshot;

QStringList sentenceNotes(const AttentionSnapshot& snapshot, bool builtinModel,
                          int sentenceMaxCharacters);

}  // namespace atlas::ui
