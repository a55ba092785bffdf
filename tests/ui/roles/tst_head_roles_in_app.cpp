// Head roles measured and used inside the window: heads ranked by the weight between two
// clicked tokens, a treebank analysed in the background with progress and cancel, the table
// saved atomically.
#include <fstream>

#include <QDir>
#include <QFile>
#include <QMouseEvent>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include "UiFixtures.h"
#include "analysis/HeadRoles.h"
#include "grid/HeadGridView.h"
#include "roles/HeadRolesHooks.h"
#include "roles/HeadRolesPanel.h"
#include "roles/TreebankAnalysisRunner.h"
#include "shell/MainWindow.h"
#include "tokens/TokenChipsView.h"
#include "tokens/TokenPairPanel.h"

using namespace atlas;
using namespace atlas::ui;

namespace {

// A CoNLL-U file of `copies` times the same three sentences.
QString writeTreebank(const QString& path, int copies) {
    std::ofstream out(path.toStdString());
    for (int copy = 0; copy < copies; ++copy) {
        out << "# text = The cat sat.\n"
               "1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n"
               "2\tcat\tcat\tNOUN\t_\t_\t3\tnsubj\t_\t_\n"
               "3\tsat\tsit\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
               "4\t.\t.\tPUNCT\t_\t_\t3\tpunct\t_\t_\n\n"
               "# text = A dog saw the bird\n"
               "1\tA\ta\tDET\t_\t_\t2\tdet\t_\t_\n"
               "2\tdog\tdog\tNOUN\t_\t_\t3\tnsubj\t_\t_\n"
               "3\tsaw\tsee\tVERB\t_\t_\t0\troot\t_\t_\n"
               "4\tthe\tthe\tDET\t_\t_\t5\tdet\t_\t_\n"
               "5\tbird\tbird\tNOUN\t_\t_\t3\tobj\t_\t_\n\n";
    }
    return path;
}

}  // namespace

