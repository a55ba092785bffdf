// Boxes and menu items carry the choice as int(kind) / int(mode) in their data.
#include "common/ColorControls.h"

#include <QActionGroup>
#include <QComboBox>
#include <QMenu>

namespace atlas::ui {

namespace {

void checkData(QActionGroup* actions, int data) {
    for (QAction* action : actions->actions()) {
        action->setChecked(action->data().toInt() == data);
    }
}

}  // namespace

ColorControls::ColorControls(QWidget* parent)
    : QObject(parent),
      colorMapBox_(new QComboBox(parent)),
      scaleBox_(new QComboBox(parent)),
      colorMapActions_(new QActionGroup(this)),
      scaleActions_(new QActionGroup(this)) {
    for (ColorMapKind kind : allColorMaps()) {
        colorMapBox_->addItem(colorMapTitle(kind), int(kind));
    }
    colorMapBox_->setToolTip(tr("Colour map"));
    scaleBox_->addItem(tr("Shared scale"), int(ScaleMode::Shared));
    scaleBox_->addItem(tr("Per-head scale"), int(ScaleMode::PerHead));
    scaleBox_->setToolTip(tr("One colour scale for every map, or each map to its own maximum"));
    connect(colorMapBox_, &QComboBox::activated, this, [this](int index) {
        emit colorMapChosen(ColorMapKind(colorMapBox_->itemData(index).toInt()));
    });
    connect(scaleBox_, &QComboBox::activated, this, [this](int index) {
        emit scaleModeChosen(ScaleMode(scaleBox_->itemData(index).toInt()));
    });
}

void ColorControls::addMenus(QMenu* view) {
    QMenu* colours = view->addMenu(tr("&Colour map"));
    for (ColorMapKind kind : allColorMaps()) {
        QAction* action = colours->addAction(colorMapTitle(kind));
        action->setCheckable(true);
        action->setData(int(kind));
        colorMapActions_->addAction(action);
        connect(action, &QAction::triggered, this, [this, kind]() { emit colorMapChosen(kind); });
    }
    QMenu* scale = view->addMenu(tr("&Scale"));
    for (auto [mode, title] : {std::pair{ScaleMode::Shared, tr("&Shared by all maps")},
                               std::pair{ScaleMode::PerHead, tr("&Per head")}}) {
        QAction* action = scale->addAction(title);
        action->setCheckable(true);
        action->setData(int(mode));
        scaleActions_->addAction(action);
        connect(action, &QAction::triggered, this, [this, mode]() { emit scaleModeChosen(mode); });
    }
    setColorMap(ColorMapKind(colorMapBox_->currentData().toInt()));
    setScaleMode(ScaleMode(scaleBox_->currentData().toInt()));
}

void ColorControls::setColorMap(ColorMapKind kind) {
    colorMapBox_->setCurrentIndex(colorMapBox_->findData(int(kind)));
    checkData(colorMapActions_, int(kind));
}

void ColorControls::setScaleMode(ScaleMode mode) {
    scaleBox_->setCurrentIndex(scaleBox_->findData(int(mode)));
    checkData(scaleActions_, int(mode));
}

}  // namespace atlas::ui
