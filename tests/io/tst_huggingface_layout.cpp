// Hugging Face names <-> TransformerWeights: round trips, prefixes, aliases, and every refusal.
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "Error.h"
#include "io/Safetensors.h"
#include "model/HuggingFaceLayout.h"
#include "model/TransformerWeights.h"

using namespace atlas;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(atlas::DType)

namespace {

struct StoredTensor {
    std::vector<std::int64_t> shape;
    std::vector<float> values;
};
using Tensors = std::map<std::string, StoredTensor>;

ModelConfig smallConfig(Architecture architecture) {
    ModelConfig config;
    config.architecture = architecture;
    config.n_layer = 2;
    config.n_head = 2;
    config.d_model = 8;
    config.d_ff = 12;
    config.n_ctx = 10;
    config.vocab_size = 20;
    config.type_vocab_size = architecture == Architecture::Bert ? 2 : 0;
    config.gelu_tanh = architecture == Architecture::Gpt2;
    return config;
}

Tensors readAll(const fs::path& path) {
    const SafetensorsFile file = SafetensorsFile::open(path);
    Tensors tensors;
    for (const TensorInfo& info : file.tensors()) {
        StoredTensor& tensor = tensors[info.name];
        tensor.shape = info.shape;
        tensor.values.resize(static_cast<std::size_t>(info.elementCount()));
        file.readFloat(info, tensor.values.data());
    }
    return tensors;
}

void writeAll(const fs::path& path, const Tensors& tensors) {
    std::vector<TensorToWrite> list;
    for (const auto& [name, tensor] : tensors) {
        list.push_back({name, tensor.shape, tensor.values.data()});
    }
    writeSafetensors(path, list);
}

// Tensors renamed by `rename` (an empty result drops the tensor).
Tensors renamed(const Tensors& tensors,
                const std::function<std::string(const std::string&)>& rename) {
    Tensors result;
    for (const auto& [name, tensor] : tensors) {
        const std::string target = rename(name);
        if (!target.empty()) {
            result[target] = tensor;
        }
    }
    return result;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// Largest absolute difference over every tensor; infinite if the shapes differ.
double maxDifference(const ModelConfig& config, const TransformerWeights& a,
                     const TransformerWeights& b) {
    std::vector<const Matrix*> left;
    a.forEach(config, [&](const std::string&, const Matrix& tensor) { left.push_back(&tensor); });
    double difference = 0;
    std::size_t index = 0;
    b.forEach(config, [&](const std::string&, const Matrix& tensor) {
        const Matrix& other = *left[index++];
        if (other.rows() != tensor.rows() || other.cols() != tensor.cols()) {
            difference = INFINITY;
        } else if (tensor.size() > 0) {
            difference = std::max(difference, double((other - tensor).cwiseAbs().maxCoeff()));
        }
    });
    return difference;
}

// A raw file with one tensor of a dtype the writer does not produce (e.g. I64).
std::string rawTensorEntry(const std::string& name, const char* dtype, std::int64_t count,
                           std::size_t begin, std::size_t end) {
    return nlohmann::json{
        {name, {{"dtype", dtype}, {"shape", {count}}, {"data_offsets", {begin, end}}}}}
        .dump();
}

QString errorOf(const fs::path& path, const ModelConfig& config) {
    try {
        const SafetensorsFile file = SafetensorsFile::open(path);
        readHuggingFaceWeights(file, config);
    } catch (const AtlasError& error) {
        return QString::fromUtf8(error.what());
    }
    return "no error";
}

}  // namespace

class HuggingFaceLayoutTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() { QVERIFY(directory_.isValid()); }

    void roundTrip_data() {
        QTest::addColumn<Architecture>("architecture");
        QTest::addColumn<DType>("storage");
        QTest::addColumn<double>("tolerance");
        QTest::addRow("gpt2 F32") << Architecture::Gpt2 << DType::F32 << 0.0;
        QTest::addRow("gpt2 F16") << Architecture::Gpt2 << DType::F16 << 2e-3;
        QTest::addRow("gpt2 BF16") << Architecture::Gpt2 << DType::BF16 << 1e-2;
        QTest::addRow("bert F32") << Architecture::Bert << DType::F32 << 0.0;
        QTest::addRow("bert BF16") << Architecture::Bert << DType::BF16 << 1e-2;
    }

