// The grid and the focused head with a big model's numbers: 12 x 12 heads, 128 to 512 tokens.
// Label thinning (no two drawn labels overlap), zoom and pan of the focused head, collapsed
// layers and zoom of the grid, and the grid's thumbnail cache (no re-colouring on focus
// changes, none when a sentence comes back).
#include <random>

#include <QFontMetricsF>
#include <QScrollArea>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

#include "common/ColorMaps.h"
#include "grid/GridThumbnails.h"
#include "grid/HeadGridView.h"
#include "head/HeadHeatmapView.h"

using namespace atlas;
using namespace atlas::ui;

namespace {

// `layers` x `heads` random row-stochastic maps over `tokens` tokens "w0", "w1", ...; a
// different `seed` gives different numbers for the same text.
std::shared_ptr<const AttentionSnapshot> bigSnapshot(int layers, int heads, int tokens,
                                                     unsigned seed = 1) {
    EncodedText encoded;
    QString text;
    for (int i = 0; i < tokens; ++i) {
        std::string word = "w";  // appended: GCC 12 warns on "w" + ... (-Wrestrict)
        word += std::to_string(i);
        const std::size_t begin = std::size_t(text.size());
        text += QString::fromStdString(word) + QLatin1Char(' ');
        encoded.tokens.push_back({i, word, begin, begin + word.size(), false, false});
    }
    encoded.full_token_count = std::size_t(tokens);
    std::mt19937 generator(seed);
    std::exponential_distribution<float> weight(1.0f);
    Forward forward;
    forward.attention.assign(std::size_t(layers), std::vector<Matrix>(std::size_t(heads)));
    for (auto& layer : forward.attention) {
        for (Matrix& map : layer) {
            map.resize(tokens, tokens);
            for (int i = 0; i < tokens; ++i) {
                for (int j = 0; j < tokens; ++j) {
                    map(i, j) = std::pow(weight(generator), 4.0f);  // a few large weights
                }
                map.row(i) /= map.row(i).sum();
            }
        }
    }
    SnapshotOptions options;
    options.rollout = false;
    return std::make_shared<AttentionSnapshot>(
        makeSnapshot(QStringLiteral("big"), false, text, encoded, forward, options));
}

// Pixel centres of the labels drawn along an axis, in drawing order.
QVector<double> labelCentres(QCPAxis* axis, const QVector<int>& tokens) {
    QVector<double> centres;
    for (int token : tokens) {
        centres << axis->coordToPixel(token);
    }
    std::sort(centres.begin(), centres.end());
    return centres;
}

// Labels on both axes of `view` are one text height apart or more (x labels are rotated, so
// along the axis each takes its text's height too), lie inside the visible range, and name the
// token at their position.
void checkLabelsDoNotOverlap(HeadHeatmapView& view, const AttentionSnapshot& snapshot) {
    const double text = QFontMetricsF(view.xAxis->tickLabelFont()).height();
    for (QCPAxis* axis : {view.xAxis, view.yAxis}) {
        const QVector<int> tokens =
            axis == view.xAxis ? view.keyLabelTokens() : view.queryLabelTokens();
        QVERIFY(tokens.size() >= 2);
        const QVector<double> centres = labelCentres(axis, tokens);
        for (int i = 1; i < centres.size(); ++i) {
            QVERIFY2(centres[i] - centres[i - 1] >= text,
                     qPrintable(QStringLiteral("labels %1 px apart, text %2 px high")
                                    .arg(centres[i] - centres[i - 1])
                                    .arg(text)));
        }
        for (int token : tokens) {
            QVERIFY(axis->range().contains(token));
        }
        QCPAxisTickerText* ticker = static_cast<QCPAxisTickerText*>(axis->ticker().data());
        for (auto tick = ticker->ticks().cbegin(); tick != ticker->ticks().cend(); ++tick) {
            QCOMPARE(tick.value(), snapshot.tokenLabels[int(tick.key())]);
        }
    }
}

void settle(QCustomPlot& plot) {
    for (int i = 0; i < 5; ++i) {
        plot.replot(QCustomPlot::rpImmediateRefresh);
        QCoreApplication::processEvents();
    }
}

}  // namespace

