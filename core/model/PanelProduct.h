// The product of a few rows with a matrix seen through a PanelView (model/WeightPanels.h), in
// whichever kernel the caller chose (kernel/KernelChoice.h).
#pragma once

#include <vector>

#include <Eigen/Core>

#include "kernel/KernelChoice.h"
#include "model/WeightPanels.h"

namespace atlas {

// The left operand x [rows, depth] (row stride ldx floats). For the SIMD kernel it is copied
// once into the order the kernel reads: tiles of six rows, each [depth][6], the last one padded
// with zeros, so one packing serves every product with x, on any thread. The other kernels read
// x where it is, so x must outlive the packing.
class PackedRows {
  public:
    PackedRows(const float* x, Eigen::Index rows, Eigen::Index depth, Eigen::Index ldx,
               const Kernel& kernel);

    const float* x() const { return x_; }
    Eigen::Index rows() const { return rows_; }
    Eigen::Index depth() const { return depth_; }
    Eigen::Index ldx() const { return ldx_; }
    const Kernel& kernel() const { return kernel_; }
    const float* tiles() const { return tiles_.data(); }

    static constexpr int kTileRows = 6;

  private:
    const float* x_;
    Eigen::Index rows_, depth_, ldx_;
    Kernel kernel_;
    std::vector<float> tiles_;
};

// out [rows, col_count] = x [rows, K] @ W[:, col_begin .. col_begin + col_count), where W is
// `weight` [K, N] and col_begin is a multiple of kPanelWidth. out's row stride is ldo floats.
// Runs on the calling thread, with the kernel x was packed for.
void multiplyPanels(const PackedRows& x, const PanelView& weight, Eigen::Index col_begin,
                    Eigen::Index col_count, float* out, Eigen::Index ldo);

}  // namespace atlas
