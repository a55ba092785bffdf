// Classroom mode: predictions (GPT next token, BERT masking), the compare view's shared colour
// scale, the training timeline over every snapshot, and the lesson presets. Expected values are
// recomputed here from the models' raw outputs, the vocabulary file and head-roles.json.
#include <algorithm>
#include <cmath>
#include <fstream>

#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <qcustomplot.h>

#include "attribution/AttributionHooks.h"
#include "attribution/AttributionPage.h"
#include "classroom/ClassroomViews.h"
#include "classroom/ClassroomWindow.h"
#include "classroom/CompareView.h"
#include "classroom/Lessons.h"
#include "classroom/PredictionsPanel.h"
#include "classroom/TrainingTimelineView.h"
#include "grid/FittedGridView.h"
#include "head/HeadHeatmapView.h"
#include "model/BuiltinModels.h"
#include "model/Model.h"
#include "model/TrainingSnapshots.h"
#include "shell/MainWindow.h"
#include "tokens/TokenLinesView.h"
#include "training/TrainingSettingsForm.h"
#include "training/TrainingWindow.h"

using namespace atlas;
using namespace atlas::ui;

namespace {

std::shared_ptr<const Model> loadBuiltin(const char* name) {
    return Model::load(resolveModelFolder(name));
}

// The id of `token` in a WordPiece vocab.txt: its line number, counted from 0.
int vocabularyId(const std::filesystem::path& vocab, const std::string& token) {
    std::ifstream in(vocab);
    std::string line;
    for (int id = 0; std::getline(in, line); ++id) {
        if (line == token) {
            return id;
        }
    }
    return -1;
}

// Softmax of one row of logits in double, and its `k` largest entries, descending.
std::vector<std::pair<int, double>> topOfSoftmax(const Matrix& logits, int row, int k) {
    const int V = int(logits.cols());
    double largest = -1e300;
    for (int v = 0; v < V; ++v) {
        largest = std::max(largest, double(logits(row, v)));
    }
    std::vector<std::pair<int, double>> probabilities(V);
    double sum = 0;
    for (int v = 0; v < V; ++v) {
        probabilities[v] = {v, std::exp(double(logits(row, v)) - largest)};
        sum += probabilities[v].second;
    }
    for (auto& entry : probabilities) {
        entry.second /= sum;
    }
    std::partial_sort(probabilities.begin(), probabilities.begin() + k, probabilities.end(),
                      [](const auto& a, const auto& b) { return a.second > b.second; });
    probabilities.resize(k);
    return probabilities;
}

float maxAbsDifference(const Matrix& a, const Matrix& b) {
    float result = 0;
    for (Eigen::Index i = 0; i < a.rows(); ++i) {
        for (Eigen::Index j = 0; j < a.cols(); ++j) {
            result = std::max(result, std::abs(a(i, j) - b(i, j)));
        }
    }
    return result;
}

float largestEntry(const Matrix& map) {
    float result = 0;
    for (Eigen::Index i = 0; i < map.rows(); ++i) {
        for (Eigen::Index j = 0; j < map.cols(); ++j) {
            result = std::max(result, map(i, j));
        }
    }
    return result;
}

double upperOfColorRange(HeadHeatmapView* view) {
    for (int i = 0; i < view->plottableCount(); ++i) {
        if (auto* map = qobject_cast<QCPColorMap*>(view->plottable(i))) {
            return map->dataRange().upper;
        }
    }
    return -1;
}

// The head with the highest score at `measure` in a head-roles.json, read with plain JSON.
std::pair<int, int> bestHeadInJson(const std::filesystem::path& file, const std::string& measure) {
    std::ifstream in(file);
    const nlohmann::json json = nlohmann::json::parse(in);
    double best = -1;
    std::pair<int, int> head{-1, -1};
    for (const auto& entry : json.at("heads")) {
        double score = -1;
        if (entry.contains(measure)) {
            score = entry.at(measure).get<double>();
        } else if (entry.at("relations").contains(measure)) {
            score = entry.at("relations").at(measure).get<double>();
        }
        if (score > best) {
            best = score;
            head = {entry.at("layer").get<int>(), entry.at("head").get<int>()};
        }
    }
    return head;
}

}  // namespace

