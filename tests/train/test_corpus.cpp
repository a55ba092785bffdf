// The corpus: Gutenberg frames, sentence splitting, the split by book, and the batch sources'
// windows, padding and masked-LM statistics (15% chosen; 80% [MASK], 10% random, 10% kept).
#include <QtTest>

#include <set>

#include "Error.h"

#include "model/BuiltinModels.h"
#include "text/TokenizerFiles.h"
#include "train/Corpus.h"

using namespace atlas;

namespace {

// 200 sequences of 10..40 tokens (ids 5..99), every third token continuing a word.
std::vector<BertSequence> syntheticSequences(const BertSpecialIds& special) {
    std::vector<BertSequence> sequences;
    for (int s = 0; s < 200; ++s) {
        BertSequence sequence;
        sequence.ids.push_back(special.cls);
        sequence.word_start.push_back(1);
        const int length = 10 + (s * 7) % 31;
        for (int t = 0; t < length; ++t) {
            sequence.ids.push_back(5 + (s * 13 + t * 17) % 95);
            sequence.word_start.push_back(t % 3 == 2 ? 0 : 1);
        }
        sequence.ids.push_back(special.sep);
        sequence.word_start.push_back(1);
        sequences.push_back(sequence);
    }
    return sequences;
}

BertSpecialIds specialIds() {
    BertSpecialIds special;
    special.pad = 0;
    special.cls = 2;
    special.sep = 3;
    special.mask = 4;
    special.first_regular = 5;
    special.vocab_size = 100;
    return special;
}

}  // namespace

class TestCorpus : public QObject {
    Q_OBJECT

  private slots:
    void gutenbergFrameIsStripped();
    void sentencesSplit_data();
    void sentencesSplit();
    void splitByBookIsDeterministicAndDisjoint();
    void corpusOfSourcesIsRead();
    void splitBySourceHoldsOutEverySource();
    void capSourceSharesBalances();
    void gptWindowsShiftTargets();
    void bertBatchesPadAndMask();
    void bertWholeWordMasking();
    void bertDictionaryWordsJoinChineseCharacters();
    void bertSpanMasking();
};

void TestCorpus::gutenbergFrameIsStripped() {
    const std::string text =
        "The Project Gutenberg eBook\nlicence text\n*** START OF THE PROJECT GUTENBERG EBOOK X "
        "***\n"
        "Chapter 1\nIt was a dark night.\n*** END OF THE PROJECT GUTENBERG EBOOK X ***\nmore "
        "licence\n";
    QCOMPARE(QString::fromStdString(stripGutenbergFrame(text)),
             QString("Chapter 1\nIt was a dark night.\n"));
    // Without markers the text stays.
    QCOMPARE(QString::fromStdString(stripGutenbergFrame("Just text.\n")), QString("Just text.\n"));
}

void TestCorpus::sentencesSplit_data() {
    QTest::addColumn<QString>("paragraph");
    QTest::addColumn<QStringList>("sentences");
    QTest::addRow("plain") << "The cat sat. The dog ran! Did it? Yes."
                           << QStringList{"The cat sat.", "The dog ran!", "Did it?", "Yes."};
    QTest::addRow("abbreviation") << "Mr. Darcy bowed. Mrs. Bennet smiled."
                                  << QStringList{"Mr. Darcy bowed.", "Mrs. Bennet smiled."};
    QTest::addRow("initial") << "J. M. Barrie wrote it. Then he left."
                             << QStringList{"J. M. Barrie wrote it.", "Then he left."};
    QTest::addRow("quotes") << "\"Come here!\" she said. \"Now.\" He came."
                            << QStringList{"\"Come here!\" she said.", "\"Now.\"", "He came."};
    QTest::addRow("lower case after stop")
        << "It was 3 p.m. and late." << QStringList{"It was 3 p.m. and late."};
    QTest::addRow("empty") << "" << QStringList{};
    QTest::addRow("chinese") << "他说：“走吧！”我们就走了。天黑了？ 是的"
                             << QStringList{"他说：“走吧！”", "我们就走了。", "天黑了？", "是的"};
}

