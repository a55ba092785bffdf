// The head walkthrough in the window and presentation mode: the tab follows the focused head,
// the presentation opens full screen in large type, the keyboard walks the steps, Esc leaves;
// the steps export as one file per step or a PDF with a page per step (library and CLI).
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "UiFixtures.h"
#include "model/HeadWalkthrough.h"
#include "model/Model.h"
#include "shell/MainWindow.h"
#include "walkthrough/PresentationWindow.h"
#include "walkthrough/WalkthroughExport.h"
#include "walkthrough/WalkthroughFigure.h"
#include "walkthrough/WalkthroughHooks.h"
#include "walkthrough/WalkthroughView.h"

using namespace atlas;
using namespace atlas::ui;

namespace {

// Pages of a PDF: objects of /Type /Page (not /Pages).
int pdfPageCount(const QByteArray& bytes) {
    int count = 0;
    for (qsizetype at = bytes.indexOf("/Type /Page"); at >= 0;
         at = bytes.indexOf("/Type /Page", at + 1)) {
        if (bytes.mid(at + 11, 1) != "s") {
            ++count;
        }
    }
    return count;
}

}  // namespace

class TestWalkthrough : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void tabFollowsTheFocusedHead();
    void presentationOpensFullScreenAndWalksTheSteps();
    void upAndDownChangeTheHead();
    void longSentencesShowATokenWindow();
    void numbersPrintReadably();
    void exportWritesAFilePerStep_data();
    void exportWritesAFilePerStep();
    void cliExportsTheSteps_data();
    void cliExportsTheSteps();
    void cliRejectsABadHead();

  private:
    std::unique_ptr<MainWindow> openWindow(const QString& text);
    QProcess* runCli(const QStringList& arguments);

    QTemporaryDir dir_;
    QString modelFolder_;
    int windows_ = 0;
};

void TestWalkthrough::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    modelFolder_ = atlas::test::writeTinyGptFolder(dir_.filePath("tiny-gpt"), 2, 4);
}

std::unique_ptr<MainWindow> TestWalkthrough::openWindow(const QString& text) {
    return atlas::test::openWindow(
        dir_.filePath(QStringLiteral("settings-%1.ini").arg(++windows_)), modelFolder_, text);
}

void TestWalkthrough::tabFollowsTheFocusedHead() {
    auto window = openWindow(QStringLiteral("The cat sat on the mat."));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    WalkthroughHooks* hooks = window->walkthrough();
    QVERIFY(hooks);
    hooks->showWalkthrough();
    WalkthroughView* view = hooks->view();
    QVERIFY(view->isVisible());
    window->selection().setCurrent(1, 2);
    const HeadWalkthrough* walk = view->walkthrough();
    QVERIFY(walk);
    QCOMPARE(walk->layer, 1);
    QCOMPARE(walk->head, 2);
    QCOMPARE(int(walk->steps.size()), 9);  // causal: the mask step is there
    // The softmax step is the map the grid shows for that head.
    const Matrix& shown = window->snapshot()->map(1, 2);
    const Matrix& softmax = walk->step(WalkthroughStepKind::Softmax)->matrices[0].values;
    QCOMPARE(softmax.rows(), shown.rows());
    for (Eigen::Index i = 0; i < shown.rows(); ++i) {
        for (Eigen::Index j = 0; j < shown.cols(); ++j) {
            QVERIFY(std::abs(softmax(i, j) - shown(i, j)) < 1e-5f);
        }
    }
    // An aggregate column is not one head: the view says so instead of walking.
    window->selection().setCurrent(0, window->snapshot()->headCount());
    QVERIFY(view->walkthrough() == nullptr);
    QVERIFY(view->message().contains(QStringLiteral("one head")));
}

