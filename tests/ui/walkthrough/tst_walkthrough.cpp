// The head walkthrough in the window and presentation mode: the tab follows the focused head,
// the presentation opens full screen in large type, the keyboard walks the steps, Esc leaves;
// the steps export as one file per step or a PDF with a page per step (library and CLI).
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
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
#include "walkthrough/TokenSelection.h"
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

// The height of the part of an image that is not white: the drawn figure on its page.
int inkHeight(const QImage& image) {
    int first = -1;
    int last = -1;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); x += 2) {
            if (image.pixelColor(x, y) != QColor(Qt::white)) {
                first = first < 0 ? y : first;
                last = y;
                break;
            }
        }
    }
    return first < 0 ? 0 : last - first + 1;
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
    void tokenListsParse_data();
    void tokenListsParse();
    void chosenRowsAndColumnsShow();
    void cliExportsChosenRowsAndColumns();
    void cliRejectsBadTokenLists_data();
    void cliRejectsBadTokenLists();
    void slidePresetGivesOneSixteenByNineSize_data();
    void slidePresetGivesOneSixteenByNineSize();
    void stepsWithoutPresetShareOneSize();
    void cliWritesChineseLabels();
    void viewPicksRowsAndColumns();

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
    return atlas::test::openWindow(dir_.filePath(QStringLiteral("settings-%1.ini").arg(++windows_)),
                                   modelFolder_, text);
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
    const MapView shown = window->snapshot()->map(1, 2);
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

void TestWalkthrough::tokenListsParse_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("expected");  // tokenIndicesText, or a part of the error
    QTest::addRow("one") << "8" << 14 << true << "8";
    QTest::addRow("range") << "0-12" << 14 << true << "0–12";
    QTest::addRow("en dash") << "0–3" << 14 << true << "0–3";
    QTest::addRow("list") << "5, 1,3-4,3" << 14 << true << "1, 3–5";
    QTest::addRow("empty") << "" << 14 << true << "";
    QTest::addRow("past the end") << "2-14" << 14 << false << "token 14 is out of range";
    QTest::addRow("backwards") << "9-2" << 14 << false << "runs backwards";
    QTest::addRow("word") << "it" << 14 << false << "'it' is not a token index";
    QTest::addRow("negative") << "-3" << 14 << false << "not a token index";
    QTest::addRow("empty item") << "1,,2" << 14 << false << "an empty item";
    QTest::addRow("no count") << "0-400" << -1 << true << "0–400";
}

