#include "model/AttributionOutput.h"

namespace atlas {

namespace {

void appendTarget(std::string& out, const PredictionTarget& chosen) {
    out += "\"position\": " + std::to_string(chosen.position) +
           ", \"target\": {\"id\": " + std::to_string(chosen.target) + ", \"text\": ";
    appendJsonText(out, chosen.target_text);
    out += "}";
    if (!chosen.note.empty()) {
        out += ", \"note\": ";
        appendJsonText(out, chosen.note);
    }
}

void appendGrid(std::string& out, const std::vector<std::vector<double>>& grid) {
    out += '[';
    for (std::size_t l = 0; l < grid.size(); ++l) {
        out += l ? ", [" : "[";
        for (std::size_t h = 0; h < grid[l].size(); ++h) {
            if (h)
                out += ", ";
            appendJsonNumber(out, grid[l][h]);
        }
        out += ']';
    }
    out += ']';
}

std::string csvQuoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        out += c;
        if (c == '"')
            out += '"';
    }
    return out + "\"";
}

}  // namespace

std::string lensJson(const LogitLens& lens) {
    std::string out = "{\"layers\": [";
    for (std::size_t l = 0; l < lens.layers.size(); ++l) {
        const LensLayer& layer = lens.layers[l];
        out += l ? ",\n  {\"layer\": " : "{\"layer\": ";
        out += std::to_string(layer.layer) + ", \"positions\": [";
        for (std::size_t p = 0; p < layer.positions.size(); ++p) {
            const LensCell& cell = layer.positions[p];
            out += p ? ", {\"position\": " : "{\"position\": ";
            out += std::to_string(cell.position) + ", \"top\": ";
            appendTopTokensJson(out, cell.top);
            out += ", \"final_probability\": ";
            appendJsonNumber(out, cell.final_probability);
            out += '}';
        }
        out += "]}";
    }
    return out + "]}";
}

std::string directAttributionJson(const DirectLogitAttribution& parts,
                                  const PredictionTarget& chosen) {
    std::string out = "{\"method\": \"direct\", ";
    appendTarget(out, chosen);
    out += ", \"logit\": ";
    appendJsonNumber(out, parts.logit);
    out += ", \"sum_of_parts\": ";
    appendJsonNumber(out, parts.sumOfParts());
    out += ", \"embedding\": ";
    appendJsonNumber(out, parts.embedding);
    out += ", \"bias\": ";
    appendJsonNumber(out, parts.bias);
    out += ", \"mlp\": [";
    for (std::size_t l = 0; l < parts.mlp.size(); ++l) {
        if (l)
            out += ", ";
        appendJsonNumber(out, parts.mlp[l]);
    }
    out += "], \"heads\": ";
    appendGrid(out, parts.heads);
    return out + "}";
}

std::string ablationJson(const HeadAblationEffects& effects, const PredictionTarget& chosen) {
    std::string out = "{\"method\": \"ablation\", ";
    appendTarget(out, chosen);
    out +=
        ", \"about\": \"BERT is post-LN, so its logit does not split into heads; each entry is "
        "the change in log p(target) when that head's output is zeroed\", "
        "\"log_probability\": ";
    appendJsonNumber(out, effects.log_probability);
    out += ", \"heads\": ";
    appendGrid(out, effects.heads);
    return out + "}";
}

std::string tokenAttributionJson(const RunOutputModel& model, const PredictionTarget& chosen,
                                 const TokenAttribution& attribution,
                                 const std::string& replacement_text) {
    std::string out = "{\"model\": {\"name\": ";
    appendJsonText(out, model.name);
    out += ", \"type\": ";
    appendJsonText(out, model.type);
    out += ", \"causal\": ";
    out += model.causal ? "true" : "false";
    out += "},\n \"method\": ";
    appendJsonText(out, attribution.method);
    out += ", ";
    appendTarget(out, chosen);
    if (chosen.truncated) {
        out += ", \"truncated\": true";
    }
    out += ",\n \"log_probability\": ";
    appendJsonNumber(out, attribution.log_probability);
    if (attribution.method == "occlusion") {
        out += ", \"replacement\": {\"id\": " + std::to_string(attribution.replacement) +
               ", \"text\": ";
        appendJsonText(out, replacement_text);
        out += "}";
    }
    if (attribution.method == "ig") {
        out += ", \"steps\": " + std::to_string(attribution.steps) +
               ", \"baseline_log_probability\": ";
        appendJsonNumber(out, attribution.baseline_log_probability);
        out += ", \"completeness_error\": ";
        appendJsonNumber(out, attribution.completeness_error);
    }
    out += ",\n \"tokens\": [";
    for (std::size_t t = 0; t < chosen.tokens.size(); ++t) {
        const Token& token = chosen.tokens[t];
        out += t ? ",\n  {\"id\": " : "{\"id\": ";
        out += std::to_string(token.id) + ", \"text\": ";
        appendJsonText(out, token.text);
        out += ", \"begin\": " + std::to_string(token.begin) +
               ", \"end\": " + std::to_string(token.end) + ", \"score\": ";
        if (attribution.attributed[t]) {
            appendJsonNumber(out, attribution.scores[t]);
        } else {
            out += "null";
        }
        out += '}';
    }
    return out + "]}\n";
}

std::string tokenAttributionCsv(const PredictionTarget& chosen,
                                const TokenAttribution& attribution) {
    std::string out = "index,id,text,begin,end,score\n";
    for (std::size_t t = 0; t < chosen.tokens.size(); ++t) {
        const Token& token = chosen.tokens[t];
        out += std::to_string(t) + "," + std::to_string(token.id) + "," + csvQuoted(token.text) +
               "," + std::to_string(token.begin) + "," + std::to_string(token.end) + ",";
        if (attribution.attributed[t]) {
            appendJsonNumber(out, attribution.scores[t]);
        }
        out += "\n";
    }
    return out;
}

}  // namespace atlas
