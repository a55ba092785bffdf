// Tests head detection on models built by hand: a two-layer GPT-2 whose weights implement a
// previous-token head feeding an induction head, and a one-layer BERT whose heads attend to the
// previous, next and first token and to themselves. Both run through the real forward pass.
#include <QTest>

#include <cmath>

#include "Error.h"
#include "analysis/HeadProfile.h"
#include "analysis/InductionScore.h"
#include "model/TransformerForward.h"

using namespace atlas;

namespace {

// Large enough that every designed score dominates the softmax (weights within e^-20 of 1).
constexpr float kSharp = 200.0f;

// Sets a LayerNorm to the identity for inputs whose entries are `ones` ones and zeros
// elsewhere (mean m = ones/C, variance m - m^2): weight sqrt(var + eps), bias m.
void identityForOneHots(Matrix& weight, Matrix& bias, int ones, const ModelConfig& config) {
    const double mean = static_cast<double>(ones) / config.d_model;
    const double variance = mean - mean * mean;
    weight.setConstant(static_cast<float>(std::sqrt(variance + config.layer_norm_epsilon)));
    bias.setConstant(static_cast<float>(mean));
}

// The induction model. V = 24 ids (0 is BOS), 24 positions, C = 96 = token one-hot [0, 24) |
// position one-hot [24, 48) | previous token one-hot [48, 72) | unused [72, 96); 2 heads of
// D = 48; MLPs zero, so the residual stream holds exactly those one-hots.
//   L0H0 previous-token head: q_i = position i-1, k_j = position j; writes token(j) into the
//        previous-token slot through W_O.
//   L0H1 duplicate-token head: q.k = sharp * [same token] - 2 sharp * [same position];
//        output zeroed by W_O.
//   L1H0 induction head: q_i = token(i), k_j = previous token of j: attends to the token after
//        the previous occurrence of the current token.
//   L1H1 first-token head: q = a bias, k_j = [j == 0].
struct InductionModel {
    ModelConfig config;
    TransformerWeights weights;

    InductionModel() {
        config.architecture = Architecture::Gpt2;
        config.n_layer = 2;
        config.n_head = 2;
        config.d_model = 96;
        config.d_ff = 4;
        config.n_ctx = 24;
        config.vocab_size = 24;
        weights = TransformerWeights::zeros(config);
        const int V = 24, D = 48, C = 96;
        const int kPosition = 24, kPrevious = 48;
        const int q = 0, k = C, v = 2 * C;  // column blocks of attn_qkv_weight
        for (int t = 0; t < V; ++t) {
            weights.token_embedding(t, t) = 1;
        }
        for (int p = 0; p < config.n_ctx; ++p) {
            weights.position_embedding(p, kPosition + p) = 1;
        }
        LayerWeights& layer0 = weights.layers[0];
        identityForOneHots(layer0.ln_attn_weight, layer0.ln_attn_bias, 2, config);
        Matrix& w0 = layer0.attn_qkv_weight;  // [C, 3C]
        for (int p = 0; p < config.n_ctx; ++p) {
            if (p >= 1) {
                w0(kPosition + p, q + 0 * D + (p - 1)) = kSharp;  // head 0 query: position p-1
            }
            w0(kPosition + p, k + 0 * D + p) = 1;                // head 0 key: position p
            w0(kPosition + p, q + 1 * D + V + p) = -2 * kSharp;  // head 1: not itself
            w0(kPosition + p, k + 1 * D + V + p) = 1;
        }
        for (int t = 0; t < V; ++t) {
            w0(t, v + 0 * D + t) = 1;                              // head 0 value: the token
            layer0.attn_out_weight(0 * D + t, kPrevious + t) = 1;  // into the previous slot
            w0(t, q + 1 * D + t) = kSharp;                         // head 1: the same token
            w0(t, k + 1 * D + t) = 1;
        }
        LayerWeights& layer1 = weights.layers[1];
        identityForOneHots(layer1.ln_attn_weight, layer1.ln_attn_bias, 3, config);
        Matrix& w1 = layer1.attn_qkv_weight;
        for (int t = 0; t < V; ++t) {
            w1(t, q + 0 * D + t) = kSharp;         // head 0 query: my token
            w1(kPrevious + t, k + 0 * D + t) = 1;  // head 0 key: the token before you
        }
        layer1.attn_qkv_bias(0, q + 1 * D) = kSharp;  // head 1 query: constant
        w1(kPosition + 0, k + 1 * D) = 1;             // head 1 key: position 0 only
        for (LayerWeights& layer : weights.layers) {
            layer.ln_mlp_weight.setOnes();
        }
        weights.ln_final_weight.setOnes();
    }

