// Model folders: saving, locating files, the messages for what is missing, built-in resolution.
#include <QTemporaryDir>
#include <QTest>

#include <fstream>
#include <memory>

#include <nlohmann/json.hpp>

#include "Error.h"
#include "io/ModelFolder.h"
#include "io/Safetensors.h"
#include "model/BuiltinModels.h"
#include "model/HuggingFaceLayout.h"
#include "model/ModelFolderWriter.h"

using namespace atlas;
namespace fs = std::filesystem;

namespace {

void touch(const fs::path& path, const std::string& content = "x") {
    std::ofstream stream(path, std::ios::binary);
    stream << content;
}

QString errorOf(const fs::path& path) {
    try {
        ModelFolderFiles::locate(path);
    } catch (const AtlasError& error) {
        return QString::fromUtf8(error.what());
    }
    return "no error";
}

ModelConfig smallGpt2() {
    ModelConfig config;
    config.n_layer = 1;
    config.n_head = 2;
    config.d_model = 8;
    config.d_ff = 32;
    config.n_ctx = 6;
    config.vocab_size = 11;
    return config;
}

}  // namespace

class ModelFolderTest : public QObject {
    Q_OBJECT

  private slots:
    void init() {
        directory_ = std::make_unique<QTemporaryDir>();
        QVERIFY(directory_->isValid());
        root_ = fs::path(directory_->path().toStdString());
    }

    void saveAndLocate() {
        const ModelConfig config = smallGpt2();
        const TransformerWeights weights = TransformerWeights::initialised(config, 1);
        const fs::path folder = root_ / "new" / "model";
        saveModelFolder(folder, config, weights, DType::BF16);
        QVERIFY(fs::is_regular_file(folder / "config.json"));
        QCOMPARE(ModelConfig::fromFile(folder / "config.json").d_model, 8);
        const SafetensorsFile file = SafetensorsFile::open(folder / "model.safetensors");
        QCOMPARE(file.find("wte.weight")->dtype, DType::BF16);
        const TransformerWeights read = readHuggingFaceWeights(file, config);
        QVERIFY((read.token_embedding - weights.token_embedding).cwiseAbs().maxCoeff() < 1e-3f);

        // Without tokenizer files the folder is incomplete; with them it is located.
        QVERIFY2(errorOf(folder).contains("no tokenizer files"), qPrintable(errorOf(folder)));
        QCOMPARE(ModelFolderFiles::locate(folder, false).weights, folder / "model.safetensors");
        touch(folder / "vocab.json", "{}");
        QVERIFY2(errorOf(folder).contains("merges.txt: missing"), qPrintable(errorOf(folder)));
        touch(folder / "merges.txt", "#version: 0.2\n");
        ModelFolderFiles files = ModelFolderFiles::locate(folder);
        QCOMPARE(files.folder, folder);
        QCOMPARE(files.config, folder / "config.json");
        QCOMPARE(files.tokenizer, TokenizerKind::ByteLevelBpe);
        QCOMPARE(files.vocab_json, folder / "vocab.json");
        QCOMPARE(files.merges, folder / "merges.txt");
        QVERIFY(files.tokenizer_config.empty());

        // The path of model.safetensors itself names the same folder.
        files = ModelFolderFiles::locate(folder / "model.safetensors");
        QCOMPARE(files.folder, folder);
        QCOMPARE(files.weights, folder / "model.safetensors");
    }

    void wordPieceFolder() {
        touch(root_ / "config.json");
        touch(root_ / "model.safetensors");
        touch(root_ / "vocab.txt");
        touch(root_ / "tokenizer_config.json", "{\"do_lower_case\": true}");
        const ModelFolderFiles files = ModelFolderFiles::locate(root_);
        QCOMPARE(files.tokenizer, TokenizerKind::WordPiece);
        QCOMPARE(files.vocab_txt, root_ / "vocab.txt");
        QCOMPARE(files.tokenizer_config, root_ / "tokenizer_config.json");
    }

    // tokenizer.json is the tokenizer only when the older files are absent.
    void tokenizerJsonFolder() {
        touch(root_ / "config.json");
        touch(root_ / "model.safetensors");
        touch(root_ / "tokenizer.json");
        ModelFolderFiles files = ModelFolderFiles::locate(root_);
        QCOMPARE(files.tokenizer, TokenizerKind::TokenizerJson);
        QCOMPARE(files.tokenizer_json, root_ / "tokenizer.json");
        touch(root_ / "vocab.txt");
        files = ModelFolderFiles::locate(root_);
        QCOMPARE(files.tokenizer, TokenizerKind::WordPiece);
        QVERIFY(files.tokenizer_json.empty());
    }