void TestWalkthrough::presentationOpensFullScreenAndWalksTheSteps() {
    auto window = openWindow(QStringLiteral("The cat sat on the mat."));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    window->selection().setCurrent(0, 1);
    window->walkthrough()->enterPresentation();
    PresentationWindow* presentation = window->walkthrough()->presentation();
    QVERIFY(presentation);
    QVERIFY(presentation->isVisible());
    QVERIFY(presentation->isFullScreen());
    QVERIFY(QTest::qWaitForWindowActive(presentation));
    QVERIFY(presentation->isWindow());
    // Type for the back of a room: well above the window's own font.
    const int windowPixels = QFontInfo(window->font()).pixelSize();
    QVERIFY(QFontInfo(presentation->sentenceLabel()->font()).pixelSize() >= 2 * windowPixels);
    QVERIFY(presentation->view()->figureFontPixelSize() >=
            2 * window->walkthrough()->view()->figureFontPixelSize() - 0.5);
    QCOMPARE(presentation->sentenceLabel()->text(), QStringLiteral("The cat sat on the mat."));

    WalkthroughView* view = presentation->view();
    const int steps = view->stepCount();
    QCOMPARE(steps, 9);
    QCOMPARE(view->step(), 0);
    QTest::keyClick(presentation, Qt::Key_Right);
    QCOMPARE(view->step(), 1);
    QTest::keyClick(presentation, Qt::Key_Space);
    QCOMPARE(view->step(), 2);
    QTest::keyClick(presentation, Qt::Key_PageDown);
    QCOMPARE(view->step(), 3);
    QTest::keyClick(presentation, Qt::Key_Left);
    QCOMPARE(view->step(), 2);
    QTest::keyClick(presentation, Qt::Key_End);
    QCOMPARE(view->step(), steps - 1);
    QTest::keyClick(presentation, Qt::Key_Right);  // stays on the last step
    QCOMPARE(view->step(), steps - 1);
    QTest::keyClick(presentation, Qt::Key_Home);
    QCOMPARE(view->step(), 0);
    // Every step is reachable with the keyboard alone.
    for (int s = 1; s < steps; ++s) {
        QTest::keyClick(presentation, Qt::Key_Space);
        QCOMPARE(view->step(), s);
        QVERIFY(
            view->stepTitle().startsWith(QStringLiteral("Step %1 of %2").arg(s + 1).arg(steps)));
    }
    QVERIFY(!presentation->grab().isNull());

    QTest::keyClick(presentation, Qt::Key_Escape);
    QVERIFY(!presentation->isVisible());
    QVERIFY(!window->walkthrough()->presenting());
    // The step carries over to the window's tab.
    QCOMPARE(window->walkthrough()->view()->step(), steps - 1);
}

void TestWalkthrough::upAndDownChangeTheHead() {
    auto window = openWindow(QStringLiteral("The cat sat."));
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 10000);
    window->selection().setCurrent(0, 3);
    window->walkthrough()->enterPresentation();
    PresentationWindow* presentation = window->walkthrough()->presentation();
    QVERIFY(QTest::qWaitForWindowActive(presentation));
    QTest::keyClick(presentation, Qt::Key_Down);  // past the last head: layer 1, head 0
    QCOMPARE(window->selection().currentLayer(), 1);
    QCOMPARE(window->selection().currentColumn(), 0);
    QCOMPARE(presentation->view()->walkthrough()->layer, 1);
    QCOMPARE(presentation->view()->walkthrough()->head, 0);
    QTest::keyClick(presentation, Qt::Key_Up);
    QCOMPARE(window->selection().currentLayer(), 0);
    QCOMPARE(window->selection().currentColumn(), 3);
    QTest::keyClick(presentation, Qt::Key_F11);  // F11 leaves as well
    QVERIFY(!presentation->isVisible());
}

void TestWalkthrough::longSentencesShowATokenWindow() {
    const auto model = Model::load(modelFolder_.toStdString());
    const HeadWalkthrough walk = headWalkthrough(
        *model, "the cat sat on the mat and the dog sat on the log by the door", 0, 0);
    QVERIFY(walk.tokenCount() > 12);
    WalkthroughFigureOptions options;
    options.maxTokens = 6;
    options.firstToken = 3;
    const TokenWindow window =
        tokenWindow(walk.tokenCount(), options.firstToken, options.maxTokens);
    QCOMPARE(window.first, 3);
    QCOMPARE(window.count, 6);
    QCOMPARE(tokenWindow(walk.tokenCount(), 1000, 6).first, walk.tokenCount() - 6);
    QCOMPARE(tokenWindow(4, 2, 6).count, 4);
    // A window of tokens keeps the figure the size of a short sentence's.
    const int scores = int(std::distance(
        walk.steps.begin(),
        std::find_if(walk.steps.begin(), walk.steps.end(), [](const WalkthroughStep& s) {
            return s.kind == WalkthroughStepKind::Scores;
        })));
    WalkthroughFigureOptions all = options;
    all.maxTokens = 1000;
    const QSize windowed = WalkthroughFigure(walk, scores, options).size();
    const QSize full = WalkthroughFigure(walk, scores, all).size();
    QVERIFY(windowed.width() < full.width());
    QVERIFY(windowed.height() < full.height());
}

