// What the main window keeps in its settings between runs: the model and sentence shown, the
// colours, the window's geometry and splitter, the view tab and the focused head. The keys and
// their formats live here only.
#pragma once

#include <QByteArray>
#include <QString>

#include "common/ColorMaps.h"

class QSettings;

namespace atlas::ui {

struct RememberedSession {
    QString model = QStringLiteral("gpt");
    QString text;  // empty: the first example sentence
    ColorMapKind colorMap = ColorMapKind::Viridis;
    ScaleMode scaleMode = ScaleMode::Shared;
    QByteArray geometry;  // QWidget::saveGeometry()
    QByteArray splitter;  // QSplitter::saveState()
    int view = 0;         // ViewTabs::currentViewIndex()
    int layer = 0;
    int column = 0;

    // The defaults of a first run: the built-in GPT and the first example sentence.
    static RememberedSession firstRun();
    // The remembered values; a missing or unreadable one keeps its first-run default.
    static RememberedSession read(const QSettings& settings);
    void write(QSettings& settings) const;
};

}  // namespace atlas::ui