    Forward forward(const std::vector<int>& ids) const {
        return transformerForward(config, weights, ids, {});
    }
};

}  // namespace

class TestInductionScore : public QObject {
    Q_OBJECT

  private slots:
    void handBuiltInductionHeadScoresHigh() {
        const InductionModel model;
        InductionOptions options;
        options.bos_id = 0;
        options.sequences = 3;
        const InductionScores scores =
            scoreInductionHeads([&](const std::vector<int>& ids) { return model.forward(ids); },
                                model.config.vocab_size, model.config.n_ctx, options);
        QCOMPARE(scores.repeat_length, 11);  // (24 - 1) / 2
        QCOMPARE(scores.induction.size(), std::size_t(2));
        for (int layer = 0; layer < 2; ++layer) {
            for (int head = 0; head < 2; ++head) {
                const double induction = scores.induction[layer][head];
                const double duplicate = scores.duplicate_token[layer][head];
                qInfo("L%dH%d induction %.4f duplicate %.4f", layer, head, induction, duplicate);
                const bool is_induction = layer == 1 && head == 0;
                const bool is_duplicate = layer == 0 && head == 1;
                QVERIFY(is_induction ? induction > 0.95 : induction < 0.05);
                QVERIFY(is_duplicate ? duplicate > 0.95 : duplicate < 0.05);
            }
        }

        // The previous-token head is found by the positional measures too.
        Forward forward = model.forward({0, 5, 9, 2, 7, 5, 9, 2, 7});
        HeadProfileAccumulator accumulator(2, 2);
        accumulator.addPositional(forward);
        const auto profiles = accumulator.profiles();
        QVERIFY(profiles[0].prev > 0.99);
        QVERIFY(profiles[3].first > 0.99);

        std::vector<HeadProfile> with_scores = profiles;
        applyInductionScores(with_scores, scores);
        QVERIFY(with_scores[2].induction.has_value());
        QCOMPARE(*with_scores[2].induction, scores.induction[1][0]);
        QCOMPARE(*with_scores[1].duplicate_token, scores.duplicate_token[0][1]);
    }

    void sameSeedSameScores() {
        const InductionModel model;
        InductionOptions options;
        options.bos_id = 0;
        options.sequences = 2;
        options.repeat_length = 5;
        std::vector<std::vector<int>> seen;
        auto record = [&](const std::vector<int>& ids) {
            seen.push_back(ids);
            return model.forward(ids);
        };
        scoreInductionHeads(record, 24, 24, options);
        scoreInductionHeads(record, 24, 24, options);
        QCOMPARE(seen.size(), std::size_t(4));
        QCOMPARE(seen[0], seen[2]);
        QVERIFY(seen[0] != seen[1]);
        // [BOS, r1..r5, r1..r5] with distinct r, never the BOS.
        QCOMPARE(seen[0].size(), std::size_t(11));
        QCOMPARE(seen[0][0], 0);
        for (int k = 1; k <= 5; ++k) {
            QCOMPARE(seen[0][k], seen[0][k + 5]);
            QVERIFY(seen[0][k] != 0);
            for (int other = 1; other < k; ++other) {
                QVERIFY(seen[0][other] != seen[0][k]);
            }
        }
    }

