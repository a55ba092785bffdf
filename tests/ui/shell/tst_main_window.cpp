// The main window end to end, offscreen: typing, clicking, hovering, keys, errors, settings.
#include <fstream>

#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include "AttentionWorker.h"
#include "UiFixtures.h"
#include "analysis/HeadRoles.h"
#include "grid/HeadGridView.h"
#include "head/HeadHeatmapView.h"
#include "roles/HeadRolesPanel.h"
#include "shell/MainWindow.h"
#include "tokens/TokenChipsView.h"
#include "tokens/TokenLinesView.h"

#include <nlohmann/json.hpp>

using namespace atlas;
using namespace atlas::ui;

class TestMainWindow : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void opensOnTheModelWithTheText();
    void typingUpdatesTheGrid();
    void staleResultsAreDropped();
    void clickingAThumbnailFocusesIt();
    void tooltipOfAKnownCell();
    void hoveringACellReportsIt();
    void hoveringAChipHighlightsEverywhere();
    void lineViewHoversAndTogglesHeads();
    void keyboardNavigation_data();
    void keyboardNavigation();
    void arrowsInTheSentenceBoxMoveTheCursor();
    void emptyTextShowsAMessage();
    void longTextIsTruncated();
    void gridMenuZoomsAndFolds();
    void missingModelShowsAnError();
    void settingsAreRemembered();
    void exportToAnUnwritablePathReportsIt();
    void headRolesLabelTheGridAndFillTheTab();
    void aFolderWithoutHeadRolesShowsNoLabels();

  private:
    std::unique_ptr<MainWindow> openWindow(const QString& text, bool restore = false);

    QTemporaryDir dir_;
    QString modelFolder_;
    int windows_ = 0;
};

void TestMainWindow::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    modelFolder_ = atlas::test::writeTinyGptFolder(dir_.filePath("tiny-gpt"));
}

std::unique_ptr<MainWindow> TestMainWindow::openWindow(const QString& text, bool restore) {
    return atlas::test::openWindow(
        dir_.filePath(QStringLiteral("settings-%1.ini").arg(++windows_)), modelFolder_, text,
        restore);
}

void TestMainWindow::opensOnTheModelWithTheText() {
    auto window = openWindow(QStringLiteral("The cat sat on the mat."));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    const auto snapshot = window->snapshot();
    QCOMPARE(snapshot->text, QStringLiteral("The cat sat on the mat."));
    QCOMPARE(snapshot->layerCount(), 4);
    QCOMPARE(snapshot->headCount(), 4);
    QCOMPARE(snapshot->columnCount(), 6);  // 4 heads, mean, rollout
    QCOMPARE(window->gridView()->snapshot(), snapshot);
    QVERIFY(window->windowTitle().contains(QStringLiteral("tiny-gpt")));
    QVERIFY(window->statusText().contains(tokenCountText(snapshot->tokenCount())));
    QVERIFY(window->messageText().isEmpty());
}

void TestMainWindow::typingUpdatesTheGrid() {
    auto window = openWindow(QStringLiteral("The cat"));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    const int tokensBefore = window->snapshot()->tokenCount();
    QTRY_VERIFY(window->gridView()->paintCount() > 0);
    const int paintsBefore = window->gridView()->paintCount();

    QTest::keyClicks(window->sentenceEdit(), QStringLiteral(" sat on the mat"));
    QCOMPARE(window->text(), QStringLiteral("The cat sat on the mat"));
    QTRY_COMPARE_WITH_TIMEOUT(window->snapshot()->text, window->text(), 10000);
    QVERIFY(window->snapshot()->tokenCount() > tokensBefore);
    QCOMPARE(window->gridView()->snapshot(), window->snapshot());
    QTRY_VERIFY(window->gridView()->paintCount() > paintsBefore);
}

