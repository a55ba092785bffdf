// The switches stay AnalysisModes' widgets; the row only lays them out, left-aligned.
#include "shell/ModeSwitchRow.h"

#include <QCheckBox>

#include "modes/AnalysisModes.h"

namespace atlas::ui {

ModeSwitchRow::ModeSwitchRow(const AnalysisModes& modes) {
    addWidget(modes.flowBox());
    addWidget(modes.sinkBox());
    addWidget(modes.wordsBox());
    addStretch(1);
}

}  // namespace atlas::ui
