// Column panels: reordering round-trips, the panel product matches a double-precision product at
// every row count and panel width, and a forward pass over panels is the row-major one.
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>
#include <random>

#include "ReferenceForward.h"
#include "TinyModelFolder.h"
#include "model/Model.h"
#include "model/ModelFolderWriter.h"
#include "model/PanelProduct.h"
#include "model/TransformerForward.h"
#include "model/WeightPanels.h"

using namespace atlas;

Q_DECLARE_METATYPE(atlas::Architecture)
Q_DECLARE_METATYPE(atlas::Kernel)

namespace {

Matrix randomMatrix(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
    std::mt19937 generator(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    Matrix matrix(rows, cols);
    for (Eigen::Index i = 0; i < matrix.size(); ++i) {
        matrix.data()[i] = normal(generator);
    }
    return matrix;
}

double maxDifference(const Matrix& a, const Matrix& b) {
    return (a.cast<double>() - b.cast<double>()).cwiseAbs().maxCoeff();
}

// Every kernel this CPU can run: reference, eigen, and simd at each instruction set it has.
std::vector<Kernel> runnableKernels() {
    std::vector<Kernel> kernels{{KernelKind::Reference, SimdLevel::Generic},
                                {KernelKind::Eigen, SimdLevel::Generic}};
    for (SimdLevel level : availableSimdLevels()) {
        kernels.push_back({KernelKind::Simd, level});
    }
    return kernels;
}

}  // namespace

class WeightPanelsTest : public QObject {
    Q_OBJECT

  private slots:
    void columnPanelsRoundTrip_data();
    void columnPanelsRoundTrip();
    void transposedPanelsHoldTheEmbedding();
    void copiesOfStridedBlocksArePanels_data();
    void copiesOfStridedBlocksArePanels();
    void productMatchesDoublePrecision_data();
    void productMatchesDoublePrecision();
    void productWritesOnlyItsColumns_data();
    void productWritesOnlyItsColumns();
    void forwardOverPanelsIsTheRowMajorForward_data();
    void forwardOverPanelsIsTheRowMajorForward();
    void loadedModelRunsOnPanelsAndSavesRowMajor();
};

void WeightPanelsTest::columnPanelsRoundTrip_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::addRow("whole panels") << 32 << 48;
    QTest::addRow("narrow last panel") << 7 << 37;
    QTest::addRow("narrower than a panel") << 5 << 3;
    QTest::addRow("one row") << 1 << 20;
}

void WeightPanelsTest::columnPanelsRoundTrip() {
    QFETCH(int, rows);
    QFETCH(int, cols);
    const Matrix dense = randomMatrix(rows, cols, 1);
    Matrix packed = dense;
    packColumnPanels(packed);
    QCOMPARE(packed.rows(), dense.rows());
    QCOMPARE(packed.cols(), dense.cols());
    const PanelView view = layerPanels(packed);
    QCOMPARE(view.block(0, rows, 0, cols), dense);
    QCOMPARE(view.block(1 % rows, rows - 1 % rows, 2 % cols, cols - 2 % cols),
             Matrix(dense.block(1 % rows, 2 % cols, rows - 1 % rows, cols - 2 % cols)));
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            QCOMPARE(view.at(r, c), dense(r, c));
        }
    }
}

void WeightPanelsTest::transposedPanelsHoldTheEmbedding() {
    TransformerWeights weights;
    weights.token_embedding = randomMatrix(53, 24, 2);  // [V, C], V not a multiple of 16
    const Matrix dense = weights.token_embedding;
    packTransposedPanels(weights.token_embedding);
    weights.layout = WeightLayout::Panels;
    const PanelView view = embeddingPanels(weights.token_embedding);
    QCOMPARE(view.rows, Eigen::Index(24));
    QCOMPARE(view.cols, Eigen::Index(53));
    QCOMPARE(view.block(0, 24, 0, 53), Matrix(dense.transpose()));
    for (int id : {0, 15, 16, 47, 48, 52}) {
        QCOMPARE(tokenEmbeddingRow(weights, id), RowVector(dense.row(id)));
    }
}

void WeightPanelsTest::copiesOfStridedBlocksArePanels_data() {
    columnPanelsRoundTrip_data();
}

void WeightPanelsTest::copiesOfStridedBlocksArePanels() {
    // The per-head copies (k^T, v) read a block out of a wider matrix, as q k v sit in qkv.
    QFETCH(int, rows);
    QFETCH(int, cols);
    const Matrix wide = randomMatrix(rows, cols + 11, 8);
    const Matrix block = wide.middleCols(5, cols);
    std::vector<float> copy;

    Matrix expected = block;
    packColumnPanels(expected);
    const PanelView panels = copyIntoPanels(wide.data() + 5, rows, cols, wide.cols(), copy);
    QCOMPARE(panels.rows, Eigen::Index(rows));
    QCOMPARE(panels.cols, Eigen::Index(cols));
    QVERIFY(std::equal(copy.begin(), copy.end(), expected.data()));
    QCOMPARE(copy.size(), std::size_t(expected.size()));

    Matrix expected_transpose = block.transpose();
    packColumnPanels(expected_transpose);
    const PanelView transposed =
        copyTransposeIntoPanels(wide.data() + 5, rows, cols, wide.cols(), copy);
    QCOMPARE(transposed.rows, Eigen::Index(cols));
    QCOMPARE(transposed.cols, Eigen::Index(rows));
    QVERIFY(std::equal(copy.begin(), copy.end(), expected_transpose.data()));
    QCOMPARE(transposed.at(cols - 1, rows - 1), block(rows - 1, cols - 1));
}

