// The relations' plain words (core/analysis/RelationNames.h) in the interface's language:
// "determiner → noun", "主语 → 动词".
#pragma once

#include <QString>

#include "analysis/HeadProfile.h"

namespace atlas::ui {

// The relation in plain words, translated; empty for a relation without words.
QString plainRelationText(const QString& relation, RelationDirection direction);

// "det (determiner → noun)", or the relation alone when it has no words.
QString relationWithPlainName(const QString& relation, RelationDirection direction);

}  // namespace atlas::ui
