// Grouping tokens into characters and words by their byte spans and the text's word breaks.
#include "analysis/TokenUnits.h"

#include <algorithm>

#include "text/WordBreak.h"

namespace atlas {

namespace {

bool isCharacterStart(std::string_view text, std::size_t position) {
    return position == 0 || position >= text.size() ||
           (static_cast<unsigned char>(text[position]) & 0xC0) != 0x80;
}

// Builds spans, specials and labels from the grouping.
TokenUnits finish(UnitLevel level, const std::vector<Token>& tokens, std::string_view text,
                  std::vector<std::vector<int>> groups) {
    TokenUnits units;
    units.level = level;
    units.alignment.word_of_token.assign(tokens.size(), -1);
    for (std::size_t u = 0; u < groups.size(); ++u) {
        const std::vector<int>& members = groups[u];
        ByteSpan span{tokens[members.front()].begin, tokens[members.front()].end};
        for (int t : members) {
            units.alignment.word_of_token[t] = static_cast<int>(u);
            span.begin = std::min(span.begin, tokens[t].begin);
            span.end = std::max(span.end, tokens[t].end);
        }
        const bool special = members.size() == 1 && tokens[members.front()].special;
        span.end = std::min(span.end, text.size());
        span.begin = std::min(span.begin, span.end);
        units.spans.push_back(special ? ByteSpan{span.begin, span.begin} : span);
        units.special.push_back(special);
        units.labels.push_back(special || members.size() == 1
                                   ? tokens[members.front()].text
                                   : std::string(text.substr(span.begin, span.end - span.begin)));
    }
    units.alignment.tokens_of_word = std::move(groups);
    return units;
}

std::vector<std::vector<int>> characterGroups(const std::vector<Token>& tokens,
                                              std::string_view text) {
    std::vector<std::vector<int>> groups;
    bool open = false;  // the last group may take more pieces (not a special token)
    std::size_t open_end = 0;
    for (std::size_t t = 0; t < tokens.size(); ++t) {
        const Token& token = tokens[t];
        if (token.special) {
            groups.push_back({static_cast<int>(t)});
            open = false;
            continue;
        }
        const bool inside_character =
            token.begin < open_end || !isCharacterStart(text, token.begin) ||
            token.end <= token.begin;  // an empty piece: the rest of a character
        if (open && inside_character) {
            groups.back().push_back(static_cast<int>(t));
            open_end = std::max(open_end, token.end);
        } else {
            groups.push_back({static_cast<int>(t)});
            open = true;
            open_end = token.end;
        }
    }
    return groups;
}

}  // namespace

TokenUnits characterUnits(const std::vector<Token>& tokens, std::string_view text) {
    return finish(UnitLevel::Characters, tokens, text, characterGroups(tokens, text));
}

TokenUnits wordUnits(const std::vector<Token>& tokens, std::string_view text) {
    const TokenUnits characters = characterUnits(tokens, text);
    const std::vector<TextSegment> segments = wordSegments(text);
    // The dictionary word each character unit lies in most, or -1.
    const auto dictionaryWordOf = [&](const ByteSpan& span) {
        std::size_t best_overlap = 0;
        int best = -1;
        for (std::size_t s = 0; s < segments.size(); ++s) {
            const std::size_t begin = std::max(span.begin, segments[s].begin);
            const std::size_t end = std::min(span.end, segments[s].end);
            if (end > begin && end - begin > best_overlap) {
                best_overlap = end - begin;
                best = static_cast<int>(s);
            }
        }
        return best >= 0 && segments[best].dictionary_word ? best : -1;
    };
    std::vector<std::vector<int>> groups;
    constexpr int kSpecial = -2;
    constexpr int kLatin = -1;
    int previous_key = kSpecial;  // kSpecial: no word to continue
    for (int u = 0; u < characters.count(); ++u) {
        const std::vector<int>& members = characters.alignment.tokens_of_word[u];
        int key = kSpecial;
        bool joins = false;
        if (!characters.special[u]) {
            key = dictionaryWordOf(characters.spans[u]);
            if (key >= 0) {
                joins = key == previous_key;
            } else {
                key = kLatin;
                joins = previous_key == kLatin && tokens[members.front()].continuation;
            }
        }
        if (joins) {
            groups.back().insert(groups.back().end(), members.begin(), members.end());
        } else {
            groups.push_back(members);
        }
        previous_key = key;
    }
    return finish(UnitLevel::Words, tokens, text, std::move(groups));
}

TokenUnits tokenUnits(const std::vector<Token>& tokens, std::string_view text, UnitLevel level) {
    switch (level) {
        case UnitLevel::Characters:
            return characterUnits(tokens, text);
        case UnitLevel::Words:
            return wordUnits(tokens, text);
        case UnitLevel::Tokens:
            break;
    }
    std::vector<std::vector<int>> groups;
    for (std::size_t t = 0; t < tokens.size(); ++t) {
        groups.push_back({static_cast<int>(t)});
    }
    return finish(UnitLevel::Tokens, tokens, text, std::move(groups));
}

Matrix unitAttention(const Matrix& attention, const TokenUnits& units) {
    return wordLevelAttention(attention, units.alignment);
}

UnitsOutput pooledUnitsOutput(const TokenUnits& units, std::vector<std::vector<Matrix>> pooled) {
    UnitsOutput out;
    out.level = unitLevelName(units.level);
    for (int u = 0; u < units.count(); ++u) {
        out.units.push_back({units.labels[std::size_t(u)], units.spans[std::size_t(u)].begin,
                             units.spans[std::size_t(u)].end,
                             units.alignment.tokens_of_word[std::size_t(u)]});
    }
    out.attention = std::move(pooled);
    return out;
}

UnitsOutput unitsOutput(const TokenUnits& units,
                        const std::vector<std::vector<Matrix>>& attention) {
    std::vector<std::vector<Matrix>> pooled(attention.size());
    for (std::size_t l = 0; l < attention.size(); ++l) {
        for (const Matrix& map : attention[l]) {
            pooled[l].push_back(unitAttention(map, units));
        }
    }
    return pooledUnitsOutput(units, std::move(pooled));
}

const char* unitLevelName(UnitLevel level) {
    switch (level) {
        case UnitLevel::Characters:
            return "characters";
        case UnitLevel::Words:
            return "words";
        case UnitLevel::Tokens:
            break;
    }
    return "tokens";
}

}  // namespace atlas
