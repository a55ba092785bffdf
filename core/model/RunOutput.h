// The output of `run`, docs/cli.md's JSON object or one CSV row per attention cell: one writer for
// the CLI and the window's data export, so both files read the same byte for byte.
//
// Letters: L layers, H heads, T tokens.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "model/Forward.h"
#include "model/Matrix.h"
#include "text/Token.h"

namespace atlas {

struct RunOutputModel {
    std::string name;  // "gpt", "bert" or a folder
    std::string type;  // config.json's model_type: "gpt2" or "bert"
    int layers = 0;
    int heads = 0;
    bool causal = false;
    int kv_heads = 0;  // key/value heads (num_key_value_heads); 0: one per head
};

// What the JSON says about the maps beyond their numbers.
struct RunOutputMarks {
    // Mean attention on token 0 of each head, [L][H], measured before the sink was hidden;
    // empty: not written.
    std::vector<std::vector<double>> sink_share;
    bool sink_dropped = false;  // the maps have key column 0 removed and rows renormalised
};

// An aggregate of `run --aggregate`: one [T, T] map per layer, or per head for "norm".
struct AggregateOutput {
    std::string kind;                           // mean | rollout | flow | norm
    std::vector<Matrix> per_layer;              // [L] of [T, T]
    std::vector<std::vector<Matrix>> per_head;  // [L][H] of [T, T] ("norm" only)
};

// The tokens grouped into units (characters of joined byte pieces, or words) with the
// attention pooled over them: the "units" section of `run --words`. Letters: U units.
struct UnitsOutput {
    struct Unit {
        std::string text;       // the text the unit covers, or a special token's text
        std::size_t begin = 0;  // byte span of the input
        std::size_t end = 0;
        std::vector<int> tokens;  // indices into "tokens"
    };
    std::string level;                           // "characters" or "words"
    std::vector<Unit> units;                     // [U]
    std::vector<std::vector<Matrix>> attention;  // [L][H] of [U, U]
};

// Head `head` of layer `layer`: a [T, T] map. Callers keep their own storage (a Forward's
// [L][H] maps, or the grid's columns).
using HeadMapLookup = std::function<const Matrix&(int layer, int head)>;

// {"model": {...}, "tokens": [...], "attention": [L][H][T][T], "predictions": [...]}, plus
// "truncated": true when the text did not fit and "aggregate" when one is given; "model" has
// "kv_heads" and, when query heads share key/value heads, "kv_groups" follows it
// (KeyValueGroups.h); `marks` adds "sink_share" and "sink_dropped"; "units":
// {"characters": {"units": [...], "attention": [L][H][U][U]}, "words": {...}} for each unit
// level given. Floats are written in their shortest exact form; causal zeros as 0.
// `extra_members` (name, JSON text) are appended after them as they are (run --lens, --dla).
std::string runJson(const RunOutputModel& model, bool truncated, const std::vector<Token>& tokens,
                    const HeadMapLookup& attention,
                    const std::vector<PositionPredictions>& predictions,
                    const AggregateOutput* aggregate = nullptr, const RunOutputMarks& marks = {},
                    const std::vector<UnitsOutput>& unit_levels = {},
                    const std::vector<std::pair<std::string, std::string>>& extra_members = {});

// [{"id": 457, "text": " man", "probability": 0.018472776}, ...]: the "top" list of a prediction,
// floats in their shortest exact form.
void appendTopTokensJson(std::string& out, const std::vector<TopToken>& top);
// A float or a double in its shortest exact form, a string as a JSON string.
void appendJsonNumber(std::string& out, float value);
void appendJsonNumber(std::string& out, double value);
void appendJsonText(std::string& out, const std::string& text);

// Header `layer,head,query,key,query_text,key_text,weight`, then one row per cell, layer by
// layer, head by head, row by row. Texts are always quoted (GPT-2 tokens start with spaces).
std::string runCsv(int layers, int heads, const std::vector<Token>& tokens,
                   const HeadMapLookup& attention);

}  // namespace atlas
