// Tests of GPT-2's byte-level BPE: exact ids on a hand-made vocabulary, byte spans and round trips
// on every kind of text, the fast merge loop against the naive one, files and their errors.
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "Error.h"
#include "TokenChecks.h"
#include "VariedTexts.h"
#include "text/BpeTrainer.h"
#include "text/ByteLevelAlphabet.h"
#include "text/ByteLevelBpe.h"
#include "text/TokenizerFiles.h"
#include "text/Utf8.h"

using namespace atlas;
using atlas::test::idsOf;

Q_DECLARE_METATYPE(std::string)

namespace {

std::vector<std::string> byteSymbols() {
    std::vector<std::string> symbols;
    for (std::uint8_t byte : byte_level::gpt2ByteOrder()) {
        symbols.push_back(utf8::encode(byte_level::symbolOf(byte)));
    }
    return symbols;
}

// The 256 byte symbols, then 256 "Ġt", 257 "he", 258 "Ġthe", 259 "in", 260 "ing", 261 "th",
// 262 "<|endoftext|>".
ByteLevelBpe handMadeBpe() {
    std::vector<std::string> symbols = byteSymbols();
    const std::vector<std::pair<std::string, std::string>> merges = {
        {"Ġ", "t"}, {"h", "e"}, {"Ġt", "he"}, {"i", "n"}, {"in", "g"}, {"t", "h"}};
    for (const auto& [left, right] : merges) {
        symbols.push_back(left + right);
    }
    symbols.push_back("<|endoftext|>");
    return ByteLevelBpe(symbols, merges);
}

int byteId(char c) {
    const auto& order = byte_level::gpt2ByteOrder();
    return int(std::find(order.begin(), order.end(), std::uint8_t(c)) - order.begin());
}

std::string makeCorpus() {
    std::string corpus;
    for (int i = 0; i < 50; ++i) {
        for (const auto& [name, text] : atlas::test::variedTexts()) {
            corpus += text;
            corpus += '\n';
        }
        corpus +=
            "the thing is that the other things are in the thing, " + std::to_string(i) + "\n";
    }
    return corpus;
}

void writeFile(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

}  // namespace

class ByteLevelBpeTest : public QObject {
    Q_OBJECT

  private slots:
    void handMadeVocabularyGivesHandCheckedIds() {
        const ByteLevelBpe bpe = handMadeBpe();
        QCOMPARE(bpe.vocabSize(), 263);
        // "the" -> t + he ((t,h) ranks below (h,e)); " thing" -> Ġt h in -> Ġt h ing.
        const std::string text = "the thing";
        const auto tokens = bpe.encode(text);
        QCOMPARE(idsOf(tokens), (std::vector<int>{byteId('t'), 257, 256, byteId('h'), 260}));
        const std::size_t begins[] = {0, 1, 3, 5, 6};
        const std::size_t ends[] = {1, 3, 5, 6, 9};
        const char* texts[] = {"t", "he", " t", "h", "ing"};
        const bool continuations[] = {false, true, false, true, true};
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            QCOMPARE(tokens[i].begin, begins[i]);
            QCOMPARE(tokens[i].end, ends[i]);
            QCOMPARE(tokens[i].text, std::string(texts[i]));
            QCOMPARE(tokens[i].continuation, continuations[i]);
            QVERIFY(!tokens[i].special);
        }
        QCOMPARE(idsOf(bpe.encode("the the")), (std::vector<int>{byteId('t'), 257, 258}));
        QCOMPARE(bpe.displayText(258), std::string(" the"));
        QCOMPARE(std::string(bpe.symbol(258)), std::string("Ġthe"));
        QCOMPARE(bpe.idOf("Ġthe"), std::optional<int>(258));
        QCOMPARE(bpe.idOf(" the"), std::optional<int>(258));
        QCOMPARE(bpe.idOf("nothing"), std::optional<int>());
        QCOMPARE(bpe.endOfTextId(), std::optional<int>(262));
    }

    void endOfTextIsSpecial() {
        const ByteLevelBpe bpe = handMadeBpe();
        const std::string text = "a<|endoftext|>b";
        const auto tokens = bpe.encode(text);
        QCOMPARE(tokens.size(), std::size_t(3));
        QCOMPARE(tokens[1].id, 262);
        QVERIFY(tokens[1].special);
        QCOMPARE(tokens[1].begin, std::size_t(1));
        QCOMPARE(tokens[1].end, std::size_t(14));
        QCOMPARE(tokens[1].text, std::string("<|endoftext|>"));
        QCOMPARE(bpe.decode(idsOf(tokens)), text);
        QCOMPARE(bpe.encodeIds(text), idsOf(tokens));
    }

