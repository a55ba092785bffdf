// Tests of the tokenizer trainers: same input, same files; the files load in the tokenizers and
// round-trip text; common English words come out as single tokens.
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "Error.h"
#include "TokenChecks.h"
#include "text/BertPreTokenizer.h"
#include "text/BpeTrainer.h"
#include "text/ByteLevelBpe.h"
#include "text/TokenizerFiles.h"
#include "text/WordPiece.h"
#include "text/WordPieceTrainer.h"

using namespace atlas;
using atlas::test::idsOf;

namespace {

const char* const kCommonWords[] = {
    "the",  "and",  "of",    "to",     "a",       "in",     "that",  "it",   "was",    "he",
    "said", "for",  "his",   "you",    "with",    "her",    "she",   "had",  "not",    "but",
    "be",   "as",   "at",    "on",     "is",      "all",    "they",  "him",  "have",   "from",
    "one",  "this", "would", "there",  "were",    "could",  "when",  "what", "little", "very",
    "into", "time", "about", "them",   "then",    "out",    "know",  "now",  "never",  "house",
    "good", "came", "again", "before", "thought", "people", "great", "away", "went",   "come"};

// A deterministic corpus: sentences drawn from the common words (Zipf-like), rarer words, and a
// little of everything else (accents, emoji, digits, punctuation).
std::vector<std::string> syntheticCorpus() {
    std::mt19937 random(11);
    const std::vector<std::string> rare = {"caf\u00E9",  "na\u00EFve",   "zephyr", "quixotic",
                                           "\U0001F600", "\u4E2D\u6587", "1999",   "O'Brien",
                                           "don't",      "well-known"};
    const std::size_t common_count = std::size(kCommonWords);
    std::vector<std::string> texts;
    for (int text = 0; text < 20; ++text) {
        std::string body;
        for (int sentence = 0; sentence < 150; ++sentence) {
            const int length = 5 + int(random() % 10);
            for (int word = 0; word < length; ++word) {
                std::string chosen;
                if (random() % 25 == 0) {
                    chosen = rare[random() % rare.size()];
                } else {
                    // Zipf-like: small indices far more often.
                    const double u = std::uniform_real_distribution<double>(0, 1)(random);
                    chosen = kCommonWords[std::size_t(std::pow(double(common_count), u)) - 1];
                }
                if (word == 0) {
                    chosen[0] = char(std::toupper(static_cast<unsigned char>(chosen[0])));
                } else {
                    body += ' ';
                }
                body += chosen;
            }
            body += (random() % 5 == 0) ? "!\n" : ". ";
        }
        texts.push_back(std::move(body));
    }
    return texts;
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << stream.rdbuf();
    return bytes.str();
}

std::vector<std::string> sharedCorpus() {
    const std::filesystem::path books =
        std::filesystem::path(ATLAS_SHARED_DIR) / "data" / "corpus" / "books";
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(books)) {
        for (const auto& entry : std::filesystem::directory_iterator(books)) {
            if (entry.path().extension() == ".txt") {
                files.push_back(entry.path());
            }
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> texts;
    for (const auto& file : files) {
        texts.push_back(readFile(file));
    }
    return texts;
}

}  // namespace

class TokenizerTrainersTest : public QObject {
    Q_OBJECT

