// The views for modern models, offscreen: the sink switch against `run --drop-sink`, the sink
// share in the grid's tooltip and the head-roles table, the key/value groups in the grid, the
// focused head, the roles table and the exports (the real grouped-query stories260K where
// ../shared/data has it; the built-in GPT-2 has none), and the distance profile.
#include <QCheckBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>

#include <qcustomplot.h>

#include "UiFixtures.h"
#include "analysis/AttentionSink.h"
#include "analysis/DistanceProfile.h"
#include "export/ExportRenderer.h"
#include "grid/HeadGridView.h"
#include "grid/PanelFigure.h"
#include "head/DistanceProfileHooks.h"
#include "head/DistanceProfileView.h"
#include "head/HeadHeatmapView.h"
#include "model/Model.h"
#include "modes/AnalysisModes.h"
#include "roles/HeadRolesModel.h"
#include "roles/HeadRolesPanel.h"
#include "shell/MainWindow.h"
#include "tokens/TokenLinesView.h"

using namespace atlas;
using namespace atlas::ui;

namespace {

namespace fs = std::filesystem;

const QString kText = QStringLiteral("Once upon a time there was a little cat.");

QString storiesFolder() {
    const fs::path folder = fs::path(ATLAS_SHARED_DIR) / "data/models/stories260K";
    return fs::exists(folder / "config.json") ? QString::fromStdString(folder.string()) : QString();
}

QJsonObject cliJson(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(ATLAS_CLI_PATH), arguments);
    process.waitForFinished(120000);
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        return {};
    }
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

// Largest difference between the window's head maps and the CLI's "attention".
double largestDifference(const AttentionSnapshot& snapshot, const QJsonArray& attention) {
    double worst = 0;
    if (attention.size() != snapshot.layerCount()) {
        return 1e9;
    }
    for (int l = 0; l < snapshot.layerCount(); ++l) {
        for (int h = 0; h < snapshot.headCount(); ++h) {
            const MapView map = snapshot.map(l, h);
            const QJsonArray rows = attention[l].toArray()[h].toArray();
            if (rows.size() != map.rows()) {
                return 1e9;
            }
            for (Eigen::Index i = 0; i < map.rows(); ++i) {
                for (Eigen::Index j = 0; j < map.cols(); ++j) {
                    worst = std::max(worst,
                                     std::abs(double(map(i, j)) - rows[i].toArray()[j].toDouble()));
                }
            }
        }
    }
    return worst;
}

std::unique_ptr<MainWindow> openOn(const QTemporaryDir& dir, const QString& model) {
    auto window =
        atlas::test::openWindow(dir.filePath(QStringLiteral("settings.ini")), model, kText);
    return window;
}

}  // namespace

