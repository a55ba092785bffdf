// The output of `run`: the JSON object of docs/cli.md, or one CSV row per attention cell.
#include "model/RunOutput.h"

#include <charconv>

#include <nlohmann/json.hpp>

#include "model/KeyValueGroups.h"

namespace atlas {

namespace {

// The shortest text that reads back as the same float ("0", "0.25", "1.2345678e-05").
void appendFloat(std::string& out, float value) {
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, error == std::errc() ? end : buffer);
}

void appendInt(std::string& out, long long value) {
    out += std::to_string(value);
}

// A JSON string literal; invalid UTF-8 (never produced by the tokenizers) becomes U+FFFD.
void appendJsonString(std::string& out, const std::string& text) {
    out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// [[row], [row], ...] of a [T, T] map.
void appendMap(std::string& out, const Matrix& map) {
    out += '[';
    for (Eigen::Index i = 0; i < map.rows(); ++i) {
        out += i ? ",[" : "[";
        for (Eigen::Index j = 0; j < map.cols(); ++j) {
            if (j)
                out += ',';
            appendFloat(out, map(i, j));
        }
        out += ']';
    }
    out += ']';
}

void appendMaps(std::string& out, const std::vector<Matrix>& maps) {
    out += '[';
    for (std::size_t m = 0; m < maps.size(); ++m) {
        if (m)
            out += ',';
        appendMap(out, maps[m]);
    }
    out += ']';
}

// A CSV field, quoted, with quotes doubled (RFC 4180).
void appendCsvText(std::string& out, const std::string& text) {
    out += '"';
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

}  // namespace

std::string runJson(const RunOutputModel& model, bool truncated, const std::vector<Token>& tokens,
                    const HeadMapLookup& attention,
                    const std::vector<PositionPredictions>& predictions,
                    const AggregateOutput* aggregate, const RunOutputMarks& marks,
                    const std::vector<UnitsOutput>& unit_levels,
                    const std::vector<std::pair<std::string, std::string>>& extra_members) {
    const std::size_t T = tokens.size();
    std::string out;
    out.reserve(static_cast<std::size_t>(model.layers) * model.heads * T * T * 11 + 4096);

    out += "{\"model\": {\"name\": ";
    appendJsonString(out, model.name);
    out += ", \"type\": ";
    appendJsonString(out, model.type);
    out += ", \"layers\": ";
    appendInt(out, model.layers);
    out += ", \"heads\": ";
    appendInt(out, model.heads);
    out += ", \"causal\": ";
    out += model.causal ? "true" : "false";
    out += ", \"kv_heads\": ";
    appendInt(out, model.kv_heads > 0 ? model.kv_heads : model.heads);
    out += "},\n";
    const std::vector<KeyValueGroup> groups =
        keyValueGroups(model.heads, model.kv_heads > 0 ? model.kv_heads : model.heads);
    if (!groups.empty()) {
        out += " \"kv_groups\": [";
        for (std::size_t g = 0; g < groups.size(); ++g) {
            out += g ? ", {\"kv_head\": " : "{\"kv_head\": ";
            appendInt(out, groups[g].kv_head);
            out += ", \"heads\": [";
            for (int h = groups[g].first_head; h <= groups[g].last_head; ++h) {
                if (h != groups[g].first_head)
                    out += ',';
                appendInt(out, h);
            }
            out += "], \"label\": ";
            appendJsonString(out, keyValueGroupLabel(groups[g]));
            out += '}';
        }
        out += "],\n";
    }
    if (marks.sink_dropped) {
        out += " \"sink_dropped\": true,\n";
    }
    if (!marks.sink_share.empty()) {
        out += " \"sink_share\": [";
        for (std::size_t l = 0; l < marks.sink_share.size(); ++l) {
            out += l ? ", [" : "[";
            for (std::size_t h = 0; h < marks.sink_share[l].size(); ++h) {
                if (h)
                    out += ',';
                appendFloat(out, static_cast<float>(marks.sink_share[l][h]));
            }
            out += ']';
        }
        out += "],\n";
    }
    if (truncated) {
        out += " \"truncated\": true,\n";
    }

    out += " \"tokens\": [";
    for (std::size_t t = 0; t < T; ++t) {
        const Token& token = tokens[t];
        out += t ? ", {\"id\": " : "{\"id\": ";
        appendInt(out, token.id);
        out += ", \"text\": ";
        appendJsonString(out, token.text);
        out += ", \"begin\": ";
        appendInt(out, static_cast<long long>(token.begin));
        out += ", \"end\": ";
        appendInt(out, static_cast<long long>(token.end));
        out += '}';
    }
    out += "],\n";

    out += " \"attention\": [";
    for (int l = 0; l < model.layers; ++l) {
        out += l ? ",\n  [" : "[";
        for (int h = 0; h < model.heads; ++h) {
            if (h)
                out += ',';
            appendMap(out, attention(l, h));
        }
        out += ']';
    }
    out += "],\n";

    // GPT-2: "position" is the token after which the candidates would come; BERT: the (masked)
    // position they would fill.
    out += " \"predictions\": [";
    for (std::size_t p = 0; p < predictions.size(); ++p) {
        const PositionPredictions& prediction = predictions[p];
        out += p ? ", {\"position\": " : "{\"position\": ";
        appendInt(out, prediction.position);
        out += ", \"top\": ";
        appendTopTokensJson(out, prediction.top);
        out += '}';
    }
    out += ']';

    if (aggregate) {
        out += ",\n \"aggregate\": {\"kind\": ";
        appendJsonString(out, aggregate->kind);
        out += ", \"maps\": [";
        if (!aggregate->per_head.empty()) {
            for (std::size_t l = 0; l < aggregate->per_head.size(); ++l) {
                if (l)
                    out += ",\n  ";
                appendMaps(out, aggregate->per_head[l]);
            }
        } else {
            for (std::size_t l = 0; l < aggregate->per_layer.size(); ++l) {
                if (l)
                    out += ",\n  ";
                appendMap(out, aggregate->per_layer[l]);
            }
        }
        out += "]}";
    }
    if (!unit_levels.empty()) {
        out += ",\n \"units\": {";
        for (std::size_t level = 0; level < unit_levels.size(); ++level) {
            const UnitsOutput& units = unit_levels[level];
            out += level ? ",\n  " : "";
            appendJsonString(out, units.level);
            out += ": {\"units\": [";
            for (std::size_t u = 0; u < units.units.size(); ++u) {
                const UnitsOutput::Unit& unit = units.units[u];
                out += u ? ", {\"text\": " : "{\"text\": ";
                appendJsonString(out, unit.text);
                out += ", \"begin\": ";
                appendInt(out, static_cast<long long>(unit.begin));
                out += ", \"end\": ";
                appendInt(out, static_cast<long long>(unit.end));
                out += ", \"tokens\": [";
                for (std::size_t t = 0; t < unit.tokens.size(); ++t) {
                    out += t ? "," : "";
                    appendInt(out, unit.tokens[t]);
                }
                out += "]}";
            }
            out += "],\n   \"attention\": [";
            for (std::size_t l = 0; l < units.attention.size(); ++l) {
                if (l)
                    out += ",\n   ";
                appendMaps(out, units.attention[l]);
            }
            out += "]}";
        }
        out += '}';
    }
    for (const auto& [name, json] : extra_members) {
        out += ",\n ";
        appendJsonString(out, name);
        out += ": ";
        out += json;
    }
    out += "}\n";
    return out;
}

void appendTopTokensJson(std::string& out, const std::vector<TopToken>& top) {
    out += '[';
    for (std::size_t r = 0; r < top.size(); ++r) {
        out += r ? ", {\"id\": " : "{\"id\": ";
        appendInt(out, top[r].id);
        out += ", \"text\": ";
        appendJsonString(out, top[r].text);
        out += ", \"probability\": ";
        appendFloat(out, top[r].probability);
        out += '}';
    }
    out += ']';
}

void appendJsonNumber(std::string& out, float value) {
    appendFloat(out, value);
}

void appendJsonNumber(std::string& out, double value) {
    char buffer[32];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, error == std::errc() ? end : buffer);
}

void appendJsonText(std::string& out, const std::string& text) {
    appendJsonString(out, text);
}

std::string runCsv(int layers, int heads, const std::vector<Token>& tokens,
                   const HeadMapLookup& attention) {
    std::string out = "layer,head,query,key,query_text,key_text,weight\n";
    for (int l = 0; l < layers; ++l) {
        for (int h = 0; h < heads; ++h) {
            const Matrix& map = attention(l, h);  // [T, T]
            for (Eigen::Index i = 0; i < map.rows(); ++i) {
                for (Eigen::Index j = 0; j < map.cols(); ++j) {
                    appendInt(out, l);
                    out += ',';
                    appendInt(out, h);
                    out += ',';
                    appendInt(out, i);
                    out += ',';
                    appendInt(out, j);
                    out += ',';
                    appendCsvText(out, tokens[i].text);
                    out += ',';
                    appendCsvText(out, tokens[j].text);
                    out += ',';
                    appendFloat(out, map(i, j));
                    out += '\n';
                }
            }
        }
    }
    return out;
}

}  // namespace atlas