    void roundTrip() {
        QFETCH(Architecture, architecture);
        QFETCH(DType, storage);
        QFETCH(double, tolerance);
        const ModelConfig config = smallConfig(architecture);
        const TransformerWeights weights = TransformerWeights::initialised(config, 5);
        const fs::path path = file("round.safetensors");
        writeHuggingFaceWeights(path, config, weights, storage);
        const SafetensorsFile file = SafetensorsFile::open(path);
        QCOMPARE(file.metadata().at("format"), std::string("pt"));
        HuggingFaceReadReport report;
        const TransformerWeights read = readHuggingFaceWeights(file, config, &report);
        QVERIFY(report.has_lm_head);
        QVERIFY(report.ignored_tensors.empty());
        const double difference = maxDifference(config, weights, read);
        QVERIFY2(difference <= tolerance, qPrintable(QString::number(difference)));
        QCOMPARE(read.parameterCount(config), weights.parameterCount(config));
    }

    void gpt2NamesAndShapesAsHuggingFace() {
        const ModelConfig config = smallConfig(Architecture::Gpt2);
        const TransformerWeights weights = TransformerWeights::initialised(config, 1);
        const fs::path path = file("gpt2.safetensors");
        writeHuggingFaceWeights(path, config, weights);
        const Tensors tensors = readAll(path);
        QCOMPARE(tensors.size(), std::size_t(2 + 12 * 2 + 2));
        QCOMPARE(tensors.at("wte.weight").shape, (std::vector<std::int64_t>{20, 8}));
        QCOMPARE(tensors.at("wpe.weight").shape, (std::vector<std::int64_t>{10, 8}));
        QCOMPARE(tensors.at("h.1.attn.c_attn.weight").shape, (std::vector<std::int64_t>{8, 24}));
        QCOMPARE(tensors.at("h.1.attn.c_attn.bias").shape, (std::vector<std::int64_t>{24}));
        QCOMPARE(tensors.at("h.0.mlp.c_fc.weight").shape, (std::vector<std::int64_t>{8, 12}));
        QCOMPARE(tensors.at("h.0.mlp.c_proj.weight").shape, (std::vector<std::int64_t>{12, 8}));
        QCOMPARE(tensors.at("ln_f.bias").shape, (std::vector<std::int64_t>{8}));
        QVERIFY(tensors.count("lm_head.weight") == 0);
        // Conv1D [in, out] is stored as is: element (2, 5) of c_attn is row 2, column 5.
        QCOMPARE(tensors.at("h.1.attn.c_attn.weight").values[2 * 24 + 5],
                 weights.layers[1].attn_qkv_weight(2, 5));
    }

    void bertNamesAndTransposes() {
        const ModelConfig config = smallConfig(Architecture::Bert);
        const TransformerWeights weights = TransformerWeights::initialised(config, 2);
        const fs::path path = file("bert.safetensors");
        writeHuggingFaceWeights(path, config, weights);
        const Tensors tensors = readAll(path);
        QVERIFY(tensors.count("bert.embeddings.token_type_embeddings.weight") == 1);
        QVERIFY(tensors.count("cls.predictions.bias") == 1);
        QVERIFY(tensors.count("cls.predictions.decoder.weight") == 0);
        const StoredTensor& key = tensors.at("bert.encoder.layer.1.attention.self.key.weight");
        QCOMPARE(key.shape, (std::vector<std::int64_t>{8, 8}));
        // Linear is [out, in]: key.weight(o, i) = W_qkv(i, C + o).
        QCOMPARE(key.values[3 * 8 + 6], weights.layers[1].attn_qkv_weight(6, 8 + 3));
        const StoredTensor& intermediate =
            tensors.at("bert.encoder.layer.0.intermediate.dense.weight");
        QCOMPARE(intermediate.shape, (std::vector<std::int64_t>{12, 8}));
        QCOMPARE(intermediate.values[11 * 8 + 2], weights.layers[0].mlp_in_weight(2, 11));
        QCOMPARE(tensors.at("bert.encoder.layer.0.attention.self.value.bias").values[1],
                 weights.layers[0].attn_qkv_bias(0, 16 + 1));
    }

    // Names as other tools write them: prefixes, buffers, old aliases, unused parts.
    void gpt2PrefixedNamesAndBuffers() {
        const ModelConfig config = smallConfig(Architecture::Gpt2);
        const TransformerWeights weights = TransformerWeights::initialised(config, 3);
        writeHuggingFaceWeights(file("plain.safetensors"), config, weights);
        Tensors tensors = renamed(readAll(file("plain.safetensors")),
                                  [](const std::string& name) { return "transformer." + name; });
        tensors["transformer.h.0.attn.bias"] = {{1, 1, 10, 10}, std::vector<float>(100, 1.0f)};
        tensors["transformer.h.0.attn.masked_bias"] = {{}, {-1e4f}};
        tensors["lm_head.weight"] = tensors["transformer.wte.weight"];
        writeAll(file("prefixed.safetensors"), tensors);
        HuggingFaceReadReport report;
        const TransformerWeights read = readHuggingFaceWeights(
            SafetensorsFile::open(file("prefixed.safetensors")), config, &report);
        QCOMPARE(maxDifference(config, weights, read), 0.0);
        QCOMPARE(report.ignored_tensors.size(), std::size_t(3));
    }