void TestWalkthrough::tokenListsParse() {
    QFETCH(QString, text);
    QFETCH(int, tokens);
    QFETCH(bool, valid);
    QFETCH(QString, expected);
    QString error;
    const auto indices = parseTokenIndices(text, tokens, QStringLiteral("--rows"), &error);
    QCOMPARE(indices.has_value(), valid);
    if (valid) {
        QCOMPARE(tokenIndicesText(*indices), expected);
    } else {
        QVERIFY2(error.startsWith(QStringLiteral("--rows: ")), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }
}

void TestWalkthrough::chosenRowsAndColumnsShow() {
    // Query row 8 against key columns 0-12: a figure of one row and thirteen columns, whatever
    // the window would have shown.
    const auto model = Model::load(modelFolder_.toStdString());
    const HeadWalkthrough walk =
        headWalkthrough(*model, "the cat sat on the mat and the dog sat on the log too", 1, 1);
    QVERIFY(walk.tokenCount() >= 14);
    WalkthroughFigureOptions narrow = slideFigureOptions();
    WalkthroughFigureOptions chosen = narrow;
    chosen.queryTokens = {8};
    chosen.keyTokens = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    int softmax = -1;
    for (int s = 0; s < int(walk.steps.size()); ++s) {
        if (walk.steps[s].kind == WalkthroughStepKind::Softmax) {
            softmax = s;
        }
    }
    QVERIFY(softmax >= 0);
    const WalkthroughFigure all(walk, softmax, narrow);
    const WalkthroughFigure one(walk, softmax, chosen);
    // Twelve rows of the window against one: the chosen figure is much shorter.
    QVERIFY2(
        one.size().height() < all.size().height() - 200,
        qPrintable(QStringLiteral("%1 vs %2").arg(one.size().height()).arg(all.size().height())));
    // Only the key columns: a row of 3 tokens against 1 query is narrower than 13 columns.
    WalkthroughFigureOptions fewKeys = chosen;
    fewKeys.keyTokens = {0, 1, 2};
    QVERIFY(WalkthroughFigure(walk, softmax, fewKeys).size().width() < one.size().width());
}

void TestWalkthrough::cliExportsChosenRowsAndColumns() {
    const QString out = dir_.filePath(QStringLiteral("chosen.png"));
    const QString text = QStringLiteral("the cat sat on the mat and the dog sat on the log too");
    QProcess* process =
        runCli({"--model", modelFolder_, "--text", text, "--view", "steps", "--layer", "1",
                "--head", "1", "--rows", "8", "--columns", "0-12", "--out", out});
    QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
    QProcess* all = runCli({"--model", modelFolder_, "--text", text, "--view", "steps", "--layer",
                            "1", "--head", "1", "--out", dir_.filePath(QStringLiteral("all.png"))});
    QVERIFY2(all->exitCode() == 0, all->readAllStandardError().constData());
    // The softmax step: one query row instead of twelve, so far less of the page is drawn on.
    const QImage chosenImage(walkthroughStepPaths(out, 9)[6]);
    const QImage allImage(walkthroughStepPaths(dir_.filePath(QStringLiteral("all.png")), 9)[6]);
    QVERIFY(!chosenImage.isNull() && !allImage.isNull());
    QCOMPARE(chosenImage.width(), allImage.width());
    QVERIFY2(inkHeight(chosenImage) < inkHeight(allImage) * 0.7,
             qPrintable(
                 QStringLiteral("%1 vs %2").arg(inkHeight(chosenImage)).arg(inkHeight(allImage))));
}

void TestWalkthrough::cliRejectsBadTokenLists_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::addRow("malformed") << QStringList{"--rows", "8-x"} << 2
                               << "error: --rows: '8-x' is not a token index";
    QTest::addRow("backwards") << QStringList{"--columns", "5-1"} << 2
                               << "error: --columns: the range '5-1' runs backwards";
    QTest::addRow("past the end") << QStringList{"--columns", "0-40"} << 1
                                  << "error: --columns: token 40 is out of range: the text has "
                                     "tokens 0-";
    QTest::addRow("not steps") << QStringList{"--rows", "1", "--view", "head"} << 2
                               << "error: options --rows and --columns choose the tokens";
}

void TestWalkthrough::cliRejectsBadTokenLists() {
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString out = dir_.filePath(QStringLiteral("bad-list.png"));
    QStringList all{"--model", modelFolder_, "--text", "The cat sat.", "--out", out};
    if (!arguments.contains(QStringLiteral("--view"))) {
        all << QStringLiteral("--view") << QStringLiteral("steps");
    }
    QProcess* process = runCli(all + arguments);
    const QString err = QString::fromUtf8(process->readAllStandardError());
    QCOMPARE(process->exitCode(), exitCode);
    QVERIFY2(err.startsWith(message), qPrintable(err));
    QVERIFY(!QFile::exists(walkthroughStepPaths(out, 1).first()));
}

void TestWalkthrough::slidePresetGivesOneSixteenByNineSize_data() {
    QTest::addColumn<QString>("view");
    QTest::addColumn<QString>("width");  // empty: the default
    QTest::addColumn<QSize>("size");
    QTest::addRow("steps") << "steps"
                           << "" << QSize(1920, 1080);
    QTest::addRow("steps 1280") << "steps"
                                << "1280" << QSize(1280, 720);
    QTest::addRow("head") << "head"
                          << "" << QSize(1920, 1080);
    QTest::addRow("grid") << "grid"
                          << "" << QSize(1920, 1080);
    QTest::addRow("layer 1600") << "layer"
                                << "1600" << QSize(1600, 900);
    QTest::addRow("lines") << "lines"
                           << "" << QSize(1920, 1080);
}

