// The classroom's data files built into the app (ui/classroom/*.json, classroom.qrc): the
// examples and the lessons are data, not code, so a teacher's new lesson needs no C++.
#pragma once

#include <QJsonObject>

namespace atlas::ui {

// `name`: "lessons.json" or "examples.json". Built in, so always there and valid.
QJsonObject readClassroomData(const QString& name);

}  // namespace atlas::ui
