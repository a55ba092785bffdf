#include "model/PredictionTarget.h"
#include "model/TokenText.h"

#include <algorithm>
#include <cctype>

#include "Error.h"

namespace atlas {

namespace {

bool hasLetterOrDigit(const std::string& text) {
    // Bytes above 0x7f are parts of letters in every script the app shows (Chinese included).
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte >= 0x80 || std::isalnum(byte);
    });
}

// The first token of the last word (not punctuation, not a special token), or -1.
int lastWordStart(const std::vector<Token>& tokens) {
    for (int t = static_cast<int>(tokens.size()) - 1; t >= 0; --t) {
        const Token& token = tokens[t];
        if (token.special || !hasLetterOrDigit(token.text)) {
            continue;
        }
        int start = t;
        while (start > 0 && tokens[start].continuation && !tokens[start - 1].special) {
            --start;
        }
        return start;
    }
    return -1;
}

int targetId(const Model& model, const std::string& text) {
    const std::vector<Token> tokens = model.tokenizer().encode(text);
    if (tokens.size() != 1) {
        throw AtlasError("--target: '" + text + "' is " + std::to_string(tokens.size()) +
                         " tokens for " + model.name() + ", expected exactly one");
    }
    return tokens.front().id;
}

}  // namespace

PredictionTarget choosePredictionTarget(const Model& model, std::string_view text,
                                        std::optional<int> position,
                                        const std::optional<std::string>& target) {
    EncodedText encoded = model.encode(text);
    PredictionTarget chosen =
        choosePredictionTarget(model, std::move(encoded.tokens), position, target);
    chosen.truncated = encoded.truncated;
    return chosen;
}

PredictionTarget choosePredictionTarget(const Model& model, std::vector<Token> tokens,
                                        std::optional<int> position,
                                        const std::optional<std::string>& target) {
    PredictionTarget chosen;
    chosen.tokens = std::move(tokens);
    const int T = static_cast<int>(chosen.tokens.size());
    if (position && (*position < 0 || *position >= T)) {
        throw AtlasError("--position: token " + std::to_string(*position) +
                         " is out of range: the text has tokens 0-" + std::to_string(T - 1));
    }
    const bool bert = model.config().architecture == Architecture::Bert;
    std::optional<int> original;  // the masked token's own id
    if (!bert) {
        chosen.position = position.value_or(T - 1);
    } else {
        const int mask = specialTokenId(model, "[MASK]");
        int first_mask = -1;
        for (int t = 0; t < T && first_mask < 0; ++t) {
            if (chosen.tokens[t].id == mask) {
                first_mask = t;
            }
        }
        if (position ? chosen.tokens[*position].id == mask : first_mask >= 0) {
            chosen.position = position.value_or(first_mask);
        } else {
            const int start = position.value_or(lastWordStart(chosen.tokens));
            if (start < 0) {
                throw AtlasError("--text: the text has no word to mask and no [MASK]");
            }
            if (chosen.tokens[start].special) {
                throw AtlasError("--position: token " + std::to_string(start) + " is " +
                                 chosen.tokens[start].text + ", which cannot be masked");
            }
            int end = start + 1;
            while (!position && end < T && chosen.tokens[end].continuation) {
                ++end;
            }
            std::string word;
            for (int t = start; t < end; ++t) {
                word += chosen.tokens[t].text;
            }
            original = chosen.tokens[start].id;
            for (int t = start; t < end; ++t) {
                chosen.tokens[t].id = mask;
                chosen.tokens[t].text = "[MASK]";
                chosen.tokens[t].special = true;
                chosen.tokens[t].continuation = false;
            }
            chosen.position = start;
            chosen.masked_last_word = true;
            chosen.note = "the text has no [MASK]: " +
                          std::string(position ? "token " + std::to_string(start)
                                               : std::string("the last word")) +
                          " ('" + word + "') was masked and its original token '" +
                          tokenDisplayText(model, *original) + "' is the target";
        }
    }
    for (const Token& token : chosen.tokens) {
        chosen.ids.push_back(token.id);
    }
    if (target) {
        chosen.target = targetId(model, *target);
    } else if (original) {
        chosen.target = *original;
    } else {
        ForwardOptions options;
        options.top_k = 1;
        options.predict_positions = {chosen.position};
        chosen.target = model.forward(chosen.ids, options).predictions.front().top.front().id;
    }
    chosen.target_text = tokenDisplayText(model, chosen.target);
    return chosen;
}

}  // namespace atlas
