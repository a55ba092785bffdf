// config.json: GPT-2, BERT and DistilBERT keys, defaults, and errors that name the key.
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

#include <nlohmann/json.hpp>

#include "Error.h"
#include "model/ModelConfig.h"

using namespace atlas;
using nlohmann::json;

namespace {

json gpt2Json() {
    return {{"model_type", "gpt2"},
            {"n_layer", 4},
            {"n_head", 8},
            {"n_embd", 256},
            {"n_positions", 128},
            {"vocab_size", 8000},
            {"layer_norm_epsilon", 1e-5},
            {"activation_function", "gelu_new"}};
}

json bertJson() {
    return {{"model_type", "bert"}, {"num_hidden_layers", 2},   {"num_attention_heads", 4},
            {"hidden_size", 64},    {"intermediate_size", 200}, {"max_position_embeddings", 512},
            {"vocab_size", 3000},   {"type_vocab_size", 2},     {"layer_norm_eps", 1e-12},
            {"hidden_act", "gelu"}};
}

json distilBertJson() {
    return {{"model_type", "distilbert"},
            {"n_layers", 6},
            {"n_heads", 12},
            {"dim", 768},
            {"hidden_dim", 3072},
            {"max_position_embeddings", 512},
            {"vocab_size", 30522},
            {"activation", "gelu"}};
}

QString errorOf(const json& config) {
    try {
        ModelConfig::fromJson(config, "config.json");
    } catch (const AtlasError& error) {
        return QString::fromUtf8(error.what());
    }
    return "no error";
}

}  // namespace

class ModelConfigTest : public QObject {
    Q_OBJECT

  private slots:
    void readsGpt2() {
        const ModelConfig config = ModelConfig::fromJson(gpt2Json(), "config.json");
        QCOMPARE(config.architecture, Architecture::Gpt2);
        QCOMPARE(config.n_layer, 4);
        QCOMPARE(config.n_head, 8);
        QCOMPARE(config.d_model, 256);
        QCOMPARE(config.d_head(), 32);
        QCOMPARE(config.d_ff, 1024);  // n_inner absent: 4 n_embd
        QCOMPARE(config.n_ctx, 128);
        QCOMPARE(config.vocab_size, 8000);
        QCOMPARE(config.type_vocab_size, 0);
        QCOMPARE(config.layer_norm_epsilon, 1e-5f);
        QVERIFY(config.gelu_tanh);
        QVERIFY(config.causal());
        QVERIFY(!config.distilbert);
    }

    void gpt2Variants() {
        json config = gpt2Json();
        config.erase("n_positions");
        config["n_ctx"] = 64;
        config["n_inner"] = 300;
        config.erase("layer_norm_epsilon");
        config.erase("activation_function");
        const ModelConfig read = ModelConfig::fromJson(config, "config.json");
        QCOMPARE(read.n_ctx, 64);
        QCOMPARE(read.d_ff, 300);
        QCOMPARE(read.layer_norm_epsilon, 1e-5f);
        QVERIFY(read.gelu_tanh);
        config["n_inner"] = nullptr;  // as Hugging Face writes it
        QCOMPARE(ModelConfig::fromJson(config, "config.json").d_ff, 1024);
    }

    void readsBert() {
        const ModelConfig config = ModelConfig::fromJson(bertJson(), "config.json");
        QCOMPARE(config.architecture, Architecture::Bert);
        QCOMPARE(config.n_layer, 2);
        QCOMPARE(config.n_head, 4);
        QCOMPARE(config.d_model, 64);
        QCOMPARE(config.d_ff, 200);
        QCOMPARE(config.n_ctx, 512);
        QCOMPARE(config.vocab_size, 3000);
        QCOMPARE(config.type_vocab_size, 2);
        QCOMPARE(config.layer_norm_epsilon, 1e-12f);
        QVERIFY(!config.gelu_tanh);
        QVERIFY(!config.causal());
    }

