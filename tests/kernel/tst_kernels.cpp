// The kernel switch: ATLAS_KERNEL's values and errors, each SIMD level's loops against double
// precision, and every kernel running a whole GPT-2-shaped BF16 model to the same attention.
// Levels the CPU lacks are reported as skipped, never silently passed.
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <vector>

#include "Error.h"
#include "ReferenceForward.h"
#include "TinyModelFolder.h"
#include "io/Safetensors.h"
#include "kernel/KernelChoice.h"
#include "kernel/SimdFunctions.h"
#include "model/Model.h"
#include "model/WeightPanels.h"

using namespace atlas;

Q_DECLARE_METATYPE(atlas::SimdLevel)

namespace {

std::vector<float> randomValues(int count, float scale, unsigned seed) {
    std::mt19937 generator(seed);
    std::normal_distribution<float> normal(0.0f, scale);
    std::vector<float> values(count);
    for (float& value : values)
        value = normal(generator);
    return values;
}

// Sets ATLAS_KERNEL for the scope, restoring what it was.
class KernelVariable {
  public:
    explicit KernelVariable(const QByteArray& value)
        : had_(qEnvironmentVariableIsSet("ATLAS_KERNEL")), old_(qgetenv("ATLAS_KERNEL")) {
        qputenv("ATLAS_KERNEL", value);
    }
    ~KernelVariable() {
        if (had_) {
            qputenv("ATLAS_KERNEL", old_);
        } else {
            qunsetenv("ATLAS_KERNEL");
        }
    }

  private:
    bool had_;
    QByteArray old_;
};

}  // namespace

class KernelsTest : public QObject {
    Q_OBJECT

  private slots:
    void valuesOfTheVariable();
    void unknownValueIsAnErrorNamingTheAllowedOnes();
    void autoPicksTheWidestLevelTheCpuHas();
    void levelLoopsMatchDoublePrecision_data();
    void levelLoopsMatchDoublePrecision();
    void panelProductsMatchDoublePrecision_data();
    void panelProductsMatchDoublePrecision();
    void everyKernelRunsABf16Gpt2ToTheReference();
    void mappedModelsOfEveryDtypeMatchTheReference_data();
    void mappedModelsOfEveryDtypeMatchTheReference();
    void nonFiniteMappedTensorIsNamedByTheForward_data();
    void nonFiniteMappedTensorIsNamedByTheForward();
    void nanInTheEmbeddingOfABertWithoutItsHeadIsNamed();
};

void KernelsTest::valuesOfTheVariable() {
    QCOMPARE(parseKernel("reference").kind, KernelKind::Reference);
    QCOMPARE(parseKernel("eigen").kind, KernelKind::Eigen);
    QCOMPARE(parseKernel("simd").kind, KernelKind::Simd);
    QCOMPARE(parseKernel("auto"), parseKernel(""));
    QCOMPARE(parseKernel("simd"), parseKernel("auto"));
    {
        const KernelVariable variable("eigen");
        QCOMPARE(kernelFromEnvironment().name(), std::string("eigen"));
    }
    {
        const KernelVariable variable("reference");
        QCOMPARE(kernelFromEnvironment().name(), std::string("reference"));
    }
}

void KernelsTest::unknownValueIsAnErrorNamingTheAllowedOnes() {
    try {
        parseKernel("fastest");
        QFAIL("an unknown kernel was accepted");
    } catch (const AtlasError& error) {
        const QString message = error.what();
        QVERIFY2(message.contains("ATLAS_KERNEL") && message.contains("fastest") &&
                     message.contains("reference, eigen, simd or auto"),
                 qPrintable(message));
    }
    // A model run with a bad value fails with that message too, instead of guessing.
    const KernelVariable variable("blas");
    QVERIFY_THROWS_EXCEPTION(AtlasError, kernelFromEnvironment());
}

void KernelsTest::autoPicksTheWidestLevelTheCpuHas() {
    const std::vector<SimdLevel> levels = availableSimdLevels();
    QVERIFY(!levels.empty());
    QCOMPARE(levels.front(), SimdLevel::Generic);  // every build, every CPU
    QCOMPARE(parseKernel("auto").level, levels.back());
    qInfo("this CPU runs: %s", parseKernel("auto").name().c_str());
}