void TestMainWindow::staleResultsAreDropped() {
    // Three requests in a row: the first runs, the second is replaced while waiting, and the
    // first's result is dropped because it is stale. Only the last text is ever shown.
    AttentionWorker worker;
    const auto known = atlas::test::knownSnapshot();
    worker.setCompute([known](const QString& text) {
        QThread::msleep(80);
        auto copy = std::make_shared<AttentionSnapshot>(*known);
        copy->text = text;
        return std::shared_ptr<const AttentionSnapshot>(copy);
    });
    QSignalSpy ready(&worker, &AttentionWorker::snapshotReady);
    worker.request(QStringLiteral("a"));
    worker.request(QStringLiteral("ab"));
    const quint64 last = worker.request(QStringLiteral("abc"));
    QTRY_COMPARE(ready.count(), 1);
    QTest::qWait(250);  // nothing else arrives
    QCOMPARE(ready.count(), 1);
    const auto shown = ready.at(0).at(0).value<std::shared_ptr<const AttentionSnapshot>>();
    QCOMPARE(shown->text, QStringLiteral("abc"));
    QCOMPARE(ready.at(0).at(1).value<quint64>(), last);
    QVERIFY(!worker.busy());
}

void TestMainWindow::clickingAThumbnailFocusesIt() {
    auto window = openWindow(QStringLiteral("The cat sat on the mat."));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    HeadGridView* grid = window->gridView();
    const QRect panel = grid->panelRect(2, 3);
    QVERIFY(!panel.isEmpty());
    QSignalSpy selected(grid, &HeadGridView::headSelected);
    QTest::mouseClick(grid, Qt::LeftButton, {}, panel.center());
    QCOMPARE(selected.count(), 1);
    QCOMPARE(window->selection().currentLayer(), 2);
    QCOMPARE(window->selection().currentColumn(), 3);
    QCOMPARE(window->heatmapView()->layer(), 2);
    QCOMPARE(window->heatmapView()->column(), 3);
    QCOMPARE(window->linesView()->layer(), 2);
    QVERIFY(window->statusText().contains(QStringLiteral("Layer 2 · Head 3")));
    // The aggregate columns focus too: column 4 is the layer mean.
    QTest::mouseClick(grid, Qt::LeftButton, {}, grid->panelRect(1, 4).center());
    QCOMPARE(window->selection().currentColumn(), 4);
    QVERIFY(window->statusText().contains(QStringLiteral("Layer 1 · Mean")));
}

void TestMainWindow::tooltipOfAKnownCell() {
    HeadHeatmapView view;
    view.setSnapshot(atlas::test::knownSnapshot());
    view.setMap(0, 0);
    QCOMPARE(view.tooltipText(1, 0), QStringLiteral("“cat” → “The”: 0.42"));
    QCOMPARE(view.tooltipText(2, 2), QStringLiteral("“sat” → “sat”: 0.70"));
    QCOMPARE(view.tooltipText(3, 0), QString());  // outside the map
    view.setMap(0, 1);
    QCOMPARE(view.tooltipText(2, 2), QStringLiteral("“sat” → “sat”: 0.60"));
}

void TestMainWindow::hoveringACellReportsIt() {
    HeadHeatmapView view;
    view.resize(500, 500);
    view.setSnapshot(atlas::test::knownSnapshot());
    view.setMap(0, 0);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.replot(QCustomPlot::rpImmediateRefresh);
    // The centre of cell (query 1, key 0): x is the key, y the query.
    const QPoint centre(int(view.xAxis->coordToPixel(0)), int(view.yAxis->coordToPixel(1)));
    QCOMPARE(view.cellAt(centre), std::make_optional(std::make_pair(1, 0)));
    QSignalSpy hovered(&view, &HeadHeatmapView::cellHovered);
    QTest::mouseMove(&view, centre);
    QTRY_VERIFY(hovered.count() >= 1);
    QCOMPARE(hovered.last().at(0).toInt(), 1);
    QCOMPARE(hovered.last().at(1).toInt(), 0);
    QCOMPARE(hovered.last().at(2).toFloat(), 0.42f);
    // Row 0 is on top: a point above the centre is the previous query.
    const QPoint above(centre.x(), int(view.yAxis->coordToPixel(0)));
    QCOMPARE(view.cellAt(above), std::make_optional(std::make_pair(0, 0)));
}

