// The example sentences: short, everyday English, each built around one relation.
#include "Examples.h"

#include <QCoreApplication>

namespace atlas::ui {

namespace {
// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct ExamplesText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::Examples)
};
}  // namespace

std::vector<ExampleSentence> exampleSentences() {
    return {
        {ExamplesText::tr("Agreement across a clause"),
         QStringLiteral("The keys that the man left on the table are missing.")},
        {ExamplesText::tr("Determiner and noun"),
         QStringLiteral("A small dog chased the red ball across the big garden.")},
        {ExamplesText::tr("Subject and verb"),
         QStringLiteral("The children who lived near the river played every day.")},
        {ExamplesText::tr("Prepositions"),
         QStringLiteral("She put the book on the shelf under the window in the hall.")},
        {ExamplesText::tr("Repeated words"),
         QStringLiteral("The cat saw the dog, and the dog saw the cat.")},
        {ExamplesText::tr("Pronoun and its noun"),
         QStringLiteral("The teacher said that she would read the story to the class.")},
        {ExamplesText::tr("A long sentence"),
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