    void bertBareNamesAndOldAliases() {
        const ModelConfig config = smallConfig(Architecture::Bert);
        const TransformerWeights weights = TransformerWeights::initialised(config, 4);
        writeHuggingFaceWeights(file("plain.safetensors"), config, weights);
        Tensors tensors = renamed(readAll(file("plain.safetensors")), [](const std::string& name) {
            std::string bare = name.rfind("bert.", 0) == 0 ? name.substr(5) : name;
            bare = replaced(bare, "LayerNorm.weight", "LayerNorm.gamma");
            return replaced(bare, "LayerNorm.bias", "LayerNorm.beta");
        });
        tensors["pooler.dense.weight"] = {{8, 8}, std::vector<float>(64, 0.5f)};
        tensors["cls.seq_relationship.bias"] = {{2}, {0.f, 0.f}};
        tensors["cls.predictions.decoder.weight"] = tensors["embeddings.word_embeddings.weight"];
        writeAll(file("bare.safetensors"), tensors);
        HuggingFaceReadReport report;
        const TransformerWeights read = readHuggingFaceWeights(
            SafetensorsFile::open(file("bare.safetensors")), config, &report);
        QCOMPARE(maxDifference(config, weights, read), 0.0);
        QCOMPARE(report.ignored_tensors.size(), std::size_t(3));
    }

    void bertInt64PositionIdsIgnored() {
        const ModelConfig config = smallConfig(Architecture::Bert);
        const TransformerWeights weights = TransformerWeights::initialised(config, 4);
        writeHuggingFaceWeights(file("plain.safetensors"), config, weights);
        // Re-write by hand with an I64 position_ids buffer in front of the data.
        const Tensors tensors = readAll(file("plain.safetensors"));
        nlohmann::json header =
            nlohmann::json::parse(rawTensorEntry("bert.embeddings.position_ids", "I64", 10, 0, 80));
        std::string data(80, '\0');
        for (const auto& [name, tensor] : tensors) {
            const std::size_t begin = data.size();
            data.append(reinterpret_cast<const char*>(tensor.values.data()),
                        tensor.values.size() * 4);
            header[name] = {
                {"dtype", "F32"}, {"shape", tensor.shape}, {"data_offsets", {begin, data.size()}}};
        }
        const std::string text = header.dump();
        std::string bytes(8, '\0');
        for (int i = 0; i < 8; ++i)
            bytes[i] = static_cast<char>((text.size() >> (8 * i)) & 0xFF);
        {
            std::ofstream stream(file("ids.safetensors"), std::ios::binary);
            stream << bytes << text << data;
        }
        HuggingFaceReadReport report;
        const TransformerWeights read =
            readHuggingFaceWeights(SafetensorsFile::open(file("ids.safetensors")), config, &report);
        QCOMPARE(maxDifference(config, weights, read), 0.0);
        QCOMPARE(report.ignored_tensors, std::vector<std::string>{"bert.embeddings.position_ids"});
    }

    void bareBertModelHasNoHead() {
        const ModelConfig config = smallConfig(Architecture::Bert);
        const TransformerWeights weights = TransformerWeights::initialised(config, 6);
        writeHuggingFaceWeights(file("plain.safetensors"), config, weights);
        writeAll(file("headless.safetensors"),
                 renamed(readAll(file("plain.safetensors")), [](const std::string& name) {
                     return name.rfind("cls.", 0) == 0 ? std::string() : name;
                 }));
        HuggingFaceReadReport report;
        const TransformerWeights read = readHuggingFaceWeights(
            SafetensorsFile::open(file("headless.safetensors")), config, &report);
        QVERIFY(!report.has_lm_head);
        QCOMPARE(read.head_transform_weight.size(), Eigen::Index(0));
        QCOMPARE(read.head_output_bias.size(), Eigen::Index(0));
        QCOMPARE(read.token_embedding, weights.token_embedding);
        // Written back without the head, and read again the same way.
        writeHuggingFaceWeights(file("headless2.safetensors"), config, read);
        QVERIFY(readAll(file("headless2.safetensors")).count("cls.predictions.bias") == 0);
    }

