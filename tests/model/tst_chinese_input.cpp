// Chinese input: Traditional text read as Simplified for models whose config asks for it
// (OpenCC), with byte spans into the typed text; and `run --words` / `export --words`.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "Error.h"
#include "TinyModelFolder.h"
#include "model/Model.h"
#include "text/ChineseConversion.h"
#include "text/Utf8.h"

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

// A tiny GPT-2 folder (byte-level: every Chinese character is three tokens) whose config.json
// gets `extra` keys.
fs::path tinyFolder(const QTemporaryDir& dir, const std::string& name,
                    const nlohmann::json& extra) {
    const fs::path folder = fs::path(dir.path().toStdString()) / name;
    test::writeTinyModelFolder(folder);
    nlohmann::json config;
    std::ifstream(folder / "config.json") >> config;
    config.update(extra);
    std::ofstream(folder / "config.json") << config.dump(2);
    return folder;
}

std::vector<int> idsOf(const EncodedText& encoded) {
    std::vector<int> ids;
    for (const Token& token : encoded.tokens) {
        ids.push_back(token.id);
    }
    return ids;
}

const std::string kTraditional = "老師說學生們明天要去北京參觀博物館。";
const std::string kSimplified = "老师说学生们明天要去北京参观博物馆。";

}  // namespace

class TestChineseInput : public QObject {
    Q_OBJECT

  private slots:
    void openCcConvertsCharacterForCharacter() {
        const auto conversion = ChineseConversion::traditionalToSimplified();
        const ConvertedText converted = conversion->convert(kTraditional);
        QCOMPARE(converted.text, kSimplified);
        QCOMPARE(converted.original_position.size(), converted.text.size() + 1);
        // Same number of characters, each converted character pointing at its typed one.
        const auto typed = utf8::decode(kTraditional);
        const auto simplified = utf8::decode(converted.text);
        QCOMPARE(simplified.size(), typed.size());
        for (std::size_t c = 0; c < typed.size(); ++c) {
            QCOMPARE(converted.originalOf(simplified[c].begin), typed[c].begin);
        }
        QCOMPARE(converted.originalOf(converted.text.size()), kTraditional.size());
        // Latin text and Simplified text pass through; invalid UTF-8 is left alone.
        QCOMPARE(conversion->convert("The cat 猫").text, std::string("The cat 猫"));
        const std::string bad = "貓\xff";
        QCOMPARE(conversion->convert(bad).text, bad);
    }

    // A model flagged "input_conversion": "t2s" reads Traditional text as its Simplified form:
    // the same ids and attention, while spans and whole-character texts are the typed ones.
    void flaggedModelSeesTraditionalAsSimplified() {
        QTemporaryDir dir;
        const auto model =
            Model::load(tinyFolder(dir, "zh", {{"language", "zh"}, {"input_conversion", "t2s"}}));
        QCOMPARE(model->config().language, std::string("zh"));
        const RunResult traditional = model->run(kTraditional);
        const RunResult simplified = model->run(kSimplified);
        QCOMPARE(idsOf(traditional.encoded), idsOf(simplified.encoded));
        for (int l = 0; l < traditional.forward.layerCount(); ++l) {
            for (int h = 0; h < traditional.forward.headCount(); ++h) {
                QVERIFY(traditional.forward.attention[l][h].isApprox(
                    simplified.forward.attention[l][h], 1e-6f));
            }
        }
        // Spans cover the typed text in order, without gaps.
        std::size_t position = 0;
        for (const Token& token : traditional.encoded.tokens) {
            QCOMPARE(token.begin, position);
            position = token.end;
        }
        QCOMPARE(position, kTraditional.size());

        // Not flagged: the tokenizer sees the typed characters, so the ids differ.
        const auto plain = Model::load(tinyFolder(dir, "plain", nlohmann::json::object()));
        QVERIFY(plain->config().input_conversion.empty());
        QVERIFY(idsOf(plain->run(kTraditional).encoded) != idsOf(plain->run(kSimplified).encoded));
    }

    void unknownConversionIsRefusedNamingTheKey() {
        QTemporaryDir dir;
        const fs::path folder = tinyFolder(dir, "bad", {{"input_conversion", "s2t"}});
        try {
            Model::load(folder);
            QFAIL("loaded");
        } catch (const AtlasError& error) {
            const std::string message = error.what();
            QVERIFY2(message.find("config.json") != std::string::npos, message.c_str());
            QVERIFY2(message.find("input_conversion") != std::string::npos, message.c_str());
        }
    }

    // run --words: "tokens" and "attention" stay one entry per model token; "units" adds the
    // characters (3 byte pieces each here) and the words, pooled as sum-to / mean-from.
    void runWordsAddsUnitsAndKeepsTokens() {
        QTemporaryDir dir;
        const fs::path folder = tinyFolder(dir, "zh", nlohmann::json::object());
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
        const fs::path folder = tinyFolder(dir, "zh", nlohmann::json::object());
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
        QVERIFY(characterSvg.contains(QStringLiteral(">北<")) ||
                characterSvg.contains(QStringLiteral(">北 <")));
        QVERIFY(!characterSvg.contains(QStringLiteral("1/3")));
        QVERIFY(wordSvg.contains(QStringLiteral("北京")));
        QVERIFY(!characterSvg.contains(QStringLiteral("北京")));
    }
};

QTEST_GUILESS_MAIN(TestChineseInput)
#include "tst_chinese_input.moc"
