// The fast forward against the double-precision reference: attention, logits, internals, ablation.
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "Error.h"
#include "ReferenceForward.h"
#include "TinyModelFolder.h"
#include "model/TransformerForward.h"

using namespace atlas;

Q_DECLARE_METATYPE(atlas::Architecture)
Q_DECLARE_METATYPE(atlas::Kernel)

namespace {

const double kTolerance = 1e-5;

std::vector<int> randomIds(int count, int vocab_size, unsigned seed) {
    std::mt19937 generator(seed);
    std::uniform_int_distribution<int> id(0, vocab_size - 1);
    std::vector<int> ids(count);
    for (int& value : ids)
        value = id(generator);
    return ids;
}

double maxDifference(const Matrix& ours, const MatrixD& reference) {
    if (ours.rows() != reference.rows() || ours.cols() != reference.cols()) {
        return INFINITY;
    }
    return (ours.cast<double>() - reference).cwiseAbs().maxCoeff();
}

struct Case {
    ModelConfig config;
    TransformerWeights weights;
};

// vocab_size 0: the tiny tokenizers' vocabulary; larger ones make the head read several bands.
Case makeCase(Architecture architecture, int n_layer, int n_head, int d_model, unsigned seed,
              int vocab_size = 0, int n_ctx = 24) {
    test::TinyModelOptions options;
    options.architecture = architecture;
    options.n_layer = n_layer;
    options.n_head = n_head;
    options.d_model = d_model;
    options.n_ctx = n_ctx;
    Case made;
    made.config = test::tinyConfig(options);
    if (vocab_size > 0) {
        made.config.vocab_size = vocab_size;
    }
    made.weights = test::randomWeights(made.config, seed, options.weight_scale);
    return made;
}

}  // namespace

class TransformerForwardTest : public QObject {
    Q_OBJECT

  private slots:
    void matchesReference_data();
    void matchesReference();
    void threadCountsAgree();
    void rowsAreDistributions_data();
    void rowsAreDistributions();
    void internalsMatchReference();
    void ablationZeroesHeadAndChangesDownstream();
    void ablatingNoHeadChangesNothing();
    void predictionsAreTopFiveDescending_data();
    void predictionsAreTopFiveDescending();
    void predictPositionsSelectsRows();
    void badInputThrows_data();
    void badInputThrows();
    void wrongWeightShapeThrows();
};

void TransformerForwardTest::matchesReference_data() {
    QTest::addColumn<Kernel>("kernel");
    QTest::addColumn<Architecture>("architecture");
    QTest::addColumn<int>("layers");
    QTest::addColumn<int>("heads");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<int>("vocabulary");  // 0: the tiny tokenizer's
    struct Shape {
        const char* name;
        Architecture architecture;
        int layers, heads, width, tokens, vocabulary;
    };
    const Shape shapes[] = {
        {"gpt2 2x2 d16 T1", Architecture::Gpt2, 2, 2, 16, 1, 0},
        {"gpt2 2x2 d16 T9", Architecture::Gpt2, 2, 2, 16, 9, 0},
        {"gpt2 3x4 d32 T24 (full context)", Architecture::Gpt2, 3, 4, 32, 24, 0},
        {"gpt2 V9000 (three vocabulary bands)", Architecture::Gpt2, 2, 2, 16, 7, 9000},
        {"gpt2 2x2 d32 T130 V3000 (many tiles)", Architecture::Gpt2, 2, 2, 32, 130, 3000},
        {"bert 2x2 d16 T1", Architecture::Bert, 2, 2, 16, 1, 0},
        {"bert 2x2 d16 T9", Architecture::Bert, 2, 2, 16, 9, 0},
        {"bert 3x4 d32 T24 (full context)", Architecture::Bert, 3, 4, 32, 24, 0},
        {"bert 2x2 d32 T130 V3000 (many tiles)", Architecture::Bert, 2, 2, 32, 130, 3000},
        {"bert V9000 (three vocabulary bands)", Architecture::Bert, 2, 2, 16, 7, 9000},
    };
    // Every kernel this CPU can run, each instruction set of the SIMD kernel included.
    std::vector<Kernel> kernels{{KernelKind::Reference, SimdLevel::Generic},
                                {KernelKind::Eigen, SimdLevel::Generic}};
    for (SimdLevel level : availableSimdLevels()) {
        kernels.push_back({KernelKind::Simd, level});
    }
    for (const Kernel& kernel : kernels) {
        for (const Shape& shape : shapes) {
            QTest::addRow("%s %s", kernel.name().c_str(), shape.name)
                << kernel << shape.architecture << shape.layers << shape.heads << shape.width
                << shape.tokens << shape.vocabulary;
        }
    }
}

