// The attribution views in the window: the logit lens table, the head-contribution heatmap
// (a click focuses the head) and the token shading, computed for the sentence shown, and their
// figures saved as PNG, SVG and PDF.
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include "AttentionSelection.h"
#include "UiFixtures.h"
#include "attribution/AttributionFigure.h"
#include "attribution/AttributionHooks.h"
#include "attribution/AttributionPage.h"
#include "attribution/HeadContributionFigure.h"
#include "attribution/LensFigure.h"
#include "attribution/TokenShadingFigure.h"
#include "shell/MainWindow.h"
#include "shell/ViewTabs.h"

using namespace atlas;
using namespace atlas::ui;

class TestAttributionViews : public QObject {
    Q_OBJECT

  private slots:
    void lensTableEndsAtThePredictions() {
        auto window = openWindow(QStringLiteral("gpt"));
        AttributionHooks* hooks = computed(*window);
        const auto data = hooks->data();
        QVERIFY(data);
        const auto snapshot = window->snapshot();
        QCOMPARE(int(data->lens.layers.size()), 4);
        QCOMPARE(data->tokenLabels.size(), int(snapshot->tokens.size()));
        for (const PositionPredictions& prediction : snapshot->predictions) {
            const LensCell& cell = data->lens.layers.back().positions[prediction.position];
            QCOMPARE(cell.top.front().id, prediction.top.front().id);
        }
        // The figure has a row per layer and a column per token; a cell's point maps back.
        const auto* figure =
            dynamic_cast<const LensFigure*>(hooks->lensPage()->figureWidget()->figure());
        QVERIFY(figure);
        QCOMPARE(figure->cellAt(QPointF(78 + 2 * 84 + 10, 54 + 3 * 28 + 5)), QPoint(3, 2));
        QCOMPARE(figure->cellAt(QPointF(5, 5)), QPoint(-1, -1));
        QVERIFY(hooks->lensPage()->status().isEmpty());
    }

    void clickingAHeadFocusesIt() {
        auto window = openWindow(QStringLiteral("gpt"));
        AttributionHooks* hooks = computed(*window);
        const auto data = hooks->data();
        QVERIFY(!data->byAblation);
        double sum = data->embedding + data->bias;
        for (const auto& layer : data->heads)
            for (double head : layer)
                sum += head;
        for (double mlp : data->mlp)
            sum += mlp;
        QVERIFY(std::abs(sum - data->logit) < 1e-4);
        ViewTabs::bringToFront(hooks->headsPage());
        FigureWidget* widget = hooks->headsPage()->figureWidget();
        const auto* figure = dynamic_cast<const HeadContributionFigure*>(widget->figure());
        QVERIFY(figure);
        // The centre of layer 2, head 3's cell.
        const QPoint point(78 + 3 * 46 + 23, 100 + 2 * 46 + 23);
        QCOMPARE(figure->headAt(point), QPoint(2, 3));
        QTest::mouseClick(widget, Qt::LeftButton, {}, point);
        QCOMPARE(window->selection().currentLayer(), 2);
        QCOMPARE(window->selection().currentColumn(), 3);
    }

    void bertShowsAblationAndAMaskedWord() {
        auto window = openWindow(QStringLiteral("bert"));
        AttributionHooks* hooks = computed(*window);
        const auto data = hooks->data();
        QVERIFY(data->byAblation);
        QCOMPARE(data->layerCount(), 4);
        QCOMPARE(data->headCount(), 8);
        QVERIFY(data->chosen.masked_last_word);
        QCOMPARE(data->chosen.target_text, std::string("mat"));
        QVERIFY(data->largestHeadMagnitude() > 0);
        // [CLS] and the masked word are not scored; the other words are.
        QVERIFY(!data->occlusion.attributed[0]);
        QVERIFY(!data->occlusion.attributed[data->chosen.position]);
        QVERIFY(data->occlusion.attributed[2]);
        const auto* shading =
            dynamic_cast<const TokenShadingFigure*>(hooks->tokensPage()->figureWidget()->figure());
        QVERIFY(shading);
        QVERIFY(shading->tokenAt(QPointF(20, 70)) >= 0);
    }

    void figuresExportAsPngSvgAndPdf() {
        auto window = openWindow(QStringLiteral("gpt"));
        AttributionHooks* hooks = computed(*window);
        for (AttributionPage* page : {hooks->lensPage(), hooks->headsPage(), hooks->tokensPage()}) {
            const AttributionFigure* figure = page->figureWidget()->figure();
            QVERIFY(figure);
            const FigureExportResult png = exportFigure(*figure, dir_.filePath("f.png"), 800);
            QVERIFY2(png.ok, qPrintable(png.error));
            QCOMPARE(QImage(dir_.filePath("f.png")).width(), 800);
            QVERIFY(exportFigure(*figure, dir_.filePath("f.svg")).ok);
            QFile svg(dir_.filePath("f.svg"));
            QVERIFY(svg.open(QIODevice::ReadOnly));
            QVERIFY(svg.readAll().contains("<svg"));
            QVERIFY(exportFigure(*figure, dir_.filePath("f.pdf")).ok);
            QFile pdf(dir_.filePath("f.pdf"));
            QVERIFY(pdf.open(QIODevice::ReadOnly));
            QVERIFY(pdf.read(4) == "%PDF");
        }
        const FigureExportResult bad =
            exportFigure(*hooks->lensPage()->figureWidget()->figure(), dir_.filePath("f.bmp"));
        QVERIFY(!bad.ok);
        QVERIFY(bad.error.contains(QStringLiteral("f.bmp")));
        QVERIFY(!QFile::exists(dir_.filePath("f.bmp")));
        const FigureExportResult unwritable = exportFigure(
            *hooks->lensPage()->figureWidget()->figure(), dir_.filePath("missing/f.png"));
        QVERIFY(!unwritable.ok);
    }

    void aNewSentenceIsComputedWhenAViewIsShown() {
        auto window = openWindow(QStringLiteral("gpt"));
        AttributionHooks* hooks = computed(*window);
        ViewTabs::bringToFront(hooks->lensPage());
        QSignalSpy spy(hooks, &AttributionHooks::computed);
        window->setText(QStringLiteral("Once upon a time there was a little dog."));
        QVERIFY(spy.wait(30000));
        QCOMPARE(hooks->data()->tokenLabels.size(), int(window->snapshot()->tokens.size()));
    }

  private:
    std::unique_ptr<MainWindow> openWindow(const QString& model) {
        return atlas::test::openWindow(
            dir_.filePath(QStringLiteral("settings-%1.ini").arg(++windows_)), model,
            QStringLiteral("The cat sat on the mat."));
    }

    // The window's attribution, computed for its sentence.
    static AttributionHooks* computed(MainWindow& window) {
        auto* hooks = window.findChild<AttributionHooks*>();
        if (hooks == nullptr) {
            return nullptr;
        }
        if (!window.snapshot()) {
            QSignalSpy shown(&window, &MainWindow::snapshotShown);
            shown.wait(60000);
        }
        QSignalSpy spy(hooks, &AttributionHooks::computed);
        hooks->refresh();
        if (!spy.wait(60000)) {
            qWarning("attribution not computed");
        }
        return hooks;
    }

    QTemporaryDir dir_;
    int windows_ = 0;
};

QTEST_MAIN(TestAttributionViews)
#include "tst_attribution_views.moc"
