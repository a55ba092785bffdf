// Maps made again from captured queries and keys (model/HeadAttention.h, analysis/OnDemandMaps.h)
// against the maps the forward pass made: the built-in gpt and bert on every kernel, and the
// real stories260K (rotary, grouped key/value heads) where ../shared/data has it.
#include <QTest>

#include <filesystem>
#include <memory>
#include <mutex>

#include "analysis/Aggregates.h"
#include "analysis/AttentionSink.h"
#include "analysis/OnDemandMaps.h"
#include "io/Safetensors.h"
#include "model/BuiltinModels.h"
#include "model/HeadAttention.h"
#include "model/HuggingFaceLayout.h"
#include "model/Model.h"
#include "model/TransformerForward.h"

using namespace atlas;
namespace fs = std::filesystem;

namespace {

float maxDifference(const Matrix& a, const Matrix& b) {
    if (a.rows() != b.rows() || a.cols() != b.cols()) {
        return 1e9f;
    }
    return a.size() == 0 ? 0.0f : (a - b).cwiseAbs().maxCoeff();
}

std::vector<int> someIds(int count, int vocabulary, int first) {
    std::vector<int> ids;
    for (int t = 0; t < count; ++t) {
        ids.push_back(first + (t * 37 + 11) % (vocabulary - first));
    }
    return ids;
}

std::vector<Kernel> everyKernel() {
    std::vector<Kernel> kernels{{KernelKind::Reference, SimdLevel::Generic},
                                {KernelKind::Eigen, SimdLevel::Generic}};
    for (SimdLevel level : availableSimdLevels()) {
        kernels.push_back({KernelKind::Simd, level});
    }
    return kernels;
}

// Every head made again equals the pass's map (1e-6 asked; the same code makes both), and a
// pass that releases its maps hands the same ones to on_attention.
void checkModel(const ModelConfig& config, const TransformerWeights& weights,
                const std::vector<int>& ids, const Kernel& kernel) {
    ForwardOptions options;
    options.kernel = kernel;
    AttentionCapture capture;
    capture.capture_queries_keys = true;
    const Forward forward = forwardCapturing(config, weights, ids, options, capture);
    QCOMPARE(int(capture.queries_keys.size()), config.n_layer);
    float worst = 0;
    for (int l = 0; l < config.n_layer; ++l) {
        for (int h = 0; h < config.n_head; ++h) {
            const Matrix made = headAttention(config, capture.queries_keys[l], h, kernel);
            worst = std::max(worst, maxDifference(made, forward.attention[l][h]));
        }
    }
    QVERIFY2(worst <= 1e-6f,
             qPrintable(
                 QStringLiteral("%1 on %2").arg(worst).arg(QString::fromStdString(kernel.name()))));
    // The pass with a capture is the plain pass.
    const Forward plain = transformerForward(config, weights, ids, options);
    for (int l = 0; l < config.n_layer; ++l) {
        for (int h = 0; h < config.n_head; ++h) {
            QCOMPARE(forward.attention[l][h], plain.attention[l][h]);
        }
    }

    AttentionCapture releasing;
    releasing.keep_attention = false;
    std::mutex mutex;
    std::vector<std::vector<Matrix>> seen(std::size_t(config.n_layer),
                                          std::vector<Matrix>(std::size_t(config.n_head)));
    releasing.on_attention = [&](int layer, int head, const Matrix& map) {
        const std::lock_guard lock(mutex);
        seen[std::size_t(layer)][std::size_t(head)] = map;
    };
    const Forward released = forwardCapturing(config, weights, ids, options, releasing);
    for (int l = 0; l < config.n_layer; ++l) {
        for (int h = 0; h < config.n_head; ++h) {
            QCOMPARE(released.attention[l][h].size(), Eigen::Index(0));
            QCOMPARE(seen[l][h], forward.attention[l][h]);
        }
    }
    // The same predictions whether the maps were kept or not.
    QCOMPARE(released.predictions.size(), forward.predictions.size());
    for (std::size_t p = 0; p < forward.predictions.size(); ++p) {
        QCOMPARE(released.predictions[p].top.front().id, forward.predictions[p].top.front().id);
    }

    // The sink dropped and the layer mean, as the snapshot shows them.
    const OnDemandMaps onDemand(config, capture.queries_keys, kernel, true);
    QCOMPARE(onDemand.tokenCount(), int(ids.size()));
    Forward dropped = forward;
    dropAttentionSink(dropped);
    const std::vector<Matrix> means = meanOverHeads(dropped);
    for (int l = 0; l < config.n_layer; ++l) {
        QVERIFY(maxDifference(onDemand.head(l, 1), dropped.attention[l][1]) <= 1e-6f);
        QVERIFY(maxDifference(onDemand.layerMean(l), means[l]) <= 1e-6f);
    }
    QVERIFY_THROWS_EXCEPTION(AtlasError, onDemand.head(config.n_layer, 0));
    QVERIFY_THROWS_EXCEPTION(AtlasError, onDemand.head(0, config.n_head));
}

}  // namespace

class TestOnDemandMaps : public QObject {
    Q_OBJECT

  private slots:
    void builtInGptOnEveryKernel() {
        const auto model = Model::load(resolveModelFolder("gpt"));
        const std::vector<int> ids = someIds(40, model->config().vocab_size, 0);
        for (const Kernel& kernel : everyKernel()) {
            checkModel(model->config(), model->weights(), ids, kernel);
        }
    }

    void builtInBertOnEveryKernel() {
        const auto model = Model::load(resolveModelFolder("bert"));
        const std::vector<int> ids = someIds(33, model->config().vocab_size, 5);
        for (const Kernel& kernel : everyKernel()) {
            checkModel(model->config(), model->weights(), ids, kernel);
        }
    }

    void stories260KOnEveryKernel() {
        const fs::path folder = fs::path(ATLAS_SHARED_DIR) / "data/models/stories260K";
        if (!fs::exists(folder / "config.json")) {
            QSKIP("../shared/data/models/stories260K is absent");
        }
        const ModelConfig config = ModelConfig::fromFile(folder / "config.json");
        QVERIFY(config.kvHeads() < config.n_head);  // grouped key/value heads
        const TransformerWeights weights =
            mapHuggingFaceWeights(std::make_shared<const SafetensorsFile>(
                                      SafetensorsFile::open(folder / "model.safetensors")),
                                  config);
        const std::vector<int> ids = someIds(200, config.vocab_size, 3);
        for (const Kernel& kernel : everyKernel()) {
            checkModel(config, weights, ids, kernel);
        }
    }

    void wrongShapesAreNamed() {
        const auto model = Model::load(resolveModelFolder("gpt"));
        LayerQueriesKeys layer;
        layer.queries = Matrix::Zero(4, 3);
        layer.keys = Matrix::Zero(4, 3);
        try {
            headAttention(model->config(), layer, 0);
            QFAIL("no error");
        } catch (const AtlasError& error) {
            QVERIFY2(QString(error.what()).contains("[4, 3]"), error.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestOnDemandMaps)
#include "test_on_demand_maps.moc"
