// The window speaks the user's language: it follows a zh_CN locale, the Language menu switches
// at run time (menus, buttons, tabs, axis labels) and is remembered, and a built-in model says
// when a sentence is mostly not in the Latin script. Expected texts come from the .ts file.
#include <QApplication>
#include <QFile>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <QXmlStreamReader>
#include <utility>

#include <qcustomplot.h>
#include "UiFixtures.h"
#include "common/ScriptShare.h"
#include "head/HeadHeatmapView.h"
#include "model/Model.h"
#include "roles/HeadRolesModel.h"
#include "roles/HeadRolesPanel.h"
#include "shell/InterfaceLanguage.h"
#include "shell/MainWindow.h"
#include "shell/ViewTabs.h"

using namespace atlas;
using namespace atlas::ui;

namespace {

// What translations/attention-atlas_zh_CN.ts says `source` is in Chinese, read with an XML
// reader of its own.
QString chineseFor(const QString& context, const QString& source) {
    QFile file(QStringLiteral(ATLAS_SOURCE_DIR "/translations/attention-atlas_zh_CN.ts"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QXmlStreamReader xml(&file);
    QString currentContext;
    QString currentSource;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        if (xml.name() == QLatin1String("name")) {
            currentContext = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            currentSource = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation") && currentContext == context &&
                   currentSource == source) {
            return xml.readElementText();
        }
    }
    return {};
}

QStringList menuTitles(QMainWindow& window) {
    QStringList titles;
    for (QAction* action : window.menuBar()->actions()) {
        titles << action->text();
    }
    return titles;
}

const char* kWindow = "atlas::ui::MainWindow";
const char* kFileMenu = "atlas::ui::FileMenu";

}  // namespace

class TestLanguage : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void localesPickALanguage();
    void zhLocaleShowsChinese();
    void switchingAtRunTimeRetranslates();
    void theChoiceIsRemembered();
    void mostlyNonLatinSentencesGetANote_data();
    void mostlyNonLatinSentencesGetANote();
    void builtinModelSaysSoInTheWindow();

  private:
    std::unique_ptr<MainWindow> openWindow(const QString& settingsFile, bool restore);

    QTemporaryDir dir_;
    QString modelFolder_;
};

void TestLanguage::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    modelFolder_ = atlas::test::writeTinyGptFolder(dir_.filePath(QStringLiteral("tiny-gpt")));
    // main() set a Chinese environment before the application started.
    QCOMPARE(QLocale::system().language(), QLocale::Chinese);
    QVERIFY(!chineseFor(kFileMenu, QStringLiteral("&File")).isEmpty());
}

std::unique_ptr<MainWindow> TestLanguage::openWindow(const QString& settingsFile, bool restore) {
    return atlas::test::openWindow(settingsFile, modelFolder_,
                                   QStringLiteral("The cat sat on the mat."), restore);
}

void TestLanguage::localesPickALanguage() {
    QCOMPARE(languageForLocale(QLocale(QStringLiteral("zh_CN"))), QStringLiteral("zh_CN"));
    QCOMPARE(languageForLocale(QLocale(QStringLiteral("zh_TW"))), QStringLiteral("zh_CN"));
    QCOMPARE(languageForLocale(QLocale(QStringLiteral("en_GB"))), QStringLiteral("en"));
    QCOMPARE(languageForLocale(QLocale(QStringLiteral("de_DE"))), QStringLiteral("en"));
    QCOMPARE(resolveLanguage(QStringLiteral("en"), QLocale(QStringLiteral("zh_CN"))),
             QStringLiteral("en"));
    QCOMPARE(resolveLanguage(QString(), QLocale(QStringLiteral("zh_CN"))), QStringLiteral("zh_CN"));
    // A hand-edited or unknown setting follows the system instead of leaving the app mute.
    QCOMPARE(resolveLanguage(QStringLiteral("klingon"), QLocale(QStringLiteral("en_US"))),
             QStringLiteral("en"));
}