class TestModernViews : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // The toggle hides the sink in the grid, the focused head, the lines and the exports, with
    // the numbers of `run --drop-sink`.
    void sinkSwitchMatchesTheCli() {
        QTemporaryDir dir;
        auto window = openOn(dir, QStringLiteral("gpt"));
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
        QCheckBox* box = window->analysisModes()->sinkBox();
        QCOMPARE(box->text(), QStringLiteral("Hide the first token (attention sink)"));
        QVERIFY(!window->snapshot()->sinkHidden);
        const auto before = window->snapshot();
        box->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() && window->snapshot()->sinkHidden, 20000);
        const auto shown = window->snapshot();
        QCOMPARE(shown->sinkShare, before->sinkShare);  // measured before hiding

        const QJsonObject cli = cliJson({"run", "--model", "gpt", "--text", kText, "--drop-sink"});
        QVERIFY(!cli.isEmpty());
        const double worst = largestDifference(*shown, cli["attention"].toArray());
        qInfo("window vs run --drop-sink: largest difference %.3g", worst);
        QVERIFY(worst <= 1e-6);
        // ... and the plain run, renormalised by hand, is what both show.
        const Matrix expected = withoutAttentionSink(before->map(2, 1));
        QVERIFY((shown->map(2, 1).matrix() - expected).cwiseAbs().maxCoeff() <= 1e-6f);

        // Every view draws the same snapshot: the grid, the focused head, the token lines.
        QCOMPARE(window->gridView()->snapshot(), shown);
        QTRY_COMPARE_WITH_TIMEOUT(window->linesView()->snapshot(), shown, 5000);
        HeadHeatmapView* heatmap = window->heatmapView();
        auto* cells = qobject_cast<QCPColorMap*>(heatmap->plottable(0));
        QVERIFY(cells != nullptr);
        const int layer = heatmap->layer();
        const int column = heatmap->column();
        for (int i = 0; i < shown->tokenCount(); ++i) {
            QCOMPARE(cells->data()->cell(0, i), 0.0);
            for (int j = 0; j < shown->tokenCount(); ++j) {
                QVERIFY(std::abs(cells->data()->cell(j, i) - shown->map(layer, column)(i, j)) <
                        1e-6);
            }
        }
        // The data export is the CLI's JSON.
        const QJsonObject exported = QJsonDocument::fromJson(attentionJson(*shown)).object();
        QVERIFY(exported["sink_dropped"].toBool());
        QCOMPARE(exported["attention"], cli["attention"]);
        QCOMPARE(exported["sink_share"], cli["sink_share"]);

        // The tooltip of a head gives its sink share.
        const QString tip = window->gridView()->mapToolTip(0, 0);
        QVERIFY2(tip.contains(QStringLiteral("Sink share (mean attention on token 0): %1")
                                  .arg(QString::number(shown->sinkShare[0][0], 'f', 2))),
                 qPrintable(tip));
        box->setChecked(false);
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() && !window->snapshot()->sinkHidden, 20000);
    }

    // The built-in gpt has head-roles.json: its table shows the sink share of the text shown.
    void rolesTableShowsTheSinkShare() {
        QTemporaryDir dir;
        auto window = openOn(dir, QStringLiteral("gpt"));
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
        HeadRolesModel* model = window->rolesPanel()->model();
        QTRY_VERIFY_WITH_TIMEOUT(model->hasTable(), 10000);
        QVERIFY(!model->hasKeyValueGroups());  // multi-head: no KV column
        QVERIFY(window->rolesPanel()->tableView()->isColumnHidden(HeadRolesModel::KeyValueColumn));
        QVERIFY(window->rolesPanel()->groupByKeyValueBox()->isHidden());
        const auto snapshot = window->snapshot();
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto [layer, head] = model->headAt(row);
            const QVariant share = model->data(model->index(row, HeadRolesModel::SinkShareColumn),
                                               HeadRolesModel::SortRole);
            QVERIFY(std::abs(share.toDouble() - snapshot->sinkShare[layer][head]) < 1e-12);
        }
        QVERIFY(window->gridView()->keyValueBrackets().empty());
    }

    void keyValueGroupsOnAGroupedQueryModel() {
        if (storiesFolder().isEmpty()) {
            QSKIP("../shared/data/models/stories260K is absent");
        }
        QTemporaryDir dir;
        // A copy with a head-roles table, so the roles tab has rows to group.
        const QString folder = dir.filePath(QStringLiteral("stories260K"));
        fs::copy(storiesFolder().toStdString(), folder.toStdString());
        HeadRoleTable table;
        table.model = "stories260K";
        table.layers = 5;
        table.heads_per_layer = 8;
        for (int l = 0; l < 5; ++l) {
            for (int h = 0; h < 8; ++h) {
                HeadProfile profile;
                profile.layer = l;
                profile.head = h;
                profile.prev = 0.1 * h;
                table.heads.push_back(profile);
            }
        }
        atlas::test::writeHeadRoles(folder, table);
        auto window = openOn(dir, folder);
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
        const auto snapshot = window->snapshot();
        QCOMPARE(snapshot->kvHeads, 4);
        QCOMPARE(snapshot->modelType, QStringLiteral("llama"));

        // The grid: one labelled bracket per KV head over its two query heads.
        const auto brackets = window->gridView()->keyValueBrackets();
        QCOMPARE(brackets.size(), std::size_t(4));
        QCOMPARE(brackets[0].label, QStringLiteral("KV head 0: heads 0-1"));
        QCOMPARE(brackets[3].label, QStringLiteral("KV head 3: heads 6-7"));
        const QRect head2 = window->gridView()->panelRect(0, 2);
        const QRect head3 = window->gridView()->panelRect(0, 3);
        QCOMPARE(brackets[1].rect.left(), head2.left());
        QCOMPARE(brackets[1].rect.right(), head3.right());
        QVERIFY(brackets[1].rect.bottom() < head2.top());
        QVERIFY(
            window->gridView()->mapToolTip(1, 5).contains(QStringLiteral("KV head 2: heads 4-5")));

        // The focused head names its KV head.
        window->selection().setCurrent(1, 5);
        QCOMPARE(snapshot->mapTitle(1, 5), QStringLiteral("Layer 1 · Head 5 · KV head 2"));

        // The roles table: a KV column, and grouping orders rows by KV head, then layer.
        HeadRolesPanel* panel = window->rolesPanel();
        QTRY_VERIFY_WITH_TIMEOUT(panel->model()->hasTable(), 10000);
        QVERIFY(panel->model()->hasKeyValueGroups());
        QVERIFY(!panel->tableView()->isColumnHidden(HeadRolesModel::KeyValueColumn));
        QVERIFY(!panel->groupByKeyValueBox()->isHidden());
        panel->groupByKeyValueBox()->setChecked(true);
        QSortFilterProxyModel* proxy = panel->proxy();
        QStringList firstRows;
        for (int row = 0; row < 6; ++row) {
            firstRows << proxy->index(row, HeadRolesModel::HeadColumn).data().toString() + "/" +
                             proxy->index(row, HeadRolesModel::KeyValueColumn).data().toString();
        }
        QCOMPARE(firstRows,
                 (QStringList{"L0:H0/0", "L0:H1/0", "L1:H0/0", "L1:H1/0", "L2:H0/0", "L2:H1/0"}));

        // The exports: the grid figure's brackets, the layer figure's titles, the JSON.
        const PanelFigureSpec grid = gridFigureSpec(*snapshot, 60);
        QCOMPARE(grid.columnBrackets.size(), std::size_t(4));
        QCOMPARE(grid.columnBrackets[2].firstCol, 4);
        QCOMPARE(grid.columnBrackets[2].lastCol, 5);
        QCOMPARE(grid.columnBrackets[2].label, QStringLiteral("KV head 2: heads 4-5"));
        const PanelFigureSpec layer = layerFigureSpec(*snapshot, 0, 60);
        QCOMPARE(layer.panels[7].title, QStringLiteral("Head 7 · KV head 3"));
        const QString svg = dir.filePath(QStringLiteral("grid.svg"));
        QVERIFY(window->exportView(ExportView::Grid, svg).ok);
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("KV head 1: heads 2-3"));
        const QJsonObject json = QJsonDocument::fromJson(attentionJson(*snapshot)).object();
        QCOMPARE(json["kv_groups"].toArray().size(), 4);
        QCOMPARE(json["model"].toObject()["kv_heads"].toInt(), 4);
    }

    // One key/value head for every query head (multi-query): one group over all of them.
    void multiQueryIsOneGroup() {
        auto snapshot = std::make_shared<AttentionSnapshot>(*atlas::test::knownSnapshot());
        snapshot->kvHeads = 1;
        HeadGridView grid;
        grid.resize(600, 400);
        grid.setSnapshot(snapshot);
        const auto brackets = grid.keyValueBrackets();
        QCOMPARE(brackets.size(), std::size_t(1));
        QCOMPARE(brackets[0].label, QStringLiteral("KV head 0: heads 0-1"));
        QCOMPARE(snapshot->mapTitle(1, 1), QStringLiteral("Layer 1 · Head 1 · KV head 0"));
        snapshot->kvHeads = 2;  // as many as the heads: no groups
        grid.setSnapshot(snapshot);
        QVERIFY(grid.keyValueBrackets().empty());
        QCOMPARE(snapshot->mapTitle(1, 1), QStringLiteral("Layer 1 · Head 1"));
    }

    void distanceProfileFollowsTheFocusedHead() {
        QTemporaryDir dir;
        auto window = openOn(dir, QStringLiteral("gpt"));
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
        DistanceProfileView* view = window->distanceProfile()->view();
        window->selection().setCurrent(1, 2);
        const auto snapshot = window->snapshot();
        const DistanceProfile expected = distanceProfile(snapshot->map(1, 2));
        QCOMPARE(view->profile().distances, expected.distances);
        QCOMPARE(view->profile().mean_attention, expected.mean_attention);
        QVERIFY(view->bands().empty());  // GPT-2 has no rotary positions
        // The plotted line is the profile at distances >= 0 (a causal model never looks ahead).
        QCPGraph* line = view->plot()->graph(0);
        const int T = snapshot->tokenCount();
        QCOMPARE(line->dataCount(), T);
        QCOMPARE(line->data()->at(1)->key, 1.0);
        QCOMPARE(line->data()->at(1)->value, expected.mean_attention[std::size_t(T)]);
        for (const QString name : {"profile.png", "profile.svg", "profile.pdf", "profile.csv"}) {
            const QString path = dir.filePath(name);
            QCOMPARE(view->saveTo(path, 800), QString());
            QVERIFY(QFileInfo(path).size() > 100);
        }
        QFile csv(dir.filePath(QStringLiteral("profile.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readLine(), QByteArray("distance,mean_attention,cells\n"));
        QVERIFY(!view->saveTo(dir.filePath(QStringLiteral("profile.txt"))).isEmpty());
    }

    void rotaryBandsOnALlama() {
        if (storiesFolder().isEmpty()) {
            QSKIP("../shared/data/models/stories260K is absent");
        }
        QTemporaryDir dir;
        auto window = openOn(dir, storiesFolder());
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
        DistanceProfileView* view = window->distanceProfile()->view();
        window->selection().setCurrent(2, 3);
        QTRY_VERIFY_WITH_TIMEOUT(!view->bands().empty(), 20000);
        const auto bands = view->bands();
        QCOMPARE(bands.size(), std::size_t(4));  // head_dim 8: four rotating pairs
        // Against a run of our own: q and k of layer 2, head 3.
        RunOptions options;
        options.forward.capture_internals = true;
        const RunResult run = window->model()->run(kText.toStdString(), options);
        const auto expected =
            rotaryBands(window->model()->config(), run.forward.internals[2].heads[3].q,
                        run.forward.internals[2].heads[3].k);
        for (std::size_t i = 0; i < bands.size(); ++i) {
            QVERIFY(std::abs(bands[i].weight - expected[i].weight) <= 1e-6 * expected[i].weight);
            QCOMPARE(bands[i].wavelength, expected[i].wavelength);
        }
        // The bands beside the profile, under the title.
        auto* plots = qobject_cast<QCPLayoutGrid*>(view->plot()->plotLayout()->element(1, 0));
        QVERIFY(plots != nullptr && plots->hasElement(0, 1));
    }
};

QTEST_MAIN(TestModernViews)
#include "tst_modern_views.moc"