    void distilBertNames() {
        ModelConfig config = smallConfig(Architecture::Bert);
        const TransformerWeights weights = TransformerWeights::initialised(config, 8);
        writeHuggingFaceWeights(file("plain.safetensors"), config, weights);
        const Tensors distil =
            renamed(readAll(file("plain.safetensors")), [](const std::string& name) {
                if (name.find("token_type") != std::string::npos) {
                    return std::string();
                }
                std::string result = name;
                for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
                         {"bert.encoder.layer.", "distilbert.transformer.layer."},
                         {"bert.embeddings.", "distilbert.embeddings."},
                         {"attention.self.query", "attention.q_lin"},
                         {"attention.self.key", "attention.k_lin"},
                         {"attention.self.value", "attention.v_lin"},
                         {"attention.output.dense", "attention.out_lin"},
                         {"attention.output.LayerNorm", "sa_layer_norm"},
                         {"intermediate.dense", "ffn.lin1"},
                         {"output.dense", "ffn.lin2"},
                         {"output.LayerNorm", "output_layer_norm"},
                         {"cls.predictions.transform.dense", "vocab_transform"},
                         {"cls.predictions.transform.LayerNorm", "vocab_layer_norm"},
                         {"cls.predictions.bias", "vocab_projector.bias"}}) {
                    result = replaced(result, from, to);
                }
                return result;
            });
        writeAll(file("distil.safetensors"), distil);
        config.distilbert = true;
        config.type_vocab_size = 1;
        const TransformerWeights read =
            readHuggingFaceWeights(SafetensorsFile::open(file("distil.safetensors")), config);
        QCOMPARE(read.token_type_embedding, Matrix(Matrix::Zero(1, 8)));
        TransformerWeights expected = weights;
        expected.token_type_embedding = Matrix::Zero(1, 8);
        QCOMPARE(maxDifference(config, expected, read), 0.0);
    }

    // ----- refusals, each naming the file and the tensor

    void shapeMismatchMessage() {
        const ModelConfig config = smallConfig(Architecture::Gpt2);
        const fs::path path = file("shape.safetensors");
        writeHuggingFaceWeights(path, config, TransformerWeights::initialised(config, 1));
        ModelConfig wider = config;
        wider.d_model = 16;
        QCOMPARE(errorOf(path, wider),
                 QString::fromStdString(path.string()) +
                     ": tensor wte.weight has shape [20, 8], expected [20, 16]");
        ModelConfig longer = config;
        longer.n_ctx = 12;
        QCOMPARE(errorOf(path, longer),
                 QString::fromStdString(path.string()) +
                     ": tensor wpe.weight has shape [10, 8], expected [12, 8]");
        ModelConfig wider_mlp = smallConfig(Architecture::Bert);
        writeHuggingFaceWeights(path, wider_mlp, TransformerWeights::initialised(wider_mlp, 1));
        wider_mlp.d_ff = 16;
        QCOMPARE(errorOf(path, wider_mlp),
                 QString::fromStdString(path.string()) +
                     ": tensor bert.encoder.layer.0.intermediate.dense.weight has shape [12, 8], "
                     "expected [16, 8]");
    }

    void missingTensorIsNamed() {
        const ModelConfig config = smallConfig(Architecture::Gpt2);
        writeHuggingFaceWeights(file("plain.safetensors"), config,
                                TransformerWeights::initialised(config, 1));
        const fs::path path = file("missing.safetensors");
        writeAll(path, renamed(readAll(file("plain.safetensors")), [](const std::string& name) {
                     return name == "h.1.ln_2.bias" ? std::string() : name;
                 }));
        const QString message = errorOf(path, config);
        QVERIFY2(message.startsWith(QString::fromStdString(path.string()) +
                                    ": tensor h.1.ln_2.bias missing"),
                 qPrintable(message));
    }

    void layersBeyondConfigRefused() {
        const ModelConfig config = smallConfig(Architecture::Gpt2);
        const fs::path path = file("layers.safetensors");
        writeHuggingFaceWeights(path, config, TransformerWeights::initialised(config, 1));
        ModelConfig fewer = config;
        fewer.n_layer = 1;
        const QString message = errorOf(path, fewer);
        QVERIFY2(message.contains("is for layer 1") && message.contains("n_layer 1"),
                 qPrintable(message));
    }

    void nonFiniteValues_data() {
        QTest::addColumn<float>("value");
        QTest::addColumn<DType>("storage");
        QTest::addColumn<QString>("word");
        QTest::addRow("NaN F32") << NAN << DType::F32 << "NaN";
        QTest::addRow("NaN F16") << NAN << DType::F16 << "NaN";
        QTest::addRow("Inf F32") << INFINITY << DType::F32 << "Inf";
        QTest::addRow("-Inf BF16") << -INFINITY << DType::BF16 << "Inf";
        QTest::addRow("overflows F16") << 1e6f << DType::F16 << "Inf";
    }

    void nonFiniteValues() {
        QFETCH(float, value);
        QFETCH(DType, storage);
        QFETCH(QString, word);
        const ModelConfig config = smallConfig(Architecture::Gpt2);
        TransformerWeights weights = TransformerWeights::initialised(config, 1);
        weights.layers[0].mlp_in_weight(0, 5) = value;
        const fs::path path = file("nan.safetensors");
        writeHuggingFaceWeights(path, config, weights, storage);
        QCOMPARE(errorOf(path, config), QString::fromStdString(path.string()) +
                                            ": tensor h.0.mlp.c_fc.weight contains " + word +
                                            " at element 5");
    }

    void unreadableDtypeIsNamed() {
        const ModelConfig config = smallConfig(Architecture::Gpt2);
        const fs::path path = file("int.safetensors");
        const std::string header = rawTensorEntry("wte.weight", "I32", 160, 0, 640);
        std::string bytes(8, '\0');
        for (int i = 0; i < 8; ++i)
            bytes[i] = static_cast<char>((header.size() >> (8 * i)) & 0xFF);
        {
            std::ofstream stream(path, std::ios::binary);
            stream << bytes << header << std::string(640, '\0');
        }
        const QString message = errorOf(path, config);
        QVERIFY2(message.contains("tensor wte.weight has dtype I32"), qPrintable(message));
    }

    void writerChecksShapes() {
        const ModelConfig config = smallConfig(Architecture::Gpt2);
        TransformerWeights weights = TransformerWeights::initialised(config, 1);
        weights.layers[1].attn_out_weight.resize(3, 3);
        const fs::path path = file("never.safetensors");
        QVERIFY_THROWS_EXCEPTION(AtlasError, writeHuggingFaceWeights(path, config, weights));
        QVERIFY(!fs::exists(path));
    }

    void initialisation() {
        const ModelConfig config = smallConfig(Architecture::Gpt2);
        const TransformerWeights a = TransformerWeights::initialised(config, 9);
        const TransformerWeights b = TransformerWeights::initialised(config, 9);
        const TransformerWeights c = TransformerWeights::initialised(config, 10);
        QCOMPARE(maxDifference(config, a, b), 0.0);
        QVERIFY(maxDifference(config, a, c) > 0.0);
        QCOMPARE(a.layers[0].ln_attn_weight, Matrix(Matrix::Ones(1, 8)));
        QCOMPARE(a.layers[0].attn_qkv_bias, Matrix(Matrix::Zero(1, 24)));
        QCOMPARE(a.ln_final_weight, Matrix(Matrix::Ones(1, 8)));
        // Standard deviations: 0.02, and 0.02 / sqrt(2 L) for the residual projections.
        ModelConfig big = config;
        big.d_model = 64;
        big.d_ff = 256;
        big.vocab_size = 500;
        const TransformerWeights large = TransformerWeights::initialised(big, 1);
        auto deviation = [](const Matrix& m) { return std::sqrt(m.array().square().mean()); };
        QVERIFY(std::fabs(deviation(large.token_embedding) - 0.02f) < 0.001f);
        QVERIFY(std::fabs(deviation(large.layers[1].mlp_out_weight) - 0.01f) < 0.001f);
        // Parameter count: GPT-2 embeddings + per layer + final LayerNorm.
        const std::size_t C = 8, F = 12, V = 20, P = 10;
        const std::size_t per_layer = 4 * C + C * 3 * C + 3 * C + C * C + C + C * F + F + F * C + C;
        QCOMPARE(a.parameterCount(config), V * C + P * C + 2 * per_layer + 2 * C);
        std::vector<std::string> names;
        a.forEach(config, [&](const std::string& name, const Matrix&) { names.push_back(name); });
        QCOMPARE(names.front(), std::string("token_embedding"));
        QCOMPARE(names[2], std::string("layers.0.ln_attn_weight"));
        QCOMPARE(names.back(), std::string("ln_final_bias"));
    }

  private:
    fs::path file(const char* name) const {
        return fs::path(directory_.path().toStdString()) / name;
    }

    QTemporaryDir directory_;
};

QTEST_GUILESS_MAIN(HuggingFaceLayoutTest)
#include "tst_huggingface_layout.moc"