void TestCorpus::sentencesSplit() {
    QFETCH(QString, paragraph);
    QFETCH(QStringList, sentences);
    QStringList actual;
    for (const auto& sentence : splitSentences(paragraph.toStdString())) {
        actual << QString::fromStdString(sentence);
    }
    QCOMPARE(actual, sentences);
}

void TestCorpus::splitByBookIsDeterministicAndDisjoint() {
    std::vector<CorpusBook> books;
    for (int i = 0; i < 10; ++i) {
        books.push_back(
            {"book" + std::to_string(i) + ".txt", "text " + std::to_string(i) + "\n", ""});
    }
    const CorpusSplit first = splitByBook(books, 2, 7);
    const CorpusSplit second = splitByBook(books, 2, 7);
    QCOMPARE(first.validation.size(), std::size_t(2));
    QCOMPARE(first.train.size(), std::size_t(8));
    std::set<std::string> names;
    for (const auto& book : first.train)
        names.insert(book.name);
    for (const auto& book : first.validation) {
        QVERIFY(!names.count(book.name));
        names.insert(book.name);
    }
    QCOMPARE(names.size(), std::size_t(10));
    for (std::size_t i = 0; i < 2; ++i) {
        QCOMPARE(first.validation[i].name, second.validation[i].name);
    }
    // One book: its last tenth of lines is held out instead.
    std::string text;
    for (int line = 0; line < 20; ++line)
        text += "line " + std::to_string(line) + "\n";
    const CorpusSplit single = splitByBook({{"only.txt", text, ""}}, 2, 7);
    QCOMPARE(single.train.size(), std::size_t(1));
    QCOMPARE(single.validation.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(single.validation[0].text), QString("line 18\nline 19\n"));
}

namespace {

void writeFile(const QString& path, const std::string& text) {
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.data(), static_cast<qint64>(text.size()));
}

std::size_t bytesOf(const std::vector<CorpusBook>& books, const std::string& source) {
    std::size_t bytes = 0;
    for (const auto& book : books) {
        bytes += book.source == source ? book.text.size() : 0;
    }
    return bytes;
}

}  // namespace

void TestCorpus::corpusOfSourcesIsRead() {
    QTemporaryDir dir;
    const QString root = dir.path();
    writeFile(root + "/top.txt", "top level\n");
    writeFile(root + "/laws/a/one.txt", "第一条\n");
    writeFile(root + "/laws/b/two.txt", "第二条\n");
    writeFile(root + "/laws/README.md", "not text\n");
    writeFile(root + "/novels/book.txt", "*** not a frame\n话说天下\n");
    const auto books = readCorpusBooks(root.toStdString());
    QCOMPARE(books.size(), std::size_t(4));
    QCOMPARE(books[0].name, std::string("laws/a/one.txt"));
    QCOMPARE(books[0].source, std::string("laws"));
    QCOMPARE(books[2].source, std::string("novels"));
    QCOMPARE(books[2].text, std::string("*** not a frame\n话说天下\n"));  // no frame to strip
    QCOMPARE(books[3].name, std::string("top.txt"));
    QCOMPARE(books[3].source, std::string());

    // A MANIFEST.tsv decides: only its files, with its sources; absent ones counted.
    writeFile(root + "/MANIFEST.tsv",
              "source\tfile\tchars\nstatutes\tlaws/b/two.txt\t3\nextra\tmissing/x.txt\t1\n");
    int skipped = 0;
    const auto listed = readCorpusBooks(root.toStdString(), &skipped);
    QCOMPARE(listed.size(), std::size_t(1));
    QCOMPARE(listed[0].source, std::string("statutes"));
    QCOMPARE(skipped, 1);
    writeFile(root + "/MANIFEST.tsv", "where\tfile\nlaws\tlaws/b/two.txt\n");
    try {
        readCorpusBooks(root.toStdString());
        QFAIL("a manifest without a source column was accepted");
    } catch (const AtlasError& error) {
        QVERIFY(QString(error.what()).contains("MANIFEST.tsv:1: no column 'source'"));
    }
}

