// The marks that make blanks visible in token texts ("·cat" for " cat", "␣" for a token that is
// only a space, "⏎" for a line break) and the legend that says what they mean, shown wherever
// tokens are shown with them: the chips, the prediction bars, the exported figures.
#pragma once

#include <QString>
#include <QStringList>

namespace atlas::ui {

// The legend for the marks that occur in `texts`, or "" when none does:
// "· = a space before the word   ␣ = a token that is only a space".
QString spaceMarkerLegend(const QStringList& texts);

}  // namespace atlas::ui
