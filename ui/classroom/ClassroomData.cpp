// Reads a classroom data file from the resources.
#include "classroom/ClassroomData.h"

#include <QFile>
#include <QJsonDocument>

// A static library registers its resources explicitly; Q_INIT_RESOURCE only works outside a
// namespace.
static void initClassroomResources() {
    Q_INIT_RESOURCE(classroom);
}

namespace atlas::ui {

QJsonObject readClassroomData(const QString& name) {
    initClassroomResources();
    QFile file(QStringLiteral(":/classroom/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

}  // namespace atlas::ui
