// Tests the aggregates: mean over heads, rollout, max-flow and attention flow against hand-worked
// graphs, and norm-based attention against a straightforward recomputation.
#include <QTest>

#include <atomic>
#include <cmath>

#include "Error.h"
#include "analysis/Aggregates.h"
#include "analysis/MaxFlow.h"
#include "model/TransformerForward.h"

using namespace atlas;

namespace {

Matrix matrix3(std::initializer_list<float> values) {
    Matrix result(3, 3);
    auto value = values.begin();
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j) {
            result(i, j) = *value++;
        }
    }
    return result;
}

// Two layers of one head each, T = 3. With rollout's residual A_l = 0.5 att_l + 0.5 I:
//   A_0 = [[0.6 0.3 0.1]   A_1 = [[0.5 0.5 0.0]
//          [0.0 0.5 0.5]          [0.1 0.6 0.3]
//          [0.2 0.2 0.6]]         [0.5 0.0 0.5]]
Forward twoLayerForward() {
    Forward forward;
    forward.attention = {{matrix3({0.2f, 0.6f, 0.2f, 0.0f, 0.0f, 1.0f, 0.4f, 0.4f, 0.2f})},
                         {matrix3({0.0f, 1.0f, 0.0f, 0.2f, 0.2f, 0.6f, 1.0f, 0.0f, 0.0f})}};
    return forward;
}

bool nearMatrix(const Matrix& actual, const Matrix& expected, float tolerance = 1e-5f) {
    return actual.rows() == expected.rows() && actual.cols() == expected.cols() &&
           (actual - expected).cwiseAbs().maxCoeff() <= tolerance;
}

}  // namespace

class TestAggregates : public QObject {
    Q_OBJECT

  private slots:
    void meanOverHeadsAveragesEachLayer() {
        Forward forward;
        forward.attention = {{Matrix::Identity(2, 2), Matrix::Constant(2, 2, 0.5f)}};
        const auto means = meanOverHeads(forward);
        QCOMPARE(means.size(), std::size_t(1));
        Matrix expected(2, 2);
        expected << 0.75f, 0.25f, 0.25f, 0.75f;
        QVERIFY(nearMatrix(means[0], expected));
    }

    // Rollout map 0 is A_0; map 1 is A_1 A_0, e.g. entry (0, 0) = 0.5*0.6 + 0.5*0.0 + 0 = 0.3.
    void rolloutMultipliesResidualAugmentedLayers() {
        const auto rollout = attentionRollout(twoLayerForward());
        QCOMPARE(rollout.size(), std::size_t(2));
        const Matrix a0 = matrix3({0.6f, 0.3f, 0.1f, 0.0f, 0.5f, 0.5f, 0.2f, 0.2f, 0.6f});
        const Matrix a1 = matrix3({0.5f, 0.5f, 0.0f, 0.1f, 0.6f, 0.3f, 0.5f, 0.0f, 0.5f});
        QVERIFY(nearMatrix(rollout[0], a0));
        QVERIFY(nearMatrix(rollout[1], a1 * a0));
        QVERIFY(std::abs(rollout[1](0, 0) - 0.3f) < 1e-6f);
        for (Eigen::Index i = 0; i < 3; ++i) {
            QVERIFY(std::abs(rollout[1].row(i).sum() - 1.0f) < 1e-5f);
        }
    }

    // The textbook network (Cormen et al., Figure 26.1): maximum flow 23.
    void maxFlowOfTheTextbookNetwork() {
        enum { s, v1, v2, v3, v4, t };
        MaxFlowGraph graph(6);
        graph.addEdge(s, v1, 16);
        graph.addEdge(s, v2, 13);
        graph.addEdge(v1, v3, 12);
        graph.addEdge(v2, v1, 4);
        graph.addEdge(v2, v4, 14);
        graph.addEdge(v3, v2, 9);
        graph.addEdge(v3, t, 20);
        graph.addEdge(v4, v3, 7);
        graph.addEdge(v4, t, 4);
        QCOMPARE(graph.maxFlow(s, t), 23.0);
        QCOMPARE(graph.maxFlow(s, t), 23.0);   // a second call starts from zero flow again
        QCOMPARE(graph.maxFlow(v4, t), 11.0);  // v4->t 4 + v4->v3->t 7
        QCOMPARE(graph.maxFlow(t, s), 0.0);
    }

