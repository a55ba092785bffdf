// The window on Chinese text: byte pieces joined into characters, the Words switch, the model
// picker's summaries and the bar that offers the Chinese built-in model.
#include <fstream>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include "UiFixtures.h"
#include "export/ExportRenderer.h"
#include "grid/HeadGridView.h"
#include "model/BuiltinModels.h"
#include "modes/AnalysisModes.h"
#include "shell/LanguageOffer.h"
#include "shell/MainWindow.h"
#include "shell/ModelPicker.h"

using namespace atlas;
using namespace atlas::ui;

namespace {

void setLanguage(const QString& folder, const std::string& language) {
    const std::string path = QDir(folder).filePath(QStringLiteral("config.json")).toStdString();
    nlohmann::json config;
    std::ifstream(path) >> config;
    config["language"] = language;
    std::ofstream(path) << config.dump(2);
}

QStringList labelsOf(const AttentionSnapshot& snapshot) {
    return snapshot.tokenLabels;
}

}  // namespace

class TestChineseViews : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        // A test list of built-in models: an English gpt, and a Chinese gpt-zh (tiny models).
        const QString models = dir_.filePath(QStringLiteral("resources/models"));
        test::writeTinyGptFolder(models + QStringLiteral("/gpt"));
        setLanguage(models + QStringLiteral("/gpt"), "en");
        chineseFolder_ = test::writeTinyGptFolder(models + QStringLiteral("/gpt-zh"), 2, 8);
        setLanguage(chineseFolder_, "zh");
        qputenv("ATLAS_RESOURCES_DIR", dir_.filePath(QStringLiteral("resources")).toUtf8());
    }

    // GPT-2's byte pieces of one character are one row and column; the Words switch groups
    // the characters into ICU's words; grid, heatmap and lines views show the same units.
    void piecesJoinAndWordsSwitch() {
        auto window = open(QStringLiteral("gpt"), QStringLiteral("我们去北京"));
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
        auto snapshot = window->snapshot();
        QCOMPARE(labelsOf(*snapshot), (QStringList{"我", "们", "去", "北", "京"}));
        QVERIFY(snapshot->pooled());
        QCOMPARE(snapshot->tokenLevel().tokenCount(), 15);
        QCOMPARE(snapshot->map(0, 0).rows(), 5);
        QCOMPARE(window->gridView()->snapshot(), snapshot);

        window->analysisModes()->wordsBox()->click();
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot()->units == UnitLevel::Words, 10000);
        snapshot = window->snapshot();
        QCOMPARE(labelsOf(*snapshot), (QStringList{"我们", "去", "北京"}));
        QCOMPARE(snapshot->map(1, 2).rows(), 3);
        QCOMPARE(window->gridView()->snapshot(), snapshot);
        // Pooled from the model's tokens: from 去 (tokens 6..8) to 我们 (tokens 0..5).
        const MapView tokens = snapshot->tokenLevel().map(1, 2);
        float expected = 0;
        for (int from = 6; from < 9; ++from) {
            for (int to = 0; to < 6; ++to) {
                expected += tokens(from, to) / 3;
            }
        }
        QVERIFY(std::abs(snapshot->map(1, 2)(1, 0) - expected) < 1e-5f);
        // The exported focused head and lines views are labelled with the words.
        for (ExportView view : {ExportView::Head, ExportView::Lines}) {
            const QString path = dir_.filePath(QStringLiteral("words-%1.svg").arg(int(view)));
            QVERIFY(window->exportView(view, path).ok);
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            // A label of its own (the title quotes the whole sentence).
            QVERIFY(QString::fromUtf8(file.readAll()).contains(QStringLiteral(">北京<")));
        }
        // The data export keeps one entry per model token and adds the words.
        const auto json = nlohmann::json::parse(attentionJson(*snapshot).toStdString());
        QCOMPARE(json["tokens"].size(), std::size_t(15));
        QCOMPARE(json["units"]["words"]["units"].size(), std::size_t(3));

        window->analysisModes()->wordsBox()->click();
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot()->units == UnitLevel::Characters, 10000);
        QCOMPARE(window->snapshot()->tokenCount(), 5);
    }

    // English text has no pieces to join: the snapshot is the model's own.
    void englishTextKeepsModelTokens() {
        auto window = open(QStringLiteral("gpt"), QStringLiteral("The cat sat."));
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
        QVERIFY(!window->snapshot()->pooled());
    }

    void pickerSaysWhatEachModelIs() {
        auto window = open(QStringLiteral("gpt"), QStringLiteral("The cat"));
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
        auto* picker = window->findChild<ModelPicker*>();
        QVERIFY(picker != nullptr);
        const int chinese = picker->findData(QStringLiteral("gpt-zh"));
        QVERIFY(chinese >= 0);
        QCOMPARE(picker->itemText(chinese),
                 QStringLiteral("gpt-zh: 中文, causal, 2 layers x 8 heads"));
        QCOMPARE(picker->itemText(picker->findData(QStringLiteral("gpt"))),
                 QStringLiteral("gpt: English, causal, 4 layers x 4 heads"));
    }

    // Mostly Han text on the English model: the bar offers gpt-zh, one click switches to it and
    // the bar goes away; English text offers nothing.
    void chineseTextOffersTheChineseModel() {
        auto window = open(QStringLiteral("gpt"), QStringLiteral("The cat sat."));
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
        QVERIFY(window->languageOffer()->offeredModel().isEmpty());
        window->setText(QStringLiteral("老师说学生们明天要去北京"));
        QTRY_COMPARE_WITH_TIMEOUT(window->languageOffer()->offeredModel(), QStringLiteral("gpt-zh"),
                                  10000);
        window->languageOffer()->switchButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(window->modelNameOrPath(), QStringLiteral("gpt-zh"), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            window->snapshot() && window->snapshot()->text.startsWith(QStringLiteral("老师")),
            10000);
        QVERIFY(window->languageOffer()->offeredModel().isEmpty());
        QVERIFY(!window->languageOffer()->isVisible());
    }

    // The rules themselves, over a test list of built-in models.
    void offerRules() {
        const std::vector<BuiltinModel> builtins = builtinModels();
        const ShownModel english{QStringLiteral("gpt"), QStringLiteral("en"), true};
        QCOMPARE(chineseModelToOffer(english, "en", QStringLiteral("我们去北京"), builtins),
                 QStringLiteral("gpt-zh"));
        QCOMPARE(chineseModelToOffer(english, "zh_CN", QStringLiteral("The cat"), builtins),
                 QStringLiteral("gpt-zh"));
        QVERIFY(
            chineseModelToOffer(english, "en", QStringLiteral("The cat 猫"), builtins).isEmpty());
        const ShownModel chinese{QStringLiteral("gpt-zh"), QStringLiteral("zh"), true};
        QVERIFY(chineseModelToOffer(chinese, "zh_CN", QStringLiteral("我们"), builtins).isEmpty());
        // No Chinese model installed: nothing to offer.
        std::vector<BuiltinModel> english_only;
        for (const BuiltinModel& builtin : builtins) {
            if (builtin.language != "zh") {
                english_only.push_back(builtin);
            }
        }
        QVERIFY(
            chineseModelToOffer(english, "zh_CN", QStringLiteral("我们"), english_only).isEmpty());
        QVERIFY(mostlyHan(QStringLiteral("老师说: OK!")));
        QVERIFY(!mostlyHan(QStringLiteral("123 ...")));
    }

  private:
    std::unique_ptr<MainWindow> open(const QString& model, const QString& text) {
        return test::openWindow(dir_.filePath(QStringLiteral("settings-%1.ini").arg(++windows_)),
                                model, text);
    }

    QTemporaryDir dir_;
    QString chineseFolder_;
    int windows_ = 0;
};

QTEST_MAIN(TestChineseViews)
#include "tst_chinese_views.moc"