void TestLanguage::zhLocaleShowsChinese() {
    auto window = openWindow(dir_.filePath(QStringLiteral("fresh.ini")), true);
    QCOMPARE(window->interfaceLanguage(), QStringLiteral("zh_CN"));
    const QStringList menus = menuTitles(*window);
    // The File, Language and Help menus are classes of their own, so their titles are
    // translated in their contexts.
    const std::pair<const char*, const char*> titles[] = {{kFileMenu, "&File"},
                                                          {kWindow, "E&xamples"},
                                                          {kWindow, "&View"},
                                                          {"atlas::ui::HelpMenu", "&Help"},
                                                          {"atlas::ui::LanguageMenu", "&Language"}};
    for (const auto& [context, title] : titles) {
        const QString chinese = chineseFor(QString::fromUtf8(context), QString::fromUtf8(title));
        QVERIFY2(!chinese.isEmpty(), title);
        QVERIFY2(menus.contains(chinese), qPrintable(chinese + " not in " + menus.join(", ")));
    }
    QVERIFY(!menus.contains(QStringLiteral("&File")));
    QCOMPARE(window->viewTabs()->viewTitle(window->heatmapView()),
             chineseFor(kWindow, QStringLiteral("Focused head")));
    QCOMPARE(window->viewTabs()->tabText(0), chineseFor("atlas::ui::ViewTabs", "Head"));
    QCOMPARE(window->sentenceEdit()->placeholderText(),
             chineseFor("atlas::ui::SentenceBox", QStringLiteral("Type a sentence…")));
    QCOMPARE(window->rolesPanel()->analyzeButton()->text(),
             chineseFor("atlas::ui::HeadRolesPanel", QStringLiteral("&Analyze a treebank…")));
    QCOMPARE(window->heatmapView()->xAxis->label(),
             chineseFor("atlas::ui::HeadHeatmapView", QStringLiteral("key (attended to)")));
    // The status bar, built with arguments, speaks Chinese once the model is open.
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    QVERIFY2(window->statusText().contains(QStringLiteral("层")), qPrintable(window->statusText()));
}

void TestLanguage::switchingAtRunTimeRetranslates() {
    auto window = openWindow(dir_.filePath(QStringLiteral("switch.ini")), true);
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    QCOMPARE(window->interfaceLanguage(), QStringLiteral("zh_CN"));

    window->setInterfaceLanguage(QStringLiteral("en"));
    QCOMPARE(window->interfaceLanguage(), QStringLiteral("en"));
    QTRY_VERIFY(menuTitles(*window).contains(QStringLiteral("&File")));
    QVERIFY(menuTitles(*window).contains(QStringLiteral("&Language")));
    QCOMPARE(window->viewTabs()->viewTitle(window->heatmapView()), QStringLiteral("Focused head"));
    QCOMPARE(window->viewTabs()->tabText(0), QStringLiteral("Head"));
    QCOMPARE(window->sentenceEdit()->placeholderText(), QStringLiteral("Type a sentence…"));
    QCOMPARE(window->rolesPanel()->analyzeButton()->text(), QStringLiteral("&Analyze a treebank…"));
    QCOMPARE(window->heatmapView()->xAxis->label(), QStringLiteral("key (attended to)"));
    QCOMPARE(
        window->rolesPanel()->model()->headerData(HeadRolesModel::EntropyColumn, Qt::Horizontal),
        QVariant(QStringLiteral("Entropy")));
    QVERIFY2(window->statusText().contains(QStringLiteral("layers")),
             qPrintable(window->statusText()));
    // Texts of every menu item follow, not only the titles.
    QStringList items;
    for (QAction* menu : window->menuBar()->actions()) {
        for (QAction* action : menu->menu()->actions()) {
            items << action->text();
        }
    }
    QVERIFY2(items.contains(QStringLiteral("&Open model…")), qPrintable(items.join(", ")));

    // The group tabs and the view tabs inside them.
    auto allTabTexts = [&window]() {
        QStringList texts;
        for (QTabWidget* tabs : window->findChildren<QTabWidget*>()) {
            for (int i = 0; i < tabs->count(); ++i) {
                texts << tabs->tabText(i);
            }
        }
        return texts;
    };
    const QStringList englishTabs = allTabTexts();
    QVERIFY(englishTabs.size() >= 9);

    window->setInterfaceLanguage(QStringLiteral("zh_CN"));
    QTRY_VERIFY(menuTitles(*window).contains(chineseFor(kFileMenu, QStringLiteral("&File"))));
    // Every tab follows, the ones other views add included.
    const QStringList chineseTabs = allTabTexts();
    QCOMPARE(chineseTabs.size(), englishTabs.size());
    for (int i = 0; i < chineseTabs.size(); ++i) {
        QVERIFY2(chineseTabs[i] != englishTabs[i] && scriptShareOf(chineseTabs[i]).nonLatin > 0,
                 qPrintable(englishTabs[i] + " -> " + chineseTabs[i]));
    }
    QCOMPARE(window->viewTabs()->viewTitle(window->heatmapView()),
             chineseFor(kWindow, QStringLiteral("Focused head")));
    QCOMPARE(window->rolesPanel()->analyzeButton()->text(),
             chineseFor("atlas::ui::HeadRolesPanel", QStringLiteral("&Analyze a treebank…")));
    QCOMPARE(window->heatmapView()->xAxis->label(),
             chineseFor("atlas::ui::HeadHeatmapView", QStringLiteral("key (attended to)")));
    QCOMPARE(
        window->rolesPanel()->model()->headerData(HeadRolesModel::EntropyColumn, Qt::Horizontal),
        QVariant(chineseFor("atlas::ui::HeadRolesModel", QStringLiteral("Entropy"))));
    items.clear();
    for (QAction* menu : window->menuBar()->actions()) {
        for (QAction* action : menu->menu()->actions()) {
            items << action->text();
        }
    }
    QVERIFY2(items.contains(chineseFor(kFileMenu, QStringLiteral("&Open model…"))),
             qPrintable(items.join(", ")));
    QVERIFY(!items.contains(QStringLiteral("&Open model…")));
}

