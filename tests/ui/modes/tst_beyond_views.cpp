// Beyond raw attention in the window, offscreen: the Raw / Norm-based switch, heads switched off
// from the grid's menu, the difference views, the flow column and the generation slider. Every
// number is checked against a separate run of the model, not against what the views computed.
#include <QAction>
#include <QMenu>
#include <QProcess>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include <fstream>

#include <QDir>

#include "UiFixtures.h"
#include "analysis/Aggregates.h"
#include "analysis/HeadRoles.h"
#include "common/ColorMaps.h"
#include "grid/HeadGridView.h"
#include "model/Model.h"
#include "model/WeightPanels.h"
#include "modes/AblationPanel.h"
#include "modes/AnalysisModes.h"
#include "modes/DifferencePanel.h"
#include "modes/DifferenceView.h"
#include "modes/GenerationPanel.h"
#include "roles/HeadRolesModel.h"
#include "roles/HeadRolesPanel.h"
#include "shell/MainWindow.h"

#include <nlohmann/json.hpp>

using namespace atlas;
using namespace atlas::ui;

namespace {

const QString kText = QStringLiteral("the cat sat on the mat");

float maxDifference(const Matrix& a, const Matrix& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() ? (a - b).cwiseAbs().maxCoeff() : 1e9f;
}

Forward runForward(const Model& model, const QString& text, std::vector<HeadIndex> ablated = {},
                   bool internals = false) {
    RunOptions options;
    options.forward.ablated_heads = std::move(ablated);
    options.forward.capture_internals = internals;
    return model.run(text.toStdString(), options).forward;
}

}  // namespace

