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

    // Chinese: no spaces between words (SpaceAfter=No), several tokens per word, and byte-level
    // pieces that split one character. "老师说学生们。": 老师 [0,6) 说 [6,9) 学生 [9,15)
    // 们 [15,18) 。[18,21); every character is 3 bytes in UTF-8.
    void chineseWordsWithoutSpaces() {
        auto sentences = parseConllu(
            "1\t老师\t_\t_\t_\t_\t2\tnsubj\t_\tSpaceAfter=No\n"
            "2\t说\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
            "3\t学生\t_\t_\t_\t_\t2\tobj\t_\tSpaceAfter=No\n"
            "4\t们\t_\t_\t_\t_\t3\tmark\t_\tSpaceAfter=No\n"
            "5\t。\t_\t_\t_\t_\t2\tpunct\t_\tSpaceAfter=No\n",
            "zh");
        const ConlluSentence& sentence = sentences[0];
        QCOMPARE(sentence.text, std::string("老师说学生们。"));
        QCOMPARE(sentence.words[2].begin, std::size_t{9});
        QCOMPARE(sentence.words[2].end, std::size_t{15});

        // Byte-level BPE: 老师 one token, 说 cut into two byte pieces, 学 生 们 。 one each.
        const std::vector<Token> bpe = {token(0, 6),   token(6, 8),   token(8, 9),  token(9, 12),
                                        token(12, 15), token(15, 18), token(18, 21)};
        const WordAlignment pieces = alignTokensToWords(bpe, sentence);
        QCOMPARE(pieces.word_of_token, (std::vector<int>{0, 1, 1, 2, 2, 3, 4}));
        QCOMPARE(pieces.tokens_of_word[1], (std::vector<int>{1, 2}));

        // A token over two words (生们) goes to the one it overlaps most; on a tie the earlier.
        const std::vector<Token> merged = {token(0, 6), token(6, 9), token(9, 12), token(12, 18),
                                           token(18, 21)};
        const WordAlignment across = alignTokensToWords(merged, sentence);
        QCOMPARE(across.word_of_token, (std::vector<int>{0, 1, 2, 2, 4}));
        QVERIFY(!across.hasTokens(3));

        // BERT-style characters with [CLS] and [SEP].
        std::vector<Token> characters = {token(0, 0, true)};
        for (std::size_t begin = 0; begin < 21; begin += 3) {
            characters.push_back(token(begin, begin + 3));
        }
        characters.push_back(token(21, 21, true));
        const WordAlignment chars = alignTokensToWords(characters, sentence);
        QCOMPARE(chars.word_of_token, (std::vector<int>{-1, 0, 0, 1, 2, 2, 3, 4, -1}));

        // Word-level attention over the byte pieces: from 说 the mean of its two pieces' rows, to
        // 说 the sum of its two pieces' columns.
        Matrix attention = Matrix::Zero(7, 7);
        attention(1, 0) = 1.0f;   // piece 1 of 说 -> 老师
        attention(2, 1) = 0.5f;   // piece 2 of 说 -> piece 1 of 说
        attention(2, 2) = 0.5f;   //               -> piece 2 of 说
        attention(3, 1) = 0.25f;  // 学 -> both pieces of 说
        attention(3, 2) = 0.75f;
        const Matrix words = wordLevelAttention(attention, pieces);
        QVERIFY(std::abs(words(1, 0) - 0.5f) < 1e-6f);  // (1 + 0) / 2
        QVERIFY(std::abs(words(1, 1) - 0.5f) < 1e-6f);  // (0 + 1) / 2
        QVERIFY(std::abs(words(2, 1) - 0.5f) < 1e-6f);  // (0.25 + 0.75 + 0) / 2 pieces of 学生
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
