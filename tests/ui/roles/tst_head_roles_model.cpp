// The head-role table model: values per column, sorting through a proxy, measures and top heads.
#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTest>

#include "roles/HeadRolesModel.h"

using atlas::HeadProfile;
using atlas::HeadRoleTable;
using atlas::RelationScore;
using atlas::ui::HeadRolesModel;

class TestHeadRolesModel : public QObject {
    Q_OBJECT
  private slots:
    void passesTheModelTester();
    void showsTheMeasuresOfAHead();
    void sortsNumerically();
    void measuresAndTopHeads();
    void emptyTableHasNoRows();
};

namespace {

// 2 layers x 2 heads; layer 1 head 1 is a strong "det" head, layer 0 head 1 a previous-token
// head, and layer 1 head 0 is "L1:H0" (so sorting by text would differ from by number).
HeadRoleTable knownTable() {
    HeadRoleTable table;
    table.model = "test";
    table.layers = 2;
    table.heads_per_layer = 2;
    table.baselines["det"] = {0.52, 1, 1800};
    table.baselines["nsubj"] = {0.30, -1, 200};
    table.baselines["vocative"] = {0.10, 2, 10};  // too rare to be any head's best relation
    const double prev[4] = {0.10, 0.93, 0.20, 0.05};
    const double entropy[4] = {2.5, 0.4, 1.5, 1.0};
    const double det[4] = {0.40, 0.50, 0.45, 0.83};
    const double nsubj[4] = {0.20, 0.10, 0.55, 0.25};
    for (int i = 0; i < 4; ++i) {
        HeadProfile profile;
        profile.layer = i / 2;
        profile.head = i % 2;
        profile.prev = prev[i];
        profile.next = 0.1;
        profile.self = 0.2;
        profile.first = 0.3;
        profile.entropy = entropy[i];
        profile.mean_distance = 1.0 + i;
        RelationScore detScore;
        detScore.score = det[i];
        detScore.arcs = 1800;
        profile.relations["det"] = detScore;
        RelationScore nsubjScore;
        nsubjScore.score = nsubj[i];
        nsubjScore.arcs = 200;
        profile.relations["nsubj"] = nsubjScore;
        RelationScore vocativeScore;
        vocativeScore.score = 0.9;
        vocativeScore.arcs = 10;
        profile.relations["vocative"] = vocativeScore;
        table.heads.push_back(profile);
    }
    return table;
}

QString cell(const QAbstractItemModel& model, int row, int column) {
    return model.data(model.index(row, column)).toString();
}

}  // namespace

void TestHeadRolesModel::passesTheModelTester() {
    HeadRolesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTable(knownTable());
    QSortFilterProxyModel proxy;
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(&model);
    proxy.setSortRole(HeadRolesModel::SortRole);
    proxy.sort(HeadRolesModel::PrevColumn, Qt::DescendingOrder);
    model.setMeasure(QStringLiteral("det"));
    model.setTable(HeadRoleTable{});
    QCOMPARE(model.rowCount(), 0);
}

