// The training loop: schedule, a smoke run that lowers the loss, and bit-exact resume.
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <string>

#include "Error.h"
#include "TinyModels.h"
#include "train/AdamW.h"
#include "train/Trainer.h"
#include "train/TrainingRandom.h"
#include "train/TrainingWeights.h"

using namespace atlas;

namespace {

// A small text the test writes, read one byte per token (vocabulary 128).
const std::string kText =
    "the cat sat on the mat. the dog sat on the log. a cat and a dog met on the road. "
    "the old man saw the cat and the dog. the dog ran to the man and the cat ran away. ";

// Random windows of the text (GPT-2) or masked copies of them (BERT), a pure function of
// (step, shard).
class TextSource : public BatchSource {
  public:
    explicit TextSource(Architecture architecture) : bert_(architecture == Architecture::Bert) {
        for (int repeat = 0; repeat < 8; ++repeat) {
            for (char c : kText) {
                tokens_.push_back(static_cast<unsigned char>(c));
            }
        }
    }
    TrainingBatch batch(std::int64_t step, int shard, int, int sequences,
                        int context) const override {
        TrainingRandom random(42, static_cast<std::uint64_t>(step),
                              static_cast<std::uint64_t>(shard));
        TrainingBatch batch;
        batch.batch_size = sequences;
        batch.context = context;
        for (int b = 0; b < sequences; ++b) {
            const std::size_t start = random.below(tokens_.size() - context - 1);
            for (int t = 0; t < context; ++t) {
                const int token = tokens_[start + t];
                if (bert_) {
                    const bool masked = random.uniform() < 0.25;
                    batch.inputs.push_back(masked ? 0 : token);  // byte 0 is the [MASK]
                    batch.targets.push_back(masked ? token : -1);
                } else {
                    batch.inputs.push_back(token);
                    batch.targets.push_back(tokens_[start + t + 1]);
                }
            }
        }
        return batch;
    }

  private:
    bool bert_;
    std::vector<int> tokens_;
};

ModelConfig smallConfig(Architecture architecture) {
    ModelConfig config = testing::tinyConfig(architecture);
    config.d_model = 32;
    config.d_ff = 64;
    config.n_head = 4;
    config.n_ctx = 32;
    config.vocab_size = 128;
    return config;
}

TrainingOptions smallOptions(std::int64_t steps) {
    TrainingOptions options;
    options.batch_size = 8;
    options.context = 32;
    options.steps = steps;
    options.learning_rate = 3e-3;
    options.warmup_steps = 10;
    options.shards = 2;
    options.threads = 2;
    return options;
}

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT

  private slots:
    void scheduleWarmsUpThenDecays();
    void clippingBoundsTheNorm();
    void sinusoidalPositionsFollowTheTable();
    void pytorchInitialisationScales();
    void smokeTrainingLowersLoss_data();
    void smokeTrainingLowersLoss();
    void resumeReproducesUninterruptedRun_data();
    void resumeReproducesUninterruptedRun();
    void threadCountDoesNotChangeResults();
    void corruptCheckpointIsRejected();
};

void TestTrainer::scheduleWarmsUpThenDecays() {
    QCOMPARE(learningRateAt(0, 100, 10, 1.0, 0.1), 0.1);
    QCOMPARE(learningRateAt(9, 100, 10, 1.0, 0.1), 1.0);
    QCOMPARE(learningRateAt(10, 100, 10, 1.0, 0.1), 1.0);
    QVERIFY(std::abs(learningRateAt(55, 100, 10, 1.0, 0.1) - 0.55) < 1e-12);  // cosine midpoint
    QVERIFY(std::abs(learningRateAt(100, 100, 10, 1.0, 0.1) - 0.1) < 1e-12);
    QVERIFY(learningRateAt(30, 100, 10, 1.0, 0.1) > learningRateAt(60, 100, 10, 1.0, 0.1));
}

