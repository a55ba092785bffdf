// Checks the trainer's backward passes: every parameter tensor's analytic gradient against
// central finite differences, in double precision, for a tiny GPT-2 and a tiny BERT.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "TinyModels.h"
#include "train/TrainingPass.h"
#include "train/TrainingRandom.h"
#include "train/TrainingWeights.h"

using namespace atlas;

namespace {

// Initial weights are too small (std 0.02) to exercise every term; spread them out, including
// biases and LayerNorm weights, so no gradient is trivially zero.
TransformerWeightsD spreadWeights(const ModelConfig& config, unsigned long long seed) {
    TransformerWeightsD weights = toDouble(initialiseForTraining(config, seed));
    std::uint64_t stream = 0;
    visitTensors(weights, [&](const std::string& name, MatrixD& tensor) {
        TrainingRandom random(seed, 1, stream++);
        const bool layer_norm_weight =
            name.find("ln_") != std::string::npos && name.find("_weight") != std::string::npos;
        for (Eigen::Index i = 0; i < tensor.size(); ++i) {
            tensor.data()[i] = (layer_norm_weight ? 1.0 : 0.0) + 0.3 * random.normal();
        }
    });
    return weights;
}

double meanLoss(TrainingPass<TransformerWeightsD>& pass, const TransformerWeightsD& weights,
                const TrainingBatch& batch) {
    return pass.forward(weights, batch, true).mean();
}

}  // namespace

class TestTrainingGradients : public QObject {
    Q_OBJECT

  private slots:
    void analyticMatchesFiniteDifferences_data();
    void analyticMatchesFiniteDifferences();
    void floatMatchesDouble_data();
    void floatMatchesDouble();
    void paddingDoesNotChangeRealPositions();
};

void TestTrainingGradients::analyticMatchesFiniteDifferences_data() {
    QTest::addColumn<int>("architecture");
    QTest::addRow("gpt2") << static_cast<int>(Architecture::Gpt2);
    QTest::addRow("bert") << static_cast<int>(Architecture::Bert);
}

void TestTrainingGradients::analyticMatchesFiniteDifferences() {
    QFETCH(int, architecture);
    const ModelConfig config = testing::tinyConfig(static_cast<Architecture>(architecture));
    TransformerWeightsD weights = spreadWeights(config, 11);
    const TrainingBatch batch = testing::tinyBatch(config, 5);

    TrainingPass<TransformerWeightsD> pass(config);
    const LossSum loss = pass.forward(weights, batch);
    QVERIFY(loss.count > 0);
    TransformerWeightsD grads = zerosLike(weights);
    pass.backward(weights, batch, 1.0 / static_cast<double>(loss.count), grads);

    // Entries to check per tensor: the largest gradient and up to 8 random ones.
    const double step = 1e-5;
    const double tolerance = 1e-3;
    int tensors_checked = 0;
    double worst = 0;
    std::string worst_name;
    std::uint64_t stream = 0;
    std::vector<MatrixD*> weight_tensors;
    visitTensors(weights,
                 [&](const std::string&, MatrixD& tensor) { weight_tensors.push_back(&tensor); });
    std::size_t index = 0;
    visitTensors(grads, [&](const std::string& name, const MatrixD& gradient) {
        MatrixD& tensor = *weight_tensors[index++];
        QCOMPARE(tensor.rows(), gradient.rows());
        QCOMPARE(tensor.cols(), gradient.cols());
        std::vector<Eigen::Index> entries;
        Eigen::Index largest = 0;
        gradient.cwiseAbs().reshaped<Eigen::RowMajor>().maxCoeff(&largest);
        entries.push_back(largest);
        TrainingRandom random(3, 0, stream++);
        for (int i = 0; i < 8; ++i) {
            entries.push_back(static_cast<Eigen::Index>(random.below(tensor.size())));
        }
        // A tensor whose gradient is zero everywhere would hide a missing backward term.
        QVERIFY2(gradient.cwiseAbs().maxCoeff() > 1e-8,
                 (name + " has an all-zero gradient").c_str());
        for (Eigen::Index entry : entries) {
            double& value = tensor.data()[entry];
            const double original = value;
            value = original + step;
            const double plus = meanLoss(pass, weights, batch);
            value = original - step;
            const double minus = meanLoss(pass, weights, batch);
            value = original;
            const double numeric = (plus - minus) / (2 * step);
            const double analytic = gradient.data()[entry];
            const double scale = std::max(std::abs(numeric), std::abs(analytic));
            // Both below 1e-9: zero up to rounding, compared absolutely.
            const double error = scale < 1e-9 ? 0.0 : std::abs(numeric - analytic) / scale;
            if (error > worst) {
                worst = error;
                worst_name = name;
            }
            QVERIFY2(error <= tolerance,
                     qPrintable(QString("%1[%2]: analytic %3, numeric %4, relative error %5")
                                    .arg(QString::fromStdString(name))
                                    .arg(entry)
                                    .arg(analytic, 0, 'g', 10)
                                    .arg(numeric, 0, 'g', 10)
                                    .arg(error)));
        }
        ++tensors_checked;
    });
    qInfo("%d tensors checked, worst relative error %.3g (%s)", tensors_checked, worst,
          worst_name.c_str());
    QVERIFY(tensors_checked >= 16);
}