class TestBigViews : public QObject {
    Q_OBJECT
  private slots:
    void labelsAreThinnedAt512Tokens();
    void zoomingInShowsEveryVisibleLabel();
    void zoomAndPanStayInsideTheMap();
    void tooltipNamesACellWhoseLabelsAreHidden();
    void collapsedLayersFoldToAStrip();
    void focusingAMapInACollapsedLayerOpensIt();
    void gridZoomScalesThePanels();
    void focusChangesDoNotRecolourThumbnails();
    void aSentenceThatComesBackIsNotRecoloured();
    void theCacheKeepsAFewRecentSentences();
    void largeMapsAreMaxPooled();

  private:
    std::shared_ptr<const AttentionSnapshot> snapshot512_ = bigSnapshot(2, 2, 512);
};

void TestBigViews::labelsAreThinnedAt512Tokens() {
    HeadHeatmapView view;
    view.resize(900, 900);
    view.setSnapshot(snapshot512_);
    view.setMap(1, 1);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    settle(view);
    const int shown = view.keyLabelTokens().size();
    QVERIFY2(shown < 512 && shown >= 16, qPrintable(QString::number(shown)));
    checkLabelsDoNotOverlap(view, *snapshot512_);
    // A smaller window thins further, still without overlap.
    view.resize(500, 500);
    settle(view);
    QVERIFY(view.keyLabelTokens().size() < shown);
    checkLabelsDoNotOverlap(view, *snapshot512_);
}

void TestBigViews::zoomingInShowsEveryVisibleLabel() {
    HeadHeatmapView view;
    view.resize(900, 900);
    view.setSnapshot(snapshot512_);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.zoomTo(QCPRange(99.5, 131.5), QCPRange(199.5, 231.5));  // 32 x 32 cells
    settle(view);
    QVERIFY(view.isZoomed());
    QVector<int> expectedKeys;
    for (int i = 100; i <= 131; ++i) {
        expectedKeys << i;
    }
    QCOMPARE(view.keyLabelTokens(), expectedKeys);
    QCOMPARE(view.queryLabelTokens().front(), 200);
    QCOMPARE(view.queryLabelTokens().size(), 32);
    checkLabelsDoNotOverlap(view, *snapshot512_);
    // Another head of the same sentence keeps the place; a double click shows it all again.
    view.setMap(0, 1);
    QCOMPARE(view.keyRange().lower, 99.5);
    QTest::mouseDClick(&view, Qt::LeftButton, {}, view.axisRect()->rect().center());
    QVERIFY(!view.isZoomed());
    QCOMPARE(view.keyRange().size(), 512.0);
}

