// View ▸ Text size: Ctrl + / Ctrl - / Ctrl 0 scale the interface's font, the walkthrough and the
// presentation, and the size is remembered in the settings.
#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>
#include <QStatusBar>

#include "UiFixtures.h"
#include "attribution/AttributionHooks.h"
#include "attribution/AttributionPage.h"
#include "classroom/ClassroomViews.h"
#include "classroom/ClassroomWindow.h"
#include "classroom/CompareView.h"
#include "classroom/PredictionBarsView.h"
#include "classroom/PredictionsPanel.h"
#include "classroom/TrainingTimelineView.h"
#include "grid/HeadGridView.h"
#include "head/DistanceProfileHooks.h"
#include "head/DistanceProfileView.h"
#include "head/HeadHeatmapView.h"
#include "roles/HeadRolesPanel.h"
#include "shell/MainWindow.h"
#include "shell/TextSize.h"
#include "tokens/TokenChipsView.h"
#include "tokens/TokenLinesView.h"
#include "tokens/TokenPickerView.h"
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
    void plotsStatusBarAndClassroomFollowTheTextSize();
    void presentationAndRolesTableFitTheLargestSize();

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

namespace {

// Every font of a QCustomPlot's axes (labels and tick labels), in pixels.
QList<int> axisFontPixels(QCustomPlot* plot) {
    QList<int> pixels;
    for (QCPAxisRect* rect : plot->axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            pixels << axis->labelFont().pixelSize() << axis->tickLabelFont().pixelSize();
        }
    }
    return pixels;
}

// The font of every widget on the status bar, in points.
QList<double> statusBarPoints(QStatusBar* bar) {
    QList<double> points;
    for (QLabel* label : bar->findChildren<QLabel*>()) {
        points << label->font().pointSizeF();
    }
    return points;
}

}  // namespace

// What keeps a size of its own (the status bar's summaries, the Distance plot, the attribution
// figures, the classroom views) grows with the text size too.
void TestTextSize::plotsStatusBarAndClassroomFollowTheTextSize() {
    auto window = atlas::test::openWindow(dir_.filePath(QStringLiteral("plots.ini")), modelFolder_,
                                          QStringLiteral("the cat sat on the mat"), false);
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
    auto* attribution = window->findChild<AttributionHooks*>();
    QVERIFY(attribution);
    QSignalSpy computed(attribution, &AttributionHooks::computed);
    attribution->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!computed.isEmpty(), 20000);

    TextSize* size = window->textSize();
    QCustomPlot* distance = window->distanceProfile()->view()->plot();
    const QList<int> distancePixels = axisFontPixels(distance);
    QVERIFY(distancePixels.size() >= 8);
    const QList<double> statusPoints = statusBarPoints(window->statusBar());
    QVERIFY(statusPoints.size() >= 3);
    const QSize headsFigure = attribution->headsPage()->figureWidget()->size();
    const QSize lensFigure = attribution->lensPage()->figureWidget()->size();
    ClassroomViews* classroom = window->classroom();
    const int headline = classroom->predictions()->findChild<QLabel*>()->font().pixelSize();
    const int comparePixels = classroom->compareView()->findChild<QLabel*>()->font().pixelSize();
    const int timelinePixels = classroom->timelineView()->findChild<QLabel*>()->font().pixelSize();
    const int maskedAxis = classroom->predictions()->unmaskedView()->xAxis->labelFont().pixelSize();
    const int compareAxis = classroom->compareView()->firstView()->xAxis->labelFont().pixelSize();
    QVERIFY(headline > 0 && comparePixels > 0 && timelinePixels > 0);

    size->setScale(2.0);
    const QList<int> distanceLarger = axisFontPixels(distance);
    for (int i = 0; i < distancePixels.size(); ++i) {
        QCOMPARE(distanceLarger[i], 2 * distancePixels[i]);
    }
    const QList<double> statusLarger = statusBarPoints(window->statusBar());
    QCOMPARE(statusLarger.size(), statusPoints.size());
    for (int i = 0; i < statusPoints.size(); ++i) {
        QVERIFY2(statusPoints[i] > 0, "the status bar speaks in points, as the application");
        QCOMPARE(statusLarger[i], 2 * statusPoints[i]);
    }
    // The figures grow whole, so their type and cells keep their proportions.
    QCOMPARE(attribution->headsPage()->figureWidget()->size(), headsFigure * 2);
    QCOMPARE(attribution->lensPage()->figureWidget()->size(), lensFigure * 2);
    QCOMPARE(classroom->predictions()->findChild<QLabel*>()->font().pixelSize(), 2 * headline);
    // The heatmaps keep their larger type (rounded to whole pixels).
    QVERIFY(std::abs(classroom->predictions()->unmaskedView()->xAxis->labelFont().pixelSize() -
                     2 * maskedAxis) <= 1);
    QVERIFY(std::abs(classroom->compareView()->firstView()->xAxis->labelFont().pixelSize() -
                     2 * compareAxis) <= 1);
    QCOMPARE(classroom->compareView()->findChild<QLabel*>()->font().pixelSize(), 2 * comparePixels);
    QCOMPARE(classroom->timelineView()->findChild<QLabel*>()->font().pixelSize(),
             2 * timelinePixels);
    QCOMPARE(classroom->compareView()->textScale(), 2.0);
    // A new sentence redraws the predictions at the size chosen.
    PredictionsPanel* predictions = classroom->predictions();
    const double barPixels = predictions->findChild<PredictionBarsView*>()->fontPixelSize();
    QSignalSpy shown(window.get(), &MainWindow::snapshotShown);
    window->setText(QStringLiteral("the mat sat on the cat"));
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty(), 20000);
    QCOMPARE(predictions->findChild<PredictionBarsView*>()->fontPixelSize(), barPixels);
    QCOMPARE(predictions->findChild<TokenPickerView*>()->fontPixelSize(), barPixels);
    QCOMPARE(barPixels, 40.0);  // 20 px at the normal size
    for (QLabel* label : predictions->findChildren<QLabel*>()) {
        QVERIFY2(label->font().pixelSize() >= 32, qPrintable(label->text()));  // 16 px at least
    }

    size->reset();
    QCOMPARE(axisFontPixels(distance), distancePixels);
    QCOMPARE(statusBarPoints(window->statusBar()), statusPoints);
    QCOMPARE(attribution->headsPage()->figureWidget()->size(), headsFigure);
    QCOMPARE(classroom->predictions()->findChild<QLabel*>()->font().pixelSize(), headline);
}

