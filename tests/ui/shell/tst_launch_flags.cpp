// The launch flags for people: `attention-atlas --model gpt --text "..." --layer 3 --head 4
// [--present] [--lesson NAME]` opens the window ready; --help lists at most 15 options and
// keeps the automation options (--focus, --screenshot, ...) hidden; mistakes exit with 2.
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "AttentionSelection.h"
#include "UiFixtures.h"
#include "classroom/ClassroomViews.h"
#include "classroom/Lessons.h"
#include "shell/LaunchRequest.h"
#include "shell/MainWindow.h"

using namespace atlas;
using namespace atlas::ui;

class TestLaunchFlags : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void helpListsFewOptions();
    void badFlagsExitWithTwo_data();
    void badFlagsExitWithTwo();
    void lessonsByNameOrNumber();
    void layerAndHeadFocusTheHead();
    void lessonByNameStartsIt();

  private:
    QProcess* runGui(const QStringList& arguments);
    QTemporaryDir dir_;
    QString modelFolder_;
};

void TestLaunchFlags::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    modelFolder_ = atlas::test::writeTinyGptFolder(dir_.filePath("tiny-gpt"), 2, 4);
}

QProcess* TestLaunchFlags::runGui(const QStringList& arguments) {
    auto* process = new QProcess(this);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    environment.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dir_.filePath(QStringLiteral("config")));
    process->setProcessEnvironment(environment);
    process->start(QStringLiteral(ATLAS_GUI_PATH), arguments);
    process->waitForFinished(60000);
    return process;
}

void TestLaunchFlags::helpListsFewOptions() {
    QProcess* process = runGui({QStringLiteral("--help")});
    QCOMPARE(process->exitCode(), 0);
    const QString help = QString::fromUtf8(process->readAllStandardOutput());
    // One line per option: "  -h, --help" or "  --model <M>".
    const QRegularExpression option(QStringLiteral("^\\s+(-\\w, )?--[\\w-]+"),
                                    QRegularExpression::MultilineOption);
    int options = 0;
    QStringList names;
    for (auto match = option.globalMatch(help); match.hasNext();) {
        names << match.next().captured(0).trimmed();
        ++options;
    }
    QVERIFY2(options <= 15, qPrintable(names.join(QLatin1Char(' '))));
    for (const char* shown :
         {"--model", "--text", "--layer", "--head", "--present", "--lesson", "--language"}) {
        QVERIFY2(help.contains(QLatin1String(shown)), shown);
    }
    for (const char* hidden :
         {"--focus", "--screenshot", "--hover", "--grid-zoom", "--step", "--text-scale"}) {
        QVERIFY2(!help.contains(QLatin1String(hidden) + QLatin1Char(' ')) &&
                     !help.contains(QLatin1String(hidden) + QLatin1Char('<')),
                 hidden);
    }
    // The lessons' names are listed with --lesson.
    QVERIFY(help.contains(QStringLiteral("syntactic-heads")));
}

void TestLaunchFlags::badFlagsExitWithTwo_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::addRow("layer") << QStringList{"--layer", "x"}
                           << "error: --layer expects a number from 0, got 'x'";
    QTest::addRow("head") << QStringList{"--head", "-1"}
                          << "error: --head expects a number from 0, got '-1'";
    QTest::addRow("text scale") << QStringList{"--text-scale", "big"}
                                << "error: --text-scale expects a number above 0, got 'big'";
    QTest::addRow("lesson") << QStringList{"--lesson", "cooking"}
                            << "error: --lesson: no lesson 'cooking' (the lessons are "
                               "positional-heads, syntactic-heads";
}

void TestLaunchFlags::badFlagsExitWithTwo() {
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QProcess* process = runGui(QStringList{"--model", modelFolder_} + arguments);
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(process->exitCode(), 2);
    const QString err = QString::fromUtf8(process->readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
}

void TestLaunchFlags::lessonsByNameOrNumber() {
    int lesson = -1;
    int step = -1;
    QVERIFY(resolveLaunchLesson(QStringLiteral("causal-mask"), lesson, step, nullptr));
    QCOMPARE(lesson, 2);
    QCOMPARE(step, 0);
    QVERIFY(resolveLaunchLesson(QStringLiteral("Syntactic heads"), lesson, step, nullptr));
    QCOMPARE(lesson, 1);
    QVERIFY(resolveLaunchLesson(QStringLiteral("1:2"), lesson, step, nullptr));  // screenshots
    QCOMPARE(lesson, 1);
    QCOMPARE(step, 2);
    QString error;
    QVERIFY(!resolveLaunchLesson(QStringLiteral("9:9"), lesson, step, &error));
    QVERIFY(error.contains(QStringLiteral("positional-heads")));
    QCOMPARE(parseLaunchIndex(QStringLiteral("3"), QStringLiteral("--layer"), nullptr), 3);
    QVERIFY(!parseLaunchIndex(QStringLiteral("3.5"), QStringLiteral("--layer"), nullptr));
}

void TestLaunchFlags::layerAndHeadFocusTheHead() {
    auto window = atlas::test::openWindow(dir_.filePath(QStringLiteral("focus.ini")), modelFolder_,
                                          QStringLiteral("the cat sat on the mat"));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
    LaunchRequest request;
    request.layer = 1;
    request.column = 3;
    applyLaunchRequest(*window, request);
    QCOMPARE(window->selection().currentLayer(), 1);
    QCOMPARE(window->selection().currentColumn(), 3);
    // A head the model does not have is reported, not applied.
    request.column = 9;
    applyLaunchRequest(*window, request);
    QCOMPARE(window->selection().currentColumn(), 3);
    QVERIFY(window->messageText().contains(QStringLiteral("--head 9")));
}

void TestLaunchFlags::lessonByNameStartsIt() {
    auto window = atlas::test::openWindow(dir_.filePath(QStringLiteral("lesson.ini")),
                                          QStringLiteral("gpt"), QStringLiteral("Hello there."));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
    QSignalSpy applied(window->classroom(), &ClassroomViews::stepApplied);
    LaunchRequest request;
    request.lesson = QStringLiteral("syntactic-heads");
    applyLaunchRequest(*window, request);
    QTRY_VERIFY_WITH_TIMEOUT(applied.count() == 1, 30000);
    QCOMPARE(applied.first().at(0).toInt(), 1);
    QCOMPARE(window->classroom()->lessonCaption(), lessons()[1].steps[0].caption);
}

QTEST_MAIN(TestLaunchFlags)
#include "tst_launch_flags.moc"
