// The product of a few rows with a matrix stored as column panels (model/WeightPanels.h).
#pragma once

#include <vector>

#include <Eigen/Core>

#include "model/WeightPanels.h"

namespace atlas {

// The left operand x [rows, depth] (row stride ldx floats) in the order the kernel reads it:
// tiles of six rows, each [depth][6], the last one padded with zeros. One packing serves every
// product with x, on any thread. It keeps a pointer to x for the panels the kernel does not
// take (narrow ones, or any without AVX2), so x must outlive it.
class PackedRows {
  public:
    PackedRows(const float* x, Eigen::Index rows, Eigen::Index depth, Eigen::Index ldx);

    const float* x() const { return x_; }
    Eigen::Index rows() const { return rows_; }
    Eigen::Index depth() const { return depth_; }
    Eigen::Index ldx() const { return ldx_; }
    const float* tile(Eigen::Index t) const { return tiles_.data() + t * depth_ * kTileRows; }

    static constexpr int kTileRows = 6;

  private:
    const float* x_;
    Eigen::Index rows_, depth_, ldx_;
    std::vector<float> tiles_;
};

// out [rows, col_count] = x [rows, K] @ W[:, col_begin .. col_begin + col_count), where W is
// `weight` [K, N] in column panels and col_begin is a multiple of kPanelWidth. out's row stride
// is ldo floats. Runs on the calling thread.
void multiplyPanels(const PackedRows& x, const PanelView& weight, Eigen::Index col_begin,
                    Eigen::Index col_count, float* out, Eigen::Index ldo);

}  // namespace atlas