  private slots:
    void bpeIsDeterministicAndRoundTrips() {
        const auto corpus = syntheticCorpus();
        QTemporaryDir dir;
        const std::filesystem::path first = dir.filePath("first").toStdString();
        const std::filesystem::path second = dir.filePath("second").toStdString();
        const BpeTrainingOptions options{600, 2};
        trainByteLevelBpe(corpus, options).save(first);
        trainByteLevelBpe(corpus, options).save(second);
        QCOMPARE(readFile(first / "vocab.json"), readFile(second / "vocab.json"));
        QCOMPARE(readFile(first / "merges.txt"), readFile(second / "merges.txt"));

        const auto loaded = loadTokenizer(first);
        const auto* bpe = dynamic_cast<const ByteLevelBpe*>(loaded.get());
        QVERIFY(bpe != nullptr);
        // The small corpus runs out of pairs seen twice before 600 entries.
        QVERIFY(bpe->vocabSize() > 400 && bpe->vocabSize() <= 600);
        QCOMPARE(bpe->endOfTextId(), std::optional<int>(bpe->vocabSize() - 1));
        QCOMPARE(std::string(bpe->symbol(0)), std::string("!"));  // GPT-2's byte order
        for (const std::string& text : corpus) {
            const auto tokens = bpe->encode(text);
            QVERIFY(atlas::test::checkSpansTile(tokens, text));
            QCOMPARE(bpe->decode(idsOf(tokens)), text);
        }
        const std::string unseen = "Zebras \u00E0 la mode \U0001F680 \xFF 42";
        QCOMPARE(bpe->decode(bpe->encodeIds(unseen)), unseen);
        for (const char* word : {"the", "and", "said", "little"}) {
            QVERIFY2(bpe->idOf(std::string(" ") + word).has_value(), word);
        }
    }

    void wordPieceIsDeterministicAndRoundTrips() {
        const auto corpus = syntheticCorpus();
        QTemporaryDir dir;
        const std::filesystem::path first = dir.filePath("first").toStdString();
        const std::filesystem::path second = dir.filePath("second").toStdString();
        const WordPieceTrainingOptions options{300, 2, 1000};
        trainWordPiece(corpus, options).save(first);
        trainWordPiece(corpus, options).save(second);
        QCOMPARE(readFile(first / "vocab.txt"), readFile(second / "vocab.txt"));
        QCOMPARE(readFile(first / "tokenizer_config.json"),
                 readFile(second / "tokenizer_config.json"));

        const auto loaded = loadTokenizer(first);
        const auto* word_piece = dynamic_cast<const WordPiece*>(loaded.get());
        QVERIFY(word_piece != nullptr);
        QVERIFY(word_piece->vocabSize() > 150 && word_piece->vocabSize() <= 300);
        QVERIFY(word_piece->options().normalization.lower_case);
        const std::vector<std::string> specials = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};
        QCOMPARE(
            std::vector<std::string>(word_piece->vocab().begin(), word_piece->vocab().begin() + 5),
            specials);
        // Round trip: the pieces glue back into the basic tokenizer's words.
        for (const std::string& text : corpus) {
            const auto tokens = word_piece->encode(text);
            QVERIFY(atlas::test::checkSpansOrdered(tokens, text));
            std::string words;
            for (const BertWord& word : splitBertWords(text)) {
                words += (words.empty() ? "" : " ") + utf8::encode(word.text);
            }
            QCOMPARE(word_piece->decode(idsOf(tokens)), words);
            for (const Token& token : tokens) {
                QVERIFY(token.id != word_piece->unknownId());
            }
        }
    }

    void commonWordsAreSingleTokens() {
        const auto corpus = syntheticCorpus();
        const ByteLevelBpe bpe = trainByteLevelBpe(corpus, BpeTrainingOptions{600, 2});
        const WordPiece word_piece = trainWordPiece(corpus, WordPieceTrainingOptions{300, 2, 1000});
        for (const char* word : {"the", "and", "of", "to", "said", "that"}) {
            QCOMPARE(bpe.encode(std::string("x ") + word).size(), std::size_t(2));
            QCOMPARE(word_piece.encode(word).size(), std::size_t(1));
        }
    }

