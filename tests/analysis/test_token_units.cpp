// Tests joining byte pieces into characters, grouping tokens into words (ICU's dictionary for
// Chinese, the pre-tokenizer for English) and pooling attention over the groups.
#include <QTest>

#include <filesystem>

#include <QTemporaryDir>

#include "TinyModelFolder.h"
#include "analysis/TokenUnits.h"
#include "text/ByteLevelBpe.h"
#include "text/TokenizerFiles.h"
#include "text/WordBreak.h"

using namespace atlas;

namespace {

Token token(std::size_t begin, std::size_t end, bool continuation = false, bool special = false) {
    Token result;
    result.begin = begin;
    result.end = end;
    result.continuation = continuation;
    result.special = special;
    return result;
}

std::vector<std::string> segmentTexts(std::string_view text) {
    std::vector<std::string> texts;
    for (const TextSegment& segment : wordSegments(text)) {
        texts.emplace_back(text.substr(segment.begin, segment.end - segment.begin));
    }
    return texts;
}

// A row-stochastic [T, T] map with distinct entries.
Matrix distinctAttention(int size) {
    Matrix map(size, size);
    for (int i = 0; i < size; ++i) {
        float sum = 0;
        for (int j = 0; j < size; ++j) {
            map(i, j) = float(1 + i * size + j);
            sum += map(i, j);
        }
        map.row(i) /= sum;
    }
    return map;
}

}  // namespace

class TestTokenUnits : public QObject {
    Q_OBJECT

  private slots:
    // The tiny GPT-2 vocabulary knows no Chinese: each character is three byte tokens, which
    // join into one unit per character; spaces and Latin letters stay as they were.
    void bytePiecesOfRealTokenizerJoin() {
        QTemporaryDir folder;
        test::writeTinyTokenizerFiles(folder.path().toStdString(), Architecture::Gpt2);
        const std::unique_ptr<Tokenizer> tokenizer = loadTokenizer(folder.path().toStdString());
        const std::string text = "猫在 the 书";
        const std::vector<Token> tokens = tokenizer->encode(text);
        QVERIFY(tokens.size() > 6);  // at least the 3 + 3 pieces of 猫在
        const TokenUnits units = characterUnits(tokens, text);
        std::vector<std::string> labels;
        for (int u = 0; u < units.count(); ++u) {
            labels.push_back(units.labels[u]);
        }
        QCOMPARE(labels.front(), std::string("猫"));
        QCOMPARE(labels[1], std::string("在"));
        QCOMPARE(units.spans[0].begin, std::size_t(0));
        QCOMPARE(units.spans[0].end, std::size_t(3));
        QCOMPARE(units.alignment.tokens_of_word[0], (std::vector<int>{0, 1, 2}));
        // The last unit is 书, with or without the space before it (GPT-2 may merge the two).
        const std::string last(text.substr(units.spans.back().begin));
        QVERIFY2(last == "书" || last == " 书", last.c_str());
        // Every token in exactly one unit, in order.
        int expected = 0;
        for (const std::vector<int>& members : units.alignment.tokens_of_word) {
            for (int t : members) {
                QCOMPARE(t, expected++);
            }
        }
        QCOMPARE(expected, int(tokens.size()));
    }

    // tokenizer.json's ByteLevel pieces each carry the span of their whole character: overlapping
    // spans join too, and a special token never joins.
    void overlappingSpansJoinAndSpecialsStayAlone() {
        const std::string text = "猫a";
        const std::vector<Token> tokens = {token(0, 0, false, true), token(0, 3), token(0, 3),
                                           token(0, 3), token(3, 4)};
        const TokenUnits units = characterUnits(tokens, text);
        QCOMPARE(units.count(), 3);
        QVERIFY(units.special[0]);
        QCOMPARE(units.alignment.tokens_of_word[1], (std::vector<int>{1, 2, 3}));
        QCOMPARE(units.labels[1], std::string("猫"));
        QCOMPARE(units.alignment.tokens_of_word[2], (std::vector<int>{4}));
    }

    void wholeCharacterTokensAreUnchanged() {
        const std::string text = "The cat";
        const std::vector<Token> tokens = {token(0, 3), token(3, 7)};
        const TokenUnits units = characterUnits(tokens, text);
        QVERIFY(units.oneTokenEach());
    }