class TestClassroom : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void gptPredictsAfterTheLastOrAClickedToken();
    void maskingBertReplacesTheTokenAndRanksFillers();
    void compareUsesOneScaleForBothSentences();
    void snapshotsAreListedByStepWithTheFinalModelLast();
    void timelineLoadsEverySnapshot();
    void presetsApplyTheirSentenceViewAndHead();

  private:
    QTemporaryDir dir_;
};

void TestClassroom::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
}

void TestClassroom::gptPredictsAfterTheLastOrAClickedToken() {
    const auto gpt = loadBuiltin("gpt");
    const QString text = QStringLiteral("The cat sat on the");
    PredictionsPanel panel;
    panel.resize(700, 700);
    panel.show();
    panel.setModel(gpt);
    panel.setSnapshot(computeSnapshot(*gpt, text));

    RunOptions options;
    options.forward.capture_logits = true;
    const RunResult raw = gpt->run(text.toStdString(), options);
    const int T = int(raw.encoded.tokens.size());
    for (int chosen : {-1, 1}) {
        panel.chooseToken(chosen);
        const int row = chosen < 0 ? T - 1 : chosen;
        const auto& shown = panel.shownPredictions();
        QCOMPARE(int(shown.size()), 5);
        const auto expected = topOfSoftmax(raw.forward.logits, row, 5);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(shown[i].id, expected[i].first);
            QVERIFY(std::abs(shown[i].probability - expected[i].second) < 1e-4);
            if (i > 0) {
                QVERIFY(shown[i].probability <= shown[i - 1].probability);
            }
        }
    }
    QVERIFY(panel.headline().contains(QStringLiteral("The cat")));
}

void TestClassroom::maskingBertReplacesTheTokenAndRanksFillers() {
    const auto bert = loadBuiltin("bert");
    const QString text = QStringLiteral("The cat sat on the mat.");
    const int maskId = vocabularyId(resolveModelFolder("bert") / "vocab.txt", "[MASK]");
    QVERIFY(maskId >= 0);
    PredictionsPanel panel;
    panel.resize(800, 900);
    panel.show();
    panel.setModel(bert);
    panel.setSnapshot(computeSnapshot(*bert, text));
    panel.setMap(1, 4);
    QVERIFY(panel.shownPredictions().empty());  // nothing masked yet

    const int token = 2;  // [CLS] the cat
    QCOMPARE(panel.snapshot()->coveredText(token).trimmed(), QStringLiteral("cat"));
    QVERIFY(panel.snapshot()->tokens[token].id != maskId);
    QSignalSpy shown(&panel, &PredictionsPanel::predictionsShown);
    panel.chooseToken(token);
    QTRY_VERIFY_WITH_TIMEOUT(panel.masked(), 20000);
    const auto masked = panel.maskedSnapshot();
    QCOMPARE(masked->tokens[token].id, maskId);
    QCOMPARE(masked->tokenCount(), panel.snapshot()->tokenCount());
    for (int i = 0; i < masked->tokenCount(); ++i) {
        if (i != token) {
            QCOMPARE(masked->tokens[i].id, panel.snapshot()->tokens[i].id);
        }
    }

    // The fillers: five, descending, equal to the softmax of the masked position's logits.
    const auto& fillers = panel.shownPredictions();
    QCOMPARE(int(fillers.size()), 5);
    std::vector<int> ids;
    for (const Token& t : masked->tokens) {
        ids.push_back(t.id);
    }
    ForwardOptions options;
    options.capture_logits = true;
    const Forward raw = bert->forward(ids, options);
    const auto expected = topOfSoftmax(raw.logits, token, 5);
    for (int i = 0; i < 5; ++i) {
        QVERIFY(fillers[i].probability > 0 && fillers[i].probability <= 1);
        if (i > 0) {
            QVERIFY(fillers[i].probability <= fillers[i - 1].probability);
        }
        QCOMPARE(fillers[i].id, expected[i].first);
        QVERIFY(std::abs(fillers[i].probability - expected[i].second) < 1e-4);
    }

    // The attention changes with the mask, and both heatmaps share the larger maximum.
    float change = 0;
    for (int l = 0; l < masked->layerCount(); ++l) {
        for (int h = 0; h < masked->headCount(); ++h) {
            change = std::max(change,
                              maxAbsDifference(raw.attention[l][h], panel.snapshot()->map(l, h)));
        }
    }
    QVERIFY(change > 1e-3);
    const float sharedTop =
        std::max(largestEntry(panel.snapshot()->map(1, 4)), largestEntry(raw.attention[1][4]));
    QVERIFY(std::abs(panel.comparisonMaximum() - sharedTop) < 1e-6);
    QVERIFY(std::abs(upperOfColorRange(panel.unmaskedView()) - sharedTop) < 1e-6);
    QVERIFY(std::abs(upperOfColorRange(panel.maskedView()) - sharedTop) < 1e-6);
    QVERIFY(panel.maskedView()->isVisible());

    // A second click while the first masked run may still be going: only the newest counts.
    panel.chooseToken(4);
    panel.chooseToken(6);
    QTRY_VERIFY_WITH_TIMEOUT(panel.masked(), 20000);
    QCOMPARE(panel.chosenToken(), 6);
    QCOMPARE(panel.maskedSnapshot()->tokens[6].id, maskId);
    QVERIFY(panel.maskedSnapshot()->tokens[4].id != maskId);
    QVERIFY(panel.maskedSnapshot()->tokens[token].id != maskId);
    QCOMPARE(panel.shownPredictions().size(), std::size_t(5));
    panel.chooseToken(token);
    QTRY_VERIFY_WITH_TIMEOUT(panel.masked(), 20000);
    QCOMPARE(panel.chosenToken(), token);

    // Special tokens cannot be masked; choosing the masked word again brings it back.
    panel.chooseToken(0);
    QCOMPARE(panel.chosenToken(), token);
    panel.chooseToken(token);
    QCOMPARE(panel.chosenToken(), -1);
    QVERIFY(panel.shownPredictions().empty());
    QVERIFY(!panel.maskedView()->isVisible());
}