    // On the real corpus at the real size (about 2 seconds each), where present.
    void sharedCorpusGivesSingleTokenCommonWords() {
        const auto corpus = sharedCorpus();
        if (corpus.empty()) {
            QSKIP("no corpus under " ATLAS_SHARED_DIR "/data/corpus/books");
        }
        const ByteLevelBpe bpe = trainByteLevelBpe(corpus);
        const WordPiece word_piece = trainWordPiece(corpus);
        QCOMPARE(bpe.vocabSize(), 8000);
        QCOMPARE(word_piece.vocabSize(), 8000);
        // Byte-level BPE words carry their leading space: " said" is the word inside a sentence.
        QStringList split;
        for (const char* word : kCommonWords) {
            if (bpe.encode(std::string(" ") + word).size() != 1) {
                split << QString("bpe \" %1\"").arg(word);
            }
            const std::string capitalised =
                char(std::toupper(static_cast<unsigned char>(word[0]))) + std::string(word + 1);
            if (word_piece.encode(capitalised).size() != 1) {
                split << QString("wordpiece \"%1\"").arg(QString::fromStdString(capitalised));
            }
        }
        for (const char* text : {"The", "He", "She", "It", "I", " The", " He", " She", " It", " I",
                                 "\"", " \"", ",\""}) {
            if (bpe.encode(text).size() != 1) {
                split << QString("bpe \"%1\"").arg(text);
            }
        }
        QVERIFY2(split.isEmpty(), qPrintable(split.join(", ")));
    }

    // Chinese: the WordPiece vocabulary keeps each Han character once (it is always a word of
    // its own, so no "##" entry), the folder loads with tokenize_chinese_chars, and every
    // character of the text is a token; Latin words still get "##" pieces. Byte-level BPE makes
    // frequent characters and words single tokens, and never drops a byte.
    void chineseVocabularies() {
        const std::string sentence = "老师说学生们明天要去北京参观博物馆。";
        std::vector<std::string> corpus;
        for (int i = 0; i < 50; ++i) {
            corpus.push_back(sentence + "他们在北京看书。running runner " + std::to_string(i) +
                             "\n");
        }
        WordPieceTrainingOptions options;
        options.vocab_size = 120;
        options.max_alphabet = 100;
        const WordPiece wordpiece = trainWordPiece(corpus, options);
        const auto& vocab = wordpiece.vocab();
        QVERIFY(std::find(vocab.begin(), vocab.end(), "北") != vocab.end());
        QVERIFY(std::find(vocab.begin(), vocab.end(), "##北") == vocab.end());
        QVERIFY(std::find(vocab.begin(), vocab.end(), "##n") != vocab.end());
        QTemporaryDir dir;
        const std::filesystem::path folder(dir.path().toStdString());
        wordpiece.save(folder);
        const auto loaded = loadTokenizer(folder);
        const auto tokens = loaded->encode(sentence);
        QCOMPARE(tokens.size(), std::size_t(18));  // 17 characters and 。
        for (const Token& token : tokens) {
            QCOMPARE(token.end - token.begin, std::size_t(3));
            QVERIFY(token.id != wordpiece.unknownId());
        }
        std::ifstream config(folder / "tokenizer_config.json");
        std::stringstream text;
        text << config.rdbuf();
        QVERIFY(text.str().find("\"tokenize_chinese_chars\": true") != std::string::npos);

        const ByteLevelBpe bpe = trainByteLevelBpe(corpus, BpeTrainingOptions{600, 2});
        const auto pieces = bpe.encode(sentence);
        QVERIFY2(pieces.size() < 18, qPrintable(QString::number(pieces.size())));
        std::size_t end = 0;
        for (const Token& token : pieces) {
            QCOMPARE(token.begin, end);
            end = token.end;
        }
        QCOMPARE(end, sentence.size());
    }

    void tooSmallVocabularyIsAnError() {
        const std::vector<std::string> corpus = {"a b c"};
        QVERIFY_THROWS_EXCEPTION(AtlasError, trainByteLevelBpe(corpus, BpeTrainingOptions{100, 2}));
        QVERIFY_THROWS_EXCEPTION(AtlasError, trainWordPiece(corpus, WordPieceTrainingOptions{6}));
    }
};

QTEST_APPLESS_MAIN(TokenizerTrainersTest)
#include "test_tokenizer_trainers.moc"