void TestCorpus::splitBySourceHoldsOutEverySource() {
    std::vector<CorpusBook> books;
    for (int i = 0; i < 40; ++i) {  // many small files: whole files held out
        books.push_back(
            {"laws/" + std::to_string(i) + ".txt", std::string(100, 'a') + "\n", "laws"});
    }
    std::string novel;
    for (int line = 0; line < 100; ++line) {
        novel += "line " + std::to_string(line) + "\n";
    }
    books.push_back({"novels/one.txt", novel, "novels"});  // few long books: their last lines
    books.push_back({"novels/two.txt", novel, "novels"});
    const CorpusSplit split = splitBySource(books, 0.1, 3);
    const CorpusSplit again = splitBySource(books, 0.1, 3);
    QCOMPARE(bytesOf(split.validation, "laws"), std::size_t(4 * 101));
    QCOMPARE(bytesOf(split.train, "laws"), std::size_t(36 * 101));
    for (std::size_t i = 0; i < split.validation.size(); ++i) {
        QCOMPARE(split.validation[i].name, again.validation[i].name);
    }
    std::set<std::string> train_laws;
    for (const auto& book : split.train) {
        train_laws.insert(book.name);
    }
    int novel_tails = 0;
    for (const auto& book : split.validation) {
        if (book.source == "novels") {
            ++novel_tails;
            QCOMPARE(book.text.substr(0, 8), std::string("line 90\n"));
        } else {
            QVERIFY(!train_laws.count(book.name));
        }
    }
    QCOMPARE(novel_tails, 2);
}

void TestCorpus::capSourceSharesBalances() {
    std::vector<CorpusBook> books;
    for (int i = 0; i < 65; ++i) {  // 65 % of the bytes
        books.push_back(
            {"laws/" + std::to_string(i) + ".txt", std::string(99, 'l') + "\n", "laws"});
    }
    books.push_back({"wiki/w.txt", std::string(1000, 'w') + "\n", "wiki"});
    for (int i = 0; i < 25; ++i) {
        books.push_back({"novels/" + std::to_string(i), std::string(99, 'n') + "\n", "novels"});
    }
    // Cap 0.5: laws (65 %) are over it and keep about as much as the other two together.
    const auto capped = capSourceShares(books, 0.5, 5);
    const double laws = static_cast<double>(bytesOf(capped, "laws"));
    QCOMPARE(bytesOf(capped, "wiki"), std::size_t(1001));
    QCOMPARE(bytesOf(capped, "novels"), std::size_t(2500));
    QVERIFY(laws >= 3501 && laws <= 3600);  // cut at the line that reaches the cap
    QCOMPARE(capSourceShares(books, 0.5, 5).size(), capped.size());  // deterministic
    // Cap 0.3 cannot hold with three sources: each keeps about as much as the smallest.
    const auto equal = capSourceShares(books, 0.3, 5);
    QCOMPARE(bytesOf(equal, "wiki"), std::size_t(1001));
    QVERIFY(bytesOf(equal, "novels") >= 1001 && bytesOf(equal, "novels") <= 1100);
    QVERIFY(bytesOf(equal, "laws") >= 1001 && bytesOf(equal, "laws") <= 1100);
    // Books keep their order.
    for (std::size_t i = 1; i < capped.size(); ++i) {
        if (capped[i].source == "laws" && capped[i - 1].source == "laws") {
            QVERIFY(std::stoi(capped[i - 1].name.substr(5)) < std::stoi(capped[i].name.substr(5)));
        }
    }
    // A cap of 1 (or 0) changes nothing.
    QCOMPARE(capSourceShares(books, 1.0, 5).size(), books.size());
}

void TestCorpus::gptWindowsShiftTargets() {
    std::vector<int> tokens(1000);
    for (int i = 0; i < 1000; ++i)
        tokens[i] = i % 50;
    const GptBatchSource source(tokens, 3);
    const TrainingBatch batch = source.batch(5, 1, 2, 4, 16);
    QCOMPARE(batch.inputs.size(), std::size_t(64));
    for (int b = 0; b < 4; ++b) {
        for (int t = 0; t < 16; ++t) {
            QCOMPARE(batch.targets[b * 16 + t], (batch.inputs[b * 16 + t] + 1) % 50);
        }
    }
    const TrainingBatch again = source.batch(5, 1, 2, 4, 16);
    QCOMPARE(again.inputs, batch.inputs);
    QVERIFY(source.batch(6, 1, 2, 4, 16).inputs != batch.inputs);
}