class TestBeyondViews : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        folder_ = atlas::test::writeTinyGptFolder(dir_.filePath(QStringLiteral("tiny-gpt")));
        model_ = Model::load(folder_.toStdString());
    }

    void divergingMapIsCentredAtZero() {
        const DivergingLookup lookup;
        QCOMPARE(lookup.table().size(), DivergingLookup::kSize);
        QCOMPARE(lookup.rgbAt(0.0f, 0.5f) & 0xffffff, 0xf7f7f7u);        // RdBu's middle
        QCOMPARE(lookup.rgbAt(0.5f, 0.5f) & 0xffffff, 0x67001fu);        // dark red
        QCOMPARE(lookup.rgbAt(-0.5f, 0.5f) & 0xffffff, 0x053061u);       // dark blue
        QCOMPARE(lookup.rgbAt(-3.0f, 0.5f), lookup.rgbAt(-0.5f, 0.5f));  // clamped
        for (float value : {0.01f, 0.1f, 0.25f, 0.4f}) {
            QCOMPARE(lookup.indexOf(value, 0.5f) + lookup.indexOf(-value, 0.5f),
                     2 * DivergingLookup::kCentre);
            QVERIFY(lookup.indexOf(value, 0.5f) > DivergingLookup::kCentre);
        }
        QCOMPARE(largestMagnitude((Matrix(1, 3) << 0.2f, -0.7f, 0.1f).finished()), 0.7f);
    }

    // Norm-based maps in the grid equal || alpha_ij v_j W_O^h ||, recomputed here cell by cell.
    void normSwitchChangesTheGrid() {
        auto window = openWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window->gridView()->snapshot() != nullptr, 10000);
        const auto raw = window->gridView()->snapshot();
        QVERIFY(!raw->normBased);
        window->analysisModes()->setNormBased(true);
        QTRY_VERIFY_WITH_TIMEOUT(window->gridView()->snapshot()->normBased, 10000);
        const auto norm = window->gridView()->snapshot();
        QCOMPARE(window->snapshot(), norm);  // the focused head and exports use it too
        const Forward forward = runForward(*model_, kText, {}, true);
        const ModelConfig& config = model_->config();
        const int D = config.d_head();
        const int T = forward.tokenCount();
        for (int l = 0; l < config.n_layer; ++l) {
            const Matrix& stored = model_->weights().layers[l].attn_out_weight;
            const Matrix w_o = weightBlock(
                model_->weights(), stored, 0, layerRows(model_->weights(), stored), 0,
                layerCols(model_->weights(), stored));  // row-major, whatever the layout
            for (int h = 0; h < config.n_head; ++h) {
                const Matrix& alpha = forward.attention[l][h];
                const Matrix& v = forward.internals[l].heads[h].v;
                float largest = 0;
                for (int i = 0; i < T; ++i) {
                    for (int j = 0; j < T; ++j) {
                        double squared = 0;
                        for (int c = 0; c < config.d_model; ++c) {
                            double sum = 0;
                            for (int d = 0; d < D; ++d) {
                                sum += double(alpha(i, j)) * v(j, d) * w_o(h * D + d, c);
                            }
                            squared += sum * sum;
                        }
                        QVERIFY(std::abs(norm->maps[l][h](i, j) - std::sqrt(squared)) < 1e-4);
                        largest = std::max(largest, float(std::sqrt(squared)));
                    }
                }
                QVERIFY(maxDifference(raw->maps[l][h], forward.attention[l][h]) < 1e-6f);
                QVERIFY(maxDifference(norm->maps[l][h], raw->maps[l][h]) > 1e-3f);
                QVERIFY(norm->sharedMaximum >= largest - 1e-6f);
            }
        }
        // The layer's mean column is the mean of the heads' norm maps.
        for (int l = 0; l < config.n_layer; ++l) {
            for (int c = 0; c < norm->columnCount(); ++c) {
                if (norm->columns[c].kind != ColumnKind::LayerMean)
                    continue;
                Matrix mean = Matrix::Zero(T, T);
                for (int h = 0; h < config.n_head; ++h)
                    mean += norm->maps[l][h];
                QVERIFY(maxDifference(norm->maps[l][c], mean / float(config.n_head)) < 1e-5f);
            }
        }
        window->analysisModes()->setNormBased(false);
        QTRY_VERIFY_WITH_TIMEOUT(!window->gridView()->snapshot()->normBased, 10000);
        QVERIFY(maxDifference(window->snapshot()->maps[2][1], forward.attention[2][1]) < 1e-6f);
    }

    // The grid's "Switch head off" action: layers up to the head's own keep their maps bit for
    // bit, later layers change and match a separate ablated run; the panel shows the predictions
    // and ablated - original.
    void ablatingAHeadFromTheGridMenu() {
        auto window = openWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window->gridView()->snapshot() != nullptr, 10000);
        const auto before = window->snapshot();
        AblationPanel* panel = window->analysisModes()->ablationPanel();
        QSignalSpy shown(panel, &AblationPanel::differenceShown);
        QMenu menu;
        window->analysisModes()->addHeadActions(menu, 1, 2);  // column 2 is head 2
        QAction* off = nullptr;
        for (QAction* action : menu.actions()) {
            if (action->text().contains(QStringLiteral("Switch head off")))
                off = action;
        }
        QVERIFY(off);
        off->trigger();
        QVERIFY(panel->isHeadOff(1, 2));
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != before, 10000);
        const auto after = window->snapshot();
        const Forward plain = runForward(*model_, kText);
        const Forward ablated = runForward(*model_, kText, {{1, 2}});
        for (int l = 0; l < 4; ++l) {
            for (int h = 0; h < 4; ++h) {
                QVERIFY(maxDifference(after->maps[l][h], ablated.attention[l][h]) < 1e-6f);
                if (l <= 1) {
                    QCOMPARE(after->maps[l][h], before->maps[l][h]);  // identical
                }
            }
        }
        float change = 0;
        for (int h = 0; h < 4; ++h) {
            change = std::max(change, maxDifference(after->maps[2][h], before->maps[2][h]));
        }
        QVERIFY(change > 1e-4f);
        QVERIFY(after->mapTitle(1, 2).contains(QStringLiteral("switched off")));
        QVERIFY(!after->mapTitle(1, 1).contains(QStringLiteral("switched off")));

        QTRY_VERIFY_WITH_TIMEOUT(panel->differenceView()->difference() != nullptr, 10000);
        const auto difference = panel->differenceView()->difference();
        for (int l = 0; l < 4; ++l) {
            for (int h = 0; h < 4; ++h) {
                const Matrix expected = ablated.attention[l][h] - plain.attention[l][h];
                QVERIFY(maxDifference(difference->maps[l][h], expected) < 1e-6f);
            }
        }
        // The predictions table: one row per position, the ablated column from the ablated run.
        QTableWidget* table = panel->predictionsTable();
        QCOMPARE(table->rowCount(), int(ablated.predictions.size()));
        const int last = table->rowCount() - 1;
        QVERIFY(table->item(last, 2)->text().contains(
            QString::fromStdString(ablated.predictions[last].top[0].text).trimmed()));
        QVERIFY(table->item(last, 1)->text().contains(
            QString::fromStdString(plain.predictions[last].top[0].text).trimmed()));

        // Switching it on again gives back the original maps exactly.
        panel->clearHeads();
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != after, 10000);
        for (int l = 0; l < 4; ++l)
            for (int h = 0; h < 4; ++h)
                QCOMPARE(window->snapshot()->maps[l][h], before->maps[l][h]);
    }

    // Two sentences of the same token count: the view holds A - B of separate runs and paints
    // each cell in the diverging colour of its value.
    void differenceViewShowsAMinusB() {
        // A second sentence of the same token count under the tiny vocabulary.
        const auto count = [&](const QString& text) {
            return model_->encode(text.toStdString()).tokens.size();
        };
        QString other;
        for (const char* candidate :
             {"the dog sat on the mat", "the cat ran on the mat", "the cat sat in the hat",
              "the hat sat on the cat", "a cat sat on a mat"}) {
            if (count(QString::fromLatin1(candidate)) == count(kText)) {
                other = QString::fromLatin1(candidate);
                break;
            }
        }
        QVERIFY(!other.isEmpty());
        auto window = openWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window->gridView()->snapshot() != nullptr, 10000);
        DifferencePanel* panel = window->analysisModes()->differencePanel();
        window->showRolesView();
        panel->setMode(DifferencePanel::Mode::Sentences);
        QSignalSpy shown(panel, &DifferencePanel::differenceShown);
        panel->setOtherText(other);
        QTRY_VERIFY_WITH_TIMEOUT(panel->differenceView()->difference() != nullptr, 10000);
        const auto difference = panel->differenceView()->difference();
        const Forward a = runForward(*model_, kText);
        const Forward b = runForward(*model_, other);
        float largest = 0;
        for (int l = 0; l < 4; ++l) {
            for (int h = 0; h < 4; ++h) {
                const Matrix expected = a.attention[l][h] - b.attention[l][h];
                QVERIFY(maxDifference(difference->maps[l][h], expected) < 1e-6f);
                largest = std::max(largest, expected.cwiseAbs().maxCoeff());
            }
        }
        QVERIFY(std::abs(difference->maxMagnitude - largest) < 1e-6f);

        // The same maps painted by a view of known size.
        DifferenceView standalone;
        DifferenceView* view = &standalone;
        view->setDifference(difference);
        view->resize(640, 520);
        const QImage image = view->grab().toImage();
        const int T = difference->tokenCount();
        const DivergingLookup lookup;
        for (auto [l, h, i, j] : {std::array{0, 0, 0, 0}, std::array{3, 2, 5, 1},
                                  std::array{2, 3, 4, 4}, std::array{1, 1, 1, 0}}) {
            const QRect panelRect = view->panelRect(l, h);
            const QPoint centre(panelRect.left() + int((j + 0.5) * panelRect.width() / T),
                                panelRect.top() + int((i + 0.5) * panelRect.height() / T));
            const QRgb expected = lookup.rgbAt(difference->maps[l][h](i, j), largest);
            const QRgb painted = image.pixel(centre * image.devicePixelRatio());
            QVERIFY2(std::abs(qRed(painted) - qRed(expected)) <= 2 &&
                         std::abs(qGreen(painted) - qGreen(expected)) <= 2 &&
                         std::abs(qBlue(painted) - qBlue(expected)) <= 2,
                     qPrintable(QStringLiteral("L%1 H%2 (%3, %4): painted %5, expected %6, "
                                               "panel %7x%8")
                                    .arg(l)
                                    .arg(h)
                                    .arg(i)
                                    .arg(j)
                                    .arg(painted, 0, 16)
                                    .arg(expected, 0, 16)
                                    .arg(panelRect.width())
                                    .arg(panelRect.height())));
        }

        // Unequal token counts: no maps, a message that says why.
        panel->setOtherText(QStringLiteral("a dog"));
        QTRY_VERIFY_WITH_TIMEOUT(panel->differenceView()->difference() == nullptr, 10000);
        QVERIFY(panel->statusText().contains(QStringLiteral("same number of tokens")));
    }

    // The built-in gpt's training snapshots: the panel's A - B equals separate runs of the two
    // snapshot folders.
    void trainingSnapshotsDifference() {
        const QByteArray resources = qgetenv("ATLAS_RESOURCES_DIR");
        if (resources.isEmpty())
            QSKIP("ATLAS_RESOURCES_DIR is not set");
        const std::string gptFolder = resources.toStdString() + "/models/gpt";
        std::shared_ptr<const Model> gpt = Model::load(gptFolder);
        DifferencePanel panel;
        panel.setMode(DifferencePanel::Mode::Snapshots);
        panel.setContext(gpt, kText, {});
        QVERIFY(panel.snapshotFolders().size() >= 2);
        const QString first = panel.snapshotFolders().front();
        const QString last = panel.snapshotFolders().back();
        panel.setSnapshots(last, first);
        QTRY_VERIFY_WITH_TIMEOUT(
            panel.differenceView()->difference() != nullptr &&
                panel.differenceView()->difference()->titleA == QFileInfo(last).fileName(),
            20000);
        const auto difference = panel.differenceView()->difference();
        const auto modelA = Model::load(last.toStdString());
        const auto modelB = Model::load(first.toStdString());
        const Forward a = runForward(*modelA, kText);
        const Forward b = runForward(*modelB, kText);
        QCOMPARE(difference->layerCount(), gpt->config().n_layer);
        for (int l = 0; l < difference->layerCount(); ++l)
            for (int h = 0; h < difference->headCount(); ++h)
                QVERIFY(maxDifference(difference->maps[l][h],
                                      a.attention[l][h] - b.attention[l][h]) < 1e-6f);
        QVERIFY(difference->maxMagnitude > 1e-3f);
    }

    // Flow arrives as an extra column after the sentence's own snapshot, equal to attentionFlow
    // of a separate run.
    void flowColumnArrivesInTheBackground() {
        auto window = openWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window->gridView()->snapshot() != nullptr, 10000);
        window->analysisModes()->setFlowShown(true);
        auto hasFlow = [&]() {
            const auto snapshot = window->snapshot();
            return snapshot && snapshot->columns.back().kind == ColumnKind::Flow;
        };
        QTRY_VERIFY_WITH_TIMEOUT(hasFlow(), 20000);
        const auto snapshot = window->snapshot();
        const std::vector<Matrix> flow = attentionFlow(runForward(*model_, kText));
        for (int l = 0; l < snapshot->layerCount(); ++l) {
            QVERIFY(maxDifference(snapshot->maps[l].back(), flow[l]) < 1e-5f);
            QVERIFY(snapshot->maps[l].back().minCoeff() >= 0.0f);
        }
        // A new sentence gets its own flow.
        window->setText(QStringLiteral("a dog ran"));
        QTRY_VERIFY_WITH_TIMEOUT(
            hasFlow() && window->snapshot()->text == QStringLiteral("a dog ran"), 20000);
        window->analysisModes()->setFlowShown(false);
        QTRY_VERIFY_WITH_TIMEOUT(!hasFlow(), 10000);
    }

    // Each slider position shows that step's input in the grid, with the attention of a
    // separate forward pass over it.
    void generationSliderShowsEachStep() {
        auto window = openWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window->gridView()->snapshot() != nullptr, 10000);
        GenerationPanel* panel = window->analysisModes()->generationPanel();
        QSignalSpy finished(panel, &GenerationPanel::generationFinished);
        panel->setTokenCount(5);
        panel->setTemperature(0.0);
        panel->generate();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(panel->stepCount(), 5);
        const int prompt = int(model_->encode(kText.toStdString()).tokens.size());
        std::vector<int> ids;
        for (const Token& token : model_->encode(kText.toStdString()).tokens)
            ids.push_back(token.id);
        for (int step = 0; step < 5; ++step) {
            panel->setStep(step == 0 ? 1 : step);  // move away and back so the slider fires
            panel->setStep(step);
            const auto shown = window->gridView()->snapshot();
            QCOMPARE(shown->tokenCount(), prompt + step);
            // Greedy: the step's input is the prompt and the argmax chain so far.
            std::vector<int> shownIds;
            for (const Token& token : shown->tokens)
                shownIds.push_back(token.id);
            QCOMPARE(shownIds, ids);
            ForwardOptions options;
            options.capture_logits = true;
            const Forward forward = model_->forward(ids, options);
            for (int l = 0; l < 4; ++l)
                for (int h = 0; h < 4; ++h)
                    QVERIFY(maxDifference(shown->maps[l][h], forward.attention[l][h]) < 1e-6f);
            const auto row = forward.logits.row(forward.logits.rows() - 1);
            int best = 0;
            for (int v = 1; v < model_->tokenizer().vocabSize(); ++v)
                if (row(v) > row(best))
                    best = v;
            ids.push_back(best);
        }
        // A generation too long to keep every step's maps rebuilds the step shown: the same maps.
        std::vector<std::shared_ptr<const AttentionSnapshot>> kept;
        for (int step = 0; step < 5; ++step)
            kept.push_back(panel->steps()[step].snapshot);
        panel->setKeptMapsBudget(0);
        panel->generate();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
        QCOMPARE(panel->stepCount(), 5);
        for (int step = 0; step < 5; ++step) {
            QVERIFY(panel->steps()[step].snapshot == nullptr);
            panel->setStep(step == 0 ? 1 : 0);
            panel->setStep(step);
            const auto shown = window->gridView()->snapshot();
            QCOMPARE(shown->tokenCount(), kept[step]->tokenCount());
            QCOMPARE(shown->tokenLabels, kept[step]->tokenLabels);
            for (int l = 0; l < 4; ++l)
                for (int c = 0; c < shown->columnCount(); ++c)
                    QCOMPARE(shown->maps[l][c], kept[step]->maps[l][c]);
        }
        // Typing a sentence brings the grid back to it.
        window->setText(QStringLiteral("a dog ran"));
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot()->text == QStringLiteral("a dog ran"), 10000);
    }

    // export --ablate: the figure of a later layer changes, the heads are checked against the
    // model, a malformed list is a usage error.
    void exportTakesAblate() {
        const auto run = [](const QStringList& arguments) {
            QProcess process;
            process.start(QStringLiteral(ATLAS_BINARY_DIR "/app/attention-atlas-cli"), arguments);
            process.waitForFinished(60000);
            return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        };
        const QStringList common = {"export", "--model", folder_,   "--text", kText,
                                    "--view", "layer",   "--layer", "3"};
        const QString plain = dir_.filePath(QStringLiteral("plain.png"));
        const QString ablated = dir_.filePath(QStringLiteral("ablated.png"));
        QCOMPARE(run(common + QStringList{"--out", plain}), 0);
        QCOMPARE(run(common + QStringList{"--ablate", "1:2,0:0", "--out", ablated}), 0);
        QVERIFY(QImage(plain) != QImage(ablated));
        QCOMPARE(run(common + QStringList{"--ablate", "1:9", "--out", ablated}), 1);
        QCOMPARE(run(common + QStringList{"--ablate", "1-2", "--out", ablated}), 2);
    }

    // Induction and duplicate-token scores from head-roles.json label the grid's heads, fill
    // their columns of the Head roles table and can be chosen as the measure.
    void inductionScoresLabelHeadsAndFillTheTable() {
        const QString folder =
            atlas::test::writeTinyGptFolder(dir_.filePath(QStringLiteral("tiny-induction")));
        HeadRoleTable table;
        table.model = "tiny-induction";
        table.layers = 4;
        table.heads_per_layer = 4;
        for (int layer = 0; layer < 4; ++layer) {
            for (int head = 0; head < 4; ++head) {
                HeadProfile profile;
                profile.layer = layer;
                profile.head = head;
                profile.induction = layer == 2 && head == 1 ? 0.86 : 0.05;
                profile.duplicate_token = layer == 1 && head == 3 ? 0.61 : 0.02;
                table.heads.push_back(profile);
            }
        }
        atlas::test::writeHeadRoles(folder, table);
        auto window = atlas::test::openWindow(
            dir_.filePath(QStringLiteral("settings-%1.ini").arg(++windows_)), folder, kText);
        window->show();
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
        QCOMPARE(window->gridView()->roleLabel(2, 1), QStringLiteral("induction 0.86"));
        QCOMPARE(window->gridView()->roleLabel(1, 3), QStringLiteral("duplicate 0.61"));
        QCOMPARE(window->gridView()->roleLabel(0, 0), QString());

        HeadRolesPanel* roles = window->rolesPanel();
        const QAbstractItemModel* model = roles->model();
        const int row = 2 * 4 + 1;  // layer by layer
        QCOMPARE(model->index(row, HeadRolesModel::HeadColumn).data().toString(),
                 QStringLiteral("L2:H1"));
        QCOMPARE(model->index(row, HeadRolesModel::InductionColumn).data().toString(),
                 QStringLiteral("0.86"));
        QCOMPARE(model->index(1 * 4 + 3, HeadRolesModel::DuplicateColumn).data().toString(),
                 QStringLiteral("0.61"));
        QVERIFY(roles->chooseMeasure(QStringLiteral("induction")));
        QCOMPARE(window->gridView()->highlightedHeads().at(0), qMakePair(2, 1));
        QVERIFY(roles->chooseMeasure(QStringLiteral("duplicate")));
        QCOMPARE(window->gridView()->highlightedHeads().at(0), qMakePair(1, 3));
    }

  private:
    std::unique_ptr<MainWindow> openWindow() {
        return atlas::test::openWindow(
            dir_.filePath(QStringLiteral("settings-%1.ini").arg(++windows_)), folder_, kText);
    }

    QTemporaryDir dir_;
    QString folder_;
    std::shared_ptr<const Model> model_;
    int windows_ = 0;
};

QTEST_MAIN(TestBeyondViews)
#include "tst_beyond_views.moc"