class TestHeadRolesInApp : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        modelFolder_ = atlas::test::writeTinyGptFolder(dir_.filePath("tiny-gpt"));
    }

    void clickingTwoTokensRanksTheHeads() {
        auto window = openWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
        const auto snapshot = window->snapshot();
        TokenPairPanel* panel = window->tokenPairPanel();
        window->showTokenPairView();
        QTRY_COMPARE(panel->chipsView()->chipText(0), window->chipsView()->chipText(0));

        // Click the chips themselves: first the token that attends, then the one it attends to.
        TokenChipsView* chips = panel->chipsView();
        const int query = 4;
        const int key = 1;
        const auto centreOf = [chips](int token) {
            for (int y = 0; y < chips->height(); y += 2) {
                for (int x = 0; x < chips->width(); x += 2) {
                    if (chips->chipAt(QPoint(x, y)) == token)
                        return QPoint(x + 4, y + 4);
                }
            }
            return QPoint(-1, -1);
        };
        QVERIFY(centreOf(query).x() >= 0);
        QTest::mouseClick(chips, Qt::LeftButton, {}, centreOf(query));
        QCOMPARE(panel->queryToken(), query);
        QCOMPARE(panel->keyToken(), -1);
        QVERIFY(panel->ranking().empty());
        QTest::mouseClick(chips, Qt::LeftButton, {}, centreOf(key));
        QCOMPARE(panel->keyToken(), key);
        QCOMPARE(chips->markedTokens(), (QList<int>{query, key}));

        // Independent ranking: the largest cell (query, key) over all heads, in any order.
        const int heads = snapshot->headCount();
        std::vector<float> weights;
        for (int layer = 0; layer < snapshot->layerCount(); ++layer) {
            for (int head = 0; head < heads; ++head) {
                weights.push_back(snapshot->map(layer, head)(query, key));
            }
        }
        const auto& ranking = panel->ranking();
        QCOMPARE(int(ranking.size()), snapshot->layerCount() * heads);
        QCOMPARE(ranking.front().weight, *std::max_element(weights.begin(), weights.end()));
        QCOMPARE(ranking.back().weight, *std::min_element(weights.begin(), weights.end()));
        for (std::size_t index = 1; index < ranking.size(); ++index) {
            QVERIFY(ranking[index - 1].weight >= ranking[index].weight);
            QCOMPARE(ranking[index].weight,
                     snapshot->map(ranking[index].layer, ranking[index].head)(query, key));
        }
        QCOMPARE(panel->table()->rowCount(), int(ranking.size()));
        // The best three are outlined in the grid, and a row click focuses its head.
        const QList<QPair<int, int>> top = window->gridView()->highlightedHeads();
        QCOMPARE(top.size(), TokenPairPanel::kTopHeads);
        QCOMPARE(top.front(), qMakePair(ranking[0].layer, ranking[0].head));
        emit panel->table()->cellClicked(1, 0);
        QCOMPARE(window->selection().currentLayer(), ranking[1].layer);
        QCOMPARE(window->selection().currentColumn(), ranking[1].head);

        // A causal model never looks ahead: the pair the other way round weighs 0 everywhere.
        panel->choosePair(key, query);
        QCOMPARE(panel->ranking().front().weight, 0.0f);
        QVERIFY(panel->pairText().contains(QStringLiteral("causal")));
        // A third click starts a new pair.
        panel->clickToken(2);
        QCOMPARE(panel->queryToken(), 2);
        QCOMPARE(panel->keyToken(), -1);
    }

    void aTreebankIsAnalysedWithProgress() {
        auto window = openWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
        QVERIFY(window->rolesPanel()->model()->table().heads.empty());  // the folder has none
        const QString treebank = writeTreebank(dir_.filePath("small.conllu"), 20);
        QSignalSpy analysed(window->headRoles(), &HeadRolesHooks::analyzed);
        QSignalSpy progress(window->headRoles()->runner(),
                            &TreebankAnalysisRunner::progressChanged);
        QVERIFY(window->headRoles()->analyzeTreebank(treebank));
        QVERIFY(!window->headRoles()->analyzeTreebank(treebank));  // one at a time
        QTRY_COMPARE_WITH_TIMEOUT(analysed.count(), 1, 30000);
        QVERIFY(progress.count() >= 1);
        QCOMPARE(progress.last().at(0).toInt(), 40);
        QCOMPARE(progress.last().at(1).toInt(), 40);

        const HeadRoleTable& table = window->rolesPanel()->model()->table();
        QCOMPARE(table.sentences, 40);
        QCOMPARE(table.layers, 4);
        QCOMPARE(int(table.heads.size()), 16);
        QCOMPARE(table.treebank, std::string("small.conllu"));
        QCOMPARE(table.baselines.at("det").arcs, 60);
        QVERIFY(window->rolesPanel()->saveButton()->isEnabled());

        // Saved atomically and readable; a folder that does not exist is refused, nothing left.
        const QString saved = dir_.filePath("head-roles.json");
        QVERIFY(window->headRoles()->saveHeadRoles(saved));
        std::ifstream in(saved.toStdString());
        const HeadRoleTable reread =
            headRolesFromJson(nlohmann::json::parse(in), "head-roles.json");
        QCOMPARE(reread.sentences, 40);
        const QString missing = dir_.filePath("no-such-folder/head-roles.json");
        QVERIFY(!window->headRoles()->saveHeadRoles(missing));
        QVERIFY(!QFile::exists(missing));
        QVERIFY(!window->messageText().isEmpty());

        // "Save as CSV…": one row per head for a spreadsheet, written the same atomic way.
        QVERIFY(window->rolesPanel()->saveCsvButton()->isEnabled());
        const QString csv = dir_.filePath("head-roles.csv");
        QVERIFY(window->headRoles()->saveHeadRoles(csv));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QStringList lines =
            QString::fromUtf8(csvFile.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 1 + 16);
        QVERIFY(lines[0].startsWith(QStringLiteral("layer,head,label,")));
        QVERIFY(lines[0].contains(QStringLiteral(",best_relation,in_plain_words,")));
        const QString missingCsv = dir_.filePath("no-such-folder/head-roles.csv");
        QVERIFY(!window->headRoles()->saveHeadRoles(missingCsv));
        QVERIFY(!QFile::exists(missingCsv));
    }

    void cancellingKeepsTheTableShown() {
        auto window = openWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
        const QString treebank = writeTreebank(dir_.filePath("large.conllu"), 20000);
        QSignalSpy ended(window->headRoles(), &HeadRolesHooks::analysisEnded);
        QSignalSpy analysed(window->headRoles(), &HeadRolesHooks::analyzed);
        QSignalSpy cancelled(window->headRoles()->runner(), &TreebankAnalysisRunner::cancelled);
        QVERIFY(window->headRoles()->analyzeTreebank(treebank));
        QTRY_VERIFY_WITH_TIMEOUT(window->headRoles()->runner()->busy(), 5000);
        window->headRoles()->runner()->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 30000);
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(analysed.count(), 0);
        QVERIFY(window->rolesPanel()->model()->table().heads.empty());
        QVERIFY(window->messageText().isEmpty());
    }

    void aBadTreebankShowsItsLine() {
        auto window = openWindow();
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
        const QString bad = dir_.filePath("bad.conllu");
        {
            std::ofstream out(bad.toStdString());
            out << "1\tThe\tthe\tDET\n";
        }
        QSignalSpy ended(window->headRoles(), &HeadRolesHooks::analysisEnded);
        QVERIFY(window->headRoles()->analyzeTreebank(bad));
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 10000);
        QVERIFY2(window->messageText().contains(QStringLiteral("bad.conllu")),
                 qPrintable(window->messageText()));
        QVERIFY(window->messageText().contains(QStringLiteral("1")));
        QVERIFY(window->rolesPanel()->model()->table().heads.empty());
    }

  private:
    std::unique_ptr<MainWindow> openWindow() {
        return atlas::test::openWindow(
            dir_.filePath(QStringLiteral("settings-%1.ini").arg(++windows_)), modelFolder_,
            QStringLiteral("The cat sat on the mat."));
    }

    QTemporaryDir dir_;
    QString modelFolder_;
    int windows_ = 0;
};

QTEST_MAIN(TestHeadRolesInApp)
#include "tst_head_roles_in_app.moc"
