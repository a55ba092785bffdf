// The walkthrough for slides: one PNG or SVG per step (FILE-step01.png, FILE-step02.png, ...) or
// one PDF with a page per step, painted by WalkthroughFigure and saved with QSaveFile.
#pragma once

#include <QString>
#include <QStringList>

#include "model/HeadWalkthrough.h"
#include "walkthrough/WalkthroughFigure.h"

namespace atlas::ui {

struct WalkthroughExportResult {
    bool ok = false;
    QString error;      // one line naming the file, when !ok
    QStringList files;  // written, in step order
};

// The figure options exports use: fonts sized for a slide, the first tokens of a long sentence.
WalkthroughFigureOptions slideFigureOptions();

// "out/walk.png" -> "out/walk-step01.png" ... for `steps` steps.
QStringList walkthroughStepPaths(const QString& path, int steps);

// Writes every step of `walk`: .png (widthPixels wide) and .svg one file per step, .pdf one
// page per step. Needs a QGuiApplication (fonts), which may be offscreen.
WalkthroughExportResult exportWalkthrough(const HeadWalkthrough& walk,
                                          const WalkthroughFigureOptions& options,
                                          const QString& path, int widthPixels = 1920);

}  // namespace atlas::ui