void TestClassroom::compareUsesOneScaleForBothSentences() {
    // BERT: a causal model's first row is always [1, 0, ...], so every GPT map tops out at 1.
    const auto model = loadBuiltin("bert");
    CompareView view;
    view.resize(1400, 800);
    view.show();
    view.setModel(model);
    const QString first = QStringLiteral("The keys to the cabinet are");
    const QString second = QStringLiteral("The key to the cabinets is");
    view.setTexts(first, second);
    QTRY_VERIFY_WITH_TIMEOUT(view.ready(), 20000);
    const RunResult a = model->run(first.toStdString());
    const RunResult b = model->run(second.toStdString());
    int differing = 0;
    for (int layer = 0; layer < model->config().n_layer; ++layer) {
        for (int head = 0; head < model->config().n_head; ++head) {
            view.setMap(layer, head);
            const float topA = largestEntry(a.forward.attention[layer][head]);
            const float topB = largestEntry(b.forward.attention[layer][head]);
            const float expected = std::max(topA, topB);
            differing += std::abs(topA - topB) > 1e-3 ? 1 : 0;
            QVERIFY(std::abs(view.sharedMaximum() - expected) < 1e-6);
            QVERIFY(std::abs(upperOfColorRange(view.firstView()) - expected) < 1e-6);
            QVERIFY(std::abs(upperOfColorRange(view.secondView()) - expected) < 1e-6);
            QCOMPARE(view.firstView()->layer(), layer);
            QCOMPARE(view.secondView()->column(), head);
        }
    }
    QVERIFY(differing > 0);  // the maxima differ somewhere, so "shared" is not trivially true
    // Each heatmap shows its own sentence.
    QCOMPARE(view.firstSnapshot()->text, first);
    QCOMPARE(view.secondSnapshot()->text, second);
    QCOMPARE(view.firstSnapshot()->tokenCount(), int(a.encoded.tokens.size()));
}

void TestClassroom::snapshotsAreListedByStepWithTheFinalModelLast() {
    const QString root = dir_.filePath(QStringLiteral("steps"));
    for (const char* name : {"step-100", "step-9", "step-10", "notes", "late"}) {
        QVERIFY(QDir().mkpath(root + "/snapshots/" + name));
        if (std::string(name) != "notes") {  // no config.json: not a model folder
            std::ofstream(QString(root + "/snapshots/" + name + "/config.json").toStdString())
                << "{}";
        }
    }
    // A run still training: snapshots, no final model yet.
    QCOMPARE(int(listTrainingSnapshots(root.toStdString()).size()), 4);
    std::ofstream(QString(root + "/config.json").toStdString()) << "{}";
    const auto folders = listTrainingSnapshots(root.toStdString());
    QCOMPARE(int(folders.size()), 5);
    QCOMPARE(folders[0].folder.filename().string(), std::string("step-9"));
    QCOMPARE(folders[1].folder.filename().string(), std::string("step-10"));
    QCOMPARE(folders[2].folder.filename().string(), std::string("step-100"));
    QCOMPARE(folders[3].folder.filename().string(), std::string("late"));
    QVERIFY(!folders[3].step.has_value());
    QVERIFY(folders[4].final);
    QCOMPARE(folders[4].folder, std::filesystem::path(root.toStdString()));
    QVERIFY_THROWS_EXCEPTION(AtlasError, listTrainingSnapshots(root.toStdString() + "/missing"));
}