void KernelsTest::levelLoopsMatchDoublePrecision_data() {
    QTest::addColumn<SimdLevel>("level");
    for (SimdLevel level : {SimdLevel::Generic, SimdLevel::Avx2, SimdLevel::Avx512}) {
        QTest::addRow("%s", simdLevelName(level)) << level;
    }
}

void KernelsTest::levelLoopsMatchDoublePrecision() {
    QFETCH(SimdLevel, level);
    if (!simdLevelAvailable(level)) {
        QSKIP(qPrintable(QString("this build or CPU cannot run %1").arg(simdLevelName(level))));
    }
    const kernel::SimdFunctions* functions = kernel::simdFunctions(level);
    QVERIFY(functions != nullptr);
    for (int n : {1, 3, 8, 17, 64, 100, 768}) {
        // Softmax of wide-ranging scores, some far below the maximum.
        std::vector<float> scores = randomValues(n, 8.0f, n);
        scores[0] = -120.0f;
        std::vector<float> probabilities(n);
        functions->softmax_row(scores.data(), probabilities.data(), n);
        double max = scores[0], sum = 0;
        for (float s : scores)
            max = std::max<double>(max, s);
        for (float s : scores)
            sum += std::exp(s - max);
        for (int i = 0; i < n; ++i) {
            const double expected = std::exp(scores[i] - max) / sum;
            QVERIFY2(std::abs(probabilities[i] - expected) <= 1e-6,
                     qPrintable(QString("softmax n=%1 i=%2").arg(n).arg(i)));
        }
        // LayerNorm.
        const std::vector<float> x = randomValues(n, 3.0f, n + 1);
        const std::vector<float> weight = randomValues(n, 1.0f, n + 2);
        const std::vector<float> bias = randomValues(n, 1.0f, n + 3);
        std::vector<float> normed(n);
        functions->layer_norm_row(x.data(), weight.data(), bias.data(), 1e-5f, normed.data(), n);
        double mean = 0, squares = 0;
        for (float v : x)
            mean += v;
        mean /= n;
        for (float v : x)
            squares += (v - mean) * (v - mean);
        const double scale = 1.0 / std::sqrt(squares / n + 1e-5);
        for (int i = 0; i < n; ++i) {
            const double expected = (x[i] - mean) * scale * weight[i] + bias[i];
            QVERIFY2(std::abs(normed[i] - expected) <= 2e-5 * (1 + std::abs(expected)),
                     qPrintable(QString("layer norm n=%1 i=%2").arg(n).arg(i)));
        }
        // Both GELUs, over a range that reaches their tails.
        std::vector<float> tanh_form = randomValues(n, 4.0f, n + 4);
        tanh_form[0] = -30.0f;
        std::vector<float> erf_form = tanh_form;
        const std::vector<float> inputs = tanh_form;
        functions->gelu_tanh(tanh_form.data(), n);
        functions->gelu_erf(erf_form.data(), n);
        for (int i = 0; i < n; ++i) {
            const double v = inputs[i];
            const double tanh_expected =
                0.5 * v * (1 + std::tanh(0.7978845608028654 * (v + 0.044715 * v * v * v)));
            const double erf_expected = 0.5 * v * (1 + std::erf(v / std::sqrt(2.0)));
            QVERIFY2(
                std::abs(tanh_form[i] - tanh_expected) <= 1e-5 * (1 + std::abs(v)),
                qPrintable(
                    QString("gelu tanh %1: %2 vs %3").arg(v).arg(tanh_form[i]).arg(tanh_expected)));
            QVERIFY2(
                std::abs(erf_form[i] - erf_expected) <= 1e-5 * (1 + std::abs(v)),
                qPrintable(
                    QString("gelu erf %1: %2 vs %3").arg(v).arg(erf_form[i]).arg(erf_expected)));
        }
        // RMSNorm (Llama's x * w / sqrt(mean(x^2) + eps)), in place as the forward runs it.
        std::vector<float> rms = x;
        functions->rms_norm_row(rms.data(), weight.data(), 1e-6f, rms.data(), n);
        double mean_square = 0;
        for (float v : x)
            mean_square += double(v) * v;
        const double rms_scale = 1.0 / std::sqrt(mean_square / n + 1e-6);
        for (int i = 0; i < n; ++i) {
            const double expected = x[i] * rms_scale * weight[i];
            QVERIFY2(std::abs(rms[i] - expected) <= 2e-5 * (1 + std::abs(expected)),
                     qPrintable(QString("rms norm n=%1 i=%2").arg(n).arg(i)));
        }
        // SwiGLU's silu(gate) * up, over a range that reaches both tails of the sigmoid.
        std::vector<float> gate = randomValues(n, 6.0f, n + 5);
        gate[0] = -100.0f;
        const std::vector<float> gate_inputs = gate;
        const std::vector<float> up = randomValues(n, 2.0f, n + 6);
        functions->silu_gate(gate.data(), up.data(), n);
        for (int i = 0; i < n; ++i) {
            const double v = gate_inputs[i];
            const double expected = v / (1 + std::exp(-v)) * up[i];
            QVERIFY2(std::abs(gate[i] - expected) <= 1e-5 * (1 + std::abs(expected)),
                     qPrintable(QString("silu %1: %2 vs %3").arg(v).arg(gate[i]).arg(expected)));
        }
    }
}

