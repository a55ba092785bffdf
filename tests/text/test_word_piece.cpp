// Tests of BERT's WordPiece: the basic tokenizer, greedy longest match on a hand-written
// vocabulary (expected tokens worked out by hand), byte spans through lower-casing and accent
// stripping, special tokens, files and their errors.
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <fstream>
#include <random>

#include "Error.h"
#include "TokenChecks.h"
#include "VariedTexts.h"
#include "text/BertPreTokenizer.h"
#include "text/TokenizerFiles.h"
#include "text/WordPiece.h"
#include "text/WordPieceTrainer.h"

using namespace atlas;
using atlas::test::idsOf;

Q_DECLARE_METATYPE(std::string)

namespace {

// One line per id.
const std::vector<std::string> kVocab = {
    "[PAD]",  "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "cat", "un",    "##aff",
    "##able", ",",     ".",     "!",     "##s",    "caf", "##e", "naive", "\u4E2D",
    "hello",  "##llo", "he",    "a",     "##b",    "##c", "$",   "'",     "t"};

struct Expected {
    int id;
    std::size_t begin;
    std::size_t end;
    std::string text;
};

void writeFile(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace

Q_DECLARE_METATYPE(std::vector<Expected>)

class WordPieceTest : public QObject {
    Q_OBJECT

  private slots:
    void basicTokenizer() {
        // "Hello, WORLD! Ünïcödé 中文 a<U+0301>b"
        const std::string text =
            "Hello, WORLD! \u00DCn\u00EFc\u00F6d\u00E9 \u4E2D\u6587 a\u0301b\x07"
            "c";
        const auto words = splitBertWords(text);
        std::vector<std::string> got;
        for (const BertWord& word : words) {
            got.push_back(utf8::encode(word.text));
        }
        QCOMPARE(got, (std::vector<std::string>{"hello", ",", "world", "!", "unicode", "\u4E2D",
                                                "\u6587", "abc"}));
        // "unicode" keeps its characters' spans in the original: Ü is bytes 14..16.
        QCOMPARE(words[4].spans.front().begin, std::size_t(14));
        QCOMPARE(words[4].spans.front().end, std::size_t(16));
        QCOMPARE(words[4].spans.back().end, text.find(" \u4E2D"));
        // The stripped U+0301 joins the span of the "a" it sat on; the bell is dropped.
        const std::size_t a = text.find("a\u0301");
        QCOMPARE(words[7].spans[0].begin, a);
        QCOMPARE(words[7].spans[0].end, a + 3);
        QCOMPARE(words[7].spans[2].begin, text.size() - 1);

        BertNormalization cased;
        cased.lower_case = false;
        const auto cased_words = splitBertWords("Ünï", cased);
        QCOMPARE(utf8::encode(cased_words.at(0).text), std::string("\u00DCn\u00EF"));
    }

    void encode_data() {
        QTest::addColumn<std::string>("text");
        QTest::addColumn<std::vector<Expected>>("expected");
        using E = std::vector<Expected>;
        QTest::newRow("sentence") << std::string("The cat, unaffable!")
                                  << E{{5, 0, 3, "the"}, {6, 4, 7, "cat"},   {10, 7, 8, ","},
                                       {7, 9, 11, "un"}, {8, 11, 14, "aff"}, {9, 14, 18, "able"},
                                       {12, 18, 19, "!"}};
        QTest::newRow("accent") << std::string("Caf\u00E9")
                                << E{{14, 0, 3, "caf"}, {15, 3, 5, "e"}};
        QTest::newRow("decomposed accent")
            << std::string("cafe\u0301") << E{{14, 0, 3, "caf"}, {15, 3, 6, "e"}};
        QTest::newRow("upper accent") << std::string("NA\u00CFVE") << E{{16, 0, 6, "naive"}};
        QTest::newRow("cjk") << std::string("\u4E2Dcats")
                             << E{{17, 0, 3, "\u4E2D"}, {6, 3, 6, "cat"}, {13, 6, 7, "s"}};
        QTest::newRow("unknown character")
            << std::string("hello\tworld") << E{{18, 0, 5, "hello"}, {1, 6, 11, "[UNK]"}};
        QTest::newRow("no full cover is [UNK]")
            << std::string("hellohello") << E{{1, 0, 10, "[UNK]"}};
        QTest::newRow("longest first")
            << std::string("hellollo") << E{{18, 0, 5, "hello"}, {19, 5, 8, "llo"}};
        QTest::newRow("pieces") << std::string("abc")
                                << E{{21, 0, 1, "a"}, {22, 1, 2, "b"}, {23, 2, 3, "c"}};
        QTest::newRow("ascii symbol is punctuation")
            << std::string("$5") << E{{24, 0, 1, "$"}, {1, 1, 2, "[UNK]"}};
        QTest::newRow("control removed") << std::string("ca\x07t") << E{{6, 0, 4, "cat"}};
        QTest::newRow("invalid byte removed") << std::string("ca\xFFt") << E{{6, 0, 4, "cat"}};
        QTest::newRow("emoji") << std::string(" \U0001F600 ") << E{{1, 1, 5, "[UNK]"}};
        QTest::newRow("contraction")
            << std::string("cat's") << E{{6, 0, 3, "cat"}, {25, 3, 4, "'"}, {1, 4, 5, "[UNK]"}};
        QTest::newRow("special literal")
            << std::string("the [MASK] cat[SEP]")
            << E{{5, 0, 3, "the"}, {4, 4, 10, "[MASK]"}, {6, 11, 14, "cat"}, {3, 14, 19, "[SEP]"}};
        QTest::newRow("lower-case literal is text")
            << std::string("[mask]")
            << E{{1, 0, 1, "[UNK]"}, {1, 1, 5, "[UNK]"}, {1, 5, 6, "[UNK]"}};
        QTest::newRow("empty") << std::string() << E{};
        QTest::newRow("whitespace") << std::string(" \t\r\n\u3000") << E{};
        QTest::newRow("100 characters") << std::string("a") + std::string(99, 'b') << [] {
            E e{{21, 0, 1, "a"}};
            for (std::size_t i = 1; i < 100; ++i) {
                e.push_back({22, i, i + 1, "b"});
            }
            return e;
        }();
        QTest::newRow("101 characters")
            << std::string("a") + std::string(100, 'b') << E{{1, 0, 101, "[UNK]"}};
    }
    void encode() {
        QFETCH(std::string, text);
        QFETCH(std::vector<Expected>, expected);
        const WordPiece tokenizer(kVocab);
        const auto tokens = tokenizer.encode(text);
        if (!atlas::test::checkSpansOrdered(tokens, text)) {
            return;
        }
        QCOMPARE(tokens.size(), expected.size());
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const QByteArray where = "token " + QByteArray::number(int(i));
            QVERIFY2(tokens[i].id == expected[i].id, where);
            QVERIFY2(tokens[i].begin == expected[i].begin, where);
            QVERIFY2(tokens[i].end == expected[i].end, where);
            QCOMPARE(tokens[i].text, expected[i].text);
            QCOMPARE(tokens[i].continuation, kVocab[expected[i].id].starts_with("##"));
            QCOMPARE(tokens[i].special, expected[i].id >= 2 && expected[i].id <= 4);
        }
    }

    // On every kind of text, with a vocabulary trained on those texts: each piece is the
    // normalization of the bytes its span covers, and the pieces glue back into the words.
    void spansOnVariedTexts_data() {
        QTest::addColumn<std::string>("text");
        for (const auto& [name, text] : atlas::test::variedTexts()) {
            QTest::newRow(name) << text;
        }
    }
    void spansOnVariedTexts() {
        QFETCH(std::string, text);
        std::vector<std::string> corpus;
        for (int repeat = 0; repeat < 20; ++repeat) {
            for (const auto& [name, varied] : atlas::test::variedTexts()) {
                corpus.push_back(varied);
            }
        }
        const WordPiece tokenizer = trainWordPiece(corpus, WordPieceTrainingOptions{1000, 2, 1000});
        const auto normalized = [](std::string_view bytes) {
            std::string out;
            for (const BertWord& word : splitBertWords(bytes)) {
                out += utf8::encode(word.text);
            }
            return out;
        };
        const auto tokens = tokenizer.encode(text);
        if (!atlas::test::checkSpansOrdered(tokens, text)) {
            return;
        }
        std::vector<std::string> glued;
        for (const Token& token : tokens) {
            QVERIFY(token.id != tokenizer.unknownId());
            QCOMPARE(token.text, normalized(text.substr(token.begin, token.end - token.begin)));
            if (token.continuation) {
                QVERIFY(!glued.empty());
                glued.back() += token.text;
            } else {
                glued.push_back(token.text);
            }
        }
        std::vector<std::string> words;
        for (const BertWord& word : splitBertWords(text)) {
            words.push_back(utf8::encode(word.text));
        }
        QCOMPARE(glued, words);
    }

    // Arbitrary bytes (mostly invalid UTF-8) never throw and give ordered spans.
    void randomBytesGiveOrderedSpans() {
        const WordPiece tokenizer(kVocab);
        std::mt19937 random(5);
        const std::string alphabet =
            std::string("ab [UNK]\t.,1") + "\xC3\xA9\xCC\x81\xE4\xB8\xAD\xF0\x9F\x98\x80";
        for (int trial = 0; trial < 500; ++trial) {
            std::string text;
            const int length = int(random() % 80);
            for (int i = 0; i < length; ++i) {
                text.push_back(trial % 2 ? char(random() % 256)
                                         : alphabet[random() % alphabet.size()]);
            }
            const auto tokens = tokenizer.encode(text);
            if (!atlas::test::checkSpansOrdered(tokens, text)) {
                return;
            }
            for (const Token& token : tokens) {
                QVERIFY(token.end > token.begin);
                QVERIFY(utf8::isValid(token.text));
            }
        }
    }

    void decodeAndDisplay() {
        const WordPiece tokenizer(kVocab);
        QCOMPARE(tokenizer.decode(idsOf(tokenizer.encode("The cat, unaffable!"))),
                 std::string("the cat , unaffable !"));
        QCOMPARE(tokenizer.decode(idsOf(tokenizer.encode("hellollo caf\u00E9"))),
                 std::string("hellollo cafe"));
        QCOMPARE(tokenizer.displayText(8), std::string("aff"));
        QCOMPARE(tokenizer.displayText(2), std::string("[CLS]"));
        QCOMPARE(tokenizer.idOf("##aff"), std::optional<int>(8));
        QCOMPARE(tokenizer.idOf("aff"), std::optional<int>());
        QCOMPARE(tokenizer.unknownId(), 1);
        QCOMPARE(tokenizer.clsId(), std::optional<int>(2));
        QCOMPARE(tokenizer.sepId(), std::optional<int>(3));
        QCOMPARE(tokenizer.maskId(), std::optional<int>(4));
        QCOMPARE(tokenizer.padId(), std::optional<int>(0));
        QCOMPARE(tokenizer.vocabSize(), int(kVocab.size()));
        QVERIFY_THROWS_EXCEPTION(AtlasError, tokenizer.decode({int(kVocab.size())}));
    }

    void casedTokenizerKeepsCase() {
        WordPieceOptions options;
        options.normalization.lower_case = false;
        const WordPiece cased(kVocab, options);
        QCOMPARE(idsOf(cased.encode("The the")), (std::vector<int>{1, 5}));
        QCOMPARE(idsOf(cased.encode("caf\u00E9")), (std::vector<int>{1}));  // é kept, unknown
    }

    void filesLoadAndSave() {
        QTemporaryDir dir;
        const std::filesystem::path folder = dir.path().toStdString();
        std::string lines;
        for (const std::string& token : kVocab) {
            lines += token + "\r\n";  // Windows line ends are read too
        }
        writeFile(folder / "vocab.txt", lines);
        auto loaded = loadTokenizer(folder);
        QVERIFY(dynamic_cast<WordPiece*>(loaded.get()) != nullptr);
        QCOMPARE(idsOf(loaded->encode("The cat")), (std::vector<int>{5, 6}));  // lower by default

        writeFile(folder / "tokenizer_config.json", R"({"do_lower_case": false})");
        loaded = loadTokenizer(folder);
        QCOMPARE(idsOf(loaded->encode("The cat")), (std::vector<int>{1, 6}));

        const std::filesystem::path saved = folder / "saved";
        dynamic_cast<WordPiece&>(*loaded).save(saved);
        const WordPiece reloaded = WordPiece::load(saved);
        QCOMPARE(reloaded.vocab(), kVocab);
        QCOMPARE(reloaded.options().normalization.lower_case, false);
        QCOMPARE(idsOf(reloaded.encode("The cat")), (std::vector<int>{1, 6}));
    }

    // Fuzz finding F1: a line ending in "\r\r\n" once loaded as a token ending in '\r', which
    // save() wrote back as a line that reloaded without it.
    void carriageReturnsSurviveSaveAndReload() {
        QTemporaryDir dir;
        const std::filesystem::path folder = dir.path().toStdString();
        std::string lines;
        for (const std::string& token : kVocab) {
            lines += token + (token == "cat" ? "\r\r\r\n" : "\r\n");
        }
        writeFile(folder / "vocab.txt", lines);
        const WordPiece loaded = WordPiece::load(folder);
        QCOMPARE(loaded.vocab(), kVocab);
        const std::filesystem::path saved = folder / "saved";
        loaded.save(saved);
        const WordPiece reloaded = WordPiece::load(saved);
        QCOMPARE(reloaded.vocab(), loaded.vocab());
        QCOMPARE(idsOf(reloaded.encode("The cat")), idsOf(loaded.encode("The cat")));
    }

    void badFilesAreNamed() {
        QTemporaryDir dir;
        const std::filesystem::path folder = dir.path().toStdString();
        writeFile(folder / "vocab.txt", "[PAD]\nthe\n");
        try {
            WordPiece::load(folder);
            QFAIL("no error");
        } catch (const AtlasError& error) {
            QCOMPARE(QString(error.what()), QString("vocab.txt: the token [UNK] is missing"));
        }
        writeFile(folder / "vocab.txt", "[UNK]\n");
        writeFile(folder / "tokenizer_config.json", R"({"do_lower_case": "yes"})");
        try {
            WordPiece::load(folder);
            QFAIL("no error");
        } catch (const AtlasError& error) {
            QVERIFY2(QString(error.what())
                         .startsWith("tokenizer_config.json: \"do_lower_case\" is \"yes\""),
                     error.what());
        }
        writeFile(folder / "tokenizer_config.json", "{");
        QVERIFY_THROWS_EXCEPTION(AtlasError, WordPiece::load(folder));
    }
};

QTEST_APPLESS_MAIN(WordPieceTest)
#include "test_word_piece.moc"