    void tooSmallContextThrows() {
        const InductionModel model;
        auto forward = [&](const std::vector<int>& ids) { return model.forward(ids); };
        // A context of 3 holds only 1 + 1 repeated tokens; a vocabulary of 1 only one token.
        QVERIFY_THROWS_EXCEPTION(AtlasError, scoreInductionHeads(forward, 24, 3, {}));
        QVERIFY_THROWS_EXCEPTION(AtlasError, scoreInductionHeads(forward, 1, 24, {}));
        InductionOptions no_sequences;
        no_sequences.sequences = 0;
        QVERIFY_THROWS_EXCEPTION(AtlasError, scoreInductionHeads(forward, 24, 24, no_sequences));
    }

    // One BERT layer, C = 64 with the position one-hot in [0, 16), four heads of D = 16 set to
    // attend to the previous token, the next token, the first token and themselves. Non-causal,
    // so the next-token head is possible; the profiles find each with a score close to 1.
    void handBuiltPositionalHeadsScoreCloseToOne() {
        ModelConfig config;
        config.architecture = Architecture::Bert;
        config.n_layer = 1;
        config.n_head = 4;
        config.d_model = 64;
        config.d_ff = 4;
        config.n_ctx = 16;
        config.vocab_size = 8;
        config.type_vocab_size = 2;
        config.layer_norm_epsilon = 1e-12f;
        config.gelu_tanh = false;
        TransformerWeights weights = TransformerWeights::zeros(config);
        for (int p = 0; p < config.n_ctx; ++p) {
            weights.position_embedding(p, p) = 1;
        }
        identityForOneHots(weights.ln_embed_weight, weights.ln_embed_bias, 1, config);
        const int D = 16, k = 64;
        Matrix& w = weights.layers[0].attn_qkv_weight;  // [C, 3C]
        for (int p = 0; p < config.n_ctx; ++p) {
            if (p >= 1) {
                w(p, 0 * D + p - 1) = kSharp;  // head 0: previous
            }
            if (p + 1 < config.n_ctx) {
                w(p, 1 * D + p + 1) = kSharp;  // head 1: next
            }
            w(p, 3 * D + p) = kSharp;  // head 3: itself
            for (int head : {0, 1, 3}) {
                w(p, k + head * D + p) = 1;
            }
        }
        weights.layers[0].attn_qkv_bias(0, 2 * D) = kSharp;  // head 2: constant query
        w(0, k + 2 * D) = 1;                                 // matching position 0 only
        weights.layers[0].ln_attn_weight.setOnes();
        weights.layers[0].ln_mlp_weight.setOnes();
        weights.head_ln_weight.setOnes();

        HeadProfileAccumulator accumulator(1, 4);
        for (const std::vector<int>& ids :
             {std::vector<int>{1, 2, 3, 4, 5, 6, 7, 1, 2, 3}, std::vector<int>{7, 7, 7, 7, 7, 7}}) {
            accumulator.addPositional(transformerForward(config, weights, ids, {}));
        }
        const auto profiles = accumulator.profiles();
        for (const HeadProfile& profile : profiles) {
            qInfo("head %d: prev %.4f next %.4f first %.4f self %.4f", profile.head, profile.prev,
                  profile.next, profile.first, profile.self);
        }
        // Row 0 of the previous-token head (and the last row of the next-token head) has no
        // target and spreads evenly, 1/10 or 1/6 on its neighbour: next and prev stay ~0.02.
        QVERIFY(profiles[0].prev > 0.99 && profiles[0].next < 0.05);
        QVERIFY(profiles[1].next > 0.99 && profiles[1].prev < 0.05);
        QVERIFY(profiles[2].first > 0.99 && profiles[2].next < 0.2);
        QVERIFY(profiles[3].self > 0.99 && profiles[3].prev < 0.01 && profiles[3].next < 0.01);
    }
};

QTEST_GUILESS_MAIN(TestInductionScore)
#include "test_induction_score.moc"