void KernelsTest::panelProductsMatchDoublePrecision_data() {
    levelLoopsMatchDoublePrecision_data();
}

// x @ W over row-major weights of every stored type, in shapes that reach each path of the panel
// product: at most 6 rows (weights read in place), tiles of 12 rows with a partial last one,
// groups of pairs with a single panel left over, and K cut into slices (over 768, unevenly).
void KernelsTest::panelProductsMatchDoublePrecision() {
    QFETCH(SimdLevel, level);
    if (!simdLevelAvailable(level)) {
        QSKIP(qPrintable(QString("this build or CPU cannot run %1").arg(simdLevelName(level))));
    }
    const kernel::SimdFunctions* functions = kernel::simdFunctions(level);
    struct Shape {
        int rows, depth, panels;
    };
    const Shape shapes[] = {{1, 5, 1},     {6, 300, 3},   {7, 64, 3},     {13, 768, 9},
                            {25, 769, 10}, {30, 3072, 4}, {12, 1537, 17}, {40, 96, 11}};
    for (const Shape& shape : shapes) {
        const int columns = shape.panels * kernel::kPanelWidth;
        const std::vector<float> x = randomValues(shape.rows * shape.depth, 1.0f, shape.depth);
        const std::vector<float> weight = randomValues(shape.depth * columns, 0.5f, columns);
        const int tile_count = (shape.rows + kernel::kTileRows - 1) / kernel::kTileRows;
        std::vector<float> tiles(static_cast<std::size_t>(tile_count) * shape.depth *
                                 kernel::kTileRows);
        for (int r = 0; r < shape.rows; ++r)
            for (int k = 0; k < shape.depth; ++k)
                tiles[(r / kernel::kTileRows) * shape.depth * kernel::kTileRows +
                      k * kernel::kTileRows + r % kernel::kTileRows] = x[r * shape.depth + k];
        for (kernel::StoredType type :
             {kernel::StoredType::F32, kernel::StoredType::BF16, kernel::StoredType::F16}) {
            std::vector<std::uint16_t> stored16(weight.size());
            std::vector<float> used = weight;  // the values the kernel sees after conversion
            for (std::size_t i = 0; i < weight.size(); ++i) {
                if (type == kernel::StoredType::BF16) {
                    stored16[i] = floatToBfloat16(weight[i]);
                    used[i] = bfloat16ToFloat(stored16[i]);
                } else if (type == kernel::StoredType::F16) {
                    stored16[i] = floatToHalf(weight[i]);
                    used[i] = halfToFloat(stored16[i]);
                }
            }
            kernel::PanelOperand operand;
            operand.b = type == kernel::StoredType::F32 ? static_cast<const void*>(weight.data())
                                                        : stored16.data();
            operand.type = type;
            operand.panel_stride = kernel::kPanelWidth;
            operand.row_stride = columns;
            operand.panel_count = shape.panels;
            std::vector<float> out(static_cast<std::size_t>(shape.rows) * columns, -7.0f);
            functions->multiply_panels(tiles.data(), shape.rows, shape.depth, operand, out.data(),
                                       columns);
            for (int r = 0; r < shape.rows; ++r) {
                for (int c = 0; c < columns; ++c) {
                    double expected = 0, magnitude = 0;
                    for (int k = 0; k < shape.depth; ++k) {
                        const double term = double(x[r * shape.depth + k]) * used[k * columns + c];
                        expected += term;
                        magnitude += std::abs(term);
                    }
                    const double got = out[static_cast<std::size_t>(r) * columns + c];
                    QVERIFY2(std::abs(got - expected) <= 1e-5 * (1 + magnitude),
                             qPrintable(QString("rows %1 depth %2 panels %3 type %4: [%5, %6] = "
                                                "%7, expected %8")
                                            .arg(shape.rows)
                                            .arg(shape.depth)
                                            .arg(shape.panels)
                                            .arg(int(type))
                                            .arg(r)
                                            .arg(c)
                                            .arg(got)
                                            .arg(expected)));
                }
            }
        }
    }
}