void TestTrainer::clippingBoundsTheNorm() {
    TransformerWeights grads = zerosLike(initialiseForTraining(smallConfig(Architecture::Gpt2), 1));
    grads.token_embedding(0, 0) = 3;
    grads.layers[0].mlp_in_bias(0, 1) = 4;
    QCOMPARE(gradientNorm(grads), 5.0);
    scaleGradients(grads, 0.2f);
    QVERIFY(std::abs(gradientNorm(grads) - 1.0) < 1e-6);
}

void TestTrainer::sinusoidalPositionsFollowTheTable() {
    const ModelConfig config = smallConfig(Architecture::Gpt2);
    const TransformerWeights noise = initialiseForTraining(config, 1, {.position_std = 0.1});
    const TransformerWeights table =
        initialiseForTraining(config, 1, {.position_std = 0.1, .sinusoidal_positions = true});
    const auto& positions = table.position_embedding;
    const double amplitude = 0.1 * std::sqrt(2.0);
    // Position 0: sin 0 = 0 and cos 0 = 1 in every pair.
    QVERIFY(std::abs(positions(0, 0)) < 1e-7);
    QVERIFY(std::abs(positions(0, 1) - amplitude) < 1e-6);
    QVERIFY(std::abs(positions(3, 0) - amplitude * std::sin(3.0)) < 1e-6);
    QVERIFY(std::abs(positions(3, 1) - amplitude * std::cos(3.0)) < 1e-6);
    QVERIFY(!positions.isApprox(noise.position_embedding));
    // Only the positions change: every other tensor is the same draw.
    QVERIFY(table.token_embedding.isApprox(noise.token_embedding));
    QVERIFY(table.layers[0].attn_qkv_weight.isApprox(noise.layers[0].attn_qkv_weight));
}

// Standard deviation of a tensor's entries around zero.
static double rootMeanSquare(const Matrix& tensor) {
    return std::sqrt(tensor.cast<double>().squaredNorm() / static_cast<double>(tensor.size()));
}

void TestTrainer::pytorchInitialisationScales() {
    const ModelConfig config = smallConfig(Architecture::Gpt2);
    const TransformerWeights gpt2 = initialiseForTraining(config, 4);
    const TransformerWeights pytorch = initialiseForTraining(
        config, 4, {.position_std = 1.0, .token_std = 1.0, .pytorch_linear = true});
    QVERIFY(std::abs(rootMeanSquare(pytorch.token_embedding) - 1.0) < 0.1);
    QVERIFY(std::abs(rootMeanSquare(pytorch.position_embedding) - 1.0) < 0.15);
    QVERIFY(std::abs(rootMeanSquare(gpt2.token_embedding) - 0.02) < 0.003);
    for (const auto& layer : pytorch.layers) {
        // Uniform in +-1/sqrt(fan_in): every entry inside, root mean square bound / sqrt(3).
        for (const auto* pair : {&layer.attn_qkv_weight, &layer.mlp_out_weight}) {
            const double bound = 1.0 / std::sqrt(static_cast<double>(pair->rows()));
            QVERIFY(pair->cwiseAbs().maxCoeff() <= bound);
            QVERIFY(std::abs(rootMeanSquare(*pair) - bound / std::sqrt(3.0)) < 0.15 * bound);
        }
        const double bias_bound = 1.0 / std::sqrt(static_cast<double>(config.d_model));
        QVERIFY(layer.attn_qkv_bias.cwiseAbs().maxCoeff() <= bias_bound);
        QVERIFY(layer.attn_qkv_bias.cwiseAbs().maxCoeff() > 0.1 * bias_bound);
    }
    // The GPT-2 default keeps zero biases.
    QCOMPARE(gpt2.layers[0].attn_qkv_bias.cwiseAbs().maxCoeff(), 0.0f);
}

void TestTrainer::smokeTrainingLowersLoss_data() {
    QTest::addColumn<int>("architecture");
    QTest::addRow("gpt2") << static_cast<int>(Architecture::Gpt2);
    QTest::addRow("bert") << static_cast<int>(Architecture::Bert);
}