void WeightPanelsTest::productMatchesDoublePrecision_data() {
    QTest::addColumn<Kernel>("kernel");
    QTest::addColumn<bool>("row_major");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("depth");
    QTest::addColumn<int>("cols");
    // Every kernel in both layouts; every tile height (1 to 6 rows left over), several tiles,
    // narrow and whole panels, an odd and an even count of whole panels (AVX-512 takes pairs).
    for (const Kernel& kernel : runnableKernels()) {
        for (bool row_major : {false, true}) {
            const std::string name = kernel.name() + (row_major ? " row-major" : " panels");
            for (int rows : {1, 2, 3, 4, 5, 6, 7, 12, 13, 16, 64, 65}) {
                QTest::addRow("%s %d x 96 x 48", name.c_str(), rows)
                    << kernel << row_major << rows << 96 << 48;
            }
            QTest::addRow("%s 64 x 96 x 64", name.c_str()) << kernel << row_major << 64 << 96 << 64;
            QTest::addRow("%s narrow last panel", name.c_str())
                << kernel << row_major << 9 << 33 << 45;
            QTest::addRow("%s one column", name.c_str()) << kernel << row_major << 8 << 17 << 1;
            QTest::addRow("%s depth 1", name.c_str()) << kernel << row_major << 6 << 1 << 32;
        }
    }
}

void WeightPanelsTest::productMatchesDoublePrecision() {
    QFETCH(Kernel, kernel);
    QFETCH(bool, row_major);
    QFETCH(int, rows);
    QFETCH(int, depth);
    QFETCH(int, cols);
    const Matrix x = randomMatrix(rows, depth, 3);
    const Matrix dense = randomMatrix(depth, cols, 4);
    Matrix packed = dense;
    if (!row_major) {
        packColumnPanels(packed);
    }
    const PanelView view = row_major ? PanelView::rowMajor(packed.data(), depth, cols, cols)
                                     : layerPanels(packed);
    Matrix out = Matrix::Constant(rows, cols, std::nanf(""));
    multiplyPanels(PackedRows(x.data(), rows, depth, depth, kernel), view, 0, cols, out.data(),
                   cols);
    const MatrixD expected = x.cast<double>() * dense.cast<double>();
    const double error = (out.cast<double>() - expected).cwiseAbs().maxCoeff();
    QVERIFY2(error <= 1e-5 * std::sqrt(double(depth)) * 4, qPrintable(QString::number(error)));
}

void WeightPanelsTest::productWritesOnlyItsColumns_data() {
    QTest::addColumn<Kernel>("kernel");
    for (const Kernel& kernel : runnableKernels()) {
        QTest::addRow("%s", kernel.name().c_str()) << kernel;
    }
}

void WeightPanelsTest::productWritesOnlyItsColumns() {
    QFETCH(Kernel, kernel);
    // Two bands of columns from one packing of x, which is itself the middle columns of a wider
    // matrix, each into a wider output with its own row stride.
    const int rows = 11, depth = 40, cols = 80;
    const Matrix wide_x = randomMatrix(rows, depth + 9, 5);
    const Matrix x = wide_x.middleCols(4, depth);
    const Matrix dense = randomMatrix(depth, cols, 6);
    Matrix packed = dense;
    packColumnPanels(packed);
    const PackedRows packed_x(wide_x.data() + 4, rows, depth, wide_x.cols(), kernel);
    Matrix out = Matrix::Constant(rows, 100, -7.0f);
    multiplyPanels(packed_x, layerPanels(packed), 32, 32, out.data() + 10, 100);
    const Matrix expected = x * dense.middleCols(32, 32);
    QVERIFY(maxDifference(out.middleCols(10, 32), expected) <= 1e-4);
    QVERIFY((out.leftCols(10).array() == -7.0f).all());
    QVERIFY((out.rightCols(100 - 42).array() == -7.0f).all());

    Matrix first = Matrix::Constant(rows, 16, -7.0f);
    multiplyPanels(packed_x, layerPanels(packed), 0, 16, first.data(), 16);
    QVERIFY(maxDifference(first, x * dense.leftCols(16)) <= 1e-4);

    // A packing of the wrong depth is refused, not read past its end.
    const PackedRows too_short(x.data(), rows, depth - 1, depth, kernel);
    QVERIFY_THROWS_EXCEPTION(
        AtlasError, multiplyPanels(too_short, layerPanels(packed), 0, 16, first.data(), 16));
}