void KernelsTest::everyKernelRunsABf16Gpt2ToTheReference() {
    // GPT-2's shape at a small size: pre-LN, tied embedding, tanh GELU, BF16 on disk. d_model 96
    // gives six whole panels (an even count for AVX-512's pairs) and a narrow vocabulary panel.
    QTemporaryDir dir;
    const std::filesystem::path folder = std::filesystem::path(dir.path().toStdString()) / "gpt";
    test::TinyModelOptions options;
    options.n_layer = 3;
    options.n_head = 4;
    options.d_model = 96;
    options.n_ctx = 64;
    options.weight_scale = 0.15f;
    options.storage = DType::BF16;
    test::writeTinyModelFolder(folder, options);
    const auto model = Model::load(folder);
    const TransformerWeights stored = unpackedCopy(model->weights());  // the BF16 values
    const std::string text = "The cat sat on the mat because it was warm, and the dog watched.";
    const EncodedText encoded = model->encode(text);
    std::vector<int> ids;
    for (const Token& token : encoded.tokens)
        ids.push_back(token.id);
    QVERIFY(ids.size() > 20);
    const test::ReferenceForward reference = test::referenceForward(model->config(), stored, ids);

    std::vector<QByteArray> values{"reference", "eigen", "simd", "auto"};
    for (const QByteArray& value : values) {
        const KernelVariable variable(value);
        const RunResult result = model->run(text);
        double worst = 0;
        for (int l = 0; l < options.n_layer; ++l)
            for (int h = 0; h < options.n_head; ++h)
                worst = std::max(worst, (result.forward.attention[l][h].cast<double>() -
                                         reference.attention[l][h])
                                            .cwiseAbs()
                                            .maxCoeff());
        qInfo("ATLAS_KERNEL=%s (%s): max |attention - reference| = %.3g", value.constData(),
              kernelFromEnvironment().name().c_str(), worst);
        QVERIFY2(worst <= 1e-4, qPrintable(QString::number(worst)));
    }
    // Every SIMD level the CPU has, forced one by one.
    for (SimdLevel level : availableSimdLevels()) {
        RunOptions run_options;
        run_options.forward.kernel = Kernel{KernelKind::Simd, level};
        const RunResult result = model->run(text, run_options);
        double worst = 0;
        for (int l = 0; l < options.n_layer; ++l)
            for (int h = 0; h < options.n_head; ++h)
                worst = std::max(worst, (result.forward.attention[l][h].cast<double>() -
                                         reference.attention[l][h])
                                            .cwiseAbs()
                                            .maxCoeff());
        qInfo("simd (%s): max |attention - reference| = %.3g", simdLevelName(level), worst);
        QVERIFY2(worst <= 1e-4, qPrintable(QString::number(worst)));
    }
}

void KernelsTest::mappedModelsOfEveryDtypeMatchTheReference_data() {
    QTest::addColumn<int>("architecture");
    QTest::addColumn<int>("storage");
    for (Architecture architecture : {Architecture::Gpt2, Architecture::Bert}) {
        for (DType storage : {DType::F32, DType::BF16, DType::F16}) {
            QTest::addRow("%s %s", architecture == Architecture::Gpt2 ? "gpt2" : "bert",
                          dtypeName(storage))
                << int(architecture) << int(storage);
        }
    }
}

