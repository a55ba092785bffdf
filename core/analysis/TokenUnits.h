// What a row and a column of the views stand for: a model token, a character (the byte pieces
// of one character joined), or a word. Units group consecutive tokens; every token belongs to
// exactly one unit, and special tokens ([CLS], <|endoftext|>) stay units of their own.
//
// Letters: T tokens, U units.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analysis/WordAlignment.h"
#include "model/Matrix.h"
#include "model/RunOutput.h"
#include "text/Token.h"

namespace atlas {

enum class UnitLevel {
    Tokens,      // one unit per model token
    Characters,  // byte-level pieces of one character joined (GPT-2 on Chinese: 3 pieces, 猫)
    Words,       // words: Latin text as the pre-tokenizer split it, Han text by ICU's dictionary
};

struct TokenUnits {
    UnitLevel level = UnitLevel::Tokens;
    WordAlignment alignment;          // unit of each token, tokens of each unit (never empty)
    std::vector<ByteSpan> spans;      // [U] bytes of the text a unit covers (empty: special)
    std::vector<bool> special;        // [U] a special token's unit
    std::vector<std::string> labels;  // [U] the covered text, or the special token's text

    int count() const { return alignment.wordCount(); }
    // Every unit is one token: pooling would change nothing.
    bool oneTokenEach() const { return count() == alignment.tokenCount(); }
};

// Tokens that share bytes of one character (a token starting inside a character, or tokens
// whose spans overlap, as the byte pieces of tokenizer.json's ByteLevel models do) form one
// unit; every other token is a unit of its own. `text` is the text the tokens' spans index.
TokenUnits characterUnits(const std::vector<Token>& tokens, std::string_view text);

// Words. Characters first, so no word splits a character; then a character unit inside a word
// ICU's dictionary found in a run of Han (or kana) text joins the units of the same word, and
// any other unit joins the one before it when its first token continues a word (a WordPiece
// "##" piece, a BPE piece inside a pre-tokenized word).
TokenUnits wordUnits(const std::vector<Token>& tokens, std::string_view text);

TokenUnits tokenUnits(const std::vector<Token>& tokens, std::string_view text, UnitLevel level);

// Unit-level attention [U, U] from token-level [T, T]: from a unit, the mean of its tokens'
// rows; to a unit, the sum of its tokens' columns (Clark et al. 2019). Rows still sum to 1.
Matrix unitAttention(const Matrix& attention, const TokenUnits& units);

// The "units" section of `run --words` for these units and the token-level maps [L][H].
UnitsOutput unitsOutput(const TokenUnits& units, const std::vector<std::vector<Matrix>>& attention);
// The same for maps already pooled to these units, [L][H] of [U, U].
UnitsOutput pooledUnitsOutput(const TokenUnits& units, std::vector<std::vector<Matrix>> pooled);

// "tokens", "characters", "words".
const char* unitLevelName(UnitLevel level);

}  // namespace atlas