    // ICU's dictionary finds Chinese words; Latin words, spaces and punctuation are not
    // dictionary words.
    void icuSegmentsChineseByDictionary() {
        const std::string text = "老师说学生们明天要去北京参观博物馆。";
        const std::vector<std::string> words = segmentTexts(text);
        QVERIFY2(std::find(words.begin(), words.end(), "北京") != words.end(), "北京");
        QVERIFY2(std::find(words.begin(), words.end(), "参观") != words.end(), "参观");
        QVERIFY2(std::find(words.begin(), words.end(), "明天") != words.end(), "明天");
        std::string joined;
        for (const std::string& word : words) {
            joined += word;
        }
        QCOMPARE(joined, text);
        const std::vector<TextSegment> segments = wordSegments(text);
        QVERIFY(segments.front().dictionary_word);
        QVERIFY(!segments.back().dictionary_word);  // 。
        for (const TextSegment& segment : wordSegments("The cat sat.")) {
            QVERIFY(!segment.dictionary_word);
        }
        QVERIFY(wordSegments("").empty());
        // Invalid UTF-8 still covers every byte.
        const std::vector<TextSegment> bad = wordSegments("a\xff北京");
        QCOMPARE(bad.back().end, std::size_t(8));
    }

    // One token per Chinese character (as BERT splits them): the dictionary groups them into
    // words; [CLS] and [SEP] stay alone.
    void chineseCharactersGroupIntoDictionaryWords() {
        const std::string text = "我们去北京";
        std::vector<Token> tokens = {token(0, 0, false, true)};
        for (std::size_t c = 0; c < 5; ++c) {
            tokens.push_back(token(3 * c, 3 * c + 3));
        }
        tokens.push_back(token(15, 15, false, true));
        const TokenUnits words = wordUnits(tokens, text);
        std::vector<std::string> labels(words.labels.begin(), words.labels.end());
        QCOMPARE(words.count(), 5);
        QCOMPARE(labels[1], std::string("我们"));
        QCOMPARE(labels[3], std::string("北京"));
        QVERIFY(words.special.front() && words.special.back());
    }

    // English words from the pre-tokenizer: a continuation piece joins the word before it, a
    // piece that starts a word (or punctuation) does not.
    void englishPiecesJoinIntoWords() {
        const std::string text = "The unbelievable cat.";
        // The | un | believ | able | cat | .
        const std::vector<Token> tokens = {token(0, 3),         token(3, 6),   token(6, 12, true),
                                           token(12, 16, true), token(16, 20), token(20, 21)};
        const TokenUnits words = wordUnits(tokens, text);
        QCOMPARE(words.count(), 4);
        QCOMPARE(words.alignment.tokens_of_word[1], (std::vector<int>{1, 2, 3}));
        QCOMPARE(words.labels[1], std::string(" unbelievable"));
    }

    // The byte pieces of a GPT-2 tokenizer on Chinese: the whole run is one pre-tokenized word
    // (every piece after the first a continuation), but the dictionary splits it into words.
    void bytePiecesGroupIntoDictionaryWordsNotThePreTokenizersRun() {
        QTemporaryDir folder;
        test::writeTinyTokenizerFiles(folder.path().toStdString(), Architecture::Gpt2);
        const std::unique_ptr<Tokenizer> tokenizer = loadTokenizer(folder.path().toStdString());
        const std::string text = "我们去北京";
        const std::vector<Token> tokens = tokenizer->encode(text);
        QCOMPARE(int(tokens.size()), 15);
        const TokenUnits words = wordUnits(tokens, text);
        std::vector<std::string> labels(words.labels.begin(), words.labels.end());
        QCOMPARE(labels, (std::vector<std::string>{"我们", "去", "北京"}));
        QCOMPARE(words.alignment.tokens_of_word[2].size(), std::size_t(6));
    }

    // To a unit: the sum over its tokens' columns; from a unit: the mean over its rows.
    void poolingSumsToAndAveragesFrom() {
        const std::string text = "猫a";
        const std::vector<Token> tokens = {token(0, 1), token(1, 2), token(2, 3), token(3, 4)};
        const TokenUnits units = characterUnits(tokens, text);
        QCOMPARE(units.count(), 2);
        const Matrix attention = distinctAttention(4);
        const Matrix pooled = unitAttention(attention, units);
        QCOMPARE(pooled.rows(), 2);
        const float to_cat_from_a = attention(3, 0) + attention(3, 1) + attention(3, 2);
        QVERIFY(std::abs(pooled(1, 0) - to_cat_from_a) < 1e-6f);
        float from_cat_to_a = 0;
        for (int t = 0; t < 3; ++t) {
            from_cat_to_a += attention(t, 3) / 3;
        }
        QVERIFY(std::abs(pooled(0, 1) - from_cat_to_a) < 1e-6f);
        for (int u = 0; u < 2; ++u) {
            QVERIFY(std::abs(pooled.row(u).sum() - 1.0f) < 1e-5f);
        }
    }
};

QTEST_GUILESS_MAIN(TestTokenUnits)
#include "test_token_units.moc"