    // A graph where the first augmenting path must be undone: s->a->b->t first would block
    // s->b and a->t. The maximum is 2.
    void maxFlowUsesReverseEdges() {
        MaxFlowGraph graph(4);  // s 0, a 1, b 2, t 3
        graph.addEdge(0, 1, 1);
        graph.addEdge(0, 2, 1);
        graph.addEdge(1, 2, 1);
        graph.addEdge(1, 3, 1);
        graph.addEdge(2, 3, 1);
        QCOMPARE(graph.maxFlow(0, 3), 2.0);
    }

    // Flow from input j (layer 0) to output i of layer 2 in the two-layer graph. Paths go
    // through one middle token k each and share no edge, so the maximum flow is, by hand,
    // F(i, j) = sum over k of min(A_0(k, j), A_1(i, k)):
    //   i=0 (A_1 row 0.5 0.5 0):   j=0: 0.5+0+0 = 0.5   j=1: 0.3+0.5 = 0.8   j=2: 0.1+0.5 = 0.6
    //   i=1 (A_1 row 0.1 0.6 0.3): j=0: 0.1+0+0.2 = 0.3 j=1: 0.1+0.5+0.2 = 0.8
    //                              j=2: 0.1+0.5+0.3 = 0.9
    //   i=2 (A_1 row 0.5 0 0.5):   j=0: 0.5+0.2 = 0.7   j=1: 0.3+0.2 = 0.5   j=2: 0.1+0.5 = 0.6
    // attentionFlow normalises the rows: row 0 / 1.9, row 1 / 2.0, row 2 / 1.8.
    void flowOfATwoLayerGraphMatchesHandMaxFlow() {
        const Matrix a0 = matrix3({0.6f, 0.3f, 0.1f, 0.0f, 0.5f, 0.5f, 0.2f, 0.2f, 0.6f});
        const Matrix a1 = matrix3({0.5f, 0.5f, 0.0f, 0.1f, 0.6f, 0.3f, 0.5f, 0.0f, 0.5f});
        const Matrix by_hand = matrix3({0.5f, 0.8f, 0.6f, 0.3f, 0.8f, 0.9f, 0.7f, 0.5f, 0.6f});
        // The raw maximum flows, on the layered graph built directly.
        MaxFlowGraph graph(9);  // node layer*3 + token
        for (int to = 0; to < 3; ++to) {
            for (int from = 0; from < 3; ++from) {
                graph.addEdge(from, 3 + to, a0(to, from));
                graph.addEdge(3 + from, 6 + to, a1(to, from));
            }
        }
        for (int i = 0; i < 3; ++i) {
            for (int j = 0; j < 3; ++j) {
                QVERIFY(std::abs(graph.maxFlow(j, 6 + i) - by_hand(i, j)) < 1e-6);
            }
        }

        std::vector<double> reported;
        const auto flows = attentionFlow(twoLayerForward(),
                                         [&](double fraction) { reported.push_back(fraction); });
        QCOMPARE(flows.size(), std::size_t(2));
        QVERIFY(nearMatrix(flows[0], a0));  // one layer: the flow is the edge itself
        Matrix normalised = by_hand;
        for (int i = 0; i < 3; ++i) {
            normalised.row(i) /= by_hand.row(i).sum();
        }
        QVERIFY(nearMatrix(flows[1], normalised));
        QVERIFY(std::abs(flows[1](1, 2) - 0.45f) < 1e-5f);
        QVERIFY(!reported.empty());
        QVERIFY(std::abs(reported.back() - 1.0) < 1e-9);
        QVERIFY(std::is_sorted(reported.begin(), reported.end()));
    }

    // On a random model: every flow row is non-negative and sums to 1; cancelling empties it.
    void flowRowsAreNonNegative() {
        ModelConfig config;
        config.n_layer = 3;
        config.n_head = 2;
        config.d_model = 16;
        config.d_ff = 32;
        config.n_ctx = 16;
        config.vocab_size = 20;
        const TransformerWeights weights = TransformerWeights::initialised(config, 7);
        const std::vector<int> ids = {1, 5, 2, 7, 7, 3, 9, 0, 4, 11};
        const Forward forward = transformerForward(config, weights, ids, {});
        const auto flows = attentionFlow(forward);
        QCOMPARE(flows.size(), std::size_t(3));
        for (const Matrix& flow : flows) {
            QCOMPARE(flow.rows(), Eigen::Index(ids.size()));
            QVERIFY(flow.minCoeff() >= 0.0f);
            for (Eigen::Index i = 0; i < flow.rows(); ++i) {
                QVERIFY(std::abs(flow.row(i).sum() - 1.0f) < 1e-4f);
                // Causal: no flow from a later input.
                for (Eigen::Index j = i + 1; j < flow.cols(); ++j) {
                    QVERIFY(flow(i, j) < 1e-6f);
                }
            }
        }
        std::atomic<bool> cancel{true};
        QVERIFY(attentionFlow(forward, {}, &cancel).empty());
    }