void TestBigViews::zoomAndPanStayInsideTheMap() {
    HeadHeatmapView view;
    view.resize(800, 800);
    view.setSnapshot(snapshot512_);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    settle(view);
    // The wheel zooms in around the pointer.
    const QPoint centre = view.axisRect()->rect().center();
    QWheelEvent wheel(QPointF(centre), QPointF(view.mapToGlobal(centre)), QPoint(),
                      QPoint(0, 120 * 4), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&view, &wheel);
    QVERIFY(view.keyRange().size() < 512 * 0.5);
    QVERIFY(view.queryRange().size() < 512 * 0.5);
    // Ranges asked beyond the map are pulled back inside it, and never below 4 cells.
    view.zoomTo(QCPRange(480, 600), QCPRange(-100, -20));
    QCOMPARE(view.keyRange().upper, 511.5);
    QCOMPARE(view.keyRange().size(), 120.0);
    QCOMPARE(view.queryRange().lower, -0.5);
    view.zoomTo(QCPRange(10, 10.5), QCPRange(10, 11));
    QCOMPARE(view.keyRange().size(), 4.0);
    // Dragging pans (right to left moves the view towards later keys), within the map.
    view.zoomTo(QCPRange(99.5, 163.5), QCPRange(99.5, 163.5));
    settle(view);
    const double before = view.keyRange().lower;
    QTest::mousePress(&view, Qt::LeftButton, {}, centre);
    QMouseEvent move(QEvent::MouseMove, QPointF(centre - QPoint(200, 0)),
                     QPointF(view.mapToGlobal(centre - QPoint(200, 0))), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(&view, &move);
    QTest::mouseRelease(&view, Qt::LeftButton, {}, centre - QPoint(200, 0));
    QVERIFY2(view.keyRange().lower > before + 5,
             qPrintable(QString::number(view.keyRange().lower)));
    QCOMPARE(view.keyRange().size(), 64.0);
}

void TestBigViews::tooltipNamesACellWhoseLabelsAreHidden() {
    HeadHeatmapView view;
    view.resize(1400, 1400);  // cells of about 2 px: labels still thinned
    view.setSnapshot(snapshot512_);
    view.setMap(1, 0);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    settle(view);
    // A query and a key that carry no label at this size.
    const QVector<int> keys = view.keyLabelTokens();
    const QVector<int> queries = view.queryLabelTokens();
    int key = 301, query = 177;
    QVERIFY(!keys.contains(key) && !queries.contains(query));
    // The cell's centre, computed from the axis rect and the visible range (not from the
    // axes' own conversion): x grows with the key, y with the query (row 0 on top).
    const QRect area = view.axisRect()->rect();
    const double cellWidth = area.width() / view.keyRange().size();
    const double cellHeight = area.height() / view.queryRange().size();
    const QPoint point(
        int(std::lround(area.left() + (key - view.keyRange().lower) * cellWidth)),
        int(std::lround(area.top() + (query - view.queryRange().lower) * cellHeight)));
    QSignalSpy hovered(&view, &HeadHeatmapView::cellHovered);
    QTest::mouseMove(&view, point);
    QTRY_VERIFY(hovered.count() >= 1);
    QCOMPARE(hovered.last().at(0).toInt(), query);
    QCOMPARE(hovered.last().at(1).toInt(), key);
    const QString tooltip = view.tooltipText(query, key);
    QVERIFY(tooltip.contains(QStringLiteral("“w177”")));
    QVERIFY(tooltip.contains(QStringLiteral("“w301”")));
    QVERIFY(tooltip.contains(QString::number(double(snapshot512_->map(1, 0)(query, key)), 'f', 2)));
}

void TestBigViews::collapsedLayersFoldToAStrip() {
    HeadGridView grid;
    grid.resize(1200, 900);
    grid.setSnapshot(bigSnapshot(12, 12, 16));
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    const QRect layer4Before = grid.panelRect(4, 0);
    const int heightBefore = grid.minimumHeight();
    const QRect layer3 = grid.panelRect(3, 5);
    QVERIFY(!layer3.isNull());
    QSignalSpy changed(&grid, &HeadGridView::layerCollapsedChanged);
    // Clicking the layer's label collapses it: its maps are gone, the layers below move up by
    // the panel height less the strip's.
    QTest::mouseClick(&grid, Qt::LeftButton, {}, grid.layerLabelRect(3).center());
    QCOMPARE(changed.count(), 1);
    QVERIFY(grid.isLayerCollapsed(3));
    QVERIFY(grid.panelRect(3, 5).isNull());
    const QPoint onStrip(layer3.center().x(), grid.layerLabelRect(3).center().y());
    QCOMPARE(grid.mapAt(onStrip), std::nullopt);  // the strip is not a map
    const QRect layer4After = grid.panelRect(4, 0);
    QCOMPARE(layer4After.x(), layer4Before.x());
    const int moved = layer4Before.y() - layer4After.y();
    QVERIFY2(moved > layer3.height() / 2 && moved < layer3.height(),
             qPrintable(QString::number(moved)));
    QCOMPARE(grid.minimumHeight(), heightBefore - moved);
    // Clicking the strip opens it again.
    QTest::mouseClick(&grid, Qt::LeftButton, {},
                      QPoint(layer3.center().x(), grid.layerLabelRect(3).center().y()));
    QVERIFY(!grid.isLayerCollapsed(3));
    QCOMPARE(grid.panelRect(4, 0), layer4Before);
    // Collapse all keeps the focused layer open; a new sentence of the same model keeps the
    // state, another model resets it.
    grid.setSelectedMap(5, 0);
    grid.setAllLayersCollapsed(true);
    for (int layer = 0; layer < 12; ++layer) {
        QCOMPARE(grid.isLayerCollapsed(layer), layer != 5);
    }
    grid.setSnapshot(bigSnapshot(12, 12, 20, 2));
    QVERIFY(grid.isLayerCollapsed(0));
    grid.setSnapshot(bigSnapshot(4, 4, 20));
    QVERIFY(!grid.isLayerCollapsed(0));
}

void TestBigViews::focusingAMapInACollapsedLayerOpensIt() {
    HeadGridView grid;
    grid.resize(1200, 900);
    grid.setSnapshot(bigSnapshot(12, 12, 16));
    grid.setLayerCollapsed(7, true);
    grid.setSelectedMap(7, 2);  // e.g. PgDn from the window's keyboard navigation
    QVERIFY(!grid.isLayerCollapsed(7));
    QVERIFY(!grid.panelRect(7, 2).isNull());
}

void TestBigViews::gridZoomScalesThePanels() {
    // As in the window: the grid in a scroll area, fitted to the viewport's width.
    QScrollArea scroll;
    scroll.setWidgetResizable(true);
    auto* view = new HeadGridView;
    scroll.setWidget(view);
    HeadGridView& grid = *view;
    scroll.resize(1000, 800);
    grid.setSnapshot(bigSnapshot(12, 12, 16));
    scroll.show();
    QVERIFY(QTest::qWaitForWindowExposed(&scroll));
    const double fitted = grid.panelSize();
    const int width = grid.minimumWidth();
    grid.setZoom(2.0);
    QVERIFY(std::abs(grid.panelSize() - std::floor(2 * fitted)) <= 1);
    // 13 columns (12 heads, mean), each about twice as wide: wider than the view, so it scrolls.
    QVERIFY(grid.minimumWidth() >= width + 13 * (fitted - 1));
    QVERIFY(grid.minimumWidth() > scroll.viewport()->width());
    QCOMPARE(grid.panelRect(0, 1).width(), int(grid.panelSize()));
    // Ctrl + wheel zooms out, plain wheel does not zoom; Ctrl+0 fits again.
    const QPoint at = grid.panelRect(0, 0).center();
    QWheelEvent out(QPointF(at), QPointF(grid.mapToGlobal(at)), QPoint(), QPoint(0, -120),
                    Qt::NoButton, Qt::ControlModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&grid, &out);
    QVERIFY(std::abs(grid.zoom() - 2.0 / 1.2) < 1e-9);
    QWheelEvent plain(QPointF(at), QPointF(grid.mapToGlobal(at)), QPoint(), QPoint(0, -120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(&grid, &plain);
    QVERIFY(std::abs(grid.zoom() - 2.0 / 1.2) < 1e-9);
    QTest::keyClick(&grid, Qt::Key_0, Qt::ControlModifier);
    QCOMPARE(grid.zoom(), 1.0);
    QCOMPARE(grid.panelSize(), fitted);
    // A narrower view (the splitter dragged) fits the maps again, smaller.
    scroll.resize(800, 800);
    QTRY_VERIFY(grid.panelSize() < fitted);
    QVERIFY(grid.minimumWidth() <= scroll.viewport()->width());
    grid.setZoom(100);
    QCOMPARE(grid.zoom(), HeadGridView::kMaximumZoom);
}

void TestBigViews::focusChangesDoNotRecolourThumbnails() {
    HeadGridView grid;
    grid.resize(1200, 900);
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    QSignalSpy ready(&grid, &HeadGridView::thumbnailsReady);
    grid.setSnapshot(bigSnapshot(12, 12, 128));  // 144 heads at 128 tokens: off the GUI thread
    QVERIFY(grid.thumbnailsPending());
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 20000);
    QVERIFY(!grid.thumbnailsPending());
    QCOMPARE(grid.thumbnailRenderCount(), 1);
    const auto images = grid.thumbnails();
    QCOMPARE(images->layerCount(), 12);
    QCOMPARE(images->columnCount(), 13);  // 12 heads + mean
    QTRY_VERIFY(grid.paintCount() > 0);
    const int paints = grid.paintCount();
    for (int layer = 0; layer < 12; ++layer) {
        grid.setSelectedMap(layer, layer);
        QTest::mouseMove(&grid, grid.panelRect(layer, (layer + 3) % 12).center());
    }
    grid.setRoleLabels(12, QVector<QString>(144, QStringLiteral("prev 0.9")));
    grid.setHighlightedHeads({{1, 1}, {2, 2}});
    grid.setLayerCollapsed(4, true);
    grid.setZoom(1.5);
    grid.repaint();
    QTRY_VERIFY(grid.paintCount() > paints);
    QCOMPARE(grid.thumbnailRenderCount(), 1);
    QCOMPARE(grid.thumbnails(), images);
    // A new colour map does recolour.
    grid.setColorMap(ColorMapKind::Magma);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 20000);
    QCOMPARE(grid.thumbnailRenderCount(), 2);
}

void TestBigViews::aSentenceThatComesBackIsNotRecoloured() {
    HeadGridView grid;
    grid.resize(1200, 900);
    QSignalSpy ready(&grid, &HeadGridView::thumbnailsReady);
    const auto first = bigSnapshot(12, 12, 128, 1);
    const auto second = bigSnapshot(12, 12, 128, 2);  // same text and shape, other numbers
    grid.setSnapshot(first);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 20000);
    const auto firstImages = grid.thumbnails();
    grid.setSnapshot(second);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 20000);
    QCOMPARE(grid.thumbnailRenderCount(), 2);
    QVERIFY(grid.thumbnails() != firstImages);
    // The first sentence again (as a new snapshot object, as the worker would make it).
    grid.setSnapshot(std::make_shared<AttentionSnapshot>(*first));
    QVERIFY(!grid.thumbnailsPending());
    QCOMPARE(grid.thumbnailRenderCount(), 2);
    QCOMPARE(grid.thumbnails(), firstImages);
}

