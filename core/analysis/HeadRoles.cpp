// Writes and reads the head-role table (JSON, Markdown) and names each head's role in a few words.
#include "analysis/HeadRoles.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include <nlohmann/json.hpp>

#include "Error.h"

namespace atlas {

namespace {

constexpr double kLabelMargin = 0.10;  // a relation must beat its baseline by this much
constexpr int kLabelMinimumArcs = 50;  // over enough arcs that chance does not decide
constexpr double kLabelInduction = 0.4;
constexpr double kLabelPositional = 0.5;
// A relation label needs a score a reader would call clear: near-uniform heads reach 0.4 on rare
// relations (list, parataxis) because a multi-token word sums its columns.
constexpr double kLabelRelationScore = 0.5;
// A head this positional is labelled by position even when it also beats a relation baseline
// (a previous-token head beats the det baseline on the way).
constexpr double kLabelStrongPositional = 0.7;

double round4(double value) {
    return std::round(value * 1e4) / 1e4;
}

std::string fixed2(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

// The relation that beats its baseline by the most (over enough arcs), or none.
struct BestRelation {
    std::string name;
    const RelationScore* score = nullptr;
    double baseline = 0;
    double margin = -1e9;
};

BestRelation bestRelation(const HeadProfile& profile, const RelationBaselines& baselines) {
    BestRelation best;
    for (const auto& [name, score] : profile.relations) {
        if (score.arcs < kLabelMinimumArcs) {
            continue;
        }
        auto found = baselines.find(name);
        const double baseline = found == baselines.end() ? 0.0 : found->second.score;
        if (score.score - baseline > best.margin) {
            best = {name, &score, baseline, score.score - baseline};
        }
    }
    return best;
}

double number(const nlohmann::json& object, const char* key, const std::string& where) {
    auto found = object.find(key);
    if (found == object.end() || !found->is_number()) {
        throw AtlasError(where + ": key \"" + key + "\" missing or not a number");
    }
    return found->get<double>();
}

}  // namespace

std::string shortRoleLabel(const HeadProfile& profile, const RelationBaselines& baselines) {
    const std::pair<const char*, double> positional[] = {{"prev", profile.prev},
                                                         {"next", profile.next},
                                                         {"self", profile.self},
                                                         {"first", profile.first}};
    const auto* strongest =
        std::max_element(std::begin(positional), std::end(positional),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    if (strongest->second >= kLabelStrongPositional) {
        return std::string(strongest->first) + " " + fixed2(strongest->second);
    }
    BestRelation relation = bestRelation(profile, baselines);
    if (relation.score != nullptr && relation.margin >= kLabelMargin &&
        relation.score->score >= kLabelRelationScore) {
        return relation.name + " " + fixed2(relation.score->score);
    }
    const double induction = profile.induction.value_or(0.0);
    const double duplicate = profile.duplicate_token.value_or(0.0);
    if (std::max(induction, duplicate) >= kLabelInduction) {
        return induction >= duplicate ? "induction " + fixed2(induction)
                                      : "duplicate " + fixed2(duplicate);
    }
    if (strongest->second >= kLabelPositional) {
        return std::string(strongest->first) + " " + fixed2(strongest->second);
    }
    return "";
}

nlohmann::json headRolesToJson(const HeadRoleTable& table) {
    nlohmann::json heads = nlohmann::json::array();
    for (const HeadProfile& profile : table.heads) {
        nlohmann::json relations = nlohmann::json::object();
        for (const auto& [name, score] : profile.relations) {
            relations[name] = round4(score.score);
            relations[name + "_dir"] = directionName(score.direction);
        }
        nlohmann::json head = {{"layer", profile.layer},
                               {"head", profile.head},
                               {"prev", round4(profile.prev)},
                               {"next", round4(profile.next)},
                               {"self", round4(profile.self)},
                               {"first", round4(profile.first)},
                               {"entropy", round4(profile.entropy)},
                               {"mean_distance", round4(profile.mean_distance)},
                               {"relations", std::move(relations)}};
        if (profile.induction) {
            head["induction"] = round4(*profile.induction);
        }
        if (profile.duplicate_token) {
            head["duplicate_token"] = round4(*profile.duplicate_token);
        }
        head["label"] = shortRoleLabel(profile, table.baselines);
        heads.push_back(std::move(head));
    }
    nlohmann::json baselines = nlohmann::json::object();
    nlohmann::json offsets = nlohmann::json::object();
    nlohmann::json arcs = nlohmann::json::object();
    for (const auto& [name, baseline] : table.baselines) {
        baselines[name] = round4(baseline.score);
        offsets[name] = baseline.offset;
        arcs[name] = baseline.arcs;
    }
    return {{"model", table.model},
            {"treebank", table.treebank},
            {"layers", table.layers},
            {"heads_per_layer", table.heads_per_layer},
            {"sentences", table.sentences},
            {"truncated_sentences", table.truncated_sentences},
            {"heads", std::move(heads)},
            {"baselines", std::move(baselines)},
            {"baseline_offsets", std::move(offsets)},
            {"arcs", std::move(arcs)}};
}

HeadRoleTable headRolesFromJson(const nlohmann::json& json, const std::string& source) {
    if (!json.is_object()) {
        throw AtlasError(source + ": the head-role table is not a JSON object");
    }
    HeadRoleTable table;
    table.model = json.value("model", "");
    table.treebank = json.value("treebank", "");
    table.sentences = json.value("sentences", 0);
    table.truncated_sentences = json.value("truncated_sentences", 0);

    auto baselines = json.find("baselines");
    if (baselines == json.end() || !baselines->is_object()) {
        throw AtlasError(source + ": key \"baselines\" missing or not an object");
    }
    const nlohmann::json offsets = json.value("baseline_offsets", nlohmann::json::object());
    const nlohmann::json arcs = json.value("arcs", nlohmann::json::object());
    for (const auto& [name, value] : baselines->items()) {
        if (!value.is_number()) {
            throw AtlasError(source + ": baselines.\"" + name + "\" is not a number");
        }
        RelationBaseline baseline;
        baseline.score = value.get<double>();
        if (offsets.contains(name) && offsets[name].is_number_integer()) {
            baseline.offset = offsets[name].get<int>();
        }
        if (arcs.contains(name) && arcs[name].is_number_integer()) {
            baseline.arcs = arcs[name].get<int>();
        }
        table.baselines[name] = baseline;
    }

    auto heads = json.find("heads");
    if (heads == json.end() || !heads->is_array()) {
        throw AtlasError(source + ": key \"heads\" missing or not an array");
    }
    for (std::size_t index = 0; index < heads->size(); ++index) {
        const nlohmann::json& entry = (*heads)[index];
        const std::string where = source + ": heads[" + std::to_string(index) + "]";
        if (!entry.is_object()) {
            throw AtlasError(where + " is not an object");
        }
        HeadProfile profile;
        profile.layer = static_cast<int>(number(entry, "layer", where));
        profile.head = static_cast<int>(number(entry, "head", where));
        profile.prev = number(entry, "prev", where);
        profile.next = number(entry, "next", where);
        profile.self = number(entry, "self", where);
        profile.first = number(entry, "first", where);
        profile.entropy = number(entry, "entropy", where);
        profile.mean_distance = number(entry, "mean_distance", where);
        if (entry.contains("induction")) {
            profile.induction = number(entry, "induction", where);
        }
        if (entry.contains("duplicate_token")) {
            profile.duplicate_token = number(entry, "duplicate_token", where);
        }
        const nlohmann::json relations = entry.value("relations", nlohmann::json::object());
        for (const auto& [name, value] : relations.items()) {
            if (name.size() > 4 && name.compare(name.size() - 4, 4, "_dir") == 0) {
                continue;
            }
            if (!value.is_number()) {
                throw AtlasError(where + ".relations.\"" + name + "\" is not a number");
            }
            RelationScore score;
            score.score = value.get<double>();
            const std::string direction = relations.value(name + "_dir", "dep->head");
            if (direction == "head->dep") {
                score.direction = RelationDirection::HeadToDependent;
                score.head_to_dependent = score.score;
            } else if (direction == "dep->head") {
                score.dependent_to_head = score.score;
            } else {
                throw AtlasError(where + ".relations.\"" + name + "_dir\" is \"" + direction +
                                 "\", expected \"dep->head\" or \"head->dep\"");
            }
            auto baseline = table.baselines.find(name);
            score.arcs = baseline == table.baselines.end() ? 0 : baseline->second.arcs;
            profile.relations[name] = score;
        }
        table.layers = std::max(table.layers, profile.layer + 1);
        table.heads_per_layer = std::max(table.heads_per_layer, profile.head + 1);
        table.heads.push_back(std::move(profile));
    }
    table.layers = json.value("layers", table.layers);
    table.heads_per_layer = json.value("heads_per_layer", table.heads_per_layer);
    return table;
}

std::string headRolesToMarkdown(const HeadRoleTable& table) {
    std::ostringstream out;
    out << "# Head roles: " << (table.model.empty() ? "model" : table.model) << "\n\n";
    out << table.sentences << " sentences";
    if (!table.treebank.empty()) {
        out << " from `" << table.treebank << "`";
    }
    if (table.truncated_sentences > 0) {
        out << " (" << table.truncated_sentences << " cut off at the context)";
    }
    out << ". Positional scores are mean attention weights; a relation score is the share of "
           "arcs whose word attends most to its partner (Clark et al. 2019), against the best "
           "fixed-offset baseline.\n\n";

    out << "| head | prev | next | self | first | entropy | distance | induction | duplicate | "
           "best relation | score | direction | baseline | label |\n";
    out << "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const HeadProfile& profile : table.heads) {
        BestRelation relation = bestRelation(profile, table.baselines);
        out << "| " << profile.layer << ":" << profile.head << " | " << fixed2(profile.prev)
            << " | " << fixed2(profile.next) << " | " << fixed2(profile.self) << " | "
            << fixed2(profile.first) << " | " << fixed2(profile.entropy) << " | "
            << fixed2(profile.mean_distance) << " | "
            << (profile.induction ? fixed2(*profile.induction) : "") << " | "
            << (profile.duplicate_token ? fixed2(*profile.duplicate_token) : "") << " | ";
        if (relation.score != nullptr) {
            out << relation.name << " | " << fixed2(relation.score->score) << " | "
                << directionName(relation.score->direction) << " | " << fixed2(relation.baseline);
        } else {
            out << " |  |  | ";
        }
        out << " | " << shortRoleLabel(profile, table.baselines) << " |\n";
    }

    std::vector<std::pair<std::string, RelationBaseline>> relations(table.baselines.begin(),
                                                                    table.baselines.end());
    std::stable_sort(relations.begin(), relations.end(),
                     [](const auto& a, const auto& b) { return a.second.arcs > b.second.arcs; });
    out << "\n| relation | arcs | baseline | offset | best head | score | direction |\n";
    out << "|---|---|---|---|---|---|---|\n";
    for (const auto& [name, baseline] : relations) {
        const HeadProfile* best_head = nullptr;
        const RelationScore* best_score = nullptr;
        for (const HeadProfile& profile : table.heads) {
            auto found = profile.relations.find(name);
            if (found != profile.relations.end() &&
                (best_score == nullptr || found->second.score > best_score->score)) {
                best_head = &profile;
                best_score = &found->second;
            }
        }
        out << "| " << name << " | " << baseline.arcs << " | " << fixed2(baseline.score) << " | "
            << (baseline.offset > 0 ? "+" : "") << baseline.offset << " | ";
        if (best_head != nullptr) {
            out << best_head->layer << ":" << best_head->head << " | " << fixed2(best_score->score)
                << " | " << directionName(best_score->direction) << " |\n";
        } else {
            out << " |  |  |\n";
        }
    }
    return out.str();
}

}  // namespace atlas