void TransformerForwardTest::matchesReference() {
    QFETCH(Kernel, kernel);
    QFETCH(Architecture, architecture);
    QFETCH(int, layers);
    QFETCH(int, heads);
    QFETCH(int, width);
    QFETCH(int, tokens);
    QFETCH(int, vocabulary);
    const Case model =
        makeCase(architecture, layers, heads, width, 7, vocabulary, std::max(24, tokens));
    const std::vector<int> ids = randomIds(tokens, model.config.vocab_size, 11);
    ForwardOptions options;
    options.capture_logits = true;
    options.threads = 2;
    options.kernel = kernel;
    const Forward ours = transformerForward(model.config, model.weights, ids, options);
    const test::ReferenceForward reference =
        test::referenceForward(model.config, model.weights, ids);

    QCOMPARE(ours.layerCount(), layers);
    QCOMPARE(ours.headCount(), heads);
    QCOMPARE(ours.tokenCount(), tokens);
    double worst_attention = 0;
    for (int l = 0; l < layers; ++l)
        for (int h = 0; h < heads; ++h)
            worst_attention = std::max(
                worst_attention, maxDifference(ours.attention[l][h], reference.attention[l][h]));
    const double worst_logit = maxDifference(ours.logits, reference.logits);
    qInfo(
        "max |attention - reference| = %.3g, max |logit - reference| = %.3g (largest |logit| %.3g)",
        worst_attention, worst_logit, reference.logits.cwiseAbs().maxCoeff());
    QVERIFY2(worst_attention <= kTolerance, qPrintable(QString::number(worst_attention)));
    // Long inputs sum long rows in float: their logits are held to the same bound relative to
    // their size (2e-6 of the largest, float32 rounding).
    const double logit_tolerance =
        tokens >= 96 ? std::max(kTolerance, 2e-6 * reference.logits.cwiseAbs().maxCoeff())
                     : kTolerance;
    QVERIFY2(worst_logit <= logit_tolerance, qPrintable(QString::number(worst_logit)));
    // Predictions: the reference's five most likely ids, in order, with its probabilities.
    QCOMPARE(int(ours.predictions.size()), tokens);
    for (int t = 0; t < tokens; ++t) {
        const Eigen::VectorXd row = reference.logits.row(t).transpose();
        const Eigen::VectorXd probabilities =
            (row.array() - row.maxCoeff()).exp() / (row.array() - row.maxCoeff()).exp().sum();
        std::vector<int> order(probabilities.size());
        std::iota(order.begin(), order.end(), 0);
        std::partial_sort(order.begin(), order.begin() + 5, order.end(),
                          [&](int a, int b) { return probabilities(a) > probabilities(b); });
        QCOMPARE(int(ours.predictions[t].top.size()), 5);
        for (int r = 0; r < 5; ++r) {
            QCOMPARE(ours.predictions[t].top[r].id, order[r]);
            QVERIFY(std::abs(ours.predictions[t].top[r].probability - probabilities(order[r])) <=
                    kTolerance);
        }
    }
    // The fixture must not be trivial: attention far from uniform somewhere.
    QVERIFY(ours.attention[0][0].maxCoeff() > 2.0f / tokens || tokens == 1);
}