void TestHeadRolesModel::showsTheMeasuresOfAHead() {
    HeadRolesModel model;
    model.setTable(knownTable());
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.columnCount(), int(HeadRolesModel::ColumnCount));
    QCOMPARE(cell(model, 3, HeadRolesModel::HeadColumn), QStringLiteral("L1:H1"));
    QCOMPARE(cell(model, 1, HeadRolesModel::PrevColumn), QStringLiteral("0.93"));
    QCOMPARE(cell(model, 1, HeadRolesModel::LabelColumn), QStringLiteral("prev 0.93"));
    // Row 3: det beats its baseline by 0.31, nsubj loses to its own: det is the best relation.
    QCOMPARE(cell(model, 3, HeadRolesModel::RelationColumn), QStringLiteral("det"));
    QCOMPARE(cell(model, 3, HeadRolesModel::ScoreColumn), QStringLiteral("0.83"));
    QCOMPARE(cell(model, 3, HeadRolesModel::BaselineColumn), QStringLiteral("0.52"));
    QCOMPARE(cell(model, 3, HeadRolesModel::GainColumn), QStringLiteral("+0.31"));
    QCOMPARE(cell(model, 3, HeadRolesModel::LabelColumn), QStringLiteral("det 0.83"));
    // Row 2: nsubj wins by 0.25 over its baseline, det loses 0.07.
    QCOMPARE(cell(model, 2, HeadRolesModel::RelationColumn), QStringLiteral("nsubj"));
    QCOMPARE(cell(model, 0, HeadRolesModel::LabelColumn), QString());
    QCOMPARE(model.headAt(2), qMakePair(1, 0));
    // The chosen measure's column, headed by its name.
    QCOMPARE(cell(model, 2, HeadRolesModel::MeasureColumn), QString());
    model.setMeasure(QStringLiteral("nsubj"));
    QCOMPARE(model.headerData(HeadRolesModel::MeasureColumn, Qt::Horizontal).toString(),
             QStringLiteral("nsubj"));
    QCOMPARE(cell(model, 2, HeadRolesModel::MeasureColumn), QStringLiteral("0.55"));
    QCOMPARE(model.headerData(HeadRolesModel::GainColumn, Qt::Horizontal).toString(),
             QStringLiteral("Gain"));
}

void TestHeadRolesModel::sortsNumerically() {
    HeadRolesModel model;
    model.setTable(knownTable());
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(HeadRolesModel::SortRole);
    proxy.sort(HeadRolesModel::EntropyColumn, Qt::AscendingOrder);
    QStringList heads;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        heads << cell(proxy, row, HeadRolesModel::HeadColumn);
    }
    QCOMPARE(heads, QStringList({"L0:H1", "L1:H1", "L1:H0", "L0:H0"}));
    proxy.sort(HeadRolesModel::GainColumn, Qt::DescendingOrder);
    QCOMPARE(cell(proxy, 0, HeadRolesModel::HeadColumn), QStringLiteral("L1:H1"));
    proxy.sort(HeadRolesModel::HeadColumn, Qt::DescendingOrder);
    QCOMPARE(cell(proxy, 0, HeadRolesModel::HeadColumn), QStringLiteral("L1:H1"));
    QCOMPARE(cell(proxy, 3, HeadRolesModel::HeadColumn), QStringLiteral("L0:H0"));
    // By the chosen measure.
    model.setMeasure(QStringLiteral("nsubj"));
    proxy.setSortRole(HeadRolesModel::MeasureRole);
    proxy.sort(0, Qt::DescendingOrder);
    QCOMPARE(cell(proxy, 0, HeadRolesModel::HeadColumn), QStringLiteral("L1:H0"));
    QCOMPARE(cell(proxy, 1, HeadRolesModel::HeadColumn), QStringLiteral("L1:H1"));
    proxy.setSortRole(HeadRolesModel::SortRole);
    proxy.sort(HeadRolesModel::MeasureColumn, Qt::AscendingOrder);
    QCOMPARE(cell(proxy, 0, HeadRolesModel::HeadColumn), QStringLiteral("L0:H1"));
}

void TestHeadRolesModel::measuresAndTopHeads() {
    HeadRolesModel model;
    model.setTable(knownTable());
    QCOMPARE(model.measures(),
             QStringList({"prev", "next", "self", "first", "det", "nsubj", "vocative"}));
    const auto top = model.topHeads(QStringLiteral("det"), 3);
    QCOMPARE(top.size(), 3);
    QCOMPARE(top.at(0), qMakePair(1, 1));
    QCOMPARE(top.at(1), qMakePair(0, 1));
    QCOMPARE(top.at(2), qMakePair(1, 0));
    QCOMPARE(model.topHeads(QStringLiteral("prev"), 1).at(0), qMakePair(0, 1));
    QCOMPARE(HeadRolesModel::measureValue(model.table().heads[0], QStringLiteral("nosuch")), 0.0);
}

void TestHeadRolesModel::emptyTableHasNoRows() {
    HeadRolesModel model;
    QVERIFY(!model.hasTable());
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.headAt(0), qMakePair(-1, -1));
    QCOMPARE(model.measures().size(), 4);
}

QTEST_MAIN(TestHeadRolesModel)
#include "tst_head_roles_model.moc"
