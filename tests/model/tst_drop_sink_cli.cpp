// `run --drop-sink` against the plain run: column 0 removed and rows renormalised (<= 1e-5), the
// sink share of every head, and the key/value groups in the JSON, on the built-in GPT-2
// (multi-head) and on the real grouped-query Llama stories260K where ../shared/data has it.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <cmath>
#include <filesystem>

namespace {

namespace fs = std::filesystem;

QByteArray runCli(const QStringList& arguments, int* exitCode) {
    QProcess process;
    process.start(QStringLiteral(ATLAS_BINARY_DIR "/app/attention-atlas-cli"), arguments);
    process.waitForFinished(120000);
    *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return process.readAllStandardOutput();
}

QJsonObject runJson(const QString& model, const QString& text, const QStringList& extra) {
    int exitCode = -1;
    const QByteArray out =
        runCli(QStringList{"run", "--model", model, "--text", text} + extra, &exitCode);
    if (exitCode != 0) {
        return {};
    }
    return QJsonDocument::fromJson(out).object();
}

QString storiesFolder() {
    const fs::path folder = fs::path(ATLAS_SHARED_DIR) / "data/models/stories260K";
    return fs::exists(folder / "config.json") ? QString::fromStdString(folder.string()) : QString();
}

}  // namespace

class DropSinkCliTest : public QObject {
    Q_OBJECT
  private slots:
    void dropSinkRenormalisesTheRest_data() {
        QTest::addColumn<QString>("model");
        QTest::addRow("gpt (multi-head)") << QStringLiteral("gpt");
        QTest::addRow("bert (not causal)") << QStringLiteral("bert");
        if (!storiesFolder().isEmpty()) {
            QTest::addRow("stories260K (grouped-query)") << storiesFolder();
        }
    }

    void dropSinkRenormalisesTheRest() {
        QFETCH(QString, model);
        const QString text = QStringLiteral("Once upon a time there was a little cat.");
        const QJsonObject plain = runJson(model, text, {});
        const QJsonObject hidden = runJson(model, text, {"--drop-sink"});
        QVERIFY(!plain.isEmpty() && !hidden.isEmpty());
        QVERIFY(!plain.contains("sink_dropped"));
        QVERIFY(hidden["sink_dropped"].toBool());
        const QJsonArray a = plain["attention"].toArray();
        const QJsonArray b = hidden["attention"].toArray();
        const QJsonArray shares = plain["sink_share"].toArray();
        QCOMPARE(hidden["sink_share"].toArray(), shares);  // measured before the sink is hidden
        QCOMPARE(a.size(), b.size());
        QCOMPARE(shares.size(), a.size());
        double worst = 0;
        int zeroRows = 0;
        for (qsizetype l = 0; l < a.size(); ++l) {
            for (qsizetype h = 0; h < a[l].toArray().size(); ++h) {
                const QJsonArray mapA = a[l].toArray()[h].toArray();
                const QJsonArray mapB = b[l].toArray()[h].toArray();
                const qsizetype T = mapA.size();
                QCOMPARE(mapB.size(), T);
                double column0 = 0;
                for (qsizetype i = 0; i < T; ++i) {
                    const QJsonArray rowA = mapA[i].toArray();
                    const QJsonArray rowB = mapB[i].toArray();
                    QCOMPARE(rowB.size(), T);  // T key columns: indices stay the tokens'
                    QCOMPARE(rowB[0].toDouble(), 0.0);
                    column0 += rowA[0].toDouble();
                    double rest = 0;
                    for (qsizetype j = 1; j < T; ++j) {
                        rest += rowA[j].toDouble();
                    }
                    if (rest < 1e-12) {
                        for (qsizetype j = 0; j < T; ++j) {
                            QCOMPARE(rowB[j].toDouble(), 0.0);  // zero, never NaN
                        }
                        ++zeroRows;
                        continue;
                    }
                    for (qsizetype j = 1; j < T; ++j) {
                        worst = std::max(worst,
                                         std::abs(rowA[j].toDouble() / rest - rowB[j].toDouble()));
                    }
                }
                const double share = shares[l].toArray()[h].toDouble();
                QVERIFY2(std::abs(share - column0 / double(T)) < 1e-6,
                         qPrintable(QString("layer %1 head %2").arg(l).arg(h)));
            }
        }
        qInfo("largest difference from the plain run renormalised: %.3g", worst);
        QVERIFY(worst <= 1e-5);
        if (plain["model"].toObject()["causal"].toBool()) {
            QVERIFY(zeroRows > 0);  // row 0 of every causal head sees only token 0
        }
    }

    void keyValueGroupsInTheJson() {
        const QJsonObject gpt = runJson("gpt", "The cat sat.", {});
        const QJsonObject model = gpt["model"].toObject();
        QCOMPARE(model["kv_heads"].toInt(), model["heads"].toInt());
        QVERIFY(!gpt.contains("kv_groups"));  // multi-head: every head its own
        if (storiesFolder().isEmpty()) {
            QSKIP("../shared/data/models/stories260K is absent");
        }
        const QJsonObject stories = runJson(storiesFolder(), "Once upon a time", {});
        QCOMPARE(stories["model"].toObject()["heads"].toInt(), 8);
        QCOMPARE(stories["model"].toObject()["kv_heads"].toInt(), 4);
        const QJsonArray groups = stories["kv_groups"].toArray();
        QCOMPARE(groups.size(), 4);
        QCOMPARE(groups[1].toObject()["kv_head"].toInt(), 1);
        QCOMPARE(groups[1].toObject()["heads"].toArray(), (QJsonArray{2, 3}));
        QCOMPARE(groups[3].toObject()["label"].toString(), QStringLiteral("KV head 3: heads 6-7"));
    }
};

QTEST_GUILESS_MAIN(DropSinkCliTest)
#include "tst_drop_sink_cli.moc"