void TestMainWindow::hoveringAChipHighlightsEverywhere() {
    auto window = openWindow(QStringLiteral("The cat sat on the mat."));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    TokenChipsView* chips = window->chipsView();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    // Find chip 1 by scanning the widget: its text covers " cat".
    QCOMPARE(chips->chipText(1), QStringLiteral("·cat"));
    QPoint chipPoint;
    for (int x = 0; x < chips->width() && chipPoint.isNull(); x += 2) {
        for (int y = 0; y < chips->height() && chipPoint.isNull(); y += 2) {
            if (chips->chipAt(QPoint(x, y)) == 1) {
                chipPoint = QPoint(x + 2, y + 2);
            }
        }
    }
    QVERIFY(!chipPoint.isNull());
    QTest::mouseMove(chips, chipPoint);
    QTRY_COMPARE(window->selection().hoveredToken(), 1);
}

void TestMainWindow::lineViewHoversAndTogglesHeads() {
    auto window = openWindow(QStringLiteral("The cat sat on the mat."));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    window->showLineView(true);
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    window->selection().setCurrent(1, 0);
    TokenLinesView* lines = window->linesView();
    QCOMPARE(lines->layer(), 1);
    QCOMPARE(lines->columns(), std::vector<int>({0}));
    // Clicking head 2's swatch adds it, in its own colour; clicking again removes it.
    QTest::mouseClick(lines, Qt::LeftButton, {}, lines->swatchRect(2).center());
    QCOMPARE(window->selection().lineColumns(), std::vector<int>({0, 2}));
    QCOMPARE(lines->columns(), std::vector<int>({0, 2}));
    QTest::mouseClick(lines, Qt::LeftButton, {}, lines->swatchRect(2).center());
    QCOMPARE(lines->columns(), std::vector<int>({0}));
    // Hovering a key token selects it everywhere (chips, heatmap highlight).
    QSignalSpy hovered(lines, &TokenLinesView::tokenHovered);
    QTest::mouseMove(lines, lines->tokenRect(TokenSide::Key, 2).center());
    QTRY_VERIFY(hovered.count() >= 1);
    QCOMPARE(hovered.last().at(0).toInt(), 2);
    QCOMPARE(window->selection().hoveredToken(), 2);
}

void TestMainWindow::keyboardNavigation_data() {
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("expectedLayer");
    QTest::addColumn<int>("expectedColumn");
    QTest::addRow("right: next head") << int(Qt::Key_Right) << 1 << 2;
    QTest::addRow("left: previous head") << int(Qt::Key_Left) << 1 << 0;
    QTest::addRow("page down: next layer") << int(Qt::Key_PageDown) << 2 << 1;
    QTest::addRow("page up: previous layer") << int(Qt::Key_PageUp) << 0 << 1;
    QTest::addRow("down: next layer") << int(Qt::Key_Down) << 2 << 1;
}

void TestMainWindow::keyboardNavigation() {
    QFETCH(int, key);
    QFETCH(int, expectedLayer);
    QFETCH(int, expectedColumn);
    auto window = openWindow(QStringLiteral("The cat sat on the mat."));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    window->gridView()->setFocus();
    window->selection().setCurrent(1, 1);
    QTest::keyClick(window->gridView(), Qt::Key(key));
    QCOMPARE(window->selection().currentLayer(), expectedLayer);
    QCOMPARE(window->selection().currentColumn(), expectedColumn);
    QCOMPARE(window->heatmapView()->layer(), expectedLayer);
    QCOMPARE(window->heatmapView()->column(), expectedColumn);
}

