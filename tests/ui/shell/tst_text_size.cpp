// View ▸ Text size: Ctrl + / Ctrl - / Ctrl 0 scale the interface's font, the walkthrough and the
// presentation, and the size is remembered in the settings.
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "UiFixtures.h"
#include "grid/HeadGridView.h"
#include "head/HeadHeatmapView.h"
#include "shell/MainWindow.h"
#include "shell/TextSize.h"
#include "tokens/TokenChipsView.h"
#include "tokens/TokenLinesView.h"
#include "walkthrough/PresentationWindow.h"
#include "walkthrough/WalkthroughHooks.h"
#include "walkthrough/WalkthroughView.h"

using namespace atlas;
using namespace atlas::ui;

class TestTextSize : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void stepsAndRemembers();
    void menuActionsScaleTheWindowAndThePresentation();
    void paintedTypeFollowsTheTextSize();

  private:
    QTemporaryDir dir_;
    QString modelFolder_;
};

void TestTextSize::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    modelFolder_ = atlas::test::writeTinyGptFolder(dir_.filePath("tiny-gpt"), 2, 2);
}

void TestTextSize::stepsAndRemembers() {
    const double base = QApplication::font().pointSizeF();
    QVERIFY(base > 0);
    QSettings settings(dir_.filePath(QStringLiteral("size.ini")), QSettings::IniFormat);
    {
        TextSize size(&settings);
        QCOMPARE(size.scale(), 1.0);
        size.larger();
        size.larger();
        QCOMPARE(size.scale(), 1.3);
        QCOMPARE(QApplication::font().pointSizeF(), base * 1.3);
        size.smaller();
        QCOMPARE(size.scale(), 1.15);
        for (int i = 0; i < 20; ++i) {
            size.larger();  // stops at the largest
        }
        QCOMPARE(size.scale(), 2.5);
        size.setScale(1.5);
    }
    // Gone with its window: the font is the system's again; the size is remembered.
    QCOMPARE(QApplication::font().pointSizeF(), base);
    QCOMPARE(settings.value("textScale").toDouble(), 1.5);
    TextSize again(&settings);
    QCOMPARE(again.scale(), 1.5);
    QCOMPARE(QApplication::font().pointSizeF(), base * 1.5);
    again.reset();
    QCOMPARE(QApplication::font().pointSizeF(), base);
    // A hand-edited setting cannot make the interface unreadable.
    settings.setValue("textScale", 40.0);
    QCOMPARE(TextSize(&settings).scale(), 2.5);
}

void TestTextSize::menuActionsScaleTheWindowAndThePresentation() {
    const double base = QApplication::font().pointSizeF();
    const QString settingsFile = dir_.filePath(QStringLiteral("window.ini"));
    {
        auto window = atlas::test::openWindow(settingsFile, modelFolder_,
                                              QStringLiteral("the cat sat"), true);
        QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
        auto* larger = window->findChild<QAction*>(QStringLiteral("textSizeLarger"));
        auto* normal = window->findChild<QAction*>(QStringLiteral("textSizeNormal"));
        QVERIFY(larger && normal);
        QCOMPARE(larger->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Plus));
        QCOMPARE(normal->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_0));
        WalkthroughView* view = window->walkthrough()->view();
        const double figureFont = view->figureFontPixelSize();
        larger->trigger();
        larger->trigger();
        QCOMPARE(window->textSize()->scale(), 1.3);
        QCOMPARE(QApplication::font().pointSizeF(), base * 1.3);
        QTRY_COMPARE(window->font().pointSizeF(), base * 1.3);  // the widgets follow
        QCOMPARE(view->figureFontPixelSize(), figureFont * 1.3);
        window->walkthrough()->enterPresentation();
        PresentationWindow* presentation = window->walkthrough()->presentation();
        QVERIFY(presentation);
        QCOMPARE(presentation->sentenceLabel()->font().pixelSize(), 52);  // 40 px times 1.3
        QCOMPARE(presentation->view()->textScale(), 1.3);
        window->walkthrough()->leavePresentation();
    }
    // The next start reads it back.
    auto window =
        atlas::test::openWindow(settingsFile, modelFolder_, QStringLiteral("the cat sat"), true);
    QCOMPARE(window->textSize()->scale(), 1.3);
    window->findChild<QAction*>(QStringLiteral("textSizeNormal"))->trigger();
    QCOMPARE(QApplication::font().pointSizeF(), base);
}

// The views that paint their type in pixels, which the application font does not reach, and the
// sentence box, whose larger type is set on it, follow the text size too.
void TestTextSize::paintedTypeFollowsTheTextSize() {
    auto window =
        atlas::test::openWindow(dir_.filePath(QStringLiteral("painted.ini")), modelFolder_,
                                QStringLiteral("the cat sat on the mat"), false);
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
    TextSize* size = window->textSize();
    QCOMPARE(size->scale(), 1.0);
    TokenChipsView* chips = window->chipsView();
    HeadGridView* grid = window->gridView();
    TokenLinesView* lines = window->linesView();
    HeadHeatmapView* heatmap = window->heatmapView();
    const int chipPixels = chips->chipFont().pixelSize();
    const int chipsHeight = chips->heightForWidth(600);
    const int gridPixels = grid->labelFont().pixelSize();
    const int layerLabelWidth = grid->layerLabelRect(0).width();
    const double linePixels = lines->figureFontPixelSize();
    const int linesHeight = lines->sizeHint().height();
    const int axisPixels = heatmap->xAxis->labelFont().pixelSize();
    const double sentencePoints = window->sentenceEdit()->font().pointSizeF();
    QVERIFY(chipPixels > 0 && gridPixels > 0 && linePixels > 0 && axisPixels > 0);

    size->setScale(2.0);
    QCOMPARE(chips->chipFont().pixelSize(), 2 * chipPixels);
    QVERIFY2(chips->heightForWidth(600) > chipsHeight, "the chips grow with their type");
    QCOMPARE(grid->labelFont().pixelSize(), 2 * gridPixels);
    QVERIFY2(grid->layerLabelRect(0).width() > layerLabelWidth, "the layer labels widen");
    QCOMPARE(lines->figureFontPixelSize(), 2 * linePixels);
    QVERIFY2(lines->sizeHint().height() > linesHeight, "the token rows grow");
    QCOMPARE(heatmap->xAxis->labelFont().pixelSize(), 2 * axisPixels);
    QTRY_COMPARE(window->sentenceEdit()->font().pointSizeF(), 2 * sentencePoints);

    size->reset();
    QCOMPARE(chips->chipFont().pixelSize(), chipPixels);
    QCOMPARE(chips->heightForWidth(600), chipsHeight);
    QCOMPARE(grid->labelFont().pixelSize(), gridPixels);
    QCOMPARE(lines->figureFontPixelSize(), linePixels);
    QCOMPARE(heatmap->xAxis->labelFont().pixelSize(), axisPixels);
    QTRY_COMPARE(window->sentenceEdit()->font().pointSizeF(), sentencePoints);
}

QTEST_MAIN(TestTextSize)
#include "tst_text_size.moc"