    void roundTripAndSpans_data() {
        QTest::addColumn<std::string>("text");
        for (const auto& [name, text] : atlas::test::variedTexts()) {
            QTest::newRow(name) << text;
        }
    }
    void roundTripAndSpans() {
        QFETCH(std::string, text);
        const ByteLevelBpe trained =
            trainByteLevelBpe(std::vector<std::string>{makeCorpus()}, BpeTrainingOptions{400, 2});
        for (const ByteLevelBpe* bpe : {&trained}) {
            const auto tokens = bpe->encode(text);
            if (!atlas::test::checkSpansTile(tokens, text)) {
                return;
            }
            // decode gives the exact bytes back, invalid UTF-8 included.
            QCOMPARE(bpe->decode(idsOf(tokens)), text);
            QCOMPARE(bpe->encodeIds(text), idsOf(tokens));
            for (const Token& token : tokens) {
                QVERIFY(utf8::isValid(token.text));
                QVERIFY(token.text.find("\xC4\xA0") == std::string::npos);  // no 'Ġ'
                QCOMPARE(token.text,
                         token.special ? std::string("<|endoftext|>") : bpe->displayText(token.id));
            }
        }
        QCOMPARE(text.empty(), trained.encode(text).empty());
    }

    void partialCharactersShowReplacement() {
        // With bytes only, an emoji is four tokens of one byte each: spans cover one byte each and
        // the display text of each is U+FFFD.
        const ByteLevelBpe bpe = handMadeBpe();
        const std::string text = "\U0001F600";
        const auto tokens = bpe.encode(text);
        QCOMPARE(tokens.size(), std::size_t(4));
        for (std::size_t i = 0; i < 4; ++i) {
            QCOMPARE(tokens[i].begin, i);
            QCOMPARE(tokens[i].end, i + 1);
            QCOMPARE(tokens[i].text, std::string("\uFFFD"));
            QCOMPARE(tokens[i].continuation, i > 0);
        }
        QCOMPARE(bpe.decode(idsOf(tokens)), text);
    }

    // Merge ranks in random order (even "inverted": a pair made by a merge ranked before the
    // merge that makes it) over a 3-letter alphabet: the heap loop must equal the naive one.
    void fastMergeEqualsReference() {
        std::mt19937 random(7);
        std::vector<std::string> symbols = byteSymbols();
        std::vector<std::string> pool = {"a", "b", "c"};
        std::vector<std::pair<std::string, std::string>> merges;
        while (merges.size() < 60) {
            const std::string& left = pool[random() % pool.size()];
            const std::string& right = pool[random() % pool.size()];
            const std::string joined = left + right;
            if (joined.size() > 6 || std::find(pool.begin(), pool.end(), joined) != pool.end()) {
                continue;
            }
            merges.emplace_back(left, right);
            pool.push_back(joined);
            symbols.push_back(joined);
        }
        std::shuffle(merges.begin(), merges.end(), random);
        const ByteLevelBpe bpe(symbols, merges);
        for (int trial = 0; trial < 3000; ++trial) {
            std::string word;
            const int length = 1 + int(random() % (trial < 2500 ? 12 : 200));
            for (int i = 0; i < length; ++i) {
                word.push_back("abc"[random() % 3]);
            }
            const std::vector<int> reference = bpe.mergeWordReference(word);
            QCOMPARE(bpe.mergeWord(word), reference);
            QCOMPARE(bpe.mergeShortWord(word), reference);
            QCOMPARE(bpe.mergeLongWord(word), reference);
        }
    }

    // Arbitrary bytes (mostly invalid UTF-8) never throw, tile their spans, and round-trip.
    void randomBytesRoundTrip() {
        const ByteLevelBpe bpe =
            trainByteLevelBpe(std::vector<std::string>{makeCorpus()}, BpeTrainingOptions{400, 2});
        std::mt19937 random(3);
        const std::string alphabet =
            std::string("ab '\n\t.,1") + "\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";
        for (int trial = 0; trial < 500; ++trial) {
            std::string text;
            const int length = int(random() % 80);
            for (int i = 0; i < length; ++i) {
                text.push_back(trial % 2 ? char(random() % 256)
                                         : alphabet[random() % alphabet.size()]);
            }
            const auto tokens = bpe.encode(text);
            if (!atlas::test::checkSpansTile(tokens, text)) {
                return;
            }
            QCOMPARE(bpe.decode(idsOf(tokens)), text);
        }
    }

