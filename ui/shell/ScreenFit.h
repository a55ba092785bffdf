// Window sizes that a small screen can hold: a 1280 x 720 projector or laptop must show the
// whole window, title bar included, when it opens.
#pragma once

#include <QSize>

class QWidget;

namespace atlas::ui {

// `preferred`, shrunk where needed to the available area (the screen without panels and docks)
// of the screen `window` opens on, less a title bar and a border.
QSize sizeWithinScreen(const QWidget* window, QSize preferred);

// Shrinks `window` and moves it so that it lies inside its screen's available area: a geometry
// restored from a larger screen must not open partly off this one.
void keepWithinScreen(QWidget* window);

}  // namespace atlas::ui
