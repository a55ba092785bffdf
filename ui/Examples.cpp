// The example sentences: short, everyday English, each built around one relation.
#include "Examples.h"

#include <QCoreApplication>

namespace atlas::ui {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("atlas::ui::Examples", text);
}
}  // namespace

std::vector<ExampleSentence> exampleSentences() {
    return {
        {tr("Agreement across a clause"),
         QStringLiteral("The keys that the man left on the table are missing.")},
        {tr("Determiner and noun"),
         QStringLiteral("A small dog chased the red ball across the big garden.")},
        {tr("Subject and verb"),
         QStringLiteral("The children who lived near the river played every day.")},
        {tr("Prepositions"),
         QStringLiteral("She put the book on the shelf under the window in the hall.")},
        {tr("Repeated words"), QStringLiteral("The cat saw the dog, and the dog saw the cat.")},
        {tr("Pronoun and its noun"),
         QStringLiteral("The teacher said that she would read the story to the class.")},
        {tr("A long sentence"),
         QStringLiteral("When the old fisherman finally came back to the village after three "
                        "long days at sea, the people who had waited for him on the cold beach "
                        "ran to meet him, and his daughter, who had not slept at all, cried "
                        "with joy as she held his hand.")},
    };
}

QString defaultSentence() {
    return QStringLiteral("The cat sat on the mat because it was tired.");
}

}  // namespace atlas::ui