    void saveAndLoadGiveTheSameTokenizer() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path folder = dir.filePath("bpe").toStdString();
        const ByteLevelBpe trained =
            trainByteLevelBpe(std::vector<std::string>{makeCorpus()}, BpeTrainingOptions{400, 2});
        trained.save(folder);
        std::ifstream merges(folder / "merges.txt");
        std::string first_line;
        std::getline(merges, first_line);
        QCOMPARE(first_line, std::string("#version: 0.2"));
        const std::unique_ptr<Tokenizer> loaded = loadTokenizer(folder);
        QVERIFY(dynamic_cast<ByteLevelBpe*>(loaded.get()) != nullptr);
        QCOMPARE(loaded->vocabSize(), trained.vocabSize());
        const std::string corpus = makeCorpus();
        QCOMPARE(idsOf(loaded->encode(corpus)), idsOf(trained.encode(corpus)));
    }

    void encodeFromSeveralThreads() {
        const ByteLevelBpe bpe =
            trainByteLevelBpe(std::vector<std::string>{makeCorpus()}, BpeTrainingOptions{400, 2});
        const std::string corpus = makeCorpus();
        const std::vector<int> expected = bpe.encodeIds(corpus);
        std::vector<std::vector<int>> results(4);
        std::vector<std::thread> threads;
        for (auto& result : results) {
            threads.emplace_back([&] {
                for (int repeat = 0; repeat < 3; ++repeat) {
                    result = idsOf(bpe.encode(corpus));
                }
            });
        }
        for (auto& thread : threads) {
            thread.join();
        }
        for (const auto& result : results) {
            QCOMPARE(result, expected);
        }
    }

    void badFilesGiveErrorsNamingFileAndLine_data() {
        QTest::addColumn<std::string>("vocab");
        QTest::addColumn<std::string>("merges");
        QTest::addColumn<QString>("message");
        // A valid vocab.json of the byte symbols plus "ab".
        nlohmann::json vocab = nlohmann::json::object();
        for (const std::string& symbol : byteSymbols()) {
            vocab[symbol] = vocab.size();
        }
        vocab["ab"] = 256;
        const std::string good_vocab = vocab.dump();
        QTest::newRow("not json") << std::string("{\"a\": 1,") << std::string("#version: 0.2\n")
                                  << "vocab.json: not valid JSON";
        // nlohmann reports a number too large for a double as out_of_range, not parse_error
        // (fuzz finding F3).
        QTest::newRow("number overflow") << std::string("{\"a\": 8888888888888888e8888888888888}")
                                         << std::string("") << "vocab.json: not valid JSON";
        QTest::newRow("not an object")
            << std::string("[1, 2]") << std::string("") << "vocab.json: expected an object";
        QTest::newRow("bad id") << std::string("{\"a\": \"one\"}") << std::string("")
                                << "vocab.json: the id of \"a\" is \"one\"";
        QTest::newRow("shared id") << std::string("{\"a\": 1, \"b\": 1}") << std::string("")
                                   << "vocab.json: id 1 is used by both";
        QTest::newRow("missing byte")
            << std::string("{\"a\": 0}") << std::string("")
            << "vocab.json: the symbol \"\u0100\" of byte 0x00 is missing";
        QTest::newRow("three tokens") << good_vocab << std::string("#version: 0.2\na b\na b c\n")
                                      << "merges.txt line 3: \"a b c\" is not two tokens";
        QTest::newRow("unknown token") << good_vocab << std::string("#version: 0.2\na b\n\nab zz\n")
                                       << "merges.txt line 4: token \"zz\" is not in vocab.json";
        QTest::newRow("result missing") << good_vocab << std::string("a b\nb a\n")
                                        << "merges.txt line 2: token \"ba\" is not in vocab.json";
    }
    void badFilesGiveErrorsNamingFileAndLine() {
        QFETCH(std::string, vocab);
        QFETCH(std::string, merges);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const std::filesystem::path folder = dir.path().toStdString();
        writeFile(folder / "vocab.json", vocab);
        writeFile(folder / "merges.txt", merges);
        try {
            ByteLevelBpe::load(folder);
            QFAIL("no error");
        } catch (const AtlasError& error) {
            QVERIFY2(QString::fromUtf8(error.what()).startsWith(message), error.what());
        }
    }

    void missingFilesAreNamed() {
        QTemporaryDir dir;
        const std::filesystem::path folder = dir.path().toStdString();
        const auto message_of = [&] {
            try {
                loadTokenizer(folder);
            } catch (const AtlasError& error) {
                return QString::fromUtf8(error.what());
            }
            return QString("no error");
        };
        QVERIFY2(message_of().contains("no tokenizer files"), qPrintable(message_of()));
        writeFile(folder / "vocab.json", "{}");
        QVERIFY2(message_of().startsWith("merges.txt: missing"), qPrintable(message_of()));
    }

    void decodeRejectsUnknownIds() {
        const ByteLevelBpe bpe = handMadeBpe();
        QVERIFY_THROWS_EXCEPTION(AtlasError, bpe.decode({0, 263}));
        QVERIFY_THROWS_EXCEPTION(AtlasError, bpe.displayText(-1));
    }
};

QTEST_APPLESS_MAIN(ByteLevelBpeTest)
#include "test_byte_level_bpe.moc"
