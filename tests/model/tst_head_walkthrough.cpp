// HeadWalkthrough: every step's numbers against the forward pass's own captured internals and
// against products recomputed here, loop by loop, in double precision.
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <limits>

#include "Error.h"
#include "TinyModelFolder.h"
#include "model/BuiltinModels.h"
#include "model/HeadWalkthrough.h"
#include "model/Model.h"

using namespace atlas;

Q_DECLARE_METATYPE(atlas::Architecture)

namespace {

struct Run {
    std::unique_ptr<Model> model;
    EncodedText encoded;
    Forward forward;
};

Run runWithInternals(std::unique_ptr<Model> model, const std::string& text) {
    Run run;
    run.model = std::move(model);
    run.encoded = run.model->encode(text);
    std::vector<int> ids;
    for (const Token& token : run.encoded.tokens) {
        ids.push_back(token.id);
    }
    ForwardOptions options;
    options.capture_internals = true;
    run.forward = run.model->forward(ids, options);
    return run;
}

// The largest |a - b| over two matrices of one shape (infinite when the shapes differ).
double largestDifference(const Matrix& a, const Matrix& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) {
        return std::numeric_limits<double>::infinity();
    }
    double largest = 0;
    for (Eigen::Index i = 0; i < a.rows(); ++i) {
        for (Eigen::Index j = 0; j < a.cols(); ++j) {
            largest = std::max(largest, std::abs(double(a(i, j)) - double(b(i, j))));
        }
    }
    return largest;
}

// q k^T by explicit sums in double: an independent recomputation of the score matrix.
MatrixD dotProducts(const Matrix& q, const Matrix& k) {
    MatrixD result(q.rows(), k.rows());
    for (Eigen::Index i = 0; i < q.rows(); ++i) {
        for (Eigen::Index j = 0; j < k.rows(); ++j) {
            double sum = 0;
            for (Eigen::Index d = 0; d < q.cols(); ++d) {
                sum += double(q(i, d)) * double(k(j, d));
            }
            result(i, j) = sum;
        }
    }
    return result;
}

const Matrix& stepMatrix(const HeadWalkthrough& walk, WalkthroughStepKind kind,
                         WalkthroughMatrixRole role) {
    const WalkthroughStep* step = walk.step(kind);
    if (!step || !step->matrix(role)) {
        throw std::runtime_error("walkthrough lacks a step or matrix");
    }
    return step->matrix(role)->values;
}

}  // namespace

class HeadWalkthroughTest : public QObject {
    Q_OBJECT

  private slots:
    void stepsAgreeWithForward_data();
    void stepsAgreeWithForward();
    void builtinGptScoresAndSoftmax();
    void labelsAndShapes();
    void errors();

  private:
    QTemporaryDir dir_;
};

void HeadWalkthroughTest::stepsAgreeWithForward_data() {
    QTest::addColumn<Architecture>("architecture");
    QTest::addRow("gpt2") << Architecture::Gpt2;
    QTest::addRow("bert") << Architecture::Bert;
}

