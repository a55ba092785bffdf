// The walkthrough for slides: one PNG or SVG per step (FILE-01.png, FILE-02.png, ...) or one PDF
// with a page per step, painted by WalkthroughFigure and saved with QSaveFile. Every step of one
// export has the same size, so the images do not jump around in a slide deck.
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

// The figure options of the slide preset: type for a projector on a 1920 x 1080 slide.
WalkthroughFigureOptions projectorFigureOptions();

// "out/walk.png" -> "out/walk-01.png" ... for `steps` steps.
QStringList walkthroughStepPaths(const QString& path, int steps);

// The page every step is painted on. Natural: the largest step's size, each step at the top
// left. Slide: 16:9 (1920 x 1080 logical pixels), each step scaled to fit and centred.
enum class WalkthroughPage { Natural, Slide };

// Writes every step of `walk`: .png (widthPixels wide) and .svg one file per step, .pdf one
// page per step, all at one size. Needs a QGuiApplication (fonts), which may be offscreen.
WalkthroughExportResult exportWalkthrough(const HeadWalkthrough& walk,
                                          const WalkthroughFigureOptions& options,
                                          const QString& path, int widthPixels = 1920,
                                          WalkthroughPage page = WalkthroughPage::Natural);

}  // namespace atlas::ui
