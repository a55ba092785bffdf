// The colour map and the scale, chosen in two boxes beside the sentence and in View ▸ Colour map
// and View ▸ Scale; the boxes and the menu items always show the same choice.
#pragma once

#include <QObject>

#include "common/ColorMaps.h"

class QActionGroup;
class QComboBox;
class QMenu;
class QWidget;

namespace atlas::ui {

class ColorControls : public QObject {
    Q_OBJECT
  public:
    explicit ColorControls(QWidget* parent);

    QComboBox* colorMapBox() const { return colorMapBox_; }
    QComboBox* scaleBox() const { return scaleBox_; }
    void addMenus(QMenu* view);  // Colour map and Scale submenus

    void setColorMap(ColorMapKind kind);  // shows the choice, emits nothing
    void setScaleMode(ScaleMode mode);

  signals:
    void colorMapChosen(atlas::ui::ColorMapKind kind);
    void scaleModeChosen(atlas::ui::ScaleMode mode);

  private:
    QComboBox* colorMapBox_;
    QComboBox* scaleBox_;
    QActionGroup* colorMapActions_;
    QActionGroup* scaleActions_;
};

}  // namespace atlas::ui
