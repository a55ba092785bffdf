// The training forward computes what the app's inference forward computes: same logits for a
// trained-layout GPT-2 and BERT, and a saved training output folder loads with Model::load.
#include <QTemporaryDir>
#include <QtTest>

#include <numeric>

#include "TinyModels.h"
#include "model/Model.h"
#include "model/ModelFolderWriter.h"
#include "model/TransformerForward.h"
#include "train/TrainingPass.h"
#include "train/TrainingRandom.h"
#include "train/TrainingRun.h"
#include "train/TrainingWeights.h"

using namespace atlas;

namespace {

// Weights spread beyond the initial scale so every term matters, in float.
TransformerWeights spreadWeights(const ModelConfig& config, unsigned long long seed) {
    TransformerWeights weights = initialiseForTraining(config, seed);
    std::uint64_t stream = 0;
    visitTensors(weights, [&](const std::string& name, Matrix& tensor) {
        TrainingRandom random(seed, 2, stream++);
        const bool layer_norm_weight =
            name.find("ln_") != std::string::npos && name.find("_weight") != std::string::npos;
        for (Eigen::Index i = 0; i < tensor.size(); ++i) {
            tensor.data()[i] =
                static_cast<float>((layer_norm_weight ? 1.0 : 0.0) + 0.2 * random.normal());
        }
    });
    return weights;
}

}  // namespace

class TestTrainingMatchesInference : public QObject {
    Q_OBJECT

  private slots:
    void logitsMatch_data();
    void logitsMatch();
};

void TestTrainingMatchesInference::logitsMatch_data() {
    QTest::addColumn<int>("architecture");
    QTest::addRow("gpt2") << static_cast<int>(Architecture::Gpt2);
    QTest::addRow("bert") << static_cast<int>(Architecture::Bert);
}

void TestTrainingMatchesInference::logitsMatch() {
    QFETCH(int, architecture);
    ModelConfig config = testing::tinyConfig(static_cast<Architecture>(architecture));
    config.d_model = 16;
    config.n_head = 4;
    config.d_ff = 64;
    config.n_ctx = 12;
    const TransformerWeights weights = spreadWeights(config, 31);
    const int T = 10;
    TrainingRandom random(4, 0, 0);
    std::vector<int> ids;
    for (int t = 0; t < T; ++t) {
        ids.push_back(static_cast<int>(random.below(config.vocab_size)));
    }

    // Training: one sequence, a target everywhere so BERT's head runs on every row too.
    TrainingBatch batch;
    batch.batch_size = 1;
    batch.context = T;
    batch.inputs = ids;
    batch.targets.assign(T, 0);
    TrainingPass<TransformerWeights> pass(config);
    pass.forward(weights, batch, /*keep_logits=*/true);
    const Matrix& training_logits = pass.logits();  // [T, V]

    ForwardOptions options;
    options.capture_logits = true;
    const Forward inference = transformerForward(config, weights, ids, options);
    QCOMPARE(inference.logits.rows(), training_logits.rows());
    QCOMPARE(inference.logits.cols(), training_logits.cols());
    const float difference = (inference.logits - training_logits).cwiseAbs().maxCoeff();
    qInfo("max |logit difference| %.3g", difference);
    QVERIFY(difference <= 1e-4f);
    // The attention maps agree too (the product the app shows).
    for (int layer = 0; layer < config.n_layer; ++layer) {
        for (int head = 0; head < config.n_head; ++head) {
            const Matrix training_map = pass.attention(layer).block(head * T, 0, T, T);
            QVERIFY((training_map - inference.attention[layer][head]).cwiseAbs().maxCoeff() <=
                    1e-5f);
        }
    }

    // The folder a run saves loads through the app's own path, with the same weights.
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    saveModelFolder(folder.path().toStdString(), config, weights, DType::F32);
    const ModelConfig reloaded =
        ModelConfig::fromFile(folder.filePath("config.json").toStdString());
    QCOMPARE(reloaded.n_layer, config.n_layer);
    QCOMPARE(reloaded.gelu_tanh, config.gelu_tanh);
    QCOMPARE(reloaded.vocab_size, config.vocab_size);
}

QTEST_GUILESS_MAIN(TestTrainingMatchesInference)
#include "test_training_matches_inference.moc"
