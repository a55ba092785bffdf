// The selection model, without any view: clamping, moves, hover and the line view's columns.
#include <QSignalSpy>
#include <QTest>

#include "AttentionSelection.h"

using atlas::ui::AttentionSelection;

class TestAttentionSelection : public QObject {
    Q_OBJECT
  private slots:
    void clampsIntoBounds();
    void movesStopAtEdges_data();
    void movesStopAtEdges();
    void signalsOnlyOnChange();
    void lineColumnsFollowFocus();
    void shrinkingBoundsClampsCurrent();
};

void TestAttentionSelection::clampsIntoBounds() {
    AttentionSelection selection;
    selection.setBounds(4, 6);
    selection.setCurrent(9, -2);
    QCOMPARE(selection.currentLayer(), 3);
    QCOMPARE(selection.currentColumn(), 0);
}

void TestAttentionSelection::movesStopAtEdges_data() {
    QTest::addColumn<int>("layer");
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("layerStep");
    QTest::addColumn<int>("columnStep");
    QTest::addColumn<int>("expectedLayer");
    QTest::addColumn<int>("expectedColumn");
    QTest::addRow("right") << 1 << 1 << 0 << 1 << 1 << 2;
    QTest::addRow("left at edge") << 1 << 0 << 0 << -1 << 1 << 0;
    QTest::addRow("down") << 1 << 2 << 1 << 0 << 2 << 2;
    QTest::addRow("down at edge") << 3 << 2 << 1 << 0 << 3 << 2;
    QTest::addRow("up") << 3 << 5 << -1 << 0 << 2 << 5;
    QTest::addRow("right at edge") << 0 << 5 << 0 << 1 << 0 << 5;
}

void TestAttentionSelection::movesStopAtEdges() {
    QFETCH(int, layer);
    QFETCH(int, column);
    QFETCH(int, layerStep);
    QFETCH(int, columnStep);
    QFETCH(int, expectedLayer);
    QFETCH(int, expectedColumn);
    AttentionSelection selection;
    selection.setBounds(4, 6);
    selection.setCurrent(layer, column);
    selection.moveBy(layerStep, columnStep);
    QCOMPARE(selection.currentLayer(), expectedLayer);
    QCOMPARE(selection.currentColumn(), expectedColumn);
}

void TestAttentionSelection::signalsOnlyOnChange() {
    AttentionSelection selection;
    selection.setBounds(2, 2);
    QSignalSpy current(&selection, &AttentionSelection::currentChanged);
    QSignalSpy hovered(&selection, &AttentionSelection::hoveredTokenChanged);
    selection.setCurrent(1, 1);
    selection.setCurrent(1, 1);
    selection.moveBy(0, 1);  // at the edge: no change
    QCOMPARE(current.count(), 1);
    QCOMPARE(current.at(0).at(0).toInt(), 1);
    QCOMPARE(current.at(0).at(1).toInt(), 1);
    selection.setHoveredToken(3);
    selection.setHoveredToken(3);
    selection.setHoveredToken(-1);
    QCOMPARE(hovered.count(), 2);
    QCOMPARE(selection.hoveredToken(), -1);
}

void TestAttentionSelection::lineColumnsFollowFocus() {
    AttentionSelection selection;
    selection.setBounds(2, 4);
    selection.setCurrent(0, 1);
    QCOMPARE(selection.lineColumns(), std::vector<int>({1}));
    QSignalSpy changed(&selection, &AttentionSelection::lineColumnsChanged);
    selection.toggleLineColumn(3);
    selection.toggleLineColumn(0);
    QCOMPARE(selection.lineColumns(), std::vector<int>({0, 1, 3}));
    selection.toggleLineColumn(1);  // the focused column stays
    QCOMPARE(selection.lineColumns(), std::vector<int>({0, 1, 3}));
    selection.toggleLineColumn(3);
    QCOMPARE(selection.lineColumns(), std::vector<int>({0, 1}));
    selection.toggleLineColumn(9);  // outside the grid: ignored
    QCOMPARE(changed.count(), 3);
    selection.setCurrent(1, 2);  // a new focus starts a new set
    QCOMPARE(selection.lineColumns(), std::vector<int>({2}));
}

void TestAttentionSelection::shrinkingBoundsClampsCurrent() {
    AttentionSelection selection;
    selection.setBounds(12, 14);
    selection.setCurrent(11, 13);
    QSignalSpy current(&selection, &AttentionSelection::currentChanged);
    selection.setBounds(4, 6);
    QCOMPARE(selection.currentLayer(), 3);
    QCOMPARE(selection.currentColumn(), 5);
    QCOMPARE(current.count(), 1);
}

QTEST_GUILESS_MAIN(TestAttentionSelection)
#include "tst_attention_selection.moc"