    void messages_data() {
        QTest::addColumn<QStringList>("files");     // created in the folder; "dir/" makes a folder
        QTest::addColumn<QString>("target");        // relative path given to locate
        QTest::addColumn<QStringList>("expected");  // parts of the message
        QTest::addRow("no such folder")
            << QStringList{} << "absent" << QStringList{"absent: no such model folder"};
        QTest::addRow("a file, not a folder") << QStringList{"notes.txt"} << "notes.txt"
                                              << QStringList{"is a file, expected a model folder"};
        QTest::addRow("config.json missing") << QStringList{"model.safetensors", "vocab.txt"} << ""
                                             << QStringList{"config.json: missing"};
        QTest::addRow("config.json is a folder")
            << QStringList{"config.json/", "model.safetensors", "vocab.txt"} << ""
            << QStringList{"config.json: is a folder, expected the file config.json"};
        QTest::addRow("model.safetensors is a folder")
            << QStringList{"config.json", "model.safetensors/", "vocab.txt"} << ""
            << QStringList{"model.safetensors: is a folder"};
        QTest::addRow("pytorch_model.bin only")
            << QStringList{"config.json", "pytorch_model.bin", "vocab.txt"} << ""
            << QStringList{"model.safetensors: missing", "found pytorch_model.bin",
                           "only safetensors is read", "save_pretrained",
                           "safe_serialization=True"};
        QTest::addRow("tf_model.h5 only")
            << QStringList{"config.json", "tf_model.h5", "vocab.txt"} << ""
            << QStringList{"TensorFlow", "only safetensors is read", "safe_serialization=True"};
        QTest::addRow("sharded") << QStringList{"config.json", "model.safetensors.index.json",
                                                "vocab.txt"}
                                 << ""
                                 << QStringList{"model.safetensors.index.json", "not valid JSON"};
        QTest::addRow("no weights") << QStringList{"config.json", "vocab.txt"} << ""
                                    << QStringList{"model.safetensors: missing"};
        QTest::addRow("vocab.json without merges")
            << QStringList{"config.json", "model.safetensors", "vocab.json"} << ""
            << QStringList{"merges.txt: missing"};
        QTest::addRow("merges without vocab.json")
            << QStringList{"config.json", "model.safetensors", "merges.txt"} << ""
            << QStringList{"vocab.json: missing"};
        QTest::addRow("no tokenizer")
            << QStringList{"config.json", "model.safetensors"} << ""
            << QStringList{"no tokenizer files", "vocab.json + merges.txt"};
    }

    void messages() {
        QFETCH(QStringList, files);
        QFETCH(QString, target);
        QFETCH(QStringList, expected);
        for (const QString& name : files) {
            if (name.endsWith('/')) {
                fs::create_directory(root_ / name.chopped(1).toStdString());
            } else {
                touch(root_ / name.toStdString());
            }
        }
        const QString message = errorOf(target.isEmpty() ? root_ : root_ / target.toStdString());
        QVERIFY2(message.startsWith(QString::fromStdString(root_.string())), qPrintable(message));
        for (const QString& part : expected) {
            QVERIFY2(message.contains(part), qPrintable(message + "  (wanted: " + part + ")"));
        }
    }

    void resolvesBuiltinAndPaths() {
        const fs::path resources = root_ / "resources";
        fs::create_directories(resources / "models" / "gpt");
        const QByteArray saved = qgetenv("ATLAS_RESOURCES_DIR");
        qputenv("ATLAS_RESOURCES_DIR", QByteArray::fromStdString(resources.string()));
        QCOMPARE(findResourcesFolder().value(), resources);
        const std::vector<BuiltinModel> models = builtinModels();
        QCOMPARE(models.size(), std::size_t(2));
        QCOMPARE(models[0].name, std::string("gpt"));
        QCOMPARE(models[0].folder, resources / "models" / "gpt");
        QCOMPARE(models[1].name, std::string("bert"));
        QVERIFY(!models[0].description.empty());
        QCOMPARE(resolveModelFolder("gpt"), resources / "models" / "gpt");
        bool bert_found = true;
        try {
            resolveModelFolder("bert");
        } catch (const AtlasError& error) {
            bert_found = false;
            // Either not found anywhere, or found in another candidate (install, source tree).
            QVERIFY2(QString(error.what()).contains("built-in model \"bert\" not found"),
                     error.what());
        }
        Q_UNUSED(bert_found);

        touch(root_ / "model.safetensors");
        QCOMPARE(resolveModelFolder((root_ / "model.safetensors").string()), root_);
        QCOMPARE(resolveModelFolder(root_.string()), root_);
        QVERIFY_THROWS_EXCEPTION(AtlasError, resolveModelFolder((root_ / "absent").string()));
        touch(root_ / "notes.txt");
        QVERIFY_THROWS_EXCEPTION(AtlasError, resolveModelFolder((root_ / "notes.txt").string()));
        if (saved.isNull()) {
            qunsetenv("ATLAS_RESOURCES_DIR");
        } else {
            qputenv("ATLAS_RESOURCES_DIR", saved);
        }
    }

    // The Chinese built-in models are listed, with their language, once their folders are there.
    void listsChineseModelsWhenInstalled() {
        const fs::path resources = root_ / "resources-zh";
        fs::create_directories(resources / "models" / "gpt");
        const QByteArray saved = qgetenv("ATLAS_RESOURCES_DIR");
        qputenv("ATLAS_RESOURCES_DIR", QByteArray::fromStdString(resources.string()));
        QCOMPARE(builtinModels().size(), std::size_t(2));
        fs::create_directories(resources / "models" / "bert-zh");
        const std::vector<BuiltinModel> models = builtinModels();
        QCOMPARE(models.size(), std::size_t(3));
        QCOMPARE(models[0].language, std::string("en"));
        QCOMPARE(models[2].name, std::string("bert-zh"));
        QCOMPARE(models[2].language, std::string("zh"));
        QCOMPARE(resolveModelFolder("bert-zh"), resources / "models" / "bert-zh");
        if (saved.isNull()) {
            qunsetenv("ATLAS_RESOURCES_DIR");
        } else {
            qputenv("ATLAS_RESOURCES_DIR", saved);
        }
    }

    void saveIntoUnwritablePlace() {
        touch(root_ / "file");
        const ModelConfig config = smallGpt2();
        QVERIFY_THROWS_EXCEPTION(AtlasError,
                                 saveModelFolder(root_ / "file" / "model", config,
                                                 TransformerWeights::initialised(config, 1)));
    }

  private:
    std::unique_ptr<QTemporaryDir> directory_;
    fs::path root_;
};

QTEST_GUILESS_MAIN(ModelFolderTest)
#include "tst_model_folder.moc"