void TestCorpus::bertBatchesPadAndMask() {
    const BertSpecialIds special = specialIds();
    const BertBatchSource source(syntheticSequences(special), special, MaskingOptions{}, 11);
    long chosen = 0, maskable = 0, as_mask = 0, as_random = 0, kept = 0;
    for (int step = 0; step < 300; ++step) {
        const TrainingBatch batch = source.batch(step, 0, 2, 8, 64);
        QVERIFY(batch.context <= 64);
        QCOMPARE(batch.lengths.size(), std::size_t(8));
        for (int b = 0; b < 8; ++b) {
            const int length = batch.lengths[b];
            const int* inputs = batch.inputs.data() + b * batch.context;
            const int* targets = batch.targets.data() + b * batch.context;
            QCOMPARE(inputs[0], special.cls);
            QCOMPARE(inputs[length - 1], special.sep);
            QCOMPARE(targets[0], -1);
            QCOMPARE(targets[length - 1], -1);
            for (int t = length; t < batch.context; ++t) {
                QCOMPARE(inputs[t], special.pad);
                QCOMPARE(targets[t], -1);
            }
            maskable += length - 2;
            for (int t = 1; t < length - 1; ++t) {
                if (targets[t] < 0)
                    continue;
                ++chosen;
                if (inputs[t] == special.mask)
                    ++as_mask;
                else if (inputs[t] == targets[t])
                    ++kept;
                else
                    ++as_random;
            }
        }
    }
    const double rate = static_cast<double>(chosen) / maskable;
    qInfo("chosen %.4f; of those [MASK] %.3f, random %.3f, kept %.3f", rate,
          double(as_mask) / chosen, double(as_random) / chosen, double(kept) / chosen);
    QVERIFY(std::abs(rate - 0.15) < 0.01);
    QVERIFY(std::abs(double(as_mask) / chosen - 0.8) < 0.03);
    // A random replacement can draw the original token (1 in 95): "kept" gains a little.
    QVERIFY(std::abs(double(as_random) / chosen - 0.1) < 0.02);
    QVERIFY(std::abs(double(kept) / chosen - 0.1) < 0.02);
}

void TestCorpus::bertWholeWordMasking() {
    const BertSpecialIds special = specialIds();
    MaskingOptions masking;
    masking.whole_words = true;
    masking.rate = 0.3;
    const auto sequences = syntheticSequences(special);
    const BertBatchSource source(sequences, special, masking, 5);
    for (int step = 0; step < 50; ++step) {
        const TrainingBatch batch = source.batch(step, 0, 1, 4, 64);
        for (int b = 0; b < 4; ++b) {
            const int* targets = batch.targets.data() + b * batch.context;
            const int length = batch.lengths[b];
            // Pattern of the synthetic sequences: position t (1-based after [CLS]) continues a word
            // when (t - 1) % 3 == 2. A continuation is chosen exactly when its word start is.
            for (int t = 2; t < length - 1; ++t) {
                if ((t - 1) % 3 == 2) {
                    QCOMPARE(targets[t] >= 0, targets[t - 1] >= 0);
                }
            }
        }
    }
}