// A loaded model's large matrices stay in the file, in its dtype (BERT's q, k, v as three stored
// Linear blocks, GPT-2's as one Conv1D block, the tied embedding transposed): every kernel and
// every level reads them to the reference's attention and logits.
void KernelsTest::mappedModelsOfEveryDtypeMatchTheReference() {
    QFETCH(int, architecture);
    QFETCH(int, storage);
    QTemporaryDir dir;
    const std::filesystem::path folder = std::filesystem::path(dir.path().toStdString()) / "m";
    test::TinyModelOptions options;
    options.architecture = static_cast<Architecture>(architecture);
    options.n_layer = 2;
    options.n_head = 3;
    options.d_model = 48;
    options.n_ctx = 40;
    options.storage = static_cast<DType>(storage);
    test::writeTinyModelFolder(folder, options);
    const auto model = Model::load(folder);
    QVERIFY(model->weights().layout == WeightLayout::Mapped);
    const TransformerWeights stored = unpackedCopy(model->weights());
    const std::string text = "the cat sat on the mat and the dog ran to the door";
    const EncodedText encoded = model->encode(text);
    std::vector<int> ids;
    for (const Token& token : encoded.tokens)
        ids.push_back(token.id);
    const test::ReferenceForward reference = test::referenceForward(model->config(), stored, ids);
    std::vector<Kernel> kernels{{KernelKind::Reference, SimdLevel::Generic},
                                {KernelKind::Eigen, SimdLevel::Generic}};
    for (SimdLevel level : availableSimdLevels())
        kernels.push_back({KernelKind::Simd, level});
    for (const Kernel& kernel : kernels) {
        ForwardOptions forward_options;
        forward_options.kernel = kernel;
        forward_options.capture_logits = true;
        const Forward forward = model->forward(ids, forward_options);
        double worst = 0;
        for (int l = 0; l < options.n_layer; ++l)
            for (int h = 0; h < options.n_head; ++h)
                worst = std::max(
                    worst, (forward.attention[l][h].cast<double>() - reference.attention[l][h])
                               .cwiseAbs()
                               .maxCoeff());
        const double logits =
            (forward.logits.cast<double>() - reference.logits).cwiseAbs().maxCoeff();
        QVERIFY2(worst <= 1e-4 && logits <= 1e-3, qPrintable(QString("%1: attention %2, logits %3")
                                                                 .arg(kernel.name().c_str())
                                                                 .arg(worst)
                                                                 .arg(logits)));
    }
}

// A NaN or Inf in a mapped tensor: opening the model reads none of its values, so the first
// forward names the file, the tensor and the element, in every kernel, before any attention is
// returned; the next forward again.
void KernelsTest::nonFiniteMappedTensorIsNamedByTheForward_data() {
    QTest::addColumn<int>("storage");  // DType
    QTest::addColumn<QString>("tensor");
    QTest::addColumn<bool>("nan");  // else -Inf
    QTest::addColumn<int>("element");
    QTest::addColumn<QString>("kernel");
    struct Case {
        DType storage;
        const char* tensor;
        bool nan;
        int element;
    };
    const Case cases[] = {
        {DType::BF16, "h.1.mlp.c_fc.weight", true, 5},
        {DType::BF16, "wte.weight", false, 300},  // the tied output projection
        {DType::F16, "h.0.attn.c_proj.weight", false, 17},
        {DType::F32, "h.1.attn.c_attn.weight", true, 0},
        {DType::F32, "h.0.mlp.c_proj.weight", true, 1000},
    };
    std::vector<std::string> kernels = {"reference", "eigen"};
    for (SimdLevel level : availableSimdLevels()) {
        kernels.push_back(std::string("simd ") + simdLevelName(level));
    }
    for (const Case& item : cases) {
        for (const std::string& kernel : kernels) {
            QTest::addRow("%s %s %s, %s", dtypeName(item.storage), item.tensor,
                          item.nan ? "NaN" : "Inf", kernel.c_str())
                << static_cast<int>(item.storage) << item.tensor << item.nan << item.element
                << QString::fromStdString(kernel);
        }
    }
}