void TestClassroom::timelineLoadsEverySnapshot() {
    const std::filesystem::path gptFolder = resolveModelFolder("gpt");
    QDir snapshots(QString::fromStdString((gptFolder / "snapshots").string()));
    const QStringList names = snapshots.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY(!names.isEmpty());
    const QString text = QStringLiteral("The dog chased the cat");

    TrainingTimelineView view;
    view.resize(1200, 800);
    view.show();
    view.setModelFolder(gptFolder);
    view.setText(QStringLiteral("A sentence replaced before its results arrive"));
    view.setText(text);
    QCOMPARE(view.pointCount(), int(names.size()) + 1);
    QTRY_VERIFY_WITH_TIMEOUT(view.ready(), 60000);

    // Every point shows the attention of its own folder's model (the step folders sort by name
    // here: their numbers are zero-padded), the final model last.
    for (int i = 0; i < view.pointCount(); ++i) {
        const std::filesystem::path folder =
            i < int(names.size()) ? gptFolder / "snapshots" / names[i].toStdString() : gptFolder;
        QCOMPARE(view.folders()[i].folder, folder);
        const RunResult expected = Model::load(folder)->run(text.toStdString());
        const auto snapshot = view.snapshotAt(i);
        QVERIFY(snapshot);
        QCOMPARE(snapshot->layerCount(), expected.forward.layerCount());
        for (int l = 0; l < snapshot->layerCount(); ++l) {
            for (int h = 0; h < expected.forward.headCount(); ++h) {
                QVERIFY(maxAbsDifference(snapshot->map(l, h), expected.forward.attention[l][h]) <
                        1e-5f);
            }
        }
    }

    view.setPoint(0);
    const auto firstShown = view.grid()->snapshot();
    QCOMPARE(firstShown, view.snapshotAt(0));
    view.setPoint(view.pointCount() - 1);
    const auto lastShown = view.grid()->snapshot();
    QCOMPARE(lastShown, view.snapshotAt(view.pointCount() - 1));
    float change = 0;
    for (int l = 0; l < firstShown->layerCount(); ++l) {
        for (int h = 0; h < firstShown->headCount(); ++h) {
            change =
                std::max(change, maxAbsDifference(firstShown->map(l, h), lastShown->map(l, h)));
        }
    }
    QVERIFY2(change > 0.05f, qPrintable(QString::number(change)));

    // Play runs through to the final model and stops there.
    view.setPlayIntervalMilliseconds(20);
    view.setPoint(0);
    QSignalSpy moved(&view, &TrainingTimelineView::pointChanged);
    view.play();
    QVERIFY(view.playing());
    QTRY_VERIFY_WITH_TIMEOUT(!view.playing(), 10000);
    QCOMPARE(view.point(), view.pointCount() - 1);
    QCOMPARE(moved.count(), view.pointCount() - 1);
}