// At the largest size the presentation's buttons shrink to fit one row rather than cut their
// names, its sentence shrinks so the step's figure keeps half the screen, and the head-roles table's rows grow with the type.
void TestTextSize::presentationAndRolesTableFitTheLargestSize() {
    auto window =
        atlas::test::openWindow(dir_.filePath(QStringLiteral("largest.ini")), modelFolder_,
                                QStringLiteral("the cat sat on the mat"), false);
    QTRY_VERIFY_WITH_TIMEOUT(window->snapshot() != nullptr, 20000);
    QTableView* table = window->rolesPanel()->findChild<QTableView*>();
    QVERIFY(table);
    const int rowHeight = table->verticalHeader()->defaultSectionSize();
    const double points = window->font().pointSizeF();
    window->textSize()->setScale(2.5);
    QTRY_COMPARE(table->font().pointSizeF(), 2.5 * points);  // the font arrives posted
    QVERIFY(table->verticalHeader()->defaultSectionSize() >= table->fontMetrics().height());
    QVERIFY2(table->verticalHeader()->defaultSectionSize() > 2 * rowHeight,
             qPrintable(QStringLiteral("%1 then %2")
                            .arg(rowHeight)
                            .arg(table->verticalHeader()->defaultSectionSize())));

    window->walkthrough()->enterPresentation();
    PresentationWindow* presentation = window->walkthrough()->presentation();
    QVERIFY(presentation);
    // Full screen on the test's screen (smaller than 1280 x 720).
    QTRY_VERIFY(presentation->width() >= 640);
    QTest::qWait(50);                                // the layout settles
    QVERIFY(presentation->navigationPixels() < 80);  // 32 px times 2.5 would not fit
    QVERIFY(presentation->navigationPixels() >= 12);
    for (QPushButton* button : presentation->findChildren<QPushButton*>()) {
        QVERIFY2(button->width() >= button->sizeHint().width(),
                 qPrintable(QStringLiteral("%1: %2 < %3 at %4 px in %5")
                                .arg(button->text())
                                .arg(button->width())
                                .arg(button->sizeHint().width())
                                .arg(presentation->navigationPixels())
                                .arg(presentation->width())));
        QVERIFY(presentation->rect().contains(button->geometry()));
    }
    // The sentence and the head's line give way too: the step's figure keeps half the screen,
    // and the sentence is shown whole.
    QLabel* sentence = presentation->sentenceLabel();
    QVERIFY2(presentation->view()->height() >= presentation->height() / 2,
             qPrintable(QStringLiteral("figure %1 px of %2, sentence %3 px high at %4 px")
                            .arg(presentation->view()->height())
                            .arg(presentation->height())
                            .arg(sentence->height())
                            .arg(sentence->font().pixelSize())));
    QVERIFY(sentence->height() >= sentence->heightForWidth(sentence->width()));
    QVERIFY(sentence->font().pixelSize() >= 24);
    // A wide screen gives them their full size.
    presentation->resize(3200, 1800);
    QApplication::processEvents();
    QCOMPARE(presentation->navigationPixels(), 80);
    QCOMPARE(presentation->sentenceLabel()->font().pixelSize(), 100);
    window->walkthrough()->leavePresentation();
}

QTEST_MAIN(TestTextSize)
#include "tst_text_size.moc"