void TestTrainingGradients::floatMatchesDouble_data() {
    analyticMatchesFiniteDifferences_data();
}

// The float instantiation (the one that trains) computes the same loss and gradients as the
// double one, up to float rounding.
void TestTrainingGradients::floatMatchesDouble() {
    QFETCH(int, architecture);
    const ModelConfig config = testing::tinyConfig(static_cast<Architecture>(architecture));
    const TransformerWeightsD weights_double = spreadWeights(config, 13);
    const TransformerWeights weights_float = toFloat(weights_double);
    const TrainingBatch batch = testing::tinyBatch(config, 9);

    TrainingPass<TransformerWeightsD> pass_double(config);
    TrainingPass<TransformerWeights> pass_float(config);
    const LossSum loss_double = pass_double.forward(weights_double, batch);
    const LossSum loss_float = pass_float.forward(weights_float, batch);
    QCOMPARE(loss_float.count, loss_double.count);
    QVERIFY(std::abs(loss_float.mean() - loss_double.mean()) < 1e-5);
    TransformerWeightsD grads_double = zerosLike(weights_double);
    TransformerWeights grads_float = zerosLike(weights_float);
    pass_double.backward(weights_double, batch, 1.0 / loss_double.count, grads_double);
    pass_float.backward(weights_float, batch, 1.0f / loss_float.count, grads_float);
    const TransformerWeightsD grads_converted = toDouble(grads_float);
    std::vector<const MatrixD*> converted;
    visitTensors(grads_converted,
                 [&](const std::string&, const MatrixD& t) { converted.push_back(&t); });
    std::size_t index = 0;
    visitTensors(grads_double, [&](const std::string& name, const MatrixD& reference) {
        const double difference = (reference - *converted[index++]).cwiseAbs().maxCoeff();
        const double scale = std::max(1e-3, reference.cwiseAbs().maxCoeff());
        QVERIFY2(difference / scale < 1e-4, (name + ": float and double gradients differ").c_str());
    });
}

// Tokens beyond a sequence's length must not change the loss at real positions.
void TestTrainingGradients::paddingDoesNotChangeRealPositions() {
    const ModelConfig config = testing::tinyConfig(Architecture::Bert);
    const TransformerWeightsD weights = spreadWeights(config, 17);
    TrainingBatch batch = testing::tinyBatch(config, 21);
    TrainingPass<TransformerWeightsD> pass(config);
    const double before = pass.forward(weights, batch).sum;
    batch.inputs[10] = (batch.inputs[10] + 1) % config.vocab_size;  // padding of sequence 2
    batch.inputs[11] = (batch.inputs[11] + 5) % config.vocab_size;
    const double after = pass.forward(weights, batch).sum;
    QCOMPARE(after, before);
    batch.inputs[8] = (batch.inputs[8] + 1) % config.vocab_size;  // a real token
    QVERIFY(pass.forward(weights, batch).sum != before);
}

QTEST_GUILESS_MAIN(TestTrainingGradients)
#include "test_training_gradients.moc"
