// Tests the head-role table: the analyze JSON of docs/cli.md, reading it back, Markdown, labels.
#include <QTest>

#include <nlohmann/json.hpp>

#include "Error.h"
#include "analysis/HeadRoles.h"
#include "analysis/HeadRolesCsv.h"
#include "analysis/RelationNames.h"

using namespace atlas;

namespace {

RelationScore score(double value, RelationDirection direction, int arcs) {
    RelationScore result;
    result.score = value;
    result.direction = direction;
    result.arcs = arcs;
    if (direction == RelationDirection::DependentToHead) {
        result.dependent_to_head = value;
    } else {
        result.head_to_dependent = value;
    }
    return result;
}

// Two heads: 0:0 a previous-token head, 0:1 a determiner head that beats the baseline.
HeadRoleTable sampleTable() {
    HeadRoleTable table;
    table.model = "gpt";
    table.treebank = "dev.conllu";
    table.layers = 1;
    table.heads_per_layer = 2;
    table.sentences = 3;
    HeadProfile previous;
    previous.prev = 0.93;
    previous.next = 0.01;
    previous.self = 0.03;
    previous.first = 0.02;
    previous.entropy = 0.4;
    previous.mean_distance = 1.1;
    previous.relations["det"] = score(0.52, RelationDirection::DependentToHead, 60);
    HeadProfile determiner;
    determiner.head = 1;
    determiner.prev = 0.2;
    determiner.relations["det"] = score(0.71, RelationDirection::DependentToHead, 60);
    determiner.relations["nsubj"] = score(0.61234567, RelationDirection::HeadToDependent, 55);
    determiner.induction = 0.05;
    determiner.duplicate_token = 0.02;
    table.heads = {previous, determiner};
    table.baselines["det"] = {0.55, 1, 60};
    table.baselines["nsubj"] = {0.58, 1, 55};
    return table;
}

}  // namespace

class TestHeadRoles : public QObject {
    Q_OBJECT

  private slots:
    void jsonHasTheDesignShape() {
        const nlohmann::json json = headRolesToJson(sampleTable());
        QCOMPARE(json["heads"].size(), std::size_t(2));
        const nlohmann::json& head = json["heads"][1];
        QCOMPARE(head["layer"].get<int>(), 0);
        QCOMPARE(head["head"].get<int>(), 1);
        for (const char* key : {"prev", "next", "self", "first", "entropy", "mean_distance"}) {
            QVERIFY2(head[key].is_number(), key);
        }
        QCOMPARE(head["relations"]["det"].get<double>(), 0.71);
        QCOMPARE(head["relations"]["det_dir"].get<std::string>(), std::string("dep->head"));
        QCOMPARE(head["relations"]["nsubj"].get<double>(), 0.6123);  // 4 decimals
        QCOMPARE(head["relations"]["nsubj_dir"].get<std::string>(), std::string("head->dep"));
        QCOMPARE(head["induction"].get<double>(), 0.05);
        QCOMPARE(head["label"].get<std::string>(), std::string("det 0.71"));
        QVERIFY(!json["heads"][0].contains("induction"));
        QCOMPARE(json["baselines"]["det"].get<double>(), 0.55);
        QCOMPARE(json["baseline_offsets"]["det"].get<int>(), 1);
        QCOMPARE(json["arcs"]["nsubj"].get<int>(), 55);
        QCOMPARE(json["model"].get<std::string>(), std::string("gpt"));
    }

