// Which tokens make up which word: tokens and words are matched by their byte spans, so any
// tokenizer works (BPE pieces with a leading space, WordPiece "##" pieces, special tokens).
//
// Letters: T tokens, W words.
#pragma once

#include <cstddef>
#include <vector>

#include "model/Matrix.h"
#include "text/Token.h"

namespace atlas {

struct ConlluSentence;

struct ByteSpan {
    std::size_t begin = 0;
    std::size_t end = 0;  // exclusive
};

struct WordAlignment {
    std::vector<int> word_of_token;                // [T] word index, or -1 (special, space only)
    std::vector<std::vector<int>> tokens_of_word;  // [W] token indices ascending; may be empty

    int wordCount() const { return static_cast<int>(tokens_of_word.size()); }
    int tokenCount() const { return static_cast<int>(word_of_token.size()); }
    bool hasTokens(int word) const { return !tokens_of_word[word].empty(); }
};

// Each token goes to the word its bytes overlap most (the earlier word on a tie); a token that
// overlaps no word (special tokens have an empty span, a lone space) belongs to none. A word can
// end up without tokens (text cut off at the context, or a token spanning two short words
// counted for the other): analyses skip such words.
WordAlignment alignTokensToWords(const std::vector<Token>& tokens,
                                 const std::vector<ByteSpan>& word_spans);
WordAlignment alignTokensToWords(const std::vector<Token>& tokens, const ConlluSentence& sentence);

// Word-level attention [W, W] from token-level attention [T, T]: attention from a word is the
// mean of its tokens' rows, to a word the sum of its tokens' columns (Clark et al. 2019). Rows
// and columns of words without tokens are zero. Attention to tokens of no word (specials) is
// dropped, so rows sum to at most 1.
Matrix wordLevelAttention(const Matrix& attention, const WordAlignment& alignment);

}  // namespace atlas
