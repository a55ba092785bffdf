// The product of a few rows with a matrix stored as column panels (model/WeightPanels.h).
#pragma once

#include <Eigen/Core>

#include "model/WeightPanels.h"

namespace atlas {

// out [rows, col_count] = x [rows, K] @ W[:, col_begin .. col_begin + col_count), where W is
// `weight` [K, N] in column panels and col_begin is a multiple of kPanelWidth. Row strides in
// floats: ldx for x, ldo for out. Runs on the calling thread.
void multiplyPanels(const float* x, Eigen::Index rows, Eigen::Index ldx, const PanelView& weight,
                    Eigen::Index col_begin, Eigen::Index col_count, float* out, Eigen::Index ldo);

}  // namespace atlas
