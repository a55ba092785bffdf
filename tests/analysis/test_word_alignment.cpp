// Tests the token-to-word alignment by byte spans and the pooling of attention to word level.
#include <QTest>

#include "Error.h"
#include "analysis/Conllu.h"
#include "analysis/WordAlignment.h"

using namespace atlas;

namespace {

Token token(std::size_t begin, std::size_t end, bool special = false) {
    Token result;
    result.begin = begin;
    result.end = end;
    result.special = special;
    return result;
}

// "The dog didn't bark." : The [0,3) dog [4,7) did [8,11) n't [11,14) bark [15,19) . [19,20)
const std::vector<ByteSpan> kWords = {{0, 3}, {4, 7}, {8, 11}, {11, 14}, {15, 19}, {19, 20}};

}  // namespace

class TestWordAlignment : public QObject {
    Q_OBJECT

  private slots:
    // Byte-level BPE: pieces carry their leading space; " didn" overlaps "did" by 3 bytes and
    // "n't" by 1, so it belongs to "did"; "'t" to "n't".
    void bpePiecesWithLeadingSpaces() {
        const std::vector<Token> tokens = {token(0, 3),   token(3, 7),   token(7, 12),
                                           token(12, 14), token(14, 19), token(19, 20)};
        const WordAlignment alignment = alignTokensToWords(tokens, kWords);
        QCOMPARE(alignment.word_of_token, (std::vector<int>{0, 1, 2, 3, 4, 5}));
        QCOMPARE(alignment.wordCount(), 6);
        for (int w = 0; w < 6; ++w) {
            QVERIFY(alignment.hasTokens(w));
        }
    }

    // WordPiece with [CLS]/[SEP]: specials belong to no word; "n't" gets two pieces.
    void wordPiecesAndSpecials() {
        const std::vector<Token> tokens = {token(0, 0, true), token(0, 3),   token(4, 7),
                                           token(8, 12),      token(12, 13), token(13, 14),
                                           token(15, 19),     token(19, 20), token(20, 20, true)};
        const WordAlignment alignment = alignTokensToWords(tokens, kWords);
        QCOMPARE(alignment.word_of_token, (std::vector<int>{-1, 0, 1, 2, 3, 3, 4, 5, -1}));
        QCOMPARE(alignment.tokens_of_word[3], (std::vector<int>{4, 5}));
    }

    // A token over two one-byte words goes to the first; the second is left without tokens.
    // A space-only token belongs to no word.
    void tiesAndWordsWithoutTokens() {
        const std::vector<ByteSpan> words = {{0, 1}, {1, 2}, {3, 4}};  // "ab c"
        const std::vector<Token> tokens = {token(0, 2), token(2, 3), token(3, 4)};
        const WordAlignment alignment = alignTokensToWords(tokens, words);
        QCOMPARE(alignment.word_of_token, (std::vector<int>{0, -1, 2}));
        QVERIFY(!alignment.hasTokens(1));
    }

    void alignsAParsedSentence() {
        auto sentences = parseConllu(
            "1\tHi\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n2\t!\t_\t_\t_\t_\t1\tpunct\t_\t_\n",
            "hi");
        const std::vector<Token> tokens = {token(0, 1), token(1, 2), token(2, 3)};  // H i !
        const WordAlignment alignment = alignTokensToWords(tokens, sentences[0]);
        QCOMPARE(alignment.tokens_of_word[0], (std::vector<int>{0, 1}));
        QCOMPARE(alignment.tokens_of_word[1], (std::vector<int>{2}));
    }

    // Tokens [CLS] a b c; word 0 = {a, b}, word 1 = {c}.
    void wordLevelAttentionPoolsRowsAndColumns() {
        const std::vector<Token> tokens = {token(0, 0, true), token(0, 1), token(1, 2),
                                           token(3, 4)};
        const WordAlignment alignment =
            alignTokensToWords(tokens, std::vector<ByteSpan>{{0, 2}, {3, 4}});
        Matrix attention(4, 4);               // [T, T] rows sum to 1
        attention << 1.0f, 0.0f, 0.0f, 0.0f,  //
            0.1f, 0.2f, 0.3f, 0.4f,           //
            0.5f, 0.1f, 0.1f, 0.3f,           //
            0.2f, 0.3f, 0.4f, 0.1f;
        const Matrix words = wordLevelAttention(attention, alignment);  // [2, 2]
        QCOMPARE(words.rows(), 2);
        // From word 0: mean of rows a and b. To word 0: columns a + b.
        //   row a: 0.2 + 0.3 = 0.5 to word 0, 0.4 to word 1
        //   row b: 0.1 + 0.1 = 0.2 to word 0, 0.3 to word 1  -> means 0.35, 0.35
        // From word 1 (row c): 0.3 + 0.4 = 0.7 to word 0, 0.1 to word 1. [CLS] column dropped.
        QVERIFY(std::abs(words(0, 0) - 0.35f) < 1e-6f);
        QVERIFY(std::abs(words(0, 1) - 0.35f) < 1e-6f);
        QVERIFY(std::abs(words(1, 0) - 0.7f) < 1e-6f);
        QVERIFY(std::abs(words(1, 1) - 0.1f) < 1e-6f);
        QVERIFY_THROWS_EXCEPTION(AtlasError, wordLevelAttention(Matrix::Zero(3, 3), alignment));
    }
};

QTEST_GUILESS_MAIN(TestWordAlignment)
#include "test_word_alignment.moc"