void TransformerForwardTest::threadCountsAgree() {
    for (Architecture architecture : {Architecture::Gpt2, Architecture::Bert}) {
        // d_model 32 and a vocabulary of hundreds give several 16-column bands per product.
        const Case model = makeCase(architecture, 2, 2, 32, 5);
        const std::vector<int> ids = randomIds(13, model.config.vocab_size, 3);
        const test::ReferenceForward reference =
            test::referenceForward(model.config, model.weights, ids, {{1, 1}});
        for (int threads : {1, 2, 3, 5}) {
            ForwardOptions options;
            options.capture_logits = true;
            options.ablated_heads = {{1, 1}};
            options.threads = threads;
            const Forward first = transformerForward(model.config, model.weights, ids, options);
            const Forward second = transformerForward(model.config, model.weights, ids, options);
            qInfo("threads %d: max |logit - reference| = %.3g (largest |logit| %.3g)", threads,
                  maxDifference(first.logits, reference.logits),
                  reference.logits.cwiseAbs().maxCoeff());
            QVERIFY(maxDifference(first.logits, reference.logits) <= kTolerance);
            for (int l = 0; l < 2; ++l) {
                for (int h = 0; h < 2; ++h) {
                    QVERIFY(maxDifference(first.attention[l][h], reference.attention[l][h]) <=
                            kTolerance);
                    QCOMPARE(first.attention[l][h], second.attention[l][h]);
                }
            }
            QCOMPARE(first.logits, second.logits);
        }
    }
}

void TransformerForwardTest::rowsAreDistributions_data() {
    QTest::addColumn<Architecture>("architecture");
    QTest::addRow("gpt2") << Architecture::Gpt2;
    QTest::addRow("bert") << Architecture::Bert;
}

void TransformerForwardTest::rowsAreDistributions() {
    QFETCH(Architecture, architecture);
    const Case model = makeCase(architecture, 2, 4, 32, 3);
    const std::vector<int> ids = randomIds(17, model.config.vocab_size, 5);
    const Forward forward = transformerForward(model.config, model.weights, ids, {});
    for (const auto& layer : forward.attention) {
        for (const Matrix& map : layer) {
            QCOMPARE(map.rows(), 17);
            QCOMPARE(map.cols(), 17);
            for (Eigen::Index i = 0; i < map.rows(); ++i) {
                QVERIFY(std::abs(map.row(i).sum() - 1.0f) <= 1e-5f);
                for (Eigen::Index j = 0; j < map.cols(); ++j) {
                    QVERIFY(map(i, j) >= 0.0f);
                    if (model.config.causal() && j > i) {
                        QCOMPARE(map(i, j), 0.0f);  // exactly zero, not merely small
                    }
                }
            }
            if (!model.config.causal()) {
                QVERIFY(map(0, 16) > 0.0f);  // BERT looks ahead
            }
        }
    }
}

void TransformerForwardTest::internalsMatchReference() {
    for (Architecture architecture : {Architecture::Gpt2, Architecture::Bert}) {
        const Case model = makeCase(architecture, 2, 2, 16, 9);
        const std::vector<int> ids = randomIds(6, model.config.vocab_size, 2);
        ForwardOptions options;
        options.capture_internals = true;
        const Forward forward = transformerForward(model.config, model.weights, ids, options);
        const test::ReferenceForward reference =
            test::referenceForward(model.config, model.weights, ids);
        QCOMPARE(int(forward.internals.size()), 2);
        const int C = model.config.d_model, D = model.config.d_head();
        for (int l = 0; l < 2; ++l) {
            const LayerInternals& layer = forward.internals[l];
            const LayerWeights& weights = model.weights.layers[l];
            QCOMPARE(layer.residual_in.rows(), 6);
            QCOMPARE(layer.attn_input.cols(), C);
            QCOMPARE(layer.attn_output.cols(), C);
            QCOMPARE(int(layer.heads.size()), 2);
            // The attention block's output is the heads side by side through W_O.
            Matrix heads(6, C);
            for (int h = 0; h < 2; ++h) {
                const HeadInternals& head = layer.heads[h];
                const Matrix qkv = (layer.attn_input * weights.attn_qkv_weight).rowwise() +
                                   weights.attn_qkv_bias.row(0);  // [T, 3C]
                QVERIFY((qkv.middleCols(h * D, D) - head.q).cwiseAbs().maxCoeff() < 1e-5f);
                QVERIFY((qkv.middleCols(C + h * D, D) - head.k).cwiseAbs().maxCoeff() < 1e-5f);
                QVERIFY((qkv.middleCols(2 * C + h * D, D) - head.v).cwiseAbs().maxCoeff() < 1e-5f);
                const Matrix scores = head.q * head.k.transpose() / std::sqrt(float(D));
                QVERIFY((scores - head.scores).cwiseAbs().maxCoeff() < 1e-5f);
                QVERIFY(maxDifference(head.output, reference.head_outputs[l][h]) <= kTolerance);
                heads.middleCols(h * D, D) = head.output;
            }
            const Matrix attn_output =
                (heads * weights.attn_out_weight).rowwise() + weights.attn_out_bias.row(0);
            QVERIFY((attn_output - layer.attn_output).cwiseAbs().maxCoeff() < 1e-5f);
        }
        if (architecture == Architecture::Gpt2) {
            // GPT-2's stream into layer 0 is the embedding itself; q k v read ln_1 of it.
            QCOMPARE(forward.internals[0].residual_in, forward.embeddings);
            QVERIFY(forward.internals[0].attn_input != forward.internals[0].residual_in);
        } else {
            QCOMPARE(forward.internals[0].attn_input, forward.internals[0].residual_in);
        }
    }
}

