// The focused head at large text sizes in little room: the colour scale's numbers never overlap
// (fewer of them, at round values from 0, when the bar is short), and a view asked to keep its
// map's height asks for a minimum that leaves the map that height whatever the text size.
#include <QFontMetricsF>
#include <QTest>

#include "UiFixtures.h"
#include "head/HeadHeatmapView.h"

using namespace atlas;
using namespace atlas::ui;

namespace {

// The rectangles of the colour scale's numbers, as the plot lays them out now.
QList<QRectF> scaleLabels(HeadHeatmapView& view, QStringList* texts) {
    auto* cells = qobject_cast<QCPColorMap*>(view.plottable(0));
    QCPAxis* scale = cells->colorScale()->axis();
    const QFontMetricsF metrics(scale->tickLabelFont());
    QList<QRectF> labels;
    const QVector<double> ticks = scale->tickVector();
    for (int i = 0; i < ticks.size(); ++i) {
        const QString text = scale->tickVectorLabels()[i];
        const double y = scale->coordToPixel(ticks[i]);
        labels << QRectF(scale->axisRect()->right(), y - metrics.height() / 2,
                         metrics.horizontalAdvance(text), metrics.height());
        *texts << text;
    }
    return labels;
}

// Shown, so that resizes reach the plot's layout.
void settle(HeadHeatmapView& view) {
    if (!view.isVisible()) {
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
    }
    for (int i = 0; i < 4; ++i) {
        view.replot(QCustomPlot::rpImmediateRefresh);
        QCoreApplication::processEvents();
    }
}

}  // namespace

class TestFocusedHeadFit : public QObject {
    Q_OBJECT

  private slots:
    void scaleNumbersNeverOverlap_data() {
        QTest::addColumn<double>("textScale");
        QTest::addColumn<int>("height");
        for (const double scale : {1.0, 1.5, 2.0, 2.5}) {
            for (const int height : {160, 220, 300, 500}) {
                QTest::addRow("%.1f in %d px", scale, height) << scale << height;
            }
        }
    }

    void scaleNumbersNeverOverlap() {
        QFETCH(double, textScale);
        QFETCH(int, height);
        HeadHeatmapView view;
        view.setTextScale(textScale);
        view.resize(500, height);
        view.setSnapshot(test::knownSnapshot());
        settle(view);
        QStringList texts;
        const QList<QRectF> labels = scaleLabels(view, &texts);
        QVERIFY(!labels.isEmpty());
        for (int i = 0; i < labels.size(); ++i) {
            for (int j = i + 1; j < labels.size(); ++j) {
                QVERIFY2(!labels[i].intersects(labels[j]),
                         qPrintable(texts.join(QStringLiteral(", "))));
            }
        }
        // Where the bar holds them, the two ends' values at least; a tall bar gets more.
        auto* cells = qobject_cast<QCPColorMap*>(view.plottable(0));
        const double bar = cells->colorScale()->axis()->axisRect()->height();
        const double line = QFontMetricsF(cells->colorScale()->axis()->tickLabelFont()).height();
        if (bar >= 1.5 * line) {
            QVERIFY2(labels.size() >= 2, qPrintable(texts.join(QStringLiteral(", "))));
            QCOMPARE(texts.first(), QStringLiteral("0"));
        }
        if (bar >= 6 * line) {
            QVERIFY2(labels.size() >= 4, qPrintable(texts.join(QStringLiteral(", "))));
        }
    }

    // Laid out at the minimum height it asks for, the view keeps the map 208 pixels high at
    // every text size; without the request it may go down to 120 pixels in all.
    void keptMapHeight_data() {
        QTest::addColumn<double>("textScale");
        for (const double scale : {1.0, 1.5, 2.0, 2.5}) {
            QTest::addRow("%.1f", scale) << scale;
        }
    }

    void keptMapHeight() {
        QFETCH(double, textScale);
        HeadHeatmapView view;
        QCOMPARE(view.minimumHeight(), 120);
        view.keepMapHeight(208);
        view.setTextScale(textScale);
        view.setSnapshot(test::knownSnapshot());
        view.resize(500, 150);
        settle(view);
        // The request follows what the title and labels took in the last layout.
        for (int i = 0; i < 3; ++i) {
            view.resize(500, view.minimumHeight());
            QTest::qWait(20);
            settle(view);
        }
        QVERIFY2(view.axisRect()->height() >= 208, qPrintable(QStringLiteral("map %1 px in %2 px")
                                                                  .arg(view.axisRect()->height())
                                                                  .arg(view.height())));
        // Not far beyond it either: the rest goes to the rows above.
        QVERIFY2(view.axisRect()->height() <= 208 + 40,
                 qPrintable(QString::number(view.axisRect()->height())));
        view.keepMapHeight(0);
        QCOMPARE(view.minimumHeight(), 120);
    }
};

QTEST_MAIN(TestFocusedHeadFit)
#include "tst_focused_head_fit.moc"