void HeadWalkthroughTest::stepsAgreeWithForward() {
    QFETCH(Architecture, architecture);
    test::TinyModelOptions options;
    options.architecture = architecture;
    options.n_layer = 3;
    options.n_head = 4;
    const std::filesystem::path folder = std::filesystem::path(dir_.path().toStdString()) /
                                         (architecture == Architecture::Gpt2 ? "gpt" : "bert");
    test::writeTinyModelFolder(folder, options);
    const Run run = runWithInternals(Model::load(folder), "the cat sat on the mat");
    const ModelConfig& config = run.model->config();
    const int T = int(run.encoded.tokens.size());
    const int D = config.d_head();
    QVERIFY(T >= 5);

    for (int layer = 0; layer < config.n_layer; ++layer) {
        Matrix contributions = Matrix::Zero(T, config.d_model);  // sum over the heads
        for (int head = 0; head < config.n_head; ++head) {
            const HeadWalkthrough walk = headWalkthrough(
                config, run.model->weights(), run.encoded.tokens, run.forward, layer, head);
            const HeadInternals& captured = run.forward.internals[layer].heads[head];
            QCOMPARE(int(walk.steps.size()), config.causal() ? 9 : 8);
            QCOMPARE(walk.step(WalkthroughStepKind::Mask) != nullptr, config.causal());

            // Embeddings: token + position (+ type) rows add up to the forward's embeddings.
            QVERIFY(largestDifference(stepMatrix(walk, WalkthroughStepKind::Embeddings,
                                                 WalkthroughMatrixRole::EmbeddingSum),
                                      run.forward.embeddings) < 1e-5);

            // Q, K, V, projected by the walkthrough, equal the forward's captured ones.
            QVERIFY(largestDifference(stepMatrix(walk, WalkthroughStepKind::Projections,
                                                 WalkthroughMatrixRole::Query),
                                      captured.q) < 1e-4);
            QVERIFY(largestDifference(stepMatrix(walk, WalkthroughStepKind::Projections,
                                                 WalkthroughMatrixRole::Key),
                                      captured.k) < 1e-4);
            QVERIFY(largestDifference(stepMatrix(walk, WalkthroughStepKind::Projections,
                                                 WalkthroughMatrixRole::Value),
                                      captured.v) < 1e-4);

            // The score steps equal q k^T and q k^T / sqrt(d_head) from the captured q and k.
            const MatrixD expected = dotProducts(captured.q, captured.k);
            const Matrix& raw =
                stepMatrix(walk, WalkthroughStepKind::Scores, WalkthroughMatrixRole::RawScores);
            const Matrix& scaled =
                stepMatrix(walk, WalkthroughStepKind::Scaled, WalkthroughMatrixRole::ScaledScores);
            QCOMPARE(raw.rows(), T);
            QCOMPARE(scaled.cols(), T);
            const double root = std::sqrt(double(D));
            for (int i = 0; i < T; ++i) {
                for (int j = 0; j < T; ++j) {
                    const double tolerance = 1e-4 * (1 + std::abs(expected(i, j)));
                    QVERIFY2(std::abs(raw(i, j) - expected(i, j)) < tolerance,
                             qPrintable(QStringLiteral("raw score %1,%2").arg(i).arg(j)));
                    QVERIFY2(std::abs(scaled(i, j) - expected(i, j) / root) < tolerance,
                             qPrintable(QStringLiteral("scaled score %1,%2").arg(i).arg(j)));
                }
            }

            // The mask: -infinity exactly above the diagonal, the scaled scores elsewhere.
            if (config.causal()) {
                const Matrix& masked = stepMatrix(walk, WalkthroughStepKind::Mask,
                                                  WalkthroughMatrixRole::MaskedScores);
                for (int i = 0; i < T; ++i) {
                    for (int j = 0; j < T; ++j) {
                        if (j > i) {
                            QVERIFY(std::isinf(masked(i, j)) && masked(i, j) < 0);
                        } else {
                            QCOMPARE(masked(i, j), scaled(i, j));
                        }
                    }
                }
            }

            // The softmax step is the head's attention map.
            const Matrix& attention =
                stepMatrix(walk, WalkthroughStepKind::Softmax, WalkthroughMatrixRole::Attention);
            QVERIFY2(largestDifference(attention, run.forward.attention[layer][head]) < 1e-5,
                     qPrintable(QStringLiteral("softmax of head %1:%2").arg(layer).arg(head)));

            // A V is the head's captured output; the W_O shares of all heads plus the bias give
            // the attention block's output.
            QVERIFY(largestDifference(stepMatrix(walk, WalkthroughStepKind::WeightedSum,
                                                 WalkthroughMatrixRole::HeadOutput),
                                      captured.output) < 1e-4);
            contributions += stepMatrix(walk, WalkthroughStepKind::OutputProjection,
                                        WalkthroughMatrixRole::OutputContribution);
        }
        contributions.rowwise() += run.model->weights().layers[layer].attn_out_bias.row(0);
        QVERIFY2(largestDifference(contributions, run.forward.internals[layer].attn_output) < 1e-4,
                 qPrintable(QStringLiteral("W_O shares of layer %1").arg(layer)));
    }
}