void TransformerForwardTest::ablationZeroesHeadAndChangesDownstream() {
    for (Architecture architecture : {Architecture::Gpt2, Architecture::Bert}) {
        const Case model = makeCase(architecture, 3, 2, 16, 21);
        const std::vector<int> ids = randomIds(8, model.config.vocab_size, 4);
        ForwardOptions plain_options;
        plain_options.capture_logits = true;
        ForwardOptions ablated_options = plain_options;
        ablated_options.capture_internals = true;
        ablated_options.ablated_heads = {{0, 1}, {1, 0}};
        const Forward plain = transformerForward(model.config, model.weights, ids, plain_options);
        const Forward ablated =
            transformerForward(model.config, model.weights, ids, ablated_options);
        const test::ReferenceForward reference =
            test::referenceForward(model.config, model.weights, ids, ablated_options.ablated_heads);

        for (int l = 0; l < 3; ++l)
            for (int h = 0; h < 2; ++h)
                QVERIFY(maxDifference(ablated.attention[l][h], reference.attention[l][h]) <=
                        kTolerance);
        QVERIFY(maxDifference(ablated.logits, reference.logits) <= kTolerance);
        QVERIFY(ablated.internals[0].heads[1].output.isZero(0));
        QVERIFY(ablated.internals[1].heads[0].output.isZero(0));
        QVERIFY(!ablated.internals[0].heads[0].output.isZero(0));
        // Layer 0's own maps are unchanged (the ablation acts after the softmax); later
        // layers and the predictions see it.
        QCOMPARE(ablated.attention[0][1], plain.attention[0][1]);
        QVERIFY((ablated.attention[1][0] - plain.attention[1][0]).cwiseAbs().maxCoeff() > 1e-4f);
        QVERIFY((ablated.attention[2][1] - plain.attention[2][1]).cwiseAbs().maxCoeff() > 1e-4f);
        QVERIFY((ablated.logits - plain.logits).cwiseAbs().maxCoeff() > 1e-4f);
    }
}

void TransformerForwardTest::ablatingNoHeadChangesNothing() {
    for (Architecture architecture : {Architecture::Gpt2, Architecture::Bert}) {
        const Case model = makeCase(architecture, 2, 2, 16, 8);
        const std::vector<int> ids = randomIds(10, model.config.vocab_size, 6);
        ForwardOptions options;
        options.capture_logits = true;
        const Forward first = transformerForward(model.config, model.weights, ids, options);
        options.ablated_heads.clear();
        const Forward second = transformerForward(model.config, model.weights, ids, options);
        for (int l = 0; l < 2; ++l)
            for (int h = 0; h < 2; ++h)
                QCOMPARE(first.attention[l][h], second.attention[l][h]);
        QCOMPARE(first.logits, second.logits);  // bit for bit
    }
}

void TransformerForwardTest::predictionsAreTopFiveDescending_data() {
    QTest::addColumn<Architecture>("architecture");
    QTest::addRow("gpt2") << Architecture::Gpt2;
    QTest::addRow("bert") << Architecture::Bert;
}

