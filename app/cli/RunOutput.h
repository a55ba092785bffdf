// The output of `run`: DESIGN.md's JSON object, or one CSV row per attention cell.
#pragma once

#include <string>
#include <vector>

#include "model/Matrix.h"
#include "model/Model.h"

namespace atlas::cli {

// An aggregate of `run --aggregate`: one [T, T] map per layer, or per head for "norm".
struct AggregateOutput {
    std::string kind;                           // mean | rollout | flow | norm
    std::vector<Matrix> per_layer;              // [L] of [T, T]
    std::vector<std::vector<Matrix>> per_head;  // [L][H] of [T, T] ("norm" only)
};

// {"model": {...}, "tokens": [...], "attention": [L][H][T][T], "predictions": [...]}, plus
// "truncated": true when the text did not fit and "aggregate" when one is given. Floats are
// written in their shortest exact form; causal zeros as 0.
std::string runJson(const Model& model, const RunResult& result,
                    const AggregateOutput* aggregate = nullptr);

// Header `layer,head,query,key,query_text,key_text,weight`, then one row per cell, layer by
// layer, head by head, row by row. Texts are always quoted (GPT-2 tokens start with spaces).
std::string runCsv(const RunResult& result);

}  // namespace atlas::cli