// Spans of 1..3 tokens: the masked share stays at the rate, and masked tokens come in runs (with
// single-token picks, runs of two or more would be rarer).
void TestCorpus::bertSpanMasking() {
    const BertSpecialIds special = specialIds();
    MaskingOptions masking;
    masking.rate = 0.25;
    masking.max_span = 3;
    const auto sequences = syntheticSequences(special);
    const BertBatchSource source(sequences, special, masking, 5);
    MaskingOptions single = masking;
    single.max_span = 1;
    const BertBatchSource single_source(sequences, special, single, 5);
    auto count = [](const TrainingBatch& batch, int& masked, int& maskable, int& adjacent) {
        for (int b = 0; b < batch.batch_size; ++b) {
            const int* targets = batch.targets.data() + b * batch.context;
            const int length = batch.lengths[b];
            for (int t = 1; t < length - 1; ++t) {
                ++maskable;
                masked += targets[t] >= 0;
                adjacent += targets[t] >= 0 && t > 1 && targets[t - 1] >= 0;
            }
            QVERIFY(targets[0] < 0 && targets[length - 1] < 0);  // never [CLS] or [SEP]
        }
    };
    int masked = 0, maskable = 0, adjacent = 0;
    int single_masked = 0, single_maskable = 0, single_adjacent = 0;
    for (int step = 0; step < 50; ++step) {
        count(source.batch(step, 0, 1, 4, 64), masked, maskable, adjacent);
        count(single_source.batch(step, 0, 1, 4, 64), single_masked, single_maskable,
              single_adjacent);
    }
    const double share = static_cast<double>(masked) / maskable;
    QVERIFY2(share > 0.23 && share < 0.27, qPrintable(QString::number(share)));
    // Spans of mean length 2: about half the masked tokens follow a masked one; single picks
    // at 25 % give about a quarter.
    const double run_share = static_cast<double>(adjacent) / masked;
    const double single_run_share = static_cast<double>(single_adjacent) / single_masked;
    QVERIFY2(run_share > 0.4, qPrintable(QString::number(run_share)));
    QVERIFY2(single_run_share < 0.3, qPrintable(QString::number(single_run_share)));
}

// With dictionary words, the characters of a Chinese word after the first do not start a word,
// so whole-word masking hides 老师 or 北京 as one; without, every Han character is a word of its own.
void TestCorpus::bertDictionaryWordsJoinChineseCharacters() {
    const auto resources = findResourcesFolder();
    if (!resources) {
        QSKIP("the resources folder (resources/models/bert-zh) was not found");
    }
    const auto tokenizer = loadTokenizer(*resources / "models" / "bert-zh");
    BertSpecialIds special;
    special.cls = tokenizer->idOf("[CLS]").value();
    special.sep = tokenizer->idOf("[SEP]").value();
    special.mask = tokenizer->idOf("[MASK]").value();
    special.pad = tokenizer->idOf("[PAD]").value();
    special.vocab_size = tokenizer->vocabSize();
    const std::vector<CorpusBook> books = {
        {"a", "老师说学生们明天要去北京参观博物馆。Hello world", ""}};
    const auto characters = buildBertSequences(books, *tokenizer, special, 64, 1, false);
    const auto words = buildBertSequences(books, *tokenizer, special, 64, 1, true);
    QCOMPARE(characters.size(), std::size_t(1));
    QCOMPARE(words.size(), std::size_t(1));
    QVERIFY(characters[0].ids == words[0].ids);
    auto startOf = [&](const BertSequence& sequence, const char* character) {
        const int id = tokenizer->idOf(character).value();
        for (std::size_t t = 0; t < sequence.ids.size(); ++t) {
            if (sequence.ids[t] == id) {
                return int(sequence.word_start[t]);
            }
        }
        return -1;
    };
    for (const char* character : {"老", "师", "说", "北", "京"}) {
        QCOMPARE(startOf(characters[0], character), 1);
    }
    QCOMPARE(startOf(words[0], "老"), 1);
    QCOMPARE(startOf(words[0], "师"), 0);
    QCOMPARE(startOf(words[0], "说"), 1);
    QCOMPARE(startOf(words[0], "北"), 1);
    QCOMPARE(startOf(words[0], "京"), 0);
    // Latin words (after 。) keep their WordPiece boundaries; [CLS] and [SEP] start words.
    const int stop = tokenizer->idOf("。").value();
    const auto after = std::find(words[0].ids.begin(), words[0].ids.end(), stop);
    QVERIFY(after != words[0].ids.end());
    for (auto t = std::size_t(after - words[0].ids.begin()); t < words[0].ids.size(); ++t) {
        QCOMPARE(words[0].word_start[t], characters[0].word_start[t]);
    }
    QCOMPARE(int(words[0].word_start.front()), 1);
    QCOMPARE(int(words[0].word_start.back()), 1);
}

QTEST_GUILESS_MAIN(TestCorpus)
#include "test_corpus.moc"
