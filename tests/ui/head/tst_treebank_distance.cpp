// The Distance tab over a treebank: the focused head's profile pooled over a CoNLL-U file's
// sentences is core's treebankDistanceProfiles for that head (built-in GPT-2, and the
// grouped-query stories260K where ../shared/data has it), measured once so that switching heads
// costs nothing; a malformed file gives a message naming the file and the line; Cancel stops the
// run; the plot saves and the command line exports the same numbers.
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>

#include <qcustomplot.h>

#include "UiFixtures.h"
#include "analysis/Conllu.h"
#include "analysis/TreebankDistance.h"
#include "head/DistanceProfileHooks.h"
#include "head/DistanceProfileView.h"
#include "head/TreebankDistanceRunner.h"
#include "model/BuiltinModels.h"
#include "model/Model.h"
#include "shell/MainWindow.h"

using namespace atlas;
using namespace atlas::ui;

namespace {

namespace fs = std::filesystem;

const QString kText = QStringLiteral("The little cat sat on the mat.");

QString storiesFolder() {
    const fs::path folder = fs::path(ATLAS_SHARED_DIR) / "data/models/stories260K";
    return fs::exists(folder / "config.json") ? QString::fromStdString(folder.string()) : QString();
}

// `count` sentences of words taken in turn from a small vocabulary, 3 to 3 + `longest` words
// long, each word attached to the first.
QString writeTreebank(const QString& path, int count, int longest = 9) {
    static const char* words[] = {"the",  "cat",  "sat",   "on",  "a",      "mat",   "and",
                                  "dog",  "runs", "to",    "big", "red",    "house", "once",
                                  "upon", "time", "there", "was", "little", "girl"};
    QByteArray text;
    int next = 0;
    for (int s = 0; s < count; ++s) {
        text += "# sent_id = s" + QByteArray::number(s + 1) + "\n";
        const int length = 3 + s % (longest + 1);
        for (int w = 1; w <= length; ++w) {
            text += QByteArray::number(w) + '\t' + words[next++ % 20] + "\t_\t_\t_\t_\t" +
                    (w == 1 ? "0\troot" : "1\tdep") + "\t_\t_\n";
        }
        text += '\n';
    }
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size()) {
        return {};
    }
    return path;
}

double largestDifference(const DistanceProfile& shown, const DistanceProfile& expected) {
    if (shown.distances != expected.distances || shown.cells != expected.cells) {
        return 1e9;
    }
    double worst = 0;
    for (std::size_t k = 0; k < shown.mean_attention.size(); ++k) {
        worst = std::max(worst, std::abs(shown.mean_attention[k] - expected.mean_attention[k]));
    }
    return worst;
}

int columnOf(const AttentionSnapshot& snapshot, ColumnKind kind) {
    for (int c = 0; c < snapshot.columnCount(); ++c) {
        if (snapshot.columns[c].kind == kind) {
            return c;
        }
    }
    return -1;
}

// Every head's (and the first layer's mean's) treebank profile in the tab against the core's,
// each read at once after the focus moves.
void compareEveryHead(MainWindow& window, const QString& treebank) {
    DistanceProfileView* view = window.distanceProfile()->view();
    const TreebankDistanceProfiles expected =
        treebankDistanceProfiles(*window.model(), readConllu(treebank.toStdString()));
    const auto snapshot = window.snapshot();
    QCOMPARE(view->treebank()->profiles.sentences, expected.sentences);
    double worst = 0;
    for (int layer = 0; layer < expected.layers; ++layer) {
        for (int head = 0; head < expected.heads_per_layer; ++head) {
            window.selection().setCurrent(layer, head);  // heads come first among the columns
            QVERIFY(!window.distanceProfile()->runner()->busy());
            QVERIFY(view->showsTreebank());
            worst = std::max(
                worst,
                largestDifference(
                    view->treebankProfile(),
                    expected.heads[std::size_t(layer) * std::size_t(expected.heads_per_layer) +
                                   std::size_t(head)]));
        }
    }
    qInfo("tab vs treebankDistanceProfiles over %d heads: largest difference %.3g",
          expected.layers * expected.heads_per_layer, worst);
    QVERIFY(worst <= 1e-6);

    // The layer's mean column: the mean of its heads' profiles.
    const int mean = columnOf(*snapshot, ColumnKind::LayerMean);
    if (mean >= 0) {
        window.selection().setCurrent(0, mean);
        const DistanceProfile& shown = view->treebankProfile();
        QCOMPARE(shown.distances, expected.heads[0].distances);
        for (std::size_t k = 0; k < shown.distances.size(); ++k) {
            double sum = 0;
            for (int h = 0; h < expected.heads_per_layer; ++h) {
                sum += expected.heads[std::size_t(h)].mean_attention[k];
            }
            QVERIFY(std::abs(shown.mean_attention[k] - sum / expected.heads_per_layer) <= 1e-9);
        }
    }
}

}  // namespace