void TestLanguage::theChoiceIsRemembered() {
    const QString settings = dir_.filePath(QStringLiteral("remembered.ini"));
    {
        auto window = openWindow(settings, true);
        window->setInterfaceLanguage(QStringLiteral("en"));
        window->close();
    }
    QCOMPARE(QSettings(settings, QSettings::IniFormat).value("language").toString(),
             QStringLiteral("en"));
    {
        // English although the system is Chinese: the choice wins.
        auto window = openWindow(settings, true);
        QCOMPARE(window->interfaceLanguage(), QStringLiteral("en"));
        QVERIFY(menuTitles(*window).contains(QStringLiteral("&File")));
        window->setInterfaceLanguage(QString());  // follow the system again
        window->close();
    }
    auto window = openWindow(settings, true);
    QCOMPARE(window->interfaceLanguage(), QStringLiteral("zh_CN"));
}

void TestLanguage::mostlyNonLatinSentencesGetANote_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("note");
    QTest::addColumn<int>("script");
    QTest::newRow("english") << QStringLiteral("The cat sat on the mat.") << false
                             << int(QChar::Script_Unknown);
    QTest::newRow("chinese") << QStringLiteral("猫坐在垫子上，因为它累了。") << true
                             << int(QChar::Script_Han);
    // Two Latin words among many Chinese characters: still mostly Chinese.
    QTest::newRow("mixed, mostly chinese")
        << QStringLiteral("我用 GPT 模型看注意力头的分布情况") << true << int(QChar::Script_Han);
    QTest::newRow("mixed, mostly english")
        << QStringLiteral("The word 猫 means cat in Chinese") << false << int(QChar::Script_Han);
    QTest::newRow("russian") << QStringLiteral("Кошка сидела на коврике.") << true
                             << int(QChar::Script_Cyrillic);
    QTest::newRow("digits only") << QStringLiteral("1 2 3 4 5, 6!") << false
                                 << int(QChar::Script_Unknown);
}

void TestLanguage::mostlyNonLatinSentencesGetANote() {
    QFETCH(QString, text);
    QFETCH(bool, note);
    QFETCH(int, script);
    const ScriptShare share = scriptShareOf(text);
    QCOMPARE(mostlyNonLatin(share), note);
    QCOMPARE(int(share.mainNonLatin), script);
    QCOMPARE(builtinModelScriptNote(text).isEmpty(), !note);
}

void TestLanguage::builtinModelSaysSoInTheWindow() {
    // The tiny folder stands in for the model; the window is told it is the built-in "gpt".
    MainWindowOptions options;
    options.settingsFile = dir_.filePath(QStringLiteral("note.ini"));
    options.restoreSettings = false;
    options.loadModel = false;
    options.text = QStringLiteral("猫坐在垫子上，因为它累了。");
    options.language = QStringLiteral("en");
    MainWindow window(options);
    window.show();
    std::shared_ptr<const Model> model = Model::load(modelFolder_.toStdString());
    window.setModel(model, QStringLiteral("gpt"));
    QTRY_VERIFY_WITH_TIMEOUT(window.snapshot() != nullptr, 10000);
    QTRY_VERIFY(window.messageText().contains(QStringLiteral("Chinese characters")));
    QVERIFY(window.messageText().contains(QStringLiteral("English")));
    QVERIFY(window.snapshot() != nullptr);  // the heads are still shown, with the note

    // In Chinese the same note, in Chinese.
    window.setInterfaceLanguage(QStringLiteral("zh_CN"));
    QTRY_VERIFY(window.messageText().contains(QStringLiteral("汉字")));

    // An English sentence clears it.
    window.setInterfaceLanguage(QStringLiteral("en"));
    window.setText(QStringLiteral("The cat sat on the mat."));
    QTRY_VERIFY_WITH_TIMEOUT(window.messageText().isEmpty(), 10000);

    // A model folder of the user's own may well be trained on Chinese: no note.
    window.setModel(model, modelFolder_);
    window.setText(QStringLiteral("猫坐在垫子上。"));
    QTRY_VERIFY_WITH_TIMEOUT(
        window.snapshot() && window.snapshot()->text.startsWith(QStringLiteral("猫")), 10000);
    QVERIFY2(window.messageText().isEmpty(), qPrintable(window.messageText()));
}

int main(int argc, char** argv) {
    // A Chinese user's environment, before Qt reads it (the locale is read once, at start).
    qputenv("LANGUAGE", "zh_CN:zh");
    qputenv("LANG", "zh_CN.UTF-8");
    qunsetenv("LC_ALL");
    qunsetenv("LC_MESSAGES");
    QApplication app(argc, argv);
    TestLanguage test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_language.moc"