void TestWalkthrough::numbersPrintReadably() {
    QCOMPARE(walkthroughNumber(0.4249f), QStringLiteral("0.42"));
    QCOMPARE(walkthroughNumber(-1.236f), QStringLiteral("−1.24"));
    QCOMPARE(walkthroughNumber(12.34f), QStringLiteral("12.3"));
    QCOMPARE(walkthroughNumber(-123.4f), QStringLiteral("−123"));
    QCOMPARE(walkthroughNumber(-0.001f), QStringLiteral("0.00"));
    QCOMPARE(walkthroughNumber(-INFINITY), QStringLiteral("−∞"));
}

void TestWalkthrough::exportWritesAFilePerStep_data() {
    QTest::addColumn<QString>("suffix");
    QTest::addRow("png") << "png";
    QTest::addRow("svg") << "svg";
    QTest::addRow("pdf") << "pdf";
}

void TestWalkthrough::exportWritesAFilePerStep() {
    QFETCH(QString, suffix);
    const auto model = Model::load(modelFolder_.toStdString());
    const HeadWalkthrough walk = headWalkthrough(*model, "the cat sat on the mat", 1, 1);
    const int steps = int(walk.steps.size());
    const QString path = dir_.filePath(QStringLiteral("library-steps.%1").arg(suffix));
    const WalkthroughExportResult result =
        exportWalkthrough(walk, slideFigureOptions(), path, 1280);
    QVERIFY2(result.ok, qPrintable(result.error));
    if (suffix == QLatin1String("pdf")) {
        QCOMPARE(result.files, QStringList{path});
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QCOMPARE(pdfPageCount(bytes), steps);
        return;
    }
    QCOMPARE(result.files, walkthroughStepPaths(path, steps));
    QCOMPARE(result.files.size(), steps);
    for (const QString& file : result.files) {
        if (suffix == QLatin1String("png")) {
            QImage image(file);
            QVERIFY2(!image.isNull(), qPrintable(file));
            QCOMPARE(image.width(), 1280);
            QVERIFY(image.height() > 200);
        } else {
            QVERIFY2(QSvgRenderer(file).isValid(), qPrintable(file));
        }
    }
}

QProcess* TestWalkthrough::runCli(const QStringList& arguments) {
    auto* process = new QProcess(this);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    process->setProcessEnvironment(environment);
    process->start(QStringLiteral(ATLAS_CLI_PATH),
                   QStringList{QStringLiteral("export")} + arguments);
    process->waitForFinished(120000);
    return process;
}

void TestWalkthrough::cliExportsTheSteps_data() {
    QTest::addColumn<QString>("suffix");
    QTest::addRow("png") << "png";
    QTest::addRow("pdf") << "pdf";
}

void TestWalkthrough::cliExportsTheSteps() {
    QFETCH(QString, suffix);
    const QString out = dir_.filePath(QStringLiteral("cli-steps.%1").arg(suffix));
    QProcess* process =
        runCli({"--model", modelFolder_, "--text", "The cat sat on the mat.", "--view", "steps",
                "--layer", "1", "--head", "2", "--width", "1000", "--out", out});
    const QString err = QString::fromUtf8(process->readAllStandardError());
    const QString stdoutText = QString::fromUtf8(process->readAllStandardOutput());
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    QVERIFY2(process->exitCode() == 0, qPrintable(err));
    QVERIFY(err.isEmpty());
    const auto model = Model::load(modelFolder_.toStdString());
    const int steps = int(headWalkthrough(*model, "The cat sat on the mat.", 1, 2).steps.size());
    QCOMPARE(steps, 9);
    if (suffix == QLatin1String("pdf")) {
        QCOMPARE(stdoutText.trimmed(), QStringLiteral("wrote %1").arg(out));
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QCOMPARE(pdfPageCount(bytes), steps);
        return;
    }
    const QStringList files = walkthroughStepPaths(out, steps);
    QCOMPARE(stdoutText.count(QStringLiteral("wrote ")), steps);
    for (const QString& file : files) {
        QVERIFY2(stdoutText.contains(file), qPrintable(file));
        QImage image(file);
        QVERIFY2(!image.isNull(), qPrintable(file));
        QCOMPARE(image.width(), 1000);
    }
    QVERIFY(!QFile::exists(walkthroughStepPaths(out, steps + 1).last()));
}

void TestWalkthrough::cliRejectsABadHead() {
    const QString out = dir_.filePath(QStringLiteral("bad-steps.png"));
    QProcess* process = runCli({"--model", modelFolder_, "--text", "The cat sat.", "--view",
                                "steps", "--head", "7", "--out", out});
    QCOMPARE(process->exitCode(), 1);
    QVERIFY(QString::fromUtf8(process->readAllStandardError()).startsWith("error: --head 7"));
    QVERIFY(!QFile::exists(walkthroughStepPaths(out, 1).first()));
}

QTEST_MAIN(TestWalkthrough)
#include "tst_walkthrough.moc"