    // Entry (i, j) of head h = || alpha_ij v_j W_O^h ||, recomputed element by element from the
    // captured value vectors and the rows h*D .. h*D+D-1 of W_O.
    void normAttentionEqualsRecomputation() {
        ModelConfig config;
        config.n_layer = 2;
        config.n_head = 2;
        config.d_model = 8;
        config.d_ff = 16;
        config.n_ctx = 8;
        config.vocab_size = 12;
        TransformerWeights weights = TransformerWeights::initialised(config, 3);
        for (LayerWeights& layer : weights.layers) {  // biases on, so b_V matters
            layer.attn_qkv_bias.setConstant(0.05f);
        }
        ForwardOptions options;
        options.capture_internals = true;
        const Forward forward = transformerForward(config, weights, {3, 1, 4, 1, 5}, options);
        const auto maps = normAttention(config, weights, forward);
        const int D = config.d_head();
        QCOMPARE(maps.size(), std::size_t(2));
        for (int l = 0; l < 2; ++l) {
            QCOMPARE(maps[l].size(), std::size_t(2));
            for (int h = 0; h < 2; ++h) {
                const Matrix& alpha = forward.attention[l][h];
                const Matrix& v = forward.internals[l].heads[h].v;  // [T, D]
                const Matrix& w_o = weights.layers[l].attn_out_weight;
                for (int i = 0; i < 5; ++i) {
                    for (int j = 0; j < 5; ++j) {
                        double squared = 0;
                        for (int c = 0; c < config.d_model; ++c) {
                            double sum = 0;
                            for (int d = 0; d < D; ++d) {
                                sum += double(alpha(i, j)) * v(j, d) * w_o(h * D + d, c);
                            }
                            squared += sum * sum;
                        }
                        QVERIFY(std::abs(maps[l][h](i, j) - std::sqrt(squared)) < 1e-5);
                    }
                }
                // The value vectors include b_V: v = attn_input W_V^h + b_V^h.
                const Matrix& x = forward.internals[l].attn_input;
                const Matrix expected_v =
                    (x * weights.layers[l].attn_qkv_weight.middleCols(2 * 8 + h * D, D)).rowwise() +
                    weights.layers[l].attn_qkv_bias.row(0).segment(2 * 8 + h * D, D);
                QVERIFY(nearMatrix(v, expected_v, 1e-4f));
            }
        }
    }

    // Value vectors of equal norm through an orthonormal slice of W_O: every ||f(x_j)|| is the
    // same (here 2), so the map is 2 x the raw weights.
    void equalValueNormsGiveMapsProportionalToWeights() {
        ModelConfig config;
        config.n_layer = 1;
        config.n_head = 2;
        config.d_model = 4;
        TransformerWeights weights;
        weights.layers.resize(1);
        weights.layers[0].attn_out_weight = Matrix::Identity(4, 4);  // [C, C]
        Forward forward;
        Matrix alpha(3, 3);
        alpha << 1.0f, 0.0f, 0.0f, 0.3f, 0.7f, 0.0f, 0.2f, 0.5f, 0.3f;
        forward.attention = {{alpha, alpha}};
        forward.internals.resize(1);
        forward.internals[0].heads.resize(2);
        for (HeadInternals& head : forward.internals[0].heads) {
            head.v.resize(3, 2);  // rows of norm 2
            head.v << 2.0f, 0.0f, 0.0f, -2.0f, std::sqrt(2.0f), std::sqrt(2.0f);
        }
        const auto maps = normAttention(config, weights, forward);
        for (int h = 0; h < 2; ++h) {
            QVERIFY(nearMatrix(maps[0][h], 2.0f * alpha));
        }
        Forward without_internals;
        without_internals.attention = forward.attention;
        QVERIFY_THROWS_EXCEPTION(AtlasError, normAttention(config, weights, without_internals));
    }
};

QTEST_GUILESS_MAIN(TestAggregates)
#include "test_aggregates.moc"
