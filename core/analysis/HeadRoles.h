// The head-role table: every head's profile plus the relation baselines, as the analyze command's
// JSON (docs/cli.md) and Markdown, and the short labels the app shows beside each head.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "analysis/HeadProfile.h"
#include "analysis/RelationBaselines.h"

namespace atlas {

struct HeadRoleTable {
    std::string model;     // model name ("gpt", "bert", a folder name)
    std::string treebank;  // file the sentences came from
    int layers = 0;
    int heads_per_layer = 0;
    int sentences = 0;               // sentences analysed
    int truncated_sentences = 0;     // sentences longer than the context (cut off)
    std::vector<HeadProfile> heads;  // [layers * heads_per_layer], layer by layer
    RelationBaselines baselines;
};

// {"model": .., "heads": [{"layer", "head", "prev", "next", "self", "first", "entropy",
//  "mean_distance", "relations": {"det": 0.83, "det_dir": "dep->head", ...}, "induction",
//  "duplicate_token", "label"}, ...], "baselines": {"det": 0.52, ...},
//  "baseline_offsets": {"det": 1, ...}, "arcs": {"det": 1817, ...}, "sentences": N}
// Numbers are rounded to 4 decimals so the file diffs well.
nlohmann::json headRolesToJson(const HeadRoleTable& table);
// Reads what headRolesToJson wrote (the built-in models' tables in resources/). `source` names
// the file in errors. Throws AtlasError naming the missing or ill-typed key.
HeadRoleTable headRolesFromJson(const nlohmann::json& json, const std::string& source);

// Two tables: one row per head (positional measures, entropy, distance, induction and
// duplicate-token scores, best relation and its baseline, label), then one row per relation
// (arcs, baseline and its offset, best head, its score and direction), relations by arc count.
std::string headRolesToMarkdown(const HeadRoleTable& table);

// A few characters saying what a head does, or "" when nothing stands out:
// - a relation whose score beats its baseline by at least 0.10 over at least 50 arcs (the
//   largest margin wins): "det 0.71";
// - else an induction or duplicate-token score of at least 0.4: "induction 0.62";
// - else the largest of prev / next / self / first if at least 0.5: "prev 0.93".
std::string shortRoleLabel(const HeadProfile& profile, const RelationBaselines& baselines);

}  // namespace atlas