void TestMainWindow::arrowsInTheSentenceBoxMoveTheCursor() {
    auto window = openWindow(QStringLiteral("The cat"));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    window->sentenceEdit()->setFocus();
    window->sentenceEdit()->setCursorPosition(3);
    window->selection().setCurrent(1, 1);
    QTest::keyClick(window->sentenceEdit(), Qt::Key_Right);
    QCOMPARE(window->sentenceEdit()->cursorPosition(), 4);
    QCOMPARE(window->selection().currentColumn(), 1);
}

void TestMainWindow::emptyTextShowsAMessage() {
    auto window = openWindow(QStringLiteral("The cat"));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    const auto before = window->snapshot();
    window->sentenceEdit()->clear();
    QTRY_VERIFY(window->messageText().contains(QStringLiteral("Type a sentence")));
    QCOMPARE(window->snapshot(), before);  // the last result stays on screen
    QTest::keyClicks(window->sentenceEdit(), QStringLiteral("A dog"));
    QTRY_COMPARE_WITH_TIMEOUT(window->snapshot()->text, QStringLiteral("A dog"), 10000);
    QVERIFY(window->messageText().isEmpty());
}

void TestMainWindow::longTextIsTruncated() {
    QString text;
    for (int i = 0; i < 40; ++i) {
        text += QStringLiteral("cat ");
    }
    auto window = openWindow(text);
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    QVERIFY(window->snapshot()->truncated);
    QCOMPARE(window->snapshot()->tokenCount(), 32);  // the tiny model's context
    QVERIFY2(window->statusText().contains(QStringLiteral("truncated to 32 of")),
             qPrintable(window->statusText()));
    QVERIFY(window->messageText().contains(QStringLiteral("first 32")));

    // Past the sentence box's limit (Qt's default would cut at 32,767 silently) the window says
    // that the rest was left out.
    const QString pasted = QString(MainWindow::kSentenceMaxCharacters + 5000, QLatin1Char('a'));
    window->setText(pasted);
    QCOMPARE(window->text().size(), MainWindow::kSentenceMaxCharacters);
    QTRY_COMPARE_WITH_TIMEOUT(window->snapshot()->text.size(), MainWindow::kSentenceMaxCharacters,
                              20000);
    QVERIFY2(window->messageText().contains(QStringLiteral("left out")),
             qPrintable(window->messageText()));
}

void TestMainWindow::gridMenuZoomsAndFolds() {
    auto window = openWindow(QStringLiteral("the cat sat"));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    // View > Grid, found by its object tree rather than by (translated) titles.
    QMenu* gridMenu = nullptr;
    for (QMenu* menu : window->menuBar()->findChildren<QMenu*>()) {
        for (QAction* action : menu->actions()) {
            if (action->text().remove(QLatin1Char('&')) ==
                QStringLiteral("Fold all but the focused layer")) {
                gridMenu = menu;
            }
        }
    }
    QVERIFY(gridMenu != nullptr);
    const QList<QAction*> actions = gridMenu->actions();
    auto named = [&](const QString& title) -> QAction* {
        for (QAction* action : actions) {
            if (action->text().remove(QLatin1Char('&')) == title) {
                return action;
            }
        }
        return nullptr;
    };
    HeadGridView* grid = window->gridView();
    QVERIFY(named(QStringLiteral("Zoom in")) && named(QStringLiteral("Zoom out")));
    named(QStringLiteral("Zoom in"))->trigger();
    QVERIFY(grid->zoom() > 1.1);
    named(QStringLiteral("Fit to width"))->trigger();
    QCOMPARE(grid->zoom(), 1.0);
    // Layer 0 holds the focused map and stays open; the others fold.
    named(QStringLiteral("Fold all but the focused layer"))->trigger();
    QVERIFY(!grid->isLayerCollapsed(0));
    QVERIFY(grid->isLayerCollapsed(1));
    named(QStringLiteral("Unfold all layers"))->trigger();
    QVERIFY(!grid->isLayerCollapsed(1));
}

