// The presets' parts: the shipped gzip-compressed books, a corpus of one file, the repeated-span
// batches of the induction preset (both layouts) and their mix with text, a short preset run whose
// folder loads, a resume that finds its corpus in the checkpoint, and a run stopped through its
// control.
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "Error.h"
#include "io/GzipFile.h"
#include "model/Model.h"
#include "train/Corpus.h"
#include "train/MixedBatchSource.h"
#include "train/RepeatedSpans.h"
#include "train/TrainingPresets.h"

using namespace atlas;

class TestTrainingPresets : public QObject {
    Q_OBJECT

  private slots:
    void shippedBooksAreReadFromGzip() {
        const auto books = readCorpusBooks(shippedTrainingText());
        QCOMPARE(books.size(), std::size_t(10));
        std::size_t bytes = 0;
        for (const auto& book : books) {
            QVERIFY(book.name.ends_with(".txt.gz"));
            bytes += book.text.size();
        }
        QVERIFY(bytes > 2'500'000);
        QVERIFY(books[0].text.find("Alice") != std::string::npos);
    }

    void truncatedGzipIsRefusedByName() {
        QTemporaryDir dir;
        const std::filesystem::path source =
            shippedTrainingText() / "11-alice-in-wonderland.txt.gz";
        std::ifstream in(source, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::filesystem::path cut = dir.filePath("cut.txt.gz").toStdString();
        std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
        try {
            readGzipFile(cut);
            QFAIL("a truncated gzip file was read");
        } catch (const AtlasError& error) {
            QVERIFY2(QString(error.what()).contains("cut.txt.gz"), error.what());
        }
    }

    void oneFileIsACorpusOfOneBook() {
        QTemporaryDir dir;
        const std::string file = dir.filePath("story.txt").toStdString();
        std::ofstream(file) << "Once upon a time.\nThe end.\n";
        const auto books = readCorpusBooks(file);
        QCOMPARE(books.size(), std::size_t(1));
        QCOMPARE(books[0].name, std::string("story.txt"));
        QCOMPARE(books[0].text, std::string("Once upon a time.\nThe end.\n"));
    }

    void repeatedSpansRepeatAndCountOnlyTheRepeats() {
        RepeatedSpanOptions options;
        options.vocab_size = 50;
        options.bos_id = 49;
        options.excluded_ids = {0};
        options.min_span = 4;
        const RepeatedSpanBatchSource source(options, 7);
        const int context = 32;
        const TrainingBatch batch = source.batch(3, 1, 2, 6, context);
        QCOMPARE(batch.inputs.size(), std::size_t(6 * context));
        for (int b = 0; b < 6; ++b) {
            const int* input = batch.inputs.data() + b * context;
            const int* target = batch.targets.data() + b * context;
            QCOMPARE(input[0], 49);
            // The span: the tokens before the first repeat of input[1].
            int span = 1;
            while (input[1 + span] != input[1]) {
                ++span;
            }
            QVERIFY(span >= 4 && span <= (context - 1) / 2);
            std::set<int> distinct(input + 1, input + 1 + span);
            QCOMPARE(int(distinct.size()), span);
            QVERIFY(!distinct.count(0) && !distinct.count(49));
            for (int t = 0; t < context; ++t) {
                if (t >= 1 + span) {
                    QCOMPARE(input[t], input[t - span]);
                }
                // No loss on the first copy, the next token everywhere after.
                const int expected = t + 1 < 1 + span ? -1 : input[(t + 1 - 1) % span + 1];
                QCOMPARE(target[t], expected);
            }
        }
        // The same arguments give the same batch; another step another one.
        QVERIFY(source.batch(3, 1, 2, 6, context).inputs == batch.inputs);
        QVERIFY(source.batch(4, 1, 2, 6, context).inputs != batch.inputs);
    }

    void repeatedSpanPairsAreSaidTwiceAndOnlyTheRepeatsCount() {
        RepeatedSpanOptions options;
        options.vocab_size = 50;
        options.bos_id = 49;
        options.excluded_ids = {0};
        options.min_span = 4;
        options.pairs = true;
        const RepeatedSpanBatchSource source(options, 7);
        const int context = 32;
        const TrainingBatch batch = source.batch(3, 1, 2, 12, context);
        QCOMPARE(batch.inputs.size(), std::size_t(12 * context));
        std::set<int> distances;        // from a repeat back to its first occurrence
        std::set<int> first_positions;  // of each window's first loss
        for (int b = 0; b < 12; ++b) {
            const int* input = batch.inputs.data() + b * context;
            const int* target = batch.targets.data() + b * context;
            QCOMPARE(input[0], 49);
            std::map<int, std::vector<int>> occurrences;
            for (int t = 1; t < context; ++t) {
                QVERIFY(input[t] != 0 && input[t] != 49);
                occurrences[input[t]].push_back(t);
            }
            int first_loss = -1;
            for (int t = 0; t < context; ++t) {
                const std::vector<int>& seen = occurrences[input[t]];
                QVERIFY2(t == 0 || seen.size() <= 2, "a token occurred more than twice");
                // The earlier occurrence of the current token, if any, and the token after it.
                const int earlier = t > 0 && seen.size() == 2 && seen[1] == t ? seen[0] : -1;
                const bool predictable =
                    earlier >= 1 && (t + 1 >= context || input[earlier + 1] == input[t + 1]);
                if (target[t] >= 0) {
                    QVERIFY2(earlier >= 1, "a loss on a token that is not a repeat");
                    QCOMPARE(target[t], input[earlier + 1]);
                    if (t + 1 < context) {
                        QCOMPARE(target[t], input[t + 1]);
                    }
                    distances.insert(t - earlier);
                    if (first_loss < 0) {
                        first_loss = t;
                    }
                } else {
                    QVERIFY2(!predictable || t + 1 >= context, "a repeat without a loss");
                }
            }
            first_positions.insert(first_loss);
        }
        QVERIFY2(distances.size() > 2, "the spans all had the same length");
        QVERIFY2(first_positions.size() > 2, "the repeats all started at the same place");
        // The same arguments give the same batch; another step another one.
        QVERIFY(source.batch(3, 1, 2, 12, context).inputs == batch.inputs);
        QVERIFY(source.batch(4, 1, 2, 12, context).inputs != batch.inputs);
    }

    void shortSpanPowerFavoursShortRepeats() {
        // How many repeats have their first occurrence at most 4 tokens back (their span's
        // length), and the shortest such distance.
        struct Repeats {
            int short_ones = 0;
            int shortest = 0;
        };
        auto repeats = [](double power) {
            RepeatedSpanOptions options;
            options.vocab_size = 300;
            options.bos_id = 0;
            options.min_span = 2;
            options.pairs = true;
            options.short_span_power = power;
            const RepeatedSpanBatchSource source(options, 11);
            const int context = 64;
            const TrainingBatch batch = source.batch(5, 0, 1, 64, context);
            Repeats found{0, context};
            for (int b = 0; b < 64; ++b) {
                const int* input = batch.inputs.data() + b * context;
                const int* target = batch.targets.data() + b * context;
                for (int t = 1; t < context; ++t) {
                    if (target[t] < 0) {
                        continue;
                    }
                    for (int earlier = t - 1; earlier >= 1; --earlier) {
                        if (input[earlier] == input[t]) {
                            found.short_ones += t - earlier <= 4;
                            found.shortest = std::min(found.shortest, t - earlier);
                            break;
                        }
                    }
                }
            }
            return found;
        };
        const Repeats uniform = repeats(1.0);
        const Repeats skewed = repeats(2.5);
        QVERIFY2(
            skewed.short_ones > 2 * uniform.short_ones,
            qPrintable(
                QStringLiteral("%1 against %2").arg(skewed.short_ones).arg(uniform.short_ones)));
        QCOMPARE(skewed.shortest, 2);
    }

    void mixedBatchesTakeTheShareFromEachSource() {
        std::vector<int> text(500);
        for (int i = 0; i < 500; ++i) {
            text[std::size_t(i)] = 100 + i % 97;  // ids the spans never draw
        }
        RepeatedSpanOptions options;
        options.vocab_size = 50;
        options.bos_id = 49;
        const MixedBatchSource source(std::make_unique<GptBatchSource>(text, 3),
                                      std::make_unique<RepeatedSpanBatchSource>(options, 3), 0.25);
        const int context = 16;
        const TrainingBatch batch = source.batch(2, 0, 1, 8, context);
        QCOMPARE(batch.batch_size, 8);
        QCOMPARE(batch.inputs.size(), std::size_t(8 * context));
        QCOMPARE(batch.targets.size(), std::size_t(8 * context));
        for (int b = 0; b < 8; ++b) {
            const int* input = batch.inputs.data() + b * context;
            const int* target = batch.targets.data() + b * context;
            if (b < 2) {  // text: every token is a target
                for (int t = 0; t + 1 < context; ++t) {
                    QVERIFY(input[t] >= 100);
                    QCOMPARE(target[t], input[t + 1]);
                }
            } else {
                QCOMPARE(input[0], 49);
                QVERIFY(std::count(target, target + context, -1) > 0);
            }
        }
    }

    void presetsAreNamedAndUnknownOnesListThem() {
        const auto presets = trainingPresets(shippedTrainingText());
        QCOMPARE(presets.size(), std::size_t(3));
        QCOMPARE(presets[0].name, std::string("previous-token"));
        QCOMPARE(presets[1].name, std::string("induction"));
        QCOMPARE(presets[2].name, std::string("masked"));
        QCOMPARE(presets[2].options.architecture, Architecture::Bert);
        try {
            trainingPreset("bigram", shippedTrainingText());
            QFAIL("an unknown preset was accepted");
        } catch (const AtlasError& error) {
            QVERIFY(QString(error.what()).contains("previous-token, induction, masked"));
        }
    }

    void shortInductionRunLoadsAndResumesWithoutCorpus() {
        QTemporaryDir dir;
        TrainingRunOptions options = trainingPreset("induction", shippedTrainingText()).options;
        options.output = dir.filePath("run").toStdString();
        options.training.steps = 40;
        options.snapshot_fractions = {0.5, 1.0};
        options.time_limit_minutes = 0;
        const TrainingRunResult first = runTraining(options, nullptr, nullptr);
        QVERIFY(first.finished);
        const auto model = Model::load(options.output);
        QCOMPARE(model->config().n_layer, 2);
        QVERIFY(std::filesystem::exists(options.output / "snapshots" / "step-000020"));
        // The loss on the repeats starts near ln(V) (nothing is known yet).
        QVERIFY(first.history.front().train_loss > 5.0);

        TrainingRunOptions resume;
        resume.output = options.output;
        resume.resume = options.output;
        resume.resume_total_steps = 45;
        resume.training.threads = 2;
        const TrainingRunResult second = runTraining(resume, nullptr, nullptr);
        QVERIFY(second.finished);
        QCOMPARE(second.steps_done, std::int64_t(45));
    }

    void controlStopsARunWithACheckpoint() {
        QTemporaryDir dir;
        TrainingRunOptions options =
            trainingPreset("previous-token", shippedTrainingText()).options;
        options.output = dir.filePath("run").toStdString();
        options.n_layer = 1;
        options.d_model = 16;
        options.n_head = 2;
        options.training.steps = 100000;
        options.snapshot_fractions.clear();
        options.snapshot_seconds = 0.2;
        TrainingControl control;
        options.control = &control;
        std::vector<std::string> snapshots;
        auto message = [&](const std::string& text) {
            if (text.rfind("snapshot ", 0) == 0) {
                snapshots.push_back(text);
                if (snapshots.size() == 2) {
                    control.stop.store(true);
                }
            }
        };
        const TrainingRunResult result = runTraining(options, nullptr, message);
        QVERIFY(!result.finished);
        QCOMPARE(snapshots.size(), std::size_t(2));
        QVERIFY(result.steps_done > 0 && result.steps_done < 100000);
        QVERIFY(std::filesystem::exists(options.output / "checkpoints" / "latest.safetensors"));
        QCOMPARE(Model::load(options.output)->config().d_model, 16);
    }
};

QTEST_MAIN(TestTrainingPresets)
#include "test_training_presets.moc"
