// Chinese input: Traditional text read as Simplified for models whose config asks for it
// (OpenCC), with byte spans into the typed text.
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

// Short enough for the tiny model's 32 positions (three byte tokens a character).
const std::string kTraditional = "老師說學生們";
const std::string kSimplified = "老师说学生们";

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

    // "language" is read when it is a string (some Hub configs carry a list: ignored), and both
    // keys are written back with the config.
    void languageKeysReadAndWritten() {
        QTemporaryDir dir;
        const auto listed = Model::load(tinyFolder(dir, "list", {{"language", {"en", "fr"}}}));
        QVERIFY(listed->config().language.empty());
        const auto chinese =
            Model::load(tinyFolder(dir, "zh", {{"language", "zh"}, {"input_conversion", "t2s"}}));
        const nlohmann::json written = chinese->config().toJson();
        QCOMPARE(written.at("language").get<std::string>(), std::string("zh"));
        QCOMPARE(written.at("input_conversion").get<std::string>(), std::string("t2s"));
        QVERIFY(!listed->config().toJson().contains("language"));
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
};

QTEST_GUILESS_MAIN(TestChineseInput)
#include "tst_chinese_input.moc"
