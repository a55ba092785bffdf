// The built attention-atlas-cli's `run --words` and `export --words` on Chinese text.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>

#include "TinyModelFolder.h"

using namespace atlas;

namespace {

namespace fs = std::filesystem;

struct CliResult {
    int exit_code = -1;
    bool crashed = true;
    QByteArray out;
    QByteArray err;
};

CliResult runCli(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(ATLAS_BINARY_DIR "/app/attention-atlas-cli"), arguments);
    if (!process.waitForStarted()) {
        return {};
    }
    process.closeWriteChannel();
    process.waitForFinished(120000);
    CliResult result;
    result.crashed = process.exitStatus() != QProcess::NormalExit;
    result.exit_code = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

// A tiny GPT-2 folder: the tiny vocabulary knows no Chinese, so every character is three
// byte tokens.
fs::path tinyFolder(const QTemporaryDir& dir) {
    const fs::path folder = fs::path(dir.path().toStdString()) / "zh";
    test::writeTinyModelFolder(folder);
    return folder;
}

}  // namespace

class TestWordsCli : public QObject {
    Q_OBJECT

  private slots:
    // run --words: "tokens" and "attention" stay one entry per model token; "units" adds the
    // characters (3 byte pieces each here) and the words, pooled as sum-to / mean-from.
    void runWordsAddsUnitsAndKeepsTokens() {
        QTemporaryDir dir;
        const fs::path folder = tinyFolder(dir);
        const QString text = QStringLiteral("我们去北京");
        const CliResult plain =
            runCli({"run", "--model", QString::fromStdString(folder.string()), "--text", text});
        QCOMPARE(plain.exit_code, 0);
        const QJsonObject plainJson = QJsonDocument::fromJson(plain.out).object();
        QVERIFY(!plainJson.contains("units"));
        const CliResult words = runCli(
            {"run", "--model", QString::fromStdString(folder.string()), "--text", text, "--words"});
        QCOMPARE(words.exit_code, 0);
        const QJsonObject json = QJsonDocument::fromJson(words.out).object();
        QCOMPARE(json["tokens"].toArray().size(), 15);
        QCOMPARE(json["attention"], plainJson["attention"]);
        const QJsonObject characters = json["units"]["characters"].toObject();
        const QJsonArray characterUnits = characters["units"].toArray();
        QCOMPARE(characterUnits.size(), 5);
        QCOMPARE(characterUnits[3]["text"].toString(), QStringLiteral("北"));
        QCOMPARE(characterUnits[3]["tokens"].toArray(), (QJsonArray{9, 10, 11}));
        const QJsonArray wordUnits = json["units"]["words"]["units"].toArray();
        QStringList wordTexts;
        for (const QJsonValue& unit : wordUnits) {
            wordTexts << unit["text"].toString();
        }
        QCOMPARE(wordTexts, (QStringList{"我们", "去", "北京"}));
        // Pooled from the token maps: layer 1, head 0, from 北京 (tokens 9..14) to 我们 (0..5).
        const QJsonArray tokenMap = json["attention"][1][0].toArray();
        double expected = 0;
        for (int from = 9; from < 15; ++from) {
            for (int to = 0; to < 6; ++to) {
                expected += tokenMap[from][to].toDouble() / 6;
            }
        }
        const QJsonArray wordMap = json["units"]["words"]["attention"][1][0].toArray();
        QVERIFY(std::abs(wordMap[2][0].toDouble() - expected) < 1e-5);
        double rowSum = 0;
        for (const QJsonValue& weight : wordMap[2].toArray()) {
            rowSum += weight.toDouble();
        }
        QVERIFY(std::abs(rowSum - 1.0) < 1e-5);
        // Causal: no word attends to a later word.
        QCOMPARE(wordMap[0][1].toDouble(), 0.0);

        const CliResult csv = runCli({"run", "--model", QString::fromStdString(folder.string()),
                                      "--text", text, "--words", "--format", "csv"});
        QCOMPARE(csv.exit_code, 2);
        QVERIFY(csv.err.contains("--words"));
    }

    // export --words labels the figure with words; without it, with characters (never "北 1/3").
    void exportWordsLabelsWords() {
        QTemporaryDir dir;
        const fs::path folder = tinyFolder(dir);
        const QString model = QString::fromStdString(folder.string());
        const QString characters = dir.filePath("characters.svg");
        const QString words = dir.filePath("words.svg");
        const QString text = QStringLiteral("我们去北京");
        QCOMPARE(runCli({"export", "--model", model, "--text", text, "--view", "head", "--out",
                         characters})
                     .exit_code,
                 0);
        QCOMPARE(runCli({"export", "--model", model, "--text", text, "--view", "head", "--words",
                         "--out", words})
                     .exit_code,
                 0);
        QFile characterFile(characters);
        QVERIFY(characterFile.open(QIODevice::ReadOnly));
        const QString characterSvg = QString::fromUtf8(characterFile.readAll());
        QFile wordFile(words);
        QVERIFY(wordFile.open(QIODevice::ReadOnly));
        const QString wordSvg = QString::fromUtf8(wordFile.readAll());
        // Axis labels are text elements of their own (the title quotes the whole sentence).
        QVERIFY(characterSvg.contains(QStringLiteral(">北<")));
        QVERIFY(!characterSvg.contains(QStringLiteral("1/3")));
        QVERIFY(!characterSvg.contains(QStringLiteral(">北京<")));
        QVERIFY(wordSvg.contains(QStringLiteral(">北京<")));
        QVERIFY(!wordSvg.contains(QStringLiteral(">北<")));
    }
};

QTEST_GUILESS_MAIN(TestWordsCli)
#include "tst_words_cli.moc"