void TestMainWindow::missingModelShowsAnError() {
    MainWindowOptions options;
    options.settingsFile = dir_.filePath(QStringLiteral("settings-missing.ini"));
    options.restoreSettings = false;
    options.model = dir_.filePath(QStringLiteral("no-such-model"));
    MainWindow window(options);
    window.show();
    QSignalSpy errors(&window, &MainWindow::errorShown);
    QTRY_VERIFY_WITH_TIMEOUT(errors.count() >= 1, 10000);
    QVERIFY(window.messageText().contains(QStringLiteral("Could not open the model")));
    QVERIFY(window.snapshot() == nullptr);
    // Typing without a model is harmless.
    QTest::keyClicks(window.sentenceEdit(), QStringLiteral(" more"));
    QTest::qWait(window.debounceMilliseconds() + 100);
    QVERIFY(window.snapshot() == nullptr);
    // A corrupt folder is an error too, not a crash.
    QDir(dir_.path()).mkdir(QStringLiteral("corrupt"));
    QFile config(dir_.filePath(QStringLiteral("corrupt/config.json")));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("{ not json");
    config.close();
    window.openModel(dir_.filePath(QStringLiteral("corrupt")));
    QTRY_VERIFY_WITH_TIMEOUT(errors.count() >= 2, 10000);
    QVERIFY(window.messageText().contains(QStringLiteral("corrupt")));
}

void TestMainWindow::settingsAreRemembered() {
    const QString settingsFile = dir_.filePath(QStringLiteral("remembered.ini"));
    {
        MainWindowOptions options;
        options.settingsFile = settingsFile;
        options.model = modelFolder_;
        options.text = QStringLiteral("A dog barked.");
        MainWindow window(options);
        window.show();
        QTRY_VERIFY_WITH_TIMEOUT(window.snapshot() != nullptr, 10000);
        window.setColorMap(ColorMapKind::Magma);
        window.setScaleMode(ScaleMode::PerHead);
        window.selection().setCurrent(1, 2);
        window.close();
    }
    MainWindowOptions options;
    options.settingsFile = settingsFile;
    MainWindow window(options);
    QCOMPARE(window.text(), QStringLiteral("A dog barked."));
    QCOMPARE(window.colorMap(), ColorMapKind::Magma);
    QCOMPARE(window.scaleMode(), ScaleMode::PerHead);
    QTRY_VERIFY_WITH_TIMEOUT(window.snapshot() != nullptr, 10000);  // the remembered model
    QCOMPARE(window.selection().currentLayer(), 1);
    QCOMPARE(window.selection().currentColumn(), 2);
}

void TestMainWindow::exportToAnUnwritablePathReportsIt() {
    auto window = openWindow(QStringLiteral("The cat"));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    const QString path = dir_.filePath(QStringLiteral("no-such-folder/grid.png"));
    const ExportResult result = window->exportView(ExportView::Grid, path, 800);
    QVERIFY(!result.ok);
    QVERIFY(result.error.contains(path));
    QVERIFY(window->messageText().contains(QStringLiteral("Export failed")));
    QVERIFY(!QFile::exists(path));
    // And a good path works from the window.
    const QString good = dir_.filePath(QStringLiteral("window-head.png"));
    QVERIFY(window->exportView(ExportView::Head, good, 640).ok);
    QCOMPARE(QImage(good).width(), 640);
}

