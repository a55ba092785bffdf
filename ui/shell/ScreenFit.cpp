// Clamping window geometry to the available area of a screen.
#include "shell/ScreenFit.h"

#include <algorithm>

#include <QRect>
#include <QScreen>
#include <QStyle>
#include <QWidget>

namespace atlas::ui {

namespace {

// Before a window is shown its frame is unknown: a title bar and a thin border on every side is
// what most window managers add.
int titleBarHeight(const QWidget* window) {
    return window->style()->pixelMetric(QStyle::PM_TitleBarHeight, nullptr, window);
}

int borderWidth(const QWidget* window) {
    return window->style()->pixelMetric(QStyle::PM_MdiSubWindowFrameWidth, nullptr, window);
}

}  // namespace

QSize sizeWithinScreen(const QWidget* window, QSize preferred) {
    const QScreen* screen = window->screen();
    if (!screen) {
        return preferred;
    }
    const QRect available = screen->availableGeometry();
    const int border = borderWidth(window);
    return QSize(
        std::min(preferred.width(), available.width() - 2 * border),
        std::min(preferred.height(), available.height() - titleBarHeight(window) - 2 * border));
}

void keepWithinScreen(QWidget* window) {
    const QScreen* screen = window->screen();
    if (!screen) {
        return;
    }
    const QRect available = screen->availableGeometry();
    window->resize(sizeWithinScreen(window, window->size()));
    const int x = std::clamp(window->x(), available.left(),
                             std::max(available.left(), available.right() + 1 - window->width()));
    const int y = std::clamp(window->y(), available.top(),
                             std::max(available.top(), available.bottom() + 1 - window->height()));
    window->move(x, y);
}

}  // namespace atlas::ui