void TestWalkthrough::slidePresetGivesOneSixteenByNineSize() {
    QFETCH(QString, view);
    QFETCH(QString, width);
    QFETCH(QSize, size);
    const QString out = dir_.filePath(QStringLiteral("slide-%1-%2/walk.png").arg(view, width));
    QVERIFY(QDir().mkpath(QFileInfo(out).path()));
    QStringList arguments{"--model",  modelFolder_, "--text",  "The cat sat on the mat.",
                          "--view",   view,         "--layer", "1",
                          "--preset", "slide",      "--out",   out};
    if (!width.isEmpty()) {
        arguments << QStringLiteral("--width") << width;
    }
    QProcess* process = runCli(arguments);
    QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
    const QStringList files =
        view == QLatin1String("steps") ? walkthroughStepPaths(out, 9) : QStringList{out};
    for (const QString& file : files) {
        const QImage image(file);
        QVERIFY2(!image.isNull(), qPrintable(file));
        QCOMPARE(image.size(), size);
        // The figure fills the slide: something is drawn on both halves.
        QCOMPARE(image.pixelColor(0, 0), QColor(Qt::white));
    }
    if (view == QLatin1String("steps")) {
        QCOMPARE(QFileInfo(files.first()).fileName(), QStringLiteral("walk-01.png"));
        QCOMPARE(QFileInfo(files.last()).fileName(), QStringLiteral("walk-09.png"));
    }
}

void TestWalkthrough::stepsWithoutPresetShareOneSize() {
    const auto model = Model::load(modelFolder_.toStdString());
    const HeadWalkthrough walk = headWalkthrough(*model, "the cat sat on the mat", 1, 1);
    const QString path = dir_.filePath(QStringLiteral("same-size.png"));
    const WalkthroughExportResult result = exportWalkthrough(walk, slideFigureOptions(), path, 900);
    QVERIFY2(result.ok, qPrintable(result.error));
    const QSize first = QImage(result.files.first()).size();
    for (const QString& file : result.files) {
        QCOMPARE(QImage(file).size(), first);
    }
}

void TestWalkthrough::cliWritesChineseLabels() {
    // SVG keeps the text as text, so the labels can be read back.
    for (const QString& view : {QStringLiteral("head"), QStringLiteral("steps")}) {
        QByteArray svg[2];
        for (int language = 0; language < 2; ++language) {
            const QString code = language == 0 ? QStringLiteral("en") : QStringLiteral("zh_CN");
            const QString out = dir_.filePath(QStringLiteral("lang-%1-%2.svg").arg(view, code));
            QProcess* process =
                runCli({"--model", modelFolder_, "--text", "The cat sat.", "--view", view,
                        "--layer", "1", "--head", "1", "--language", code, "--out", out});
            QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
            QFile file(view == QLatin1String("steps") ? walkthroughStepPaths(out, 9)[6] : out);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            svg[language] = file.readAll();
        }
        QVERIFY2(!svg[0].contains("注意力头"), qPrintable(view));
        QVERIFY2(svg[1].contains("注意力头"), qPrintable(view));  // "Head" as the window says it
        QVERIFY2(svg[0].contains("Head"), qPrintable(view));
    }
    QProcess* process = runCli({"--model", modelFolder_, "--text", "The cat sat.", "--view", "head",
                                "--language", "fr", "--out", dir_.filePath("fr.png")});
    QCOMPARE(process->exitCode(), 2);
}

void TestWalkthrough::viewPicksRowsAndColumns() {
    auto window = openWindow(QStringLiteral("the cat sat on the mat and the dog sat on the log"));
    auto* view = window->findChild<WalkthroughView*>();
    QVERIFY(view);
    view->show();
    QTRY_VERIFY(view->walkthrough() != nullptr);
    QList<QLineEdit*> fields{view->findChild<QLineEdit*>(QStringLiteral("queryRows")),
                             view->findChild<QLineEdit*>(QStringLiteral("keyColumns"))};
    QVERIFY(fields[0] && fields[1]);
    fields[0]->setText(QStringLiteral("8"));
    fields[1]->setText(QStringLiteral("0-5"));
    QVERIFY(view->applyTokenChoice());
    QCOMPARE(view->queryTokens(), std::vector<int>{8});
    QCOMPARE(view->keyTokens(), (std::vector<int>{0, 1, 2, 3, 4, 5}));
    QCOMPARE(view->figureOptions().queryTokens, std::vector<int>{8});
    // A mistake is marked and keeps the last good choice.
    fields[1]->setText(QStringLiteral("0-99"));
    QVERIFY(!view->applyTokenChoice());
    QCOMPARE(view->keyTokens(), (std::vector<int>{0, 1, 2, 3, 4, 5}));
    QVERIFY(fields[1]->toolTip().contains(QStringLiteral("out of range")));
    view->setTokenChoice({}, {});
    QVERIFY(view->figureOptions().keyTokens.empty());
}

QTEST_MAIN(TestWalkthrough)
#include "tst_walkthrough.moc"