// The cache must not grow with every sentence a long session types: at most its count of entries
// within its budget, the most recently used first, the newest kept whatever its size.
void TestBigViews::theCacheKeepsAFewRecentSentences() {
    auto thumbnailsOf = [](std::size_t bytes) {
        auto thumbnails = std::make_shared<GridThumbnails>();
        thumbnails->bytes = bytes;
        return std::shared_ptr<const GridThumbnails>(std::move(thumbnails));
    };
    auto key = [](quint64 content) { return GridThumbnailKey{content, {}, {}}; };
    GridThumbnailCache byCount(1000, 3);
    for (quint64 sentence = 1; sentence <= 5; ++sentence) {
        byCount.insert(key(sentence), thumbnailsOf(10));
    }
    QCOMPARE(byCount.size(), 3);
    QVERIFY(!byCount.find(key(1)));
    QVERIFY(!byCount.find(key(2)));
    QVERIFY(byCount.find(key(3)));  // now the most recently used
    byCount.insert(key(6), thumbnailsOf(10));
    QVERIFY(byCount.find(key(3)));
    QVERIFY(!byCount.find(key(4)));

    GridThumbnailCache byBudget(100, 12);
    byBudget.insert(key(1), thumbnailsOf(40));
    byBudget.insert(key(2), thumbnailsOf(40));
    QCOMPARE(byBudget.size(), 2);
    byBudget.insert(key(3), thumbnailsOf(40));
    QCOMPARE(byBudget.size(), 2);
    QVERIFY(!byBudget.find(key(1)));
    byBudget.insert(key(4), thumbnailsOf(500));  // larger than the budget: kept alone
    QCOMPARE(byBudget.size(), 1);
    QVERIFY(byBudget.find(key(4)));
}

void TestBigViews::largeMapsAreMaxPooled() {
    // 512 tokens into 256 pixels: each pixel the colour of the largest of its 2 x 2 cells.
    const MapView map = snapshot512_->map(0, 0);
    const ColorLookup lookup(ColorMapKind::Viridis);
    const float maximum = 0.5f;
    const QImage image = thumbnailImage(map, maximum, lookup, 256);
    QCOMPARE(image.size(), QSize(256, 256));
    for (int y : {0, 17, 128, 255}) {
        for (int x : {0, 99, 200, 255}) {
            const float largest = std::max({map(2 * y, 2 * x), map(2 * y, 2 * x + 1),
                                            map(2 * y + 1, 2 * x), map(2 * y + 1, 2 * x + 1)});
            QCOMPARE(image.pixel(x, y), lookup.rgbAt(largest / maximum));
        }
    }
    // Small maps keep one pixel per cell.
    QCOMPARE(thumbnailImage(map->topLeftCorner(100, 100), maximum, lookup, 256).size(),
             QSize(100, 100));
}

QTEST_MAIN(TestBigViews)
#include "tst_big_views.moc"
