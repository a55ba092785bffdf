// Example sentences chosen to show relations heads are known to track (the Examples menu).
#pragma once

#include <vector>

#include <QString>

namespace atlas::ui {

struct ExampleSentence {
    QString title;  // what it shows, for the menu (translated)
    QString text;   // the sentence itself (English: the built-in models read English)
};

std::vector<ExampleSentence> exampleSentences();
// The sentence the app opens with on first start.
QString defaultSentence();

}  // namespace atlas::ui