    void jsonReadsBack() {
        const HeadRoleTable table = sampleTable();
        const HeadRoleTable back = headRolesFromJson(headRolesToJson(table), "roles.json");
        QCOMPARE(back.heads.size(), std::size_t(2));
        QCOMPARE(back.layers, 1);
        QCOMPARE(back.heads_per_layer, 2);
        QCOMPARE(back.heads[0].prev, 0.93);
        QCOMPARE(back.heads[1].relations.at("nsubj").score, 0.6123);
        QVERIFY(back.heads[1].relations.at("nsubj").direction ==
                RelationDirection::HeadToDependent);
        QCOMPARE(back.heads[1].relations.at("nsubj").arcs, 55);
        QCOMPARE(*back.heads[1].induction, 0.05);
        QCOMPARE(back.baselines.at("det").offset, 1);
        QCOMPARE(shortRoleLabel(back.heads[1], back.baselines), std::string("det 0.71"));
    }

    void malformedJsonNamesTheKey_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::addRow("not an object") << "[]"
                                       << "roles.json: the head-role table is not";
        QTest::addRow("no baselines") << R"({"heads": []})"
                                      << "roles.json: key \"baselines\"";
        QTest::addRow("no heads") << R"({"baselines": {}})"
                                  << "roles.json: key \"heads\"";
        QTest::addRow("prev missing") << R"({"baselines": {}, "heads": [{"layer": 0, "head": 0}]})"
                                      << "roles.json: heads[0]: key \"prev\" missing";
        QTest::addRow("bad direction")
            << R"({"baselines": {}, "heads": [{"layer": 0, "head": 0, "prev": 0, "next": 0,
                  "self": 0, "first": 0, "entropy": 0, "mean_distance": 0,
                  "relations": {"det": 0.5, "det_dir": "sideways"}}]})"
            << "roles.json: heads[0].relations.\"det_dir\" is \"sideways\"";
    }

    void malformedJsonNamesTheKey() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        try {
            headRolesFromJson(nlohmann::json::parse(text.toStdString()), "roles.json");
            QFAIL("no error thrown");
        } catch (const AtlasError& error) {
            QVERIFY2(QString(error.what()).startsWith(expected), error.what());
        }
    }

    void labels() {
        const HeadRoleTable table = sampleTable();
        // 0.52 does not beat the 0.55 baseline: the positional role shows.
        QCOMPARE(shortRoleLabel(table.heads[0], table.baselines), std::string("prev 0.93"));
        // det beats its baseline by 0.16 (nsubj only by 0.03).
        QCOMPARE(shortRoleLabel(table.heads[1], table.baselines), std::string("det 0.71"));
        HeadProfile few_arcs = table.heads[1];
        few_arcs.relations["det"].arcs = 50;  // the fewest arcs that count
        QCOMPARE(shortRoleLabel(few_arcs, table.baselines), std::string("det 0.71"));
        few_arcs.relations["det"].arcs = 49;  // too few: chance could decide
        QCOMPARE(shortRoleLabel(few_arcs, table.baselines), std::string(""));
        few_arcs.induction = 0.62;
        QCOMPARE(shortRoleLabel(few_arcs, table.baselines), std::string("induction 0.62"));
        few_arcs.induction = 0.1;
        few_arcs.duplicate_token = 0.8;
        QCOMPARE(shortRoleLabel(few_arcs, table.baselines), std::string("duplicate 0.80"));
        // A rare relation at 0.45 beats a 0.30 baseline, but 0.45 is no clear role.
        HeadProfile weak;
        weak.relations["det"] = table.heads[1].relations.at("det");
        weak.relations["det"].score = 0.45;
        RelationBaselines low_baselines = table.baselines;
        low_baselines["det"].score = 0.30;
        QCOMPARE(shortRoleLabel(weak, low_baselines), std::string(""));
        // A strongly positional head is labelled by position even if it beats a relation too.
        HeadProfile positional = table.heads[1];
        positional.prev = 0.85;
        QCOMPARE(shortRoleLabel(positional, table.baselines), std::string("prev 0.85"));
        HeadProfile first;
        first.first = 0.7;
        first.self = 0.2;
        QCOMPARE(shortRoleLabel(first, {}), std::string("first 0.70"));
    }

    void plainNames();
    void csvHasARowPerHead();

    void markdownListsHeadsAndRelations() {
        const std::string markdown = headRolesToMarkdown(sampleTable());
        QVERIFY(markdown.find("| head | prev | next |") != std::string::npos);
        QVERIFY(markdown.find("| 0:0 | 0.93 | 0.01 |") != std::string::npos);
        QVERIFY(markdown.find("| det | 0.71 | dep->head | 0.55 | det 0.71 |") != std::string::npos);
        // Relations by arcs: det (60) before nsubj (55), each with its best head.
        const auto det = markdown.find("| det | 60 | 0.55 | +1 | 0:1 | 0.71 | dep->head |");
        const auto nsubj = markdown.find("| nsubj | 55 | 0.58 | +1 | 0:1 | 0.61 | head->dep |");
        QVERIFY(det != std::string::npos);
        QVERIFY(nsubj != std::string::npos);
        QVERIFY(det < nsubj);
        // Every table row has the same number of cells as its header.
        std::size_t start = 0;
        int header_cells = -1;
        while (start < markdown.size()) {
            std::size_t end = markdown.find('\n', start);
            const std::string line = markdown.substr(start, end - start);
            start = end + 1;
            if (line.rfind("| head |", 0) == 0 || line.rfind("| relation |", 0) == 0) {
                header_cells = static_cast<int>(std::count(line.begin(), line.end(), '|'));
            } else if (line.rfind("|", 0) == 0) {
                QCOMPARE(static_cast<int>(std::count(line.begin(), line.end(), '|')), header_cells);
            }
        }
    }
};