void HeadWalkthroughTest::builtinGptScoresAndSoftmax() {
    // The built-in model (d_head 32) through the Model entry point.
    const auto model = Model::load(resolveModelFolder("gpt"));
    const std::string text = "The dog chased the cat because it was fast.";
    const HeadWalkthrough walk = headWalkthrough(*model, text, 2, 3);
    const Run run = runWithInternals(Model::load(resolveModelFolder("gpt")), text);
    const HeadInternals& captured = run.forward.internals[2].heads[3];
    QCOMPARE(walk.d_head, 32);
    QCOMPARE(walk.sqrt_d_head, std::sqrt(32.0f));
    const MatrixD expected = dotProducts(captured.q, captured.k) / std::sqrt(32.0);
    const Matrix& scaled =
        stepMatrix(walk, WalkthroughStepKind::Scaled, WalkthroughMatrixRole::ScaledScores);
    for (Eigen::Index i = 0; i < expected.rows(); ++i) {
        for (Eigen::Index j = 0; j < expected.cols(); ++j) {
            QVERIFY(std::abs(scaled(i, j) - expected(i, j)) <
                    1e-4 * (1 + std::abs(expected(i, j))));
        }
    }
    const Matrix& attention =
        stepMatrix(walk, WalkthroughStepKind::Softmax, WalkthroughMatrixRole::Attention);
    QVERIFY(largestDifference(attention, run.forward.attention[2][3]) < 1e-5);
}

void HeadWalkthroughTest::labelsAndShapes() {
    test::TinyModelOptions options;
    const std::filesystem::path folder = std::filesystem::path(dir_.path().toStdString()) / "g2";
    test::writeTinyModelFolder(folder, options);
    const auto model = Model::load(folder);
    const HeadWalkthrough walk = headWalkthrough(*model, "the cat sat", 1, 1);
    const int T = walk.tokenCount();
    for (const WalkthroughStep& step : walk.steps) {
        QVERIFY(!step.matrices.empty());
        for (const WalkthroughMatrix& matrix : step.matrices) {
            QCOMPARE(int(matrix.row_labels.size()), int(matrix.values.rows()));
            QCOMPARE(int(matrix.column_labels.size()), int(matrix.values.cols()));
            if (matrix.rows == WalkthroughAxis::Tokens) {
                QCOMPARE(int(matrix.values.rows()), T);
                for (int t = 0; t < T; ++t) {
                    QCOMPARE(QString::fromStdString(matrix.row_labels[std::size_t(t)]),
                             QString::fromStdString(walk.tokens[std::size_t(t)].text).trimmed());
                }
            }
        }
    }
    // The head's rows of W_O are numbered as rows of the whole matrix: head 1 starts at D.
    const WalkthroughMatrix* rows = walk.step(WalkthroughStepKind::OutputProjection)
                                        ->matrix(WalkthroughMatrixRole::OutputWeights);
    QVERIFY(rows);
    QCOMPARE(rows->row_labels.front(), std::to_string(walk.d_head));
}

void HeadWalkthroughTest::errors() {
    test::TinyModelOptions options;
    const std::filesystem::path folder = std::filesystem::path(dir_.path().toStdString()) / "g3";
    test::writeTinyModelFolder(folder, options);
    const auto model = Model::load(folder);
    QVERIFY_THROWS_EXCEPTION(AtlasError, headWalkthrough(*model, "the cat", 2, 0));
    QVERIFY_THROWS_EXCEPTION(AtlasError, headWalkthrough(*model, "the cat", 0, -1));
    // A pass without internals cannot be walked through.
    const EncodedText encoded = model->encode("the cat");
    std::vector<int> ids;
    for (const Token& token : encoded.tokens) {
        ids.push_back(token.id);
    }
    const Forward plain = model->forward(ids, {});
    QVERIFY_THROWS_EXCEPTION(AtlasError, headWalkthrough(model->config(), model->weights(),
                                                         encoded.tokens, plain, 0, 0));
}

QTEST_GUILESS_MAIN(HeadWalkthroughTest)
#include "tst_head_walkthrough.moc"