void TestMainWindow::headRolesLabelTheGridAndFillTheTab() {
    // A tiny folder with a role table: head (2, 3) a previous-token head, (1, 0) a det head
    // well above the baseline, (3, 1) a weaker det head, the rest with no role.
    const QString folder = atlas::test::writeTinyGptFolder(dir_.filePath("tiny-gpt-roles"));
    HeadRoleTable table;
    table.model = "tiny-gpt-roles";
    table.layers = 4;
    table.heads_per_layer = 4;
    table.baselines["det"] = {0.40, 1, 100};
    for (int layer = 0; layer < 4; ++layer) {
        for (int head = 0; head < 4; ++head) {
            HeadProfile profile;
            profile.layer = layer;
            profile.head = head;
            profile.prev = layer == 2 && head == 3 ? 0.93 : 0.1;
            RelationScore det;
            det.score = layer == 1 && head == 0 ? 0.71 : (layer == 3 && head == 1 ? 0.45 : 0.2);
            det.arcs = 100;
            profile.relations["det"] = det;
            table.heads.push_back(profile);
        }
    }
    atlas::test::writeHeadRoles(folder, table);
    auto window = atlas::test::openWindow(
        dir_.filePath(QStringLiteral("settings-%1.ini").arg(++windows_)), folder, QStringLiteral("The cat sat on the mat."));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    QVERIFY(window->messageText().isEmpty());

    HeadGridView* grid = window->gridView();
    QCOMPARE(grid->roleLabel(2, 3), QStringLiteral("prev 0.93"));
    QCOMPARE(grid->roleLabel(1, 0), QStringLiteral("det 0.71"));
    QCOMPARE(grid->roleLabel(0, 0), QString());
    QCOMPARE(grid->roleLabel(3, 4), QString());  // outside the heads: the mean column

    HeadRolesPanel* roles = window->rolesPanel();
    QCOMPARE(roles->model()->rowCount(), 16);
    QCOMPARE(roles->chooser()->count(), 5);  // prev, next, self, first, det
    QVERIFY(!roles->chooseMeasure(QStringLiteral("nsubj")));
    QVERIFY(roles->chooseMeasure(QStringLiteral("det")));
    QCOMPARE(roles->baselineText(), QStringLiteral("baseline 0.40 (offset +1)"));
    QCOMPARE(grid->highlightedHeads().size(), HeadRolesPanel::kTopHeads);
    QCOMPARE(grid->highlightedHeads().at(0), qMakePair(1, 0));
    QCOMPARE(grid->highlightedHeads().at(1), qMakePair(3, 1));
    QVERIFY(!roles->tableView()->isColumnHidden(HeadRolesModel::MeasureColumn));
    QCOMPARE(roles->proxy()->index(0, HeadRolesModel::MeasureColumn).data().toString(),
             QStringLiteral("0.71"));
    QVERIFY(roles->chooseMeasure(QStringLiteral("prev")));
    QCOMPARE(roles->baselineText(), QString());
    QCOMPARE(grid->highlightedHeads().at(0), qMakePair(2, 3));
    QVERIFY(roles->tableView()->isColumnHidden(HeadRolesModel::MeasureColumn));

    // The table is sorted by the measure: its first row is the best head; clicking focuses it.
    window->showRolesView();
    QTableView* view = roles->tableView();
    QTRY_VERIFY(view->isVisible());
    const QModelIndex first = roles->proxy()->index(0, 0);
    QCOMPARE(first.data().toString(), QStringLiteral("L2:H3"));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(first).center());
    QCOMPARE(window->selection().currentLayer(), 2);
    QCOMPARE(window->selection().currentColumn(), 3);
}

void TestMainWindow::aFolderWithoutHeadRolesShowsNoLabels() {
    auto window = openWindow(QStringLiteral("The cat sat."));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    QCOMPARE(window->gridView()->roleLabel(0, 0), QString());
    QVERIFY(!window->rolesPanel()->model()->hasTable());
    QCOMPARE(window->rolesPanel()->chooser()->count(), 0);
    QVERIFY(window->gridView()->highlightedHeads().isEmpty());
    QVERIFY(window->messageText().isEmpty());
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