void TestTrainer::smokeTrainingLowersLoss() {
    QFETCH(int, architecture);
    const ModelConfig config = smallConfig(static_cast<Architecture>(architecture));
    const TextSource source(config.architecture);
    Trainer trainer(config, smallOptions(200), initialiseForTraining(config, 3));
    const double first = trainer.evaluate(source, 4).mean();
    for (int i = 0; i < 200; ++i) {
        trainer.step(source);
    }
    const double last = trainer.evaluate(source, 4).mean();
    qInfo("loss %.3f -> %.3f", first, last);
    QVERIFY(std::isfinite(last));
    QVERIFY2(last < 0.6 * first, qPrintable(QString("loss %1 -> %2").arg(first).arg(last)));
}

void TestTrainer::resumeReproducesUninterruptedRun_data() {
    smokeTrainingLowersLoss_data();
}

void TestTrainer::resumeReproducesUninterruptedRun() {
    QFETCH(int, architecture);
    const ModelConfig config = smallConfig(static_cast<Architecture>(architecture));
    const TextSource source(config.architecture);
    const int steps = 16;

    Trainer uninterrupted(config, smallOptions(steps), initialiseForTraining(config, 5));
    for (int i = 0; i < steps; ++i) {
        uninterrupted.step(source);
    }

    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const std::filesystem::path file = folder.filePath("checkpoint.safetensors").toStdString();
    {
        Trainer first_half(config, smallOptions(steps), initialiseForTraining(config, 5));
        for (int i = 0; i < steps / 2; ++i) {
            first_half.step(source);
        }
        first_half.saveCheckpoint(file, R"({"note": "half"})");
    }
    std::string extra;
    auto resumed = Trainer::loadCheckpoint(file, &extra);
    QCOMPARE(QString::fromStdString(extra), QString(R"({"note":"half"})"));
    QCOMPARE(resumed->currentStep(), steps / 2);
    for (int i = steps / 2; i < steps; ++i) {
        resumed->step(source);
    }
    QCOMPARE(resumed->history().size(), uninterrupted.history().size());
    for (std::size_t i = 0; i < uninterrupted.history().size(); ++i) {
        const double expected = uninterrupted.history()[i].train_loss;
        const double actual = resumed->history()[i].train_loss;
        QVERIFY2(std::abs(expected - actual) <= 1e-6,
                 qPrintable(QString("step %1: %2 vs %3").arg(i).arg(expected).arg(actual)));
    }
    // Bit for bit: the same weights at the end.
    QVERIFY(resumed->weights().token_embedding == uninterrupted.weights().token_embedding);
    QVERIFY(resumed->weights().layers[1].mlp_out_weight ==
            uninterrupted.weights().layers[1].mlp_out_weight);
}

void TestTrainer::threadCountDoesNotChangeResults() {
    const ModelConfig config = smallConfig(Architecture::Gpt2);
    const TextSource source(config.architecture);
    TrainingOptions one_thread = smallOptions(6);
    one_thread.threads = 1;
    Trainer serial(config, one_thread, initialiseForTraining(config, 8));
    Trainer parallel(config, smallOptions(6), initialiseForTraining(config, 8));
    for (int i = 0; i < 6; ++i) {
        QCOMPARE(serial.step(source).train_loss, parallel.step(source).train_loss);
    }
}

void TestTrainer::corruptCheckpointIsRejected() {
    QTemporaryDir folder;
    const std::filesystem::path file = folder.filePath("bad.safetensors").toStdString();
    {
        QFile out(QString::fromStdString(file.string()));
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("not a checkpoint at all");
    }
    QVERIFY_THROWS_EXCEPTION(AtlasError, Trainer::loadCheckpoint(file));
}

QTEST_GUILESS_MAIN(TestTrainer)
#include "test_trainer.moc"
