// A whole training run on a small text the test writes: tokenizer trained, loss lowered, outputs
// (model folder loading with Model::load, loss.csv, snapshots) written, and a run stopped by its
// time limit and resumed ending exactly where an uninterrupted run ends.
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <sstream>

#include "model/Model.h"
#include "train/TrainingRun.h"

using namespace atlas;

namespace {

void writeBooks(const QString& folder) {
    const char* sentences[] = {"The cat sat on the mat.",
                               "The dog slept by the fire.",
                               "A bird sang in the old tree.",
                               "She opened the door and looked at the garden.",
                               "He walked to the river with his dog.",
                               "The children played in the field until the sun went down.",
                               "Mr. Brown read the letter twice.",
                               "They ate bread and cheese for supper."};
    for (int book = 0; book < 4; ++book) {
        std::ofstream out((folder + QString("/book%1.txt").arg(book)).toStdString());
        out << "*** START OF THE PROJECT GUTENBERG EBOOK TEST ***\n";
        for (int paragraph = 0; paragraph < 60; ++paragraph) {
            for (int s = 0; s < 4; ++s) {
                out << sentences[(paragraph * 3 + s * 5 + book) % 8] << ' ';
            }
            out << '\n';
        }
        out << "*** END OF THE PROJECT GUTENBERG EBOOK TEST ***\nlicence\n";
    }
}

TrainingRunOptions smallRun(Architecture architecture, const QString& corpus, const QString& out) {
    TrainingRunOptions options;
    options.architecture = architecture;
    options.corpus = corpus.toStdString();
    options.output = out.toStdString();
    options.n_layer = 2;
    options.n_head = 2;
    options.d_model = 32;
    options.n_ctx = 32;
    options.vocab_size = 400;
    options.training.batch_size = 8;
    options.training.context = 32;
    options.training.steps = 60;
    options.training.learning_rate = 3e-3;
    options.training.warmup_steps = 5;
    options.training.threads = 2;
    options.held_out_books = 1;
    options.eval_every = 20;
    options.eval_batches = 2;
    options.checkpoint_minutes = 0;
    options.snapshot_fractions = {0.1, 1.0};
    options.storage = DType::F32;
    options.progress_seconds = 0;
    return options;
}

QStringList readLines(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::stringstream content;
    content << in.rdbuf();
    return QString::fromStdString(content.str()).split('\n', Qt::SkipEmptyParts);
}

}  // namespace

class TestTrainingRun : public QObject {
    Q_OBJECT

  private slots:
    void runWritesALoadableModel_data();
    void runWritesALoadableModel();
    void stoppedRunResumesExactly();
};

void TestTrainingRun::runWritesALoadableModel_data() {
    QTest::addColumn<int>("architecture");
    QTest::addRow("gpt2") << static_cast<int>(Architecture::Gpt2);
    QTest::addRow("bert") << static_cast<int>(Architecture::Bert);
}

void TestTrainingRun::runWritesALoadableModel() {
    QFETCH(int, architecture);
    QTemporaryDir corpus, out;
    QVERIFY(corpus.isValid() && out.isValid());
    writeBooks(corpus.path());
    TrainingRunOptions options =
        smallRun(static_cast<Architecture>(architecture), corpus.path(), out.path());
    if (options.architecture == Architecture::Bert) {
        options.masking.rate = 0.3;
    }
    int reports = 0;
    const TrainingRunResult result =
        runTraining(options, [&](const TrainingProgress&) { ++reports; }, {});
    QVERIFY(result.finished);
    QCOMPARE(result.steps_done, std::int64_t(60));
    QVERIFY(reports > 0);
    const double first = result.history.front().train_loss;
    const double last = result.history.back().train_loss;
    qInfo("train loss %.3f -> %.3f, validation %.3f", first, last, result.history.back().val_loss);
    QVERIFY(last < 0.8 * first);
    QVERIFY(result.history.back().val_loss > 0);

    const QStringList csv = readLines(options.output / "loss.csv");
    QCOMPARE(csv.size(), 61);
    QCOMPARE(csv[0], QString("step,train_loss,val_loss,lr,tokens_per_s"));
    QVERIFY(csv[20].split(',')[2].toDouble() > 0);  // validation at step 20
    QVERIFY(csv[1].split(',')[2].isEmpty());        // none at step 1

    for (const auto& folder : {options.output, options.output / "snapshots" / "step-000006",
                               options.output / "snapshots" / "step-000060"}) {
        const auto model = Model::load(folder);
        QCOMPARE(model->config().n_layer, 2);
        QCOMPARE(model->config().architecture, options.architecture);
        const RunResult run = model->run("The cat sat on the mat.");
        QVERIFY(run.forward.layerCount() == 2);
    }
}

void TestTrainingRun::stoppedRunResumesExactly() {
    QTemporaryDir corpus, whole, parts;
    writeBooks(corpus.path());
    const TrainingRunOptions uninterrupted =
        smallRun(Architecture::Gpt2, corpus.path(), whole.path());
    const TrainingRunResult reference = runTraining(uninterrupted, {}, {});

    TrainingRunOptions stopping = smallRun(Architecture::Gpt2, corpus.path(), parts.path());
    stopping.time_limit_minutes = 1e-9;  // stops after its first step, with a checkpoint
    const TrainingRunResult stopped = runTraining(stopping, {}, {});
    QVERIFY(!stopped.finished);
    QVERIFY(stopped.steps_done < 60);
    TrainingRunOptions resuming = smallRun(Architecture::Gpt2, corpus.path(), parts.path());
    resuming.resume = parts.path().toStdString();
    resuming.training.threads = 1;  // a different thread count changes nothing
    const TrainingRunResult resumed = runTraining(resuming, {}, {});
    QVERIFY(resumed.finished);
    QCOMPARE(resumed.history.size(), reference.history.size());
    for (std::size_t i = 0; i < reference.history.size(); ++i) {
        QVERIFY2(std::abs(resumed.history[i].train_loss - reference.history[i].train_loss) <= 1e-6,
                 qPrintable(QString("step %1").arg(i)));
    }
    QCOMPARE(resumed.history.back().val_loss, reference.history.back().val_loss);
}

QTEST_GUILESS_MAIN(TestTrainingRun)
#include "test_training_run.moc"
