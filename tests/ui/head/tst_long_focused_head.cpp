// The focused head on a text longer than 1,024 tokens: the plot holds the visible cells (with a
// margin) instead of the whole map, each plot cell the largest weight of its block when cells are
// smaller than pixels; zoomed in, every cell is the map's own weight, and panning within the
// margin loads nothing new.
#include <QTest>

#include <QTemporaryDir>

#include "TinyModelFolder.h"
#include "head/HeadHeatmapView.h"
#include "model/Model.h"

using namespace atlas;
using namespace atlas::ui;

class TestLongFocusedHead : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QVERIFY(folder_.isValid());
        test::TinyModelOptions options;
        options.n_layer = 1;
        options.n_head = 1;
        options.n_ctx = 1200;
        test::writeTinyModelFolder(folder_.path().toStdString(), options);
        model_ = Model::load(folder_.path().toStdString());
        QString text;
        for (int i = 0; text.size() < 1600; ++i) {
            text += QStringLiteral("%1 zq%2 ").arg(QChar('a' + i % 26)).arg(i % 7);
        }
        SnapshotOptions snapshotOptions;
        snapshotOptions.rollout = false;
        snapshot_ = computeSnapshot(*model_, text, snapshotOptions);
        QVERIFY2(snapshot_->tokenCount() > 1024,
                 qPrintable(QString::number(snapshot_->tokenCount())));
    }

    // The whole map in 400 px: one plot cell per block of tokens, the block's largest weight.
    void wholeViewPoolsBlocks() {
        HeadHeatmapView view;
        view.resize(400, 400);
        view.setSnapshot(snapshot_);
        view.replot(QCustomPlot::rpImmediateRefresh);
        const auto* map = heatmap(view);
        QCPColorMapData* data = map->data();
        const int tokens = snapshot_->tokenCount();
        QVERIFY2(data->keySize() < tokens / 2, qPrintable(QString::number(data->keySize())));
        QVERIFY(data->keySize() > 50);
        const Matrix& weights = snapshot_->map(0, 0);
        const int stride = int(std::lround(data->keyRange().size() / (data->keySize() - 1)));
        QVERIFY(stride >= 2);
        for (const auto& [row, column] : {std::pair{0, 0}, {3, 1}, {7, 7}, {12, 5}}) {
            const int query = row * stride;
            const int key = column * stride;
            const float expected = weights
                                       .block(query, key, std::min(stride, tokens - query),
                                              std::min(stride, tokens - key))
                                       .maxCoeff();
            QCOMPARE(float(data->cell(column, row)), expected);
        }
    }

    // Zoomed in to 40 x 40 tokens: crisp cells equal to the map, a window of a few views, and
    // pan steps within it load nothing.
    void zoomedInHoldsTheVisibleCells() {
        HeadHeatmapView view;
        view.resize(600, 600);
        view.setSnapshot(snapshot_);
        view.replot(QCustomPlot::rpImmediateRefresh);
        view.zoomTo(QCPRange(599.5, 639.5), QCPRange(699.5, 739.5));
        view.replot(QCustomPlot::rpImmediateRefresh);
        QCPColorMapData* data = heatmap(view)->data();
        QVERIFY2(data->keySize() <= 4 * 41 && data->valueSize() <= 4 * 41,
                 qPrintable(QStringLiteral("%1 x %2").arg(data->keySize()).arg(data->valueSize())));
        const Matrix& weights = snapshot_->map(0, 0);
        int keyCell = 0;
        int queryCell = 0;
        for (const auto& [query, key] : {std::pair{700, 600}, {710, 639}, {739, 620}}) {
            data->coordToCell(key, query, &keyCell, &queryCell);
            QCOMPARE(float(data->cell(keyCell, queryCell)), weights(query, key));
        }
        QVERIFY(view.tooltipText(710, 639).endsWith(QString::number(weights(710, 639), 'f', 2)));
        const QCPRange loadedKeys = data->keyRange();
        view.zoomTo(QCPRange(609.5, 649.5), QCPRange(709.5, 749.5));  // a quarter of a view
        QCOMPARE(heatmap(view)->data()->keyRange(), loadedKeys);
        view.zoomTo(QCPRange(899.5, 939.5), QCPRange(699.5, 739.5));  // far away: new cells
        QVERIFY(heatmap(view)->data()->keyRange() != loadedKeys);
        data = heatmap(view)->data();
        data->coordToCell(920, 720, &keyCell, &queryCell);
        QCOMPARE(float(data->cell(keyCell, queryCell)), weights(720, 920));
    }

  private:
    static QCPColorMap* heatmap(HeadHeatmapView& view) {
        for (int i = 0; i < view.plottableCount(); ++i) {
            if (auto* map = qobject_cast<QCPColorMap*>(view.plottable(i))) {
                return map;
            }
        }
        return nullptr;
    }

    QTemporaryDir folder_;
    std::unique_ptr<Model> model_;
    std::shared_ptr<const AttentionSnapshot> snapshot_;
};

QTEST_MAIN(TestLongFocusedHead)
#include "tst_long_focused_head.moc"
