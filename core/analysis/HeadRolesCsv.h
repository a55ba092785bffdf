// The head-role table as CSV for a spreadsheet: one row per head, its measures, its short label
// and its best relation with the relation in plain words ("determiner → noun").
#pragma once

#include <functional>
#include <string>

#include "analysis/HeadRoles.h"

namespace atlas {

// Relations over fewer arcs than this are too rare to call a head's best (as the labels).
constexpr int kBestRelationMinimumArcs = 50;

// The relation whose score beats its baseline by the most, over at least
// kBestRelationMinimumArcs arcs; "" when the head has none.
std::string bestRelationOf(const HeadProfile& profile, const RelationBaselines& baselines);

// Names a relation in plain words; the default is plainRelationName (English). The window
// passes its translation.
using PlainRelationNamer = std::function<std::string(const std::string&, RelationDirection)>;

// Header: layer,head,label,prev,next,self,first,entropy,mean_distance,induction,
// duplicate_token,best_relation,in_plain_words,direction,score,baseline,gain. Texts are quoted
// when they hold a comma or a quote; missing numbers are empty. UTF-8, "\n" line ends.
std::string headRolesToCsv(const HeadRoleTable& table, const PlainRelationNamer& namer = {});

}  // namespace atlas
