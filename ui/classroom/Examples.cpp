// The example sentences, read from examples.json in the resources.
#include "classroom/Examples.h"

#include <QCoreApplication>
#include <QJsonArray>

#include "classroom/ClassroomData.h"

namespace atlas::ui {

std::vector<ExampleSentence> exampleSentences() {
    std::vector<ExampleSentence> examples;
    for (const QJsonValue example :
         readClassroomData(QStringLiteral("examples.json"))["examples"].toArray()) {
        // The title in the context the .ts file has it under; the sentence stays English.
        examples.push_back(
            {QCoreApplication::translate("atlas::ui::Examples",
                                         example["title"].toString().toUtf8().constData()),
             example["text"].toString()});
    }
    return examples;
}

QString defaultSentence() {
    return readClassroomData(QStringLiteral("examples.json"))["default_sentence"].toString();
}

}  // namespace atlas::ui
