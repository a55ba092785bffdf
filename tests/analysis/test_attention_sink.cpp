// Tests the attention-sink switch (dropping key column 0 and renormalising), the sink share
// against HeadProfile's `first`, query heads grouped by key/value head, and the distance profile
// against sums worked out by hand.
#include <QTest>

#include <cmath>

#include "analysis/AttentionSink.h"
#include "analysis/DistanceProfile.h"
#include "analysis/HeadProfile.h"
#include "model/KeyValueGroups.h"
#include "model/RotaryEmbedding.h"

using namespace atlas;

namespace {

Matrix fromRows(std::initializer_list<std::initializer_list<float>> rows) {
    Matrix map(Eigen::Index(rows.size()), Eigen::Index(rows.begin()->size()));
    Eigen::Index i = 0;
    for (const auto& row : rows) {
        Eigen::Index j = 0;
        for (float value : row) {
            map(i, j++) = value;
        }
        ++i;
    }
    return map;
}

}  // namespace

class TestAttentionSink : public QObject {
    Q_OBJECT
  private slots:
    void dropsColumnZeroAndRenormalises() {
        const Matrix map = fromRows({{1, 0, 0, 0},  // all on the sink: becomes zero
                                     {0.8f, 0.2f, 0, 0},
                                     {0.5f, 0.3f, 0.2f, 0},
                                     {0.4f, 0.3f, 0.2f, 0.1f}});
        const Matrix hidden = withoutAttentionSink(map);
        QCOMPARE(hidden.rows(), 4);
        QCOMPARE(hidden.cols(), 4);  // T key columns kept: indices stay the tokens'
        for (Eigen::Index i = 0; i < 4; ++i) {
            QCOMPARE(hidden(i, 0), 0.0f);
            for (Eigen::Index j = 0; j < 4; ++j) {
                QVERIFY(std::isfinite(hidden(i, j)));
            }
        }
        QCOMPARE(hidden.row(0).sum(), 0.0f);
        QCOMPARE(hidden(1, 1), 1.0f);
        QVERIFY(std::abs(hidden(2, 1) - 0.6f) < 1e-6f);
        QVERIFY(std::abs(hidden(2, 2) - 0.4f) < 1e-6f);
        QVERIFY(std::abs(hidden(3, 1) - 0.5f) < 1e-6f);
        QVERIFY(std::abs(hidden(3, 3) - 1.0f / 6) < 1e-6f);
        for (Eigen::Index i = 1; i < 4; ++i) {
            QVERIFY(std::abs(hidden.row(i).sum() - 1.0f) < 1e-6f);
        }
        // One token: nothing is left, and nothing is NaN.
        const Matrix single = withoutAttentionSink(fromRows({{1}}));
        QCOMPARE(single(0, 0), 0.0f);
    }

    void sinkShareIsHeadProfilesFirst() {
        const Matrix a = fromRows({{1, 0, 0}, {0.7f, 0.3f, 0}, {0.1f, 0.6f, 0.3f}});
        const Matrix b = fromRows({{1, 0, 0}, {0.2f, 0.8f, 0}, {0.3f, 0.3f, 0.4f}});
        QVERIFY(std::abs(sinkShare(a) - 0.6) < 1e-6);
        Forward forward;
        forward.attention = {{a, b}};
        HeadProfileAccumulator accumulator(1, 2);
        accumulator.addPositional(forward);
        const auto profiles = accumulator.profiles();
        const auto shares = sinkShares(forward);
        QCOMPARE(shares.size(), std::size_t(1));
        QCOMPARE(shares[0].size(), std::size_t(2));
        for (int h = 0; h < 2; ++h) {
            QVERIFY(std::abs(shares[0][std::size_t(h)] - profiles[std::size_t(h)].first) < 1e-9);
        }
        dropAttentionSink(forward);
        QCOMPARE(forward.attention[0][1](2, 0), 0.0f);
        QVERIFY(std::abs(forward.attention[0][1](2, 2) - 0.4f / 0.7f) < 1e-6f);
    }

    void keyValueGroups_data() {
        QTest::addColumn<int>("heads");
        QTest::addColumn<int>("kvHeads");
        QTest::addColumn<QStringList>("labels");
        QTest::newRow("multi-head: no groups") << 8 << 8 << QStringList{};
        QTest::newRow("multi-query: one group") << 8 << 1 << QStringList{"KV head 0: heads 0-7"};
        QTest::newRow("grouped 14 / 2")
            << 14 << 2 << QStringList{"KV head 0: heads 0-6", "KV head 1: heads 7-13"};
        QTest::newRow("stories260K 8 / 4")
            << 8 << 4
            << QStringList{"KV head 0: heads 0-1", "KV head 1: heads 2-3", "KV head 2: heads 4-5",
                           "KV head 3: heads 6-7"};
    }

