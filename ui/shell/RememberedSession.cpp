// Colour maps and scale modes are stored by name, so a reordered enum cannot change a setting.
#include "shell/RememberedSession.h"

#include <QSettings>

#include "classroom/Examples.h"

namespace atlas::ui {

RememberedSession RememberedSession::firstRun() {
    RememberedSession session;
    session.text = defaultSentence();
    return session;
}

RememberedSession RememberedSession::read(const QSettings& settings) {
    RememberedSession session = firstRun();
    session.model = settings.value("model", session.model).toString();
    session.text = settings.value("text", session.text).toString();
    session.colorMap = colorMapFromName(settings.value("colorMap", "viridis").toString())
                           .value_or(ColorMapKind::Viridis);
    session.scaleMode = settings.value("scaleMode", "shared").toString() == QLatin1String("perHead")
                            ? ScaleMode::PerHead
                            : ScaleMode::Shared;
    session.geometry = settings.value("geometry").toByteArray();
    session.splitter = settings.value("splitter").toByteArray();
    session.view = settings.value("view", 0).toInt();
    session.layer = settings.value("layer", 0).toInt();
    session.column = settings.value("column", 0).toInt();
    return session;
}

void RememberedSession::write(QSettings& settings) const {
    settings.setValue("model", model);
    settings.setValue("text", text);
    settings.setValue("colorMap", colorMapName(colorMap));
    settings.setValue("scaleMode", scaleMode == ScaleMode::PerHead ? "perHead" : "shared");
    settings.setValue("geometry", geometry);
    settings.setValue("splitter", splitter);
    settings.setValue("view", view);
    settings.setValue("layer", layer);
    settings.setValue("column", column);
}

}  // namespace atlas::ui
