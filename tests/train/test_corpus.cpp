// The corpus: Gutenberg frames, sentence splitting, the split by book, and the batch sources'
// windows, padding and masked-LM statistics (15% chosen; 80% [MASK], 10% random, 10% kept).
#include <QtTest>

#include <set>

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
    void gptWindowsShiftTargets();
    void bertBatchesPadAndMask();
    void bertWholeWordMasking();
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
        books.push_back({"book" + std::to_string(i) + ".txt", "text " + std::to_string(i) + "\n"});
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
    const CorpusSplit single = splitByBook({{"only.txt", text}}, 2, 7);
    QCOMPARE(single.train.size(), std::size_t(1));
    QCOMPARE(single.validation.size(), std::size_t(1));
    QCOMPARE(QString::fromStdString(single.validation[0].text), QString("line 18\nline 19\n"));
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

QTEST_GUILESS_MAIN(TestCorpus)
#include "test_corpus.moc"