void TransformerForwardTest::predictionsAreTopFiveDescending() {
    QFETCH(Architecture, architecture);
    const Case model = makeCase(architecture, 2, 2, 16, 12);
    const std::vector<int> ids = randomIds(7, model.config.vocab_size, 8);
    ForwardOptions options;
    options.capture_logits = true;
    const Forward forward = transformerForward(model.config, model.weights, ids, options);
    const test::ReferenceForward reference =
        test::referenceForward(model.config, model.weights, ids);
    QCOMPARE(int(forward.predictions.size()), 7);
    for (int t = 0; t < 7; ++t) {
        const PositionPredictions& prediction = forward.predictions[t];
        QCOMPARE(prediction.position, t);
        QCOMPARE(int(prediction.top.size()), 5);
        // The reference's softmax, and its best id.
        const Eigen::VectorXd row = reference.logits.row(t).transpose();
        const Eigen::VectorXd probabilities =
            (row.array() - row.maxCoeff()).exp() / (row.array() - row.maxCoeff()).exp().sum();
        Eigen::Index best = 0;
        probabilities.maxCoeff(&best);
        QCOMPARE(prediction.top[0].id, int(best));
        for (int r = 0; r < 5; ++r) {
            const TopToken& top = prediction.top[r];
            QVERIFY(std::abs(top.probability - probabilities(top.id)) <= 1e-5);
            if (r > 0)
                QVERIFY(top.probability <= prediction.top[r - 1].probability);
            QVERIFY(top.text.empty());  // Model fills the display text
        }
    }
}

void TransformerForwardTest::predictPositionsSelectsRows() {
    const Case model = makeCase(Architecture::Bert, 2, 2, 16, 12);
    const std::vector<int> ids = randomIds(7, model.config.vocab_size, 8);
    const Forward all = transformerForward(model.config, model.weights, ids, {});
    for (bool logits : {false, true}) {
        ForwardOptions options;
        options.capture_logits = logits;
        options.predict_positions = {5, 2};
        options.top_k = 3;
        const Forward some = transformerForward(model.config, model.weights, ids, options);
        QCOMPARE(int(some.predictions.size()), 2);
        QCOMPARE(some.predictions[0].position, 5);
        QCOMPARE(some.predictions[1].position, 2);
        QCOMPARE(int(some.predictions[0].top.size()), 3);
        QCOMPARE(some.predictions[0].top[0].id, all.predictions[5].top[0].id);
        QCOMPARE(some.predictions[1].top[2].id, all.predictions[2].top[2].id);
        QCOMPARE(some.logits.rows(), logits ? 7 : 0);
    }
}

void TransformerForwardTest::badInputThrows_data() {
    QTest::addColumn<std::vector<int>>("ids");
    QTest::addColumn<int>("ablate_layer");
    QTest::addColumn<int>("predict_position");
    QTest::addRow("no tokens") << std::vector<int>{} << 0 << 0;
    QTest::addRow("negative id") << std::vector<int>{1, -1} << 0 << 0;
    QTest::addRow("id past vocabulary") << std::vector<int>{1, 100000} << 0 << 0;
    QTest::addRow("longer than context") << std::vector<int>(25, 1) << 0 << 0;
    QTest::addRow("ablated layer outside") << std::vector<int>{1, 2} << 2 << 0;
    QTest::addRow("prediction position outside") << std::vector<int>{1, 2} << 0 << 2;
}

void TransformerForwardTest::badInputThrows() {
    QFETCH(std::vector<int>, ids);
    QFETCH(int, ablate_layer);
    QFETCH(int, predict_position);
    const Case model = makeCase(Architecture::Gpt2, 2, 2, 16, 1);
    ForwardOptions options;
    options.ablated_heads = {{ablate_layer, 0}};
    options.predict_positions = {predict_position};
    QVERIFY_THROWS_EXCEPTION(AtlasError,
                             transformerForward(model.config, model.weights, ids, options));
}

void TransformerForwardTest::wrongWeightShapeThrows() {
    Case model = makeCase(Architecture::Bert, 2, 2, 16, 1);
    model.weights.layers[1].attn_qkv_weight.resize(16, 32);
    try {
        transformerForward(model.config, model.weights, {1, 2, 3}, {});
        QFAIL("no exception");
    } catch (const AtlasError& error) {
        QCOMPARE(QString(error.what()),
                 "weights: tensor layers.1.attn_qkv_weight has shape [16, 32], expected [16, 48]");
    }
    model = makeCase(Architecture::Bert, 2, 2, 16, 1);
    model.weights.layers.pop_back();
    QVERIFY_THROWS_EXCEPTION(AtlasError, transformerForward(model.config, model.weights, {1}, {}));
}

QTEST_GUILESS_MAIN(TransformerForwardTest)
#include "tst_transformer_forward.moc"
