// Scaling the application font; restoring it when the window goes.
#include "shell/TextSize.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <QApplication>
#include <QKeySequence>
#include <QMenu>
#include <QSettings>

#include "common/FigureStyle.h"

namespace atlas::ui {

TextSize::TextSize(QSettings* settings, QObject* parent)
    : QObject(parent), settings_(settings), base_(QApplication::font()) {
    if (settings_) {
        const double remembered = settings_->value("textScale", 1.0).toDouble();
        scale_ = std::clamp(std::isfinite(remembered) ? remembered : 1.0, kScales[0],
                            kScales[std::size(kScales) - 1]);
    }
    apply();
}

TextSize::~TextSize() {
    QApplication::setFont(base_);
}

void TextSize::setScale(double scale) {
    const double clamped =
        std::clamp(std::isfinite(scale) ? scale : 1.0, kScales[0], kScales[std::size(kScales) - 1]);
    if (std::abs(clamped - scale_) < 1e-9) {
        return;
    }
    scale_ = clamped;
    if (settings_) {
        settings_->setValue("textScale", scale_);
    }
    apply();
    emit scaleChanged(scale_);
}

void TextSize::larger() {
    for (double scale : kScales) {
        if (scale > scale_ + 1e-9) {
            setScale(scale);
            return;
        }
    }
}

void TextSize::smaller() {
    for (auto it = std::rbegin(kScales); it != std::rend(kScales); ++it) {
        if (*it < scale_ - 1e-9) {
            setScale(*it);
            return;
        }
    }
}

void TextSize::apply() {
    QApplication::setFont(style::scaled(base_, scale_));
}

void TextSize::addMenu(QMenu* view) {
    QMenu* menu = view->addMenu(tr("&Text size"));
    QAction* larger = menu->addAction(tr("&Larger"), this, &TextSize::larger);
    larger->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::Key_Plus), QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    QAction* smaller = menu->addAction(tr("&Smaller"), this, &TextSize::smaller);
    smaller->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    QAction* normal = menu->addAction(tr("&Normal size"), this, &TextSize::reset);
    normal->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    larger->setObjectName(QStringLiteral("textSizeLarger"));
    smaller->setObjectName(QStringLiteral("textSizeSmaller"));
    normal->setObjectName(QStringLiteral("textSizeNormal"));
}

}  // namespace atlas::ui
