// A long text's maps made on demand (SnapshotOptions::keptMapBytes; forced here with a budget of
// 0 bytes) against the same snapshot with every map kept: each head's map, the layer means, the
// sink switch and words pooling, the grid's thumbnails, the exports' numbers, and what is left
// out (the rollout, flow, differences). On the built-in gpt and, where ../shared/data has it,
// the grouped-query stories260K.
#include <QTest>

#include <filesystem>

#include "Error.h"
#include "UiFixtures.h"
#include "analysis/OnDemandMaps.h"
#include "export/ExportRenderer.h"
#include "grid/GridThumbnails.h"
#include "model/BuiltinModels.h"
#include "model/Model.h"
#include "modes/DifferenceMaps.h"
#include "tokens/SentenceNotes.h"

using namespace atlas;
using namespace atlas::ui;

namespace {

namespace fs = std::filesystem;

float maxDifference(const Matrix& a, const Matrix& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) {
        return 1e9f;
    }
    return a.size() == 0 ? 0.0f : (a - b).cwiseAbs().maxCoeff();
}

// Every column that both snapshots have, map for map.
void checkSameMaps(const AttentionSnapshot& onDemand, const AttentionSnapshot& kept) {
    QVERIFY(onDemand.mapsOnDemand());
    QVERIFY(!kept.mapsOnDemand());
    QCOMPARE(onDemand.tokenCount(), kept.tokenCount());
    QCOMPARE(onDemand.tokenLabels, kept.tokenLabels);
    QCOMPARE(onDemand.layerCount(), kept.layerCount());
    for (int l = 0; l < onDemand.layerCount(); ++l) {
        for (int c = 0; c < onDemand.columnCount(); ++c) {
            QVERIFY(onDemand.columns[c].kind == kept.columns[c].kind);
            QCOMPARE(onDemand.maps[l][c].size(), Eigen::Index(0));  // none kept
            const MapView made = onDemand.map(l, c);
            const float difference = maxDifference(made, kept.map(l, c));
            QVERIFY2(
                difference <= 1e-6f,
                qPrintable(QStringLiteral("layer %1 column %2: %3").arg(l).arg(c).arg(difference)));
            // The grid's thumbnail is the kept map max-pooled.
            QVERIFY(maxDifference(onDemand.gridMap(l, c),
                                  maxPooled(kept.map(l, c), kThumbnailEdge)) <= 1e-6f);
        }
    }
    QCOMPARE(onDemand.sinkHidden, kept.sinkHidden);
    for (int l = 0; l < onDemand.layerCount(); ++l) {
        for (int h = 0; h < onDemand.headCount(); ++h) {
            QVERIFY(std::abs(onDemand.sinkShareOf(l, h) - kept.sinkShareOf(l, h)) < 1e-9);
        }
    }
    QVERIFY(std::abs(onDemand.sharedMaximum - kept.sharedMaximum) < 1e-6f);
    QCOMPARE(onDemand.predictions.size(), kept.predictions.size());
}

void compareOnModel(const Model& model, const QString& text) {
    for (const bool hideSink : {false, true}) {
        for (const UnitLevel units : {UnitLevel::Tokens, UnitLevel::Words}) {
            SnapshotOptions options;
            options.rollout = false;
            options.hideSink = hideSink;
            options.units = units;
            const auto kept = computeSnapshot(model, text, options);
            options.keptMapBytes = 0;
            const auto onDemand = computeSnapshot(model, text, options);
            checkSameMaps(*onDemand, *kept);
            QCOMPARE(onDemand->pooled(), kept->pooled());
            if (onDemand->pooled()) {
                checkSameMaps(onDemand->tokenLevel(), kept->tokenLevel());
            }
            // The data exports write the same file.
            QCOMPARE(attentionJson(*onDemand), attentionJson(*kept));
            QCOMPARE(attentionCsv(*onDemand), attentionCsv(*kept));
        }
    }
}

}  // namespace

class TestLongText : public QObject {
    Q_OBJECT

  private slots:
    void builtInGptMapsMadeOnDemand() {
        const auto model = Model::load(resolveModelFolder("gpt"));
        compareOnModel(*model,
                       QStringLiteral("The cat sat on the mat because the mat was warm, and "
                                      "the cat knew it."));
    }

    void stories260KMapsMadeOnDemand() {
        const fs::path folder = fs::path(ATLAS_SHARED_DIR) / "data/models/stories260K";
        if (!fs::exists(folder / "config.json")) {
            QSKIP("../shared/data/models/stories260K is absent");
        }
        const auto model = Model::load(folder);
        compareOnModel(*model, QStringLiteral("Once upon a time there was a little cat. She "
                                              "liked to play in the sun with her friend."));
    }

    // What needs every map at once is left out, and says so.
    void whatIsLeftOut() {
        const auto model = Model::load(resolveModelFolder("gpt"));
        SnapshotOptions options;
        options.keptMapBytes = 0;
        const auto snapshot = computeSnapshot(*model, QStringLiteral("The cat sat."), options);
        QVERIFY(snapshot->rolloutLeftOut);
        for (const GridColumn& column : snapshot->columns) {
            QVERIFY(column.kind != ColumnKind::Rollout);
        }
        QVERIFY(sentenceNotes(*snapshot, true, 100000).join(' ').contains("rollout"));
        QVERIFY_THROWS_EXCEPTION(AtlasError, differenceOf(*snapshot, *snapshot, QStringLiteral("a"),
                                                          QStringLiteral("b")));
        options.norm = true;
        QVERIFY_THROWS_EXCEPTION(AtlasError,
                                 computeSnapshot(*model, QStringLiteral("The cat sat."), options));
        // A text within the budget keeps its maps and its rollout.
        const auto kept = computeSnapshot(*model, QStringLiteral("The cat sat."));
        QVERIFY(!kept->mapsOnDemand());
        QVERIFY(!kept->rolloutLeftOut);
    }

    // The grid colours the thumbnails, not maps made again.
    void gridThumbnailsFromTheSnapshot() {
        const auto model = Model::load(resolveModelFolder("gpt"));
        SnapshotOptions options;
        options.keptMapBytes = 0;
        const auto snapshot = computeSnapshot(*model, QStringLiteral("The cat sat."), options);
        const ColorLookup lookup(ColorMapKind::Viridis);
        const auto thumbnails = renderGridThumbnails(*snapshot, lookup, ScaleMode::Shared);
        QCOMPARE(thumbnails->layerCount(), snapshot->layerCount());
        QCOMPARE(thumbnails->image(0, 0).width(), snapshot->tokenCount());
    }
};

QTEST_MAIN(TestLongText)
#include "tst_long_text.moc"