void WeightPanelsTest::forwardOverPanelsIsTheRowMajorForward_data() {
    QTest::addColumn<Architecture>("architecture");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<int>("threads");
    for (Architecture architecture : {Architecture::Gpt2, Architecture::Bert}) {
        const char* name = architecture == Architecture::Gpt2 ? "gpt2" : "bert";
        for (int tokens : {1, 7, 20, 32}) {  // 32: two whole panels of keys
            for (int threads : {1, 2}) {
                QTest::addRow("%s T=%d threads=%d", name, tokens, threads)
                    << architecture << tokens << threads;
            }
        }
    }
}

void WeightPanelsTest::forwardOverPanelsIsTheRowMajorForward() {
    QFETCH(Architecture, architecture);
    QFETCH(int, tokens);
    QFETCH(int, threads);
    test::TinyModelOptions options;
    options.architecture = architecture;
    options.d_model = 48;  // 3 whole panels, qkv 9, MLP 12
    options.n_head = 3;
    const ModelConfig config = test::tinyConfig(options);
    const TransformerWeights dense = test::randomWeights(config, 7, 0.3f);
    TransformerWeights packed = dense;
    packForInference(packed);
    QVERIFY(packed.layout == WeightLayout::Panels);
    QVERIFY(packed.layers[0].mlp_in_weight != dense.layers[0].mlp_in_weight);  // reordered

    std::vector<int> ids(tokens);
    for (int t = 0; t < tokens; ++t) {
        ids[t] = (t * 37 + 11) % config.vocab_size;
    }
    ForwardOptions forward_options;
    forward_options.capture_logits = true;
    forward_options.capture_internals = true;
    forward_options.threads = threads;
    const Forward expected = transformerForward(config, dense, ids, forward_options);
    const Forward actual = transformerForward(config, packed, ids, forward_options);
    QVERIFY(maxDifference(actual.logits, expected.logits) <= 1e-4);
    QVERIFY(maxDifference(actual.embeddings, expected.embeddings) == 0);
    for (int l = 0; l < config.n_layer; ++l) {
        for (int h = 0; h < config.n_head; ++h) {
            QVERIFY(maxDifference(actual.attention[l][h], expected.attention[l][h]) <= 1e-5);
            // The heads' own products (scores q k^T / sqrt(D), attention @ v) run on panels too.
            const HeadInternals& ours = actual.internals[l].heads[h];
            const HeadInternals& theirs = expected.internals[l].heads[h];
            QVERIFY(maxDifference(ours.scores, theirs.scores) <= 1e-4);
            QVERIFY(maxDifference(ours.output, theirs.output) <= 1e-5);
        }
    }
    // Against the double-precision reference too, as every forward test does.
    const test::ReferenceForward reference = test::referenceForward(config, dense, ids);
    QVERIFY((actual.logits.cast<double>() - reference.logits).cwiseAbs().maxCoeff() <= 1e-4);
    for (std::size_t p = 0; p < expected.predictions.size(); ++p) {
        QCOMPARE(actual.predictions[p].top.front().id, expected.predictions[p].top.front().id);
    }
    // Back to row-major exactly.
    const TransformerWeights unpacked = unpackedCopy(packed);
    QVERIFY(unpacked.layout == WeightLayout::RowMajor);
    QCOMPARE(unpacked.token_embedding, dense.token_embedding);
    QCOMPARE(unpacked.layers[1].attn_qkv_weight, dense.layers[1].attn_qkv_weight);
    QCOMPARE(unpacked.layers[1].mlp_out_weight, dense.layers[1].mlp_out_weight);
    // Pieces read in either layout agree.
    QCOMPARE(weightBlock(packed, packed.layers[0].attn_out_weight, 16, 16, 0, 48),
             weightBlock(dense, dense.layers[0].attn_out_weight, 16, 16, 0, 48));
}

void WeightPanelsTest::loadedModelRunsOnPanelsAndSavesRowMajor() {
    QTemporaryDir dir;
    const std::filesystem::path folder = std::filesystem::path(dir.path().toStdString()) / "gpt";
    test::TinyModelOptions options;
    options.d_model = 32;
    const ModelConfig config = test::writeTinyModelFolder(folder, options);
    const auto model = Model::load(folder);
    QVERIFY(model->weights().layout == WeightLayout::Mapped);
    // Saving the loaded (mapped) weights writes the same tensors as the row-major originals.
    const std::filesystem::path copy = std::filesystem::path(dir.path().toStdString()) / "copy";
    saveModelFolder(copy, config, model->weights(), DType::F32);
    test::writeTinyTokenizerFiles(copy, Architecture::Gpt2);
    const auto reloaded = Model::load(copy);
    const TransformerWeights original =
        test::randomWeights(config, options.seed, options.weight_scale);
    const TransformerWeights saved = unpackedCopy(reloaded->weights());
    QCOMPARE(saved.token_embedding, original.token_embedding);
    QCOMPARE(saved.layers[1].mlp_in_weight, original.layers[1].mlp_in_weight);
    QCOMPARE(saved.layers[0].attn_out_weight, original.layers[0].attn_out_weight);
}

QTEST_GUILESS_MAIN(WeightPanelsTest)
#include "tst_weight_panels.moc"
