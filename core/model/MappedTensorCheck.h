// NaN and Inf in a loaded model's mapped weights, found inside the forward instead of at open.
//
// A NaN or Inf anywhere in W makes x @ W non-finite in that element's column, in every row, when
// x is finite: NaN times anything and Inf times zero are NaN, Inf times a finite non-zero is Inf,
// and no sum with a NaN or infinite term is finite. So a product whose output is finite proves its
// whole weight finite at the cost of reading the small output [T, N], and opening a model needs
// to read none of its weights' pages. Only a non-finite output makes the forward scan the weight:
// to name the file, the tensor and the element, or to find the weight finite (then x was not: an
// overflow, which Model::forward reports).
#pragma once

#include <atomic>

#include <Eigen/Core>

#include "model/TransformerWeights.h"

namespace atlas {

// True when every element of the block [rows, cols] (rows ld floats apart) is finite.
bool allFinite(const float* block, Eigen::Index rows, Eigen::Index cols, Eigen::Index ld);

// Throws AtlasError "<file>: tensor <name> contains NaN at element <i>" (or Inf) when the mapped
// tensor whose values start at `data` holds one; nothing for data that is not a mapped tensor
// (a float32 copy, checked when it was made).
void throwIfMappedTensorNonFinite(const MappedMatrices& mapped, const void* data);

// The token embedding, scanned once (thread-safe) for a forward that does not multiply all of it:
// a BERT model without its masked-language-model head only looks up the text's rows.
void checkMappedEmbeddingOnce(const MappedMatrices& mapped);

// Reads a byte of every page of the mapped tensors, the layers' in order and then the token
// embedding (the order of a forward), until `stop` is set: a process's first read of a page costs
// about a microsecond, so doing it while another thread loads the tokenizer takes it off the
// first forward.
void touchMappedPages(const MappedMatrices& mapped, const std::atomic<bool>& stop);

}  // namespace atlas