class TestTreebankDistance : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        treebank_ = writeTreebank(dir_.filePath(QStringLiteral("tiny.conllu")), 12);
        QVERIFY(!treebank_.isEmpty());
    }

    void profileOverATreebankIsTheCores() {
        auto window = test::openWindow(dir_.filePath(QStringLiteral("gpt.ini")),
                                       QStringLiteral("gpt"), kText);
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
        DistanceProfileHooks* hooks = window->distanceProfile();
        DistanceProfileView* view = hooks->view();
        QCOMPARE(view->sourceBox()->count(), 2);  // this text, a treebank…
        QSignalSpy shown(hooks, &DistanceProfileHooks::treebankShown);
        QVERIFY(hooks->showTreebank(treebank_));
        QVERIFY(view->progressBar()->isVisibleTo(view));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 60000);
        QVERIFY(!view->progressBar()->isVisibleTo(view));
        QVERIFY(view->showsTreebank());
        compareEveryHead(*window, treebank_);

        // The plot: the treebank's line named with the file and its sentences, the text's beside
        // it, and the numbers saved are the treebank's.
        window->selection().setCurrent(1, 2);
        QCustomPlot* plot = view->plot();
        const QCPGraph* treebankLine = plot->graph(0);
        const QCPGraph* textLine = plot->graph(1);
        QCOMPARE(treebankLine->name(), QStringLiteral("tiny.conllu, 12 sentences"));
        QVERIFY(textLine->dataCount() > 0);
        const DistanceProfile& profile = view->treebankProfile();
        const auto at = std::find(profile.distances.begin(), profile.distances.end(), 1);
        QVERIFY(at != profile.distances.end());
        const auto point = treebankLine->data()->findBegin(1.0, false);
        QCOMPARE(point->key, 1.0);
        QCOMPARE(point->value, profile.mean_attention[std::size_t(at - profile.distances.begin())]);
        QVERIFY2(view->noteLabel()->text().contains(QStringLiteral("12 sentences of tiny.conllu")),
                 qPrintable(view->noteLabel()->text()));
        const QString csv = dir_.filePath(QStringLiteral("distance.csv"));
        QCOMPARE(view->saveTo(csv), QString());
        QFile saved(csv);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readLine(), QByteArray("distance,mean_attention,cells\n"));
        for (std::size_t k = 0; k < profile.distances.size(); ++k) {
            const QList<QByteArray> fields = saved.readLine().trimmed().split(',');
            QCOMPARE(fields.size(), 3);
            QCOMPARE(fields[0].toInt(), profile.distances[k]);
            QVERIFY(std::abs(fields[1].toDouble() - profile.mean_attention[k]) <= 1e-8);
            QCOMPARE(fields[2].toLongLong(), profile.cells[k]);
        }
        QCOMPARE(saved.readLine(), QByteArray("\n"));
        QCOMPARE(saved.readLine(), QByteArray("text_distance,text_mean_attention,text_cells\n"));
        for (const char* suffix : {"png", "svg"}) {
            const QString figure = dir_.filePath(QStringLiteral("distance.") + suffix);
            QCOMPARE(view->saveTo(figure, 800), QString());
            QVERIFY(QFileInfo(figure).size() > 1000);
        }

        // Remembered, and offered again; back to the text and to the treebank at once.
        QCOMPARE(window->settings().value("distance/treebank").toString(),
                 QFileInfo(treebank_).absoluteFilePath());
        QCOMPARE(view->sourceBox()->count(), 3);
        QCOMPARE(view->sourceBox()->currentIndex(), 1);
        QCOMPARE(view->sourceBox()->itemText(1), QStringLiteral("the treebank tiny.conllu"));
        emit view->sourceBox()->activated(0);
        QVERIFY(!view->showsTreebank());
        QCOMPARE(view->sourceBox()->currentIndex(), 0);
        QCOMPARE(plot->graph(1)->dataCount(), 0);  // no faint line over the text alone
        emit view->sourceBox()->activated(1);
        QCOMPARE(shown.count(), 2);  // kept: no second run
        QVERIFY(view->showsTreebank());
        QVERIFY(!hooks->runner()->busy());

        // Another model: the treebank is measured again, for it.
        window->openModel(QStringLiteral("bert"));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 3, 60000);
        QCOMPARE(view->treebank()->model.lock(), window->model());
        QVERIFY(view->showsTreebank());
        compareEveryHead(*window, treebank_);
    }

    // A new window starts with the remembered treebank offered.
    void rememberedTreebankIsOffered() {
        const QString settings = dir_.filePath(QStringLiteral("remembered.ini"));
        {
            QSettings write(settings, QSettings::IniFormat);
            write.setValue("distance/treebank", treebank_);
        }
        auto window = test::openWindow(settings, QStringLiteral("gpt"), kText, true);
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
        DistanceProfileView* view = window->distanceProfile()->view();
        QCOMPARE(view->sourceBox()->count(), 3);
        QCOMPARE(view->sourceBox()->itemText(1), QStringLiteral("the treebank tiny.conllu"));
        QSignalSpy shown(window->distanceProfile(), &DistanceProfileHooks::treebankShown);
        emit view->sourceBox()->activated(1);
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 60000);
        QVERIFY(view->showsTreebank());
    }

    void groupedQueryModel() {
        if (storiesFolder().isEmpty()) {
            QSKIP("../shared/data/models/stories260K is absent");
        }
        auto window = test::openWindow(dir_.filePath(QStringLiteral("stories.ini")),
                                       storiesFolder(), QStringLiteral("Once upon a time"));
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
        QVERIFY(window->snapshot()->kvHeads > 0);
        QVERIFY(window->snapshot()->kvHeads < window->snapshot()->headCount());
        QSignalSpy shown(window->distanceProfile(), &DistanceProfileHooks::treebankShown);
        QVERIFY(window->distanceProfile()->showTreebank(treebank_));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 60000);
        compareEveryHead(*window, treebank_);
    }

    // A malformed file, a missing one: a message naming the file (and the line), the text's
    // profile still shown, nothing running.
    void badTreebankGivesAMessage() {
        auto window = test::openWindow(dir_.filePath(QStringLiteral("bad.ini")),
                                       QStringLiteral("gpt"), kText);
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
        DistanceProfileHooks* hooks = window->distanceProfile();
        const QString bad = dir_.filePath(QStringLiteral("bad.conllu"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# sent_id = 1\n1\tThe\t_\t_\t_\t_\t2\tdet\t_\t_\n2\tcat\t_\t_\n\n");
        file.close();
        QSignalSpy ended(hooks, &DistanceProfileHooks::treebankEnded);
        QSignalSpy shown(hooks, &DistanceProfileHooks::treebankShown);
        QVERIFY(hooks->showTreebank(bad));
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 20000);
        QCOMPARE(shown.count(), 0);
        QVERIFY2(window->messageText().contains(QStringLiteral("bad.conllu:3:")),
                 qPrintable(window->messageText()));
        QVERIFY(!hooks->view()->showsTreebank());
        QVERIFY(hooks->view()->noteLabel()->text().contains(QStringLiteral("bad.conllu")));
        QVERIFY(!hooks->view()->progressBar()->isVisibleTo(hooks->view()));
        QVERIFY(!hooks->view()->profile().distances.empty());  // the text's profile

        const QString missing = dir_.filePath(QStringLiteral("missing.conllu"));
        QVERIFY(hooks->showTreebank(missing));
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 2, 20000);
        QVERIFY2(window->messageText().contains(missing), qPrintable(window->messageText()));
        QVERIFY(window->settings().value("distance/treebank").toString().isEmpty());

        // An empty file has no sentence.
        const QString empty = dir_.filePath(QStringLiteral("empty.conllu"));
        QFile emptyFile(empty);
        QVERIFY(emptyFile.open(QIODevice::WriteOnly));
        emptyFile.close();
        QVERIFY(hooks->showTreebank(empty));
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 3, 20000);
        QVERIFY2(window->messageText().contains(QStringLiteral("empty.conllu")),
                 qPrintable(window->messageText()));
        QCOMPARE(shown.count(), 0);
    }

    // Cancel in the tab stops the run mid-way: no profile shown, nothing kept, nothing running.
    void cancelStopsTheRun() {
        auto window = test::openWindow(dir_.filePath(QStringLiteral("cancel.ini")),
                                       QStringLiteral("gpt"), kText);
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
        const QString big = writeTreebank(dir_.filePath(QStringLiteral("big.conllu")), 20000, 30);
        QVERIFY(!big.isEmpty());
        DistanceProfileHooks* hooks = window->distanceProfile();
        DistanceProfileView* view = hooks->view();
        QSignalSpy ended(hooks, &DistanceProfileHooks::treebankEnded);
        QSignalSpy shown(hooks, &DistanceProfileHooks::treebankShown);
        QVERIFY(hooks->showTreebank(big));
        QTRY_VERIFY_WITH_TIMEOUT(view->progressBar()->value() > 0, 60000);
        QVERIFY(view->cancelButton()->isVisibleTo(view));
        QTest::mouseClick(view->cancelButton(), Qt::LeftButton);
        QCOMPARE(ended.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!hooks->runner()->busy(), 20000);
        QTest::qWait(100);  // a result of the stopped run would arrive now: none may
        QCOMPARE(shown.count(), 0);
        QVERIFY(!view->showsTreebank());
        QVERIFY(!view->progressBar()->isVisibleTo(view));
        QVERIFY(view->noteLabel()->text().contains(QStringLiteral("cancelled")));
        QVERIFY(hooks->runner()->measured(window->model(), big) == nullptr);

        // With a treebank shown: choosing a measured one mid-run shows it at once and stops the
        // run; a cancelled run leaves the treebank shown as it was.
        QVERIFY(hooks->showTreebank(treebank_));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 60000);
        QVERIFY(hooks->showTreebank(big));
        QTRY_VERIFY_WITH_TIMEOUT(view->progressBar()->value() > 0, 60000);
        QVERIFY(hooks->showTreebank(treebank_));
        QCOMPARE(shown.count(), 2);
        QVERIFY(!view->progressBar()->isVisibleTo(view));
        QTRY_VERIFY_WITH_TIMEOUT(!hooks->runner()->busy(), 20000);
        QVERIFY(view->showsTreebank());
        QCOMPARE(view->treebank()->fileName(), QStringLiteral("tiny.conllu"));
        QVERIFY(hooks->showTreebank(big));
        QTRY_VERIFY_WITH_TIMEOUT(view->progressBar()->value() > 0, 60000);
        QTest::mouseClick(view->cancelButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!hooks->runner()->busy(), 20000);
        QTest::qWait(100);
        QCOMPARE(shown.count(), 2);
        QVERIFY(view->showsTreebank());
        QCOMPARE(view->treebank()->fileName(), QStringLiteral("tiny.conllu"));
        QCOMPARE(view->sourceBox()->currentIndex(), 1);
    }

    // `export --view distance --treebank` plots and writes what the tab does.
    void commandLineExportsTheTreebankProfile() {
        const QString csv = dir_.filePath(QStringLiteral("cli.csv"));
        QProcess process;
        process.start(QStringLiteral(ATLAS_CLI_PATH),
                      {"export", "--model", "gpt", "--text", kText, "--view", "distance", "--layer",
                       "1", "--head", "2", "--treebank", treebank_, "--out", csv});
        QVERIFY(process.waitForFinished(120000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        const std::unique_ptr<Model> model = Model::load(resolveModelFolder("gpt"));
        const TreebankDistanceProfiles expected =
            treebankDistanceProfiles(*model, readConllu(treebank_.toStdString()));
        const DistanceProfile& head = expected.heads[std::size_t(1 * expected.heads_per_layer + 2)];
        QFile saved(csv);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readLine(), QByteArray("distance,mean_attention,cells\n"));
        for (std::size_t k = 0; k < head.distances.size(); ++k) {
            const QList<QByteArray> fields = saved.readLine().trimmed().split(',');
            QCOMPARE(fields[0].toInt(), head.distances[k]);
            QVERIFY(std::abs(fields[1].toDouble() - head.mean_attention[k]) <= 1e-6);
        }
        const QString png = dir_.filePath(QStringLiteral("cli.png"));
        process.start(QStringLiteral(ATLAS_CLI_PATH),
                      {"export", "--model", "gpt", "--text", kText, "--view", "distance",
                       "--treebank", treebank_, "--out", png});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(QFileInfo(png).size() > 1000);
        // A malformed treebank: one line naming the file and the line.
        const QString bad = dir_.filePath(QStringLiteral("cli-bad.conllu"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("1\tThe\t_\n");
        file.close();
        process.start(QStringLiteral(ATLAS_CLI_PATH),
                      {"export", "--model", "gpt", "--text", kText, "--view", "distance",
                       "--treebank", bad, "--out", png});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(process.readAllStandardError().contains("cli-bad.conllu:1:"));
        process.start(QStringLiteral(ATLAS_CLI_PATH),
                      {"export", "--model", "gpt", "--text", kText, "--view", "head", "--treebank",
                       treebank_, "--out", png});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 2);
    }

  private:
    QTemporaryDir dir_;
    QString treebank_;
};

QTEST_MAIN(TestTreebankDistance)
#include "tst_treebank_distance.moc"