void KernelsTest::nonFiniteMappedTensorIsNamedByTheForward() {
    QFETCH(int, storage);
    QFETCH(QString, tensor);
    QFETCH(bool, nan);
    QFETCH(int, element);
    QFETCH(QString, kernel);
    const auto dtype = static_cast<DType>(storage);
    QTemporaryDir dir;
    const std::filesystem::path folder = std::filesystem::path(dir.path().toStdString()) / "m";
    test::TinyModelOptions options;
    options.storage = dtype;
    test::writeTinyModelFolder(folder, options);
    // Overwrite one element in place.
    const std::filesystem::path weights = folder / "model.safetensors";
    std::size_t offset = 0;
    {
        const SafetensorsFile file = SafetensorsFile::open(weights);
        const TensorInfo* info = file.find(tensor.toStdString());
        QVERIFY(info != nullptr);
        QVERIFY(static_cast<std::int64_t>(element) < info->elementCount());
        std::ifstream stream(weights, std::ios::binary);
        std::uint64_t header = 0;
        stream.read(reinterpret_cast<char*>(&header), 8);
        offset = 8 + header + info->begin + dtypeSize(dtype) * element;
    }
    {
        std::string bytes;
        if (dtype == DType::F32) {
            const float value = nan ? std::numeric_limits<float>::quiet_NaN()
                                    : -std::numeric_limits<float>::infinity();
            bytes.assign(reinterpret_cast<const char*>(&value), sizeof value);
        } else {
            const std::uint16_t value =
                dtype == DType::BF16 ? (nan ? 0x7fc0 : 0xff80) : (nan ? 0x7e00 : 0xfc00);
            bytes.assign(reinterpret_cast<const char*>(&value), sizeof value);
        }
        std::fstream stream(weights, std::ios::binary | std::ios::in | std::ios::out);
        stream.seekp(static_cast<std::streamoff>(offset));
        stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    const std::unique_ptr<Model> model = Model::load(folder);
    RunOptions run;
    if (kernel.startsWith("simd ")) {
        const std::string level = kernel.mid(5).toStdString();
        for (SimdLevel candidate : availableSimdLevels()) {
            if (level == simdLevelName(candidate)) {
                run.forward.kernel = Kernel{KernelKind::Simd, candidate};
            }
        }
        QVERIFY(run.forward.kernel.has_value());
    } else {
        run.forward.kernel = parseKernel(kernel.toStdString());
    }
    for (int pass = 0; pass < 2; ++pass) {
        try {
            model->run("The cat sat on the mat.", run);
            QFAIL("a non-finite weight was accepted");
        } catch (const AtlasError& error) {
            const QString message = error.what();
            const QString expected = "model.safetensors: tensor " + tensor + " contains " +
                                     (nan ? "NaN" : "Inf") + " at element " +
                                     QString::number(element);
            QVERIFY2(message.endsWith(expected), qPrintable(message + " / expected " + expected));
        }
    }
}

// A BERT model without its masked-language-model head multiplies no product by the whole token
// embedding, so the forward scans it once: a NaN in a row the text does not use is still named,
// on every run.
void KernelsTest::nanInTheEmbeddingOfABertWithoutItsHeadIsNamed() {
    QTemporaryDir dir;
    const std::filesystem::path folder = std::filesystem::path(dir.path().toStdString()) / "m";
    test::TinyModelOptions options;
    options.architecture = Architecture::Bert;
    test::writeTinyModelFolder(folder, options);
    const std::filesystem::path weights = folder / "model.safetensors";
    std::vector<std::vector<float>> values;
    std::vector<TensorToWrite> kept;
    {
        const SafetensorsFile file = SafetensorsFile::open(weights);
        for (const TensorInfo& info : file.tensors()) {
            if (info.name.rfind("cls.", 0) == 0) {
                continue;
            }
            values.emplace_back(static_cast<std::size_t>(info.elementCount()));
            file.readFloat(info, values.back().data());
            if (info.name.find("word_embeddings") != std::string::npos) {
                values.back().back() = std::numeric_limits<float>::quiet_NaN();  // the last id
            }
        }
        std::size_t index = 0;
        for (const TensorInfo& info : file.tensors()) {
            if (info.name.rfind("cls.", 0) != 0) {
                kept.push_back({info.name, info.shape, values[index++].data()});
            }
        }
    }
    writeSafetensors(weights, kept);
    const std::unique_ptr<Model> model = Model::load(folder);
    for (int pass = 0; pass < 2; ++pass) {
        try {
            model->run("the cat sat on the mat");
            QFAIL("a NaN in the embedding was accepted");
        } catch (const AtlasError& error) {
            const QString message = error.what();
            QVERIFY2(message.contains("model.safetensors: tensor ") &&
                         message.contains("word_embeddings.weight contains NaN at element"),
                     qPrintable(message));
        }
    }
}

QTEST_GUILESS_MAIN(KernelsTest)
#include "tst_kernels.moc"
