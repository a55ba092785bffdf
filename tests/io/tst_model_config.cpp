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
        QTest::addRow("zero heads") << "n_head"
                                    << "0"
                                    << "key \"n_head\" must be a positive integer";
        QTest::addRow("negative") << "n_layer"
                                  << "-3"
                                  << "key \"n_layer\" must be a positive integer";
        QTest::addRow("string") << "n_embd"
                                << "\"256\""
                                << "key \"n_embd\" must be a positive integer";
        QTest::addRow("fraction") << "n_head"
                                  << "2.5"
                                  << "key \"n_head\" must be a positive integer";
        QTest::addRow("not divisible") << "n_head"
                                       << "7"
                                       << "key \"n_embd\" (256) must be divisible";
        QTest::addRow("too many layers") << "n_layer"
                                         << "1000"
                                         << "maximum 256";
        QTest::addRow("too wide") << "n_embd"
                                  << "32768"
                                  << "maximum 16384";
        QTest::addRow("huge vocabulary") << "vocab_size"
                                         << "2000000"
                                         << "maximum 1000000";
        QTest::addRow("huge context") << "n_positions"
                                      << "100000"
                                      << "maximum 65536";
        QTest::addRow("epsilon") << "layer_norm_epsilon"
                                 << "-1"
                                 << "key \"layer_norm_epsilon\"";
        QTest::addRow("activation") << "activation_function"
                                    << "\"relu\""
                                    << "key \"activation_function\" is \"relu\"";
        QTest::addRow("model type") << "model_type"
                                    << "\"llama\""
                                    << "model_type \"llama\" is not supported";
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
