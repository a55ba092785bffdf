// The row under the sentence with the switches that change what a row and a column of every map
// stand for (the Flow column, the attention sink, words instead of tokens). They have a row of
// their own so that the sentence box keeps its room in a 1280-pixel window.
#pragma once

#include <QHBoxLayout>

namespace atlas::ui {

class AnalysisModes;

// A layout, not a widget: the switches stay children of the window's central widget, spaced
// like its other rows.
class ModeSwitchRow : public QHBoxLayout {
  public:
    explicit ModeSwitchRow(const AnalysisModes& modes);
};

}  // namespace atlas::ui
