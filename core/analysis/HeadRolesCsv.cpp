// Writing the CSV.
#include "analysis/HeadRolesCsv.h"

#include <cstdio>
#include <sstream>

#include "analysis/RelationNames.h"

namespace atlas {

namespace {

std::string quoted(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) {
        return text;
    }
    std::string out = "\"";
    for (char c : text) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", value);
    return buffer;
}

}  // namespace

std::string bestRelationOf(const HeadProfile& profile, const RelationBaselines& baselines) {
    std::string best;
    double bestGain = 0;
    for (const auto& [name, score] : profile.relations) {
        if (score.arcs < kBestRelationMinimumArcs) {
            continue;
        }
        const auto baseline = baselines.find(name);
        const double gain =
            score.score - (baseline == baselines.end() ? 0.0 : baseline->second.score);
        if (best.empty() || gain > bestGain) {
            best = name;
            bestGain = gain;
        }
    }
    return best;
}

std::string headRolesToCsv(const HeadRoleTable& table, const PlainRelationNamer& namer) {
    std::ostringstream out;
    out << "layer,head,label,prev,next,self,first,entropy,mean_distance,induction,"
           "duplicate_token,best_relation,in_plain_words,direction,score,baseline,gain\n";
    for (const HeadProfile& profile : table.heads) {
        out << profile.layer << ',' << profile.head << ','
            << quoted(shortRoleLabel(profile, table.baselines)) << ',' << number(profile.prev)
            << ',' << number(profile.next) << ',' << number(profile.self) << ','
            << number(profile.first) << ',' << number(profile.entropy) << ','
            << number(profile.mean_distance) << ','
            << (profile.induction ? number(*profile.induction) : std::string()) << ','
            << (profile.duplicate_token ? number(*profile.duplicate_token) : std::string());
        const std::string best = bestRelationOf(profile, table.baselines);
        if (best.empty()) {
            out << ",,,,,,\n";
            continue;
        }
        const RelationScore& score = profile.relations.at(best);
        const auto baseline = table.baselines.find(best);
        const double base = baseline == table.baselines.end() ? 0.0 : baseline->second.score;
        const std::string plain =
            namer ? namer(best, score.direction) : plainRelationName(best, score.direction);
        out << ',' << quoted(best) << ',' << quoted(plain) << ',' << directionName(score.direction)
            << ',' << number(score.score) << ',' << number(base) << ','
            << number(score.score - base) << '\n';
    }
    return out.str();
}

}  // namespace atlas