    void keyValueGroups() {
        QFETCH(int, heads);
        QFETCH(int, kvHeads);
        QFETCH(QStringList, labels);
        const auto groups = atlas::keyValueGroups(heads, kvHeads);
        QCOMPARE(int(groups.size()), int(labels.size()));
        for (std::size_t g = 0; g < groups.size(); ++g) {
            QCOMPARE(QString::fromStdString(keyValueGroupLabel(groups[g])), labels[int(g)]);
            for (int h = groups[g].first_head; h <= groups[g].last_head; ++h) {
                QCOMPARE(keyValueHeadOf(h, heads, kvHeads), int(g));
            }
        }
        ModelConfig config;
        config.architecture = Architecture::Decoder;
        config.n_head = heads;
        config.n_kv_head = kvHeads;
        QCOMPARE(int(atlas::keyValueGroups(config).size()), int(labels.size()));
    }

    void distanceProfileByHand() {
        const Matrix map = fromRows({{1, 0, 0}, {0.25f, 0.75f, 0}, {0.5f, 0.1f, 0.4f}});
        const DistanceProfile profile = distanceProfile(map);
        QCOMPARE(profile.distances, (std::vector<int>{-2, -1, 0, 1, 2}));
        QCOMPARE(profile.cells, (std::vector<long long>{1, 2, 3, 2, 1}));
        QVERIFY(std::abs(profile.mean_attention[2] - (1 + 0.75 + 0.4) / 3) < 1e-6);  // d = 0
        QVERIFY(std::abs(profile.mean_attention[3] - (0.25 + 0.1) / 2) < 1e-6);      // d = 1
        QVERIFY(std::abs(profile.mean_attention[4] - 0.5) < 1e-6);                   // d = 2
        QCOMPARE(profile.mean_attention[0], 0.0);  // causal: keys after the query
        // Pooling a shorter map re-uses the longest map's distances.
        DistanceProfileAccumulator pooled;
        pooled.add(fromRows({{1, 0}, {0.5f, 0.5f}}));
        pooled.add(map);
        const DistanceProfile both = pooled.profile();
        QCOMPARE(both.distances, profile.distances);
        QCOMPARE(both.cells, (std::vector<long long>{1, 3, 5, 3, 1}));
        QVERIFY(std::abs(both.mean_attention[3] - (0.25 + 0.1 + 0.5) / 3) < 1e-6);
        QCOMPARE(pooled.mapCount(), 2);
    }

    void rotaryBandsFollowTheFrequencies() {
        ModelConfig config;
        config.architecture = Architecture::Decoder;
        config.n_head = 1;
        config.d_model = 8;
        config.rotary.dims = 8;
        config.rotary.theta = 10000;
        Matrix q = Matrix::Zero(2, 8);
        Matrix k = Matrix::Zero(2, 8);
        q(0, 1) = 3;
        q(0, 5) = 4;  // pair 1 has length 5 in token 0, 0 in token 1
        k(0, 1) = 1;
        k(1, 1) = 1;  // pair 1 has length 1 in both tokens
        const auto bands = rotaryBands(config, q, k);
        QCOMPARE(bands.size(), std::size_t(4));
        const auto inverse = rotaryInverseFrequencies(config.rotary);
        for (std::size_t i = 0; i < bands.size(); ++i) {
            QCOMPARE(bands[i].pair, int(i));
            QCOMPARE(bands[i].inverse_frequency, double(inverse[i]));
            QVERIFY(std::abs(bands[i].wavelength * bands[i].inverse_frequency - 2 * M_PI) < 1e-9);
        }
        QVERIFY(std::abs(bands[0].wavelength - 2 * M_PI) < 1e-9);  // theta^0 = 1 rad per token
        QVERIFY(std::abs(bands[1].weight - 2.5) < 1e-6);           // (5 + 0) / 2 * (1 + 1) / 2
        QCOMPARE(bands[0].weight, 0.0);
        config.architecture = Architecture::Gpt2;
        QVERIFY(rotaryBands(config, q, k).empty());
    }
};

QTEST_APPLESS_MAIN(TestAttentionSink)
#include "test_attention_sink.moc"
