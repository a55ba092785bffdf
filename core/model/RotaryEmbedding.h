// Rotary position embeddings (RoPE) of the decoder families, in Hugging Face's layout.
//
// A head's first R = rotary.dims dimensions rotate in pairs (i, i + R/2), i < R/2, by the angle
// position * inverse_frequency[i] ("rotate_half"; not adjacent pairs as in Meta's original
// checkpoints); the other D - R dimensions (GPT-NeoX's partial rotary) pass unchanged.
#pragma once

#include <vector>

#include "model/Matrix.h"
#include "model/ModelConfig.h"

namespace atlas {

// inverse_frequency [R/2] as Hugging Face computes it in float32: theta^(-2i/R), divided by the
// factor for "linear" scaling, or smoothed between the two wavelength bounds for "llama3".
std::vector<float> rotaryInverseFrequencies(const RotaryConfig& rotary);

// cos and sin [T, R/2] of the angles of positions first .. first + T - 1.
struct RotaryTable {
    Matrix cos;
    Matrix sin;
};
RotaryTable rotaryTable(const std::vector<float>& inverse_frequencies, int first, int count);

// Rotates the first 2 * table.cos.cols() values of each of `rows` rows of D floats, row r at
// data + r * stride, by row r's angles.
void applyRotary(const RotaryTable& table, float* data, Eigen::Index rows, Eigen::Index stride);

}  // namespace atlas
