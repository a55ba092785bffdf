// Matches tokens to words by byte-span overlap and pools attention from tokens to words.
#include "analysis/WordAlignment.h"

#include <algorithm>

#include "Error.h"
#include "analysis/Conllu.h"

namespace atlas {

WordAlignment alignTokensToWords(const std::vector<Token>& tokens,
                                 const std::vector<ByteSpan>& word_spans) {
    WordAlignment alignment;
    alignment.word_of_token.assign(tokens.size(), -1);
    alignment.tokens_of_word.resize(word_spans.size());
    for (std::size_t t = 0; t < tokens.size(); ++t) {
        const Token& token = tokens[t];
        std::size_t best_overlap = 0;
        int best_word = -1;
        for (std::size_t w = 0; w < word_spans.size(); ++w) {
            std::size_t begin = std::max(token.begin, word_spans[w].begin);
            std::size_t end = std::min(token.end, word_spans[w].end);
            if (end > begin && end - begin > best_overlap) {
                best_overlap = end - begin;
                best_word = static_cast<int>(w);
            }
        }
        alignment.word_of_token[t] = best_word;
        if (best_word >= 0) {
            alignment.tokens_of_word[best_word].push_back(static_cast<int>(t));
        }
    }
    return alignment;
}

WordAlignment alignTokensToWords(const std::vector<Token>& tokens, const ConlluSentence& sentence) {
    std::vector<ByteSpan> spans;
    spans.reserve(sentence.words.size());
    for (const ConlluWord& word : sentence.words) {
        spans.push_back({word.begin, word.end});
    }
    return alignTokensToWords(tokens, spans);
}

Matrix wordLevelAttention(const Matrix& attention, const WordAlignment& alignment) {
    const int token_count = alignment.tokenCount();
    if (attention.rows() != token_count || attention.cols() != token_count) {
        throw AtlasError("word-level attention: attention is " + std::to_string(attention.rows()) +
                         " x " + std::to_string(attention.cols()) + " but the alignment has " +
                         std::to_string(token_count) + " tokens");
    }
    const int word_count = alignment.wordCount();
    // Columns summed per word first: pooled [T, W].
    Matrix to_words = Matrix::Zero(token_count, word_count);  // [T, W]
    for (int t = 0; t < token_count; ++t) {
        for (int s = 0; s < token_count; ++s) {
            int word = alignment.word_of_token[s];
            if (word >= 0) {
                to_words(t, word) += attention(t, s);
            }
        }
    }
    Matrix words = Matrix::Zero(word_count, word_count);  // [W, W]
    for (int w = 0; w < word_count; ++w) {
        const std::vector<int>& own = alignment.tokens_of_word[w];
        if (own.empty()) {
            continue;
        }
        for (int t : own) {
            words.row(w) += to_words.row(t);
        }
        words.row(w) /= static_cast<float>(own.size());
    }
    return words;
}

}  // namespace atlas