    void readsDistilBert() {
        const json source = {{"model_type", "distilbert"},
                             {"n_layers", 6},
                             {"n_heads", 12},
                             {"dim", 768},
                             {"hidden_dim", 3072},
                             {"max_position_embeddings", 512},
                             {"vocab_size", 30522},
                             {"activation", "gelu"}};
        const ModelConfig config = ModelConfig::fromJson(source, "config.json");
        QCOMPARE(config.architecture, Architecture::Bert);
        QVERIFY(config.distilbert);
        QCOMPARE(config.n_layer, 6);
        QCOMPARE(config.d_model, 768);
        QCOMPARE(config.d_ff, 3072);
        QCOMPARE(config.type_vocab_size, 1);
        QVERIFY(!config.gelu_tanh);
        json missing = source;
        missing.erase("hidden_dim");
        QCOMPARE(errorOf(missing), QString("config.json: key \"hidden_dim\" missing"));
    }

    void missingKeyIsNamed_data() {
        QTest::addColumn<QString>("modelType");
        QTest::addColumn<QString>("key");
        for (const char* key : {"n_layer", "n_head", "n_embd", "n_positions", "vocab_size"}) {
            QTest::addRow("gpt2 %s", key) << "gpt2" << key;
        }
        for (const char* key : {"num_hidden_layers", "num_attention_heads", "hidden_size",
                                "intermediate_size", "max_position_embeddings", "vocab_size"}) {
            QTest::addRow("bert %s", key) << "bert" << key;
        }
        QTest::addRow("model_type") << "gpt2"
                                    << "model_type";
    }

    void missingKeyIsNamed() {
        QFETCH(QString, modelType);
        QFETCH(QString, key);
        json config = modelType == "gpt2" ? gpt2Json() : bertJson();
        config.erase(key.toStdString());
        QVERIFY2(errorOf(config).startsWith(QString("config.json: key \"%1\" missing").arg(key)),
                 qPrintable(errorOf(config)));
    }

