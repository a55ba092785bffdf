// The words of the step-by-step walkthrough: each step's title and one-sentence caption, and the
// name of each matrix, translated. The numbers come from core's HeadWalkthrough.
#pragma once

#include <QString>

#include "model/HeadWalkthrough.h"

namespace atlas::ui {

// "Q, K and V", without the step number.
QString walkthroughStepTitle(const HeadWalkthrough& walk, int step);
// One sentence saying what happened in this step, with this head's numbers.
QString walkthroughStepCaption(const HeadWalkthrough& walk, int step);
// "queries Q", "attention A", "W_O rows 64–95".
QString walkthroughMatrixName(const HeadWalkthrough& walk, const WalkthroughMatrix& matrix);

}  // namespace atlas::ui