void TestHeadRoles::plainNames() {
    QCOMPARE(plainRelationName("det", RelationDirection::DependentToHead),
             std::string("determiner → noun"));
    QCOMPARE(plainRelationName("det", RelationDirection::HeadToDependent),
             std::string("noun → determiner"));
    QCOMPARE(plainRelationName("nsubj", RelationDirection::DependentToHead),
             std::string("subject → verb"));
    QCOMPARE(plainRelationName("nmod:poss", RelationDirection::DependentToHead),
             std::string("possessor → noun"));
    // A subtype without words of its own takes its base relation's.
    QCOMPARE(plainRelationName("obl:agent", RelationDirection::DependentToHead),
             std::string("oblique phrase → verb"));
    QCOMPARE(plainRelationName("reparandum", RelationDirection::DependentToHead), std::string());
}

void TestHeadRoles::csvHasARowPerHead() {
    const std::string csv = headRolesToCsv(sampleTable());
    const QStringList lines =
        QString::fromStdString(csv).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QStringLiteral("layer,head,label,prev,next,self,first,entropy,"
                                      "mean_distance,induction,duplicate_token,best_relation,"
                                      "in_plain_words,direction,score,baseline,gain"));
    // 0:0 beats no baseline by much but det is still its best relation over 50 arcs.
    QVERIFY2(lines[1].startsWith(QStringLiteral("0,0,prev 0.93,0.9300,")), qPrintable(lines[1]));
    QVERIFY2(lines[1].endsWith(
                 QStringLiteral(",,,det,determiner → noun,dep->head,0.5200,0.5500,-0.0300")),
             qPrintable(lines[1]));
    QVERIFY2(lines[2].startsWith(QStringLiteral("0,1,det 0.71,")), qPrintable(lines[2]));
    QVERIFY2(lines[2].endsWith(QStringLiteral(",0.0500,0.0200,det,determiner → noun,dep->head,"
                                              "0.7100,0.5500,0.1600")),
             qPrintable(lines[2]));
    // The window passes its translation.
    const std::string translated = headRolesToCsv(
        sampleTable(),
        [](const std::string&, RelationDirection) { return std::string("限定词 → 名词"); });
    QVERIFY(translated.find(",det,限定词 → 名词,") != std::string::npos);
}

QTEST_GUILESS_MAIN(TestHeadRoles)
#include "test_head_roles.moc"