    void invalidValueIsNamed_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");  // JSON
        QTest::addColumn<QString>("expected");
        QTest::addRow("zero heads")
            << "n_head"
            << "0"
            << "key \"n_head\" is 0, expected an integer between 1 and 1024";
        QTest::addRow("negative") << "n_layer"
                                  << "-3"
                                  << "key \"n_layer\" is -3, expected an integer between 1 and 256";
        QTest::addRow("string") << "n_embd"
                                << "\"256\""
                                << "key \"n_embd\" is \"256\", expected an integer between 1";
        QTest::addRow("fraction") << "n_head"
                                  << "2.5"
                                  << "key \"n_head\" is 2.5, expected an integer";
        QTest::addRow("not divisible")
            << "n_head"
            << "7"
            << "key \"n_embd\" (256) must be divisible by key \"n_head\" (7)";
        QTest::addRow("too many layers")
            << "n_layer"
            << "1000"
            << "key \"n_layer\" is 1000, expected an integer between 1 and 256";
        QTest::addRow("too wide")
            << "n_embd"
            << "32768"
            << "key \"n_embd\" is 32768, expected an integer between 1 and 16384";
        QTest::addRow("huge vocabulary")
            << "vocab_size"
            << "2000000"
            << "key \"vocab_size\" is 2000000, expected an integer between 1 and 1000000";
        QTest::addRow("huge context")
            << "n_positions"
            << "100000"
            << "key \"n_positions\" is 100000, expected an integer between 1 and 65536";
        QTest::addRow("epsilon")
            << "layer_norm_epsilon"
            << "-1"
            << "key \"layer_norm_epsilon\" is -1, expected between 1e-12 and 0.1";
        QTest::addRow("activation") << "activation_function"
                                    << "\"relu\""
                                    << "key \"activation_function\" is \"relu\"";
        QTest::addRow("model type") << "model_type"
                                    << "\"falcon\""
                                    << "model_type \"falcon\" is not supported";
        QTest::addRow("model type number") << "model_type"
                                           << "3"
                                           << "key \"model_type\" must be a string";
        QTest::addRow("scaled attention") << "scale_attn_by_inverse_layer_idx"
                                          << "true"
                                          << "key \"scale_attn_by_inverse_layer_idx\"";
    }

    void invalidValueIsNamed() {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        json config = gpt2Json();
        config[key.toStdString()] = json::parse(value.toStdString());
        const QString message = errorOf(config);
        QVERIFY2(message.startsWith("config.json: ") && message.contains(expected),
                 qPrintable(message));
    }

    // The bug the config fuzzer found: 1e-50 passed a "positive" check on the JSON double, became
    // 0 as a float, and LayerNorm divided by zero on a constant row.
    void epsilonThatVanishesAsFloatIsRefused() {
        json config = gpt2Json();
        config["layer_norm_epsilon"] = 1e-50;
        QCOMPARE(errorOf(config), QString("config.json: key \"layer_norm_epsilon\" is 1e-50, "
                                          "expected between 1e-12 and 0.1"));
        json bert = bertJson();
        bert["layer_norm_eps"] = 1e-50;
        QCOMPARE(errorOf(bert), QString("config.json: key \"layer_norm_eps\" is 1e-50, "
                                        "expected between 1e-12 and 0.1"));
    }

    // Every numeric field at both ends of its range (ModelConfigLimits) and just outside. A row
    // is a JSON merge patch on a small config of the model type; an empty `expected` means the
    // patched config must load (and survive toJson and fromJson).
    void everyFieldHasARange_data() {
        QTest::addColumn<QString>("modelType");
        QTest::addColumn<QString>("patch");
        QTest::addColumn<QString>("expected");
        const auto row = [](const char* name, const char* type, const char* patch,
                            const char* expected) {
            QTest::newRow(name) << type << patch << expected;
        };
        const char* const kInt = "expected an integer between 1 and ";
        row("gpt2 n_layer 256", "gpt2", R"({"n_layer": 256})", "");
        row("gpt2 n_layer 257", "gpt2", R"({"n_layer": 257})", kInt);
        row("gpt2 n_layer 0", "gpt2", R"({"n_layer": 0})", kInt);
        row("gpt2 n_head 1024", "gpt2", R"({"n_head": 1024, "n_embd": 1024})", "");
        row("gpt2 n_head 1025", "gpt2", R"({"n_head": 1025, "n_embd": 1025})", kInt);
        row("gpt2 n_embd 16384", "gpt2", R"({"n_embd": 16384, "n_layer": 1, "n_inner": 1})", "");
        row("gpt2 n_embd 16385", "gpt2", R"({"n_embd": 16385, "n_head": 1})", kInt);
        row("gpt2 n_inner 65536", "gpt2", R"({"n_inner": 65536})", "");
        row("gpt2 n_inner 65537", "gpt2", R"({"n_inner": 65537})", kInt);
        row("gpt2 n_inner 0", "gpt2", R"({"n_inner": 0})", kInt);
        row("gpt2 n_positions 65536", "gpt2", R"({"n_positions": 65536})", "");
        row("gpt2 n_positions 65537", "gpt2", R"({"n_positions": 65537})", kInt);
        row("gpt2 n_ctx 65537", "gpt2", R"({"n_positions": null, "n_ctx": 65537})", kInt);
        row("gpt2 vocab_size 1000000", "gpt2", R"({"vocab_size": 1000000})", "");
        row("gpt2 vocab_size 1000001", "gpt2", R"({"vocab_size": 1000001})", kInt);
        row("gpt2 vocab_size 1e300", "gpt2", R"({"vocab_size": 1e300})", kInt);
        row("gpt2 n_layer 4.0", "gpt2", R"({"n_layer": 4.0})", "");
        row("gpt2 n_layer true", "gpt2", R"({"n_layer": true})", kInt);
        row("gpt2 epsilon 1e-12", "gpt2", R"({"layer_norm_epsilon": 1e-12})", "");
        row("gpt2 epsilon 0.1", "gpt2", R"({"layer_norm_epsilon": 0.1})", "");
        row("gpt2 epsilon 9.9e-13", "gpt2", R"({"layer_norm_epsilon": 9.9e-13})",
            "expected between 1e-12 and 0.1");
        row("gpt2 epsilon 1e-40 (a subnormal float)", "gpt2", R"({"layer_norm_epsilon": 1e-40})",
            "expected between 1e-12 and 0.1");
        row("gpt2 epsilon 0", "gpt2", R"({"layer_norm_epsilon": 0})",
            "expected between 1e-12 and 0.1");
        row("gpt2 epsilon 0.11", "gpt2", R"({"layer_norm_epsilon": 0.11})",
            "expected between 1e-12 and 0.1");
        row("gpt2 epsilon 1", "gpt2", R"({"layer_norm_epsilon": 1})",
            "expected between 1e-12 and 0.1");
        row("gpt2 epsilon 1e300", "gpt2", R"({"layer_norm_epsilon": 1e300})",
            "expected between 1e-12 and 0.1");
        row("gpt2 epsilon string", "gpt2", R"({"layer_norm_epsilon": "1e-5"})",
            "expected between 1e-12 and 0.1");
        row("bert type_vocab_size 1024", "bert", R"({"type_vocab_size": 1024})", "");
        row("bert type_vocab_size 1025", "bert", R"({"type_vocab_size": 1025})", kInt);
        row("bert type_vocab_size 0", "bert", R"({"type_vocab_size": 0})", kInt);
        row("bert intermediate_size 65537", "bert", R"({"intermediate_size": 65537})", kInt);
        row("bert max_position_embeddings 0", "bert", R"({"max_position_embeddings": 0})", kInt);
        row("bert layer_norm_eps 0.5", "bert", R"({"layer_norm_eps": 0.5})",
            "expected between 1e-12 and 0.1");
        row("bert not divisible", "bert", R"({"num_attention_heads": 3})",
            "key \"hidden_size\" (64) must be divisible by key \"num_attention_heads\" (3)");
        row("distilbert not divisible", "distilbert", R"({"n_heads": 5})",
            "key \"dim\" (768) must be divisible by key \"n_heads\" (5)");
        row("distilbert dim 16385", "distilbert", R"({"dim": 16385, "n_heads": 1})", kInt);
        // Sizes each in range whose product is not: 256 layers of width 4096 are 5e10 weights.
        row("gpt2 too many weights", "gpt2", R"({"n_layer": 256, "n_embd": 4096})",
            "the sizes imply 5.15865e+10 weights");
        row("gpt2 widest with the default n_inner", "gpt2", R"({"n_embd": 16384, "n_layer": 1})",
            "more than the supported 2e+09 (n_layer 1, n_embd 16384, n_inner 65536");
        row("bert too many weights", "bert",
            R"({"num_hidden_layers": 256, "hidden_size": 4096, "intermediate_size": 16384})",
            "more than the supported 2e+09 (num_hidden_layers 256, hidden_size 4096");
    }

    void everyFieldHasARange() {
        QFETCH(QString, modelType);
        QFETCH(QString, patch);
        QFETCH(QString, expected);
        json config = modelType == "gpt2"   ? gpt2Json()
                      : modelType == "bert" ? bertJson()
                                            : distilBertJson();
        config.merge_patch(json::parse(patch.toStdString()));
        const QString message = errorOf(config);
        if (expected.isEmpty()) {
            QCOMPARE(message, QString("no error"));
            const ModelConfig read = ModelConfig::fromJson(config, "config.json");
            const ModelConfig again = ModelConfig::fromJson(read.toJson(), "rewritten");
            QCOMPARE(again.d_model, read.d_model);
            QCOMPARE(again.d_ff, read.d_ff);
            QCOMPARE(again.layer_norm_epsilon, read.layer_norm_epsilon);
            QVERIFY(read.parameterCount() <= ModelConfigLimits::kMaxParameters);
            return;
        }
        QVERIFY2(message.startsWith("config.json: ") && message.contains(expected),
                 qPrintable(message));
    }

    // GPT-2 small and BERT base against their published parameter counts, so the cap on weights
    // counts what the model holds.
    void parameterCountOfKnownModels() {
        ModelConfig gpt2;
        gpt2.architecture = Architecture::Gpt2;
        gpt2.n_layer = 12;
        gpt2.n_head = 12;
        gpt2.d_model = 768;
        gpt2.d_ff = 3072;
        gpt2.n_ctx = 1024;
        gpt2.vocab_size = 50257;
        QCOMPARE(gpt2.parameterCount(), 124439808.0);  // GPT2Model's count in transformers
        ModelConfig xl = gpt2;
        xl.n_layer = 48;
        xl.n_head = 25;
        xl.d_model = 1600;
        xl.d_ff = 6400;
        QVERIFY(xl.parameterCount() > 1.5e9 &&
                xl.parameterCount() < ModelConfigLimits::kMaxParameters);
    }

    void notAnObject() { QVERIFY(errorOf(json::array()).startsWith("config.json: ")); }

    void toJsonRoundTrips_data() {
        QTest::addColumn<QByteArray>("source");
        QTest::addRow("gpt2") << QByteArray::fromStdString(gpt2Json().dump());
        json inner = gpt2Json();
        inner["n_inner"] = 500;
        inner["activation_function"] = "gelu";
        QTest::addRow("gpt2 n_inner erf") << QByteArray::fromStdString(inner.dump());
        QTest::addRow("bert") << QByteArray::fromStdString(bertJson().dump());
    }

    void toJsonRoundTrips() {
        QFETCH(QByteArray, source);
        const ModelConfig config = ModelConfig::fromJson(json::parse(source.toStdString()), "in");
        const json written = config.toJson();
        const ModelConfig read = ModelConfig::fromJson(written, "out");
        QCOMPARE(read.architecture, config.architecture);
        QCOMPARE(read.n_layer, config.n_layer);
        QCOMPARE(read.n_head, config.n_head);
        QCOMPARE(read.d_model, config.d_model);
        QCOMPARE(read.d_ff, config.d_ff);
        QCOMPARE(read.n_ctx, config.n_ctx);
        QCOMPARE(read.vocab_size, config.vocab_size);
        QCOMPARE(read.type_vocab_size, config.type_vocab_size);
        QCOMPARE(read.layer_norm_epsilon, config.layer_norm_epsilon);
        QCOMPARE(read.gelu_tanh, config.gelu_tanh);
        // The epsilon is written as people write it, not as float noise.
        const std::string text = written.dump();
        QVERIFY2(text.find("1e-05") != std::string::npos || text.find("1e-12") != std::string::npos,
                 text.c_str());
    }

    void fromFileNamesTheFile() {
        QTemporaryDir directory;
        const std::filesystem::path path = directory.filePath("config.json").toStdString();
        {
            std::ofstream stream(path);
            stream << "{\"model_type\": \"gpt2\", ";
        }
        try {
            ModelConfig::fromFile(path);
            QFAIL("no error");
        } catch (const AtlasError& error) {
            QVERIFY2(QString(error.what()).startsWith(QString::fromStdString(path.string()) + ": "),
                     error.what());
        }
        {
            std::ofstream stream(path);
            stream << gpt2Json().dump();
        }
        QCOMPARE(ModelConfig::fromFile(path).d_model, 256);
        QVERIFY_THROWS_EXCEPTION(AtlasError, ModelConfig::fromFile(directory.path().toStdString()));
        QVERIFY_THROWS_EXCEPTION(
            AtlasError, ModelConfig::fromFile(directory.filePath("absent.json").toStdString()));
    }
};

QTEST_GUILESS_MAIN(ModelConfigTest)
#include "tst_model_config.moc"