void TestClassroom::presetsApplyTheirSentenceViewAndHead() {
    MainWindowOptions options;
    options.settingsFile = dir_.filePath(QStringLiteral("presets.ini"));
    options.restoreSettings = false;
    options.model = QStringLiteral("gpt");
    options.text = QStringLiteral("Hello there.");
    MainWindow window(options);
    window.resize(1400, 900);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.snapshot() != nullptr, 20000);
    ClassroomViews* classroom = window.classroom();
    QVERIFY(classroom);

    const auto all = lessons();
    QVERIFY(all.size() >= 4);
    for (int l = 0; l < int(all.size()); ++l) {
        for (int s = 0; s < int(all[l].steps.size()); ++s) {
            const LessonStep& step = all[l].steps[s];
            const QString where = QStringLiteral("%1 step %2").arg(all[l].title).arg(s + 1);
            QVERIFY2(!step.caption.isEmpty(), qPrintable(where));
            QSignalSpy applied(classroom, &ClassroomViews::stepApplied);
            classroom->startLesson(l, s);
            QTRY_VERIFY2_WITH_TIMEOUT(applied.count() == 1, qPrintable(where), 30000);
            QCOMPARE(classroom->lessonCaption(), step.caption);
            QCOMPARE(window.modelNameOrPath(), step.model);
            QCOMPARE(window.text(), step.text);
            QCOMPARE(window.snapshot()->text, step.text);
            QCOMPARE(window.snapshot()->causal, step.model == QLatin1String("gpt"));

            std::pair<int, int> head{step.layer, step.head};
            if (!step.role.isEmpty()) {
                head =
                    bestHeadInJson(resolveModelFolder(step.model.toStdString()) / "head-roles.json",
                                   step.role.toStdString());
            }
            QCOMPARE(window.selection().currentLayer(), head.first);
            QCOMPARE(window.selection().currentColumn(), head.second);
            switch (step.view) {
                case LessonView::Head:
                    QVERIFY2(window.heatmapView()->isVisible(), qPrintable(where));
                    QCOMPARE(window.heatmapView()->layer(), head.first);
                    QCOMPARE(window.heatmapView()->column(), head.second);
                    break;
                case LessonView::Lines:
                    QVERIFY2(window.linesView()->isVisible(), qPrintable(where));
                    break;
                case LessonView::Predictions:
                    QVERIFY2(classroom->predictions()->isVisible(), qPrintable(where));
                    QCOMPARE(classroom->predictions()->chosenToken(), step.token);
                    QTRY_COMPARE_WITH_TIMEOUT(
                        int(classroom->predictions()->shownPredictions().size()), 5, 20000);
                    break;
                case LessonView::Compare:
                    QVERIFY2(classroom->compareWindow()->isVisible(), qPrintable(where));
                    QCOMPARE(classroom->compareView()->firstText(), step.text);
                    QCOMPARE(classroom->compareView()->secondText(), step.compareText);
                    QCOMPARE(classroom->compareView()->layer(), head.first);
                    QCOMPARE(classroom->compareView()->column(), head.second);
                    QTRY_VERIFY_WITH_TIMEOUT(classroom->compareView()->ready(), 20000);
                    QCOMPARE(classroom->compareWindow()->caption(), step.caption);
                    break;
                case LessonView::Timeline: {
                    QVERIFY2(classroom->timelineWindow()->isVisible(), qPrintable(where));
                    const int expected = step.timelinePoint < 0
                                             ? classroom->timelineView()->pointCount() - 1
                                             : step.timelinePoint;
                    QCOMPARE(classroom->timelineView()->point(), expected);
                    QTRY_VERIFY_WITH_TIMEOUT(classroom->timelineView()->ready(), 60000);
                    QCOMPARE(classroom->timelineWindow()->caption(), step.caption);
                    break;
                }
                case LessonView::Lens:
                case LessonView::Contributions:
                case LessonView::Attribution: {
                    auto* hooks = window.findChild<AttributionHooks*>();
                    QVERIFY(hooks);
                    QWidget* page = step.view == LessonView::Lens            ? hooks->lensPage()
                                    : step.view == LessonView::Contributions ? hooks->headsPage()
                                                                             : hooks->tokensPage();
                    QVERIFY2(page->isVisible(), qPrintable(where));
                    QTRY_VERIFY_WITH_TIMEOUT(hooks->data() && hooks->data()->tokenLabels.size() > 1,
                                             30000);
                    break;
                }
                case LessonView::Training: {
                    // The preset is chosen and trains (or resumes) in the training window,
                    // which carries the caption.
                    TrainingWindow* training = window.openTrainingWindow();
                    QVERIFY(training);
                    QVERIFY2(training->isVisible(), qPrintable(where));
                    QCOMPARE(training->settings()->choice(), step.preset);
                    QCOMPARE(training->caption(), step.caption);
                    QVERIFY(training->training() || training->statusText().contains("Finished"));
                    break;
                }
            }
        }
    }
    classroom->endLesson();
    QVERIFY(!classroom->lessonBar()->isVisible());
    if (TrainingWindow* training = window.openTrainingWindow()) {
        QVERIFY(training->caption().isEmpty());
        training->stopTraining();
        QTRY_VERIFY_WITH_TIMEOUT(!training->training(), 60000);
    }
}

QTEST_MAIN(TestClassroom)
#include "tst_classroom.moc"
