// The built attention-atlas-cli's `models` and `run`: output formats, options, exit codes, errors.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "TinyModelFolder.h"
#include "io/Safetensors.h"
#include "model/Model.h"

using namespace atlas;

namespace {

namespace fs = std::filesystem;

struct CliResult {
    int exit_code = -1;
    bool crashed = true;
    QByteArray out;
    QByteArray err;
};

CliResult runCli(const QStringList& arguments, const QByteArray& input = {}) {
    QProcess process;
    process.start(QStringLiteral(ATLAS_BINARY_DIR "/app/attention-atlas-cli"), arguments);
    if (!process.waitForStarted()) {
        return {};
    }
    process.write(input);
    process.closeWriteChannel();
    process.waitForFinished(120000);
    CliResult result;
    result.crashed = process.exitStatus() != QProcess::NormalExit;
    result.exit_code = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString str(const fs::path& path) {
    return QString::fromStdString(path.string());
}

// The file's tensors, rewritten by `change` (which may drop, reshape or poison them).
void rewriteWeights(const fs::path& file,
                    const std::function<void(std::vector<std::string>& names,
                                             std::vector<std::vector<std::int64_t>>& shapes,
                                             std::vector<std::vector<float>>& values)>& change) {
    std::vector<std::string> names;
    std::vector<std::vector<std::int64_t>> shapes;
    std::vector<std::vector<float>> values;
    {
        const SafetensorsFile safetensors = SafetensorsFile::open(file);
        for (const TensorInfo& tensor : safetensors.tensors()) {
            names.push_back(tensor.name);
            shapes.push_back(tensor.shape);
            values.emplace_back(tensor.elementCount());
            safetensors.readFloat(tensor, values.back().data());
        }
    }
    change(names, shapes, values);
    std::vector<TensorToWrite> tensors;
    for (std::size_t i = 0; i < names.size(); ++i) {
        tensors.push_back({names[i], shapes[i], values[i].data()});
    }
    writeSafetensors(file, tensors);
}

std::size_t indexOf(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) - names.begin();
}

}  // namespace

class RunCliTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void modelsListsBuiltins();
    void helpExitsZero();
    void jsonMatchesModel_data();
    void jsonMatchesModel();
    void csvHasOneRowPerCell();
    void outWritesFileOnly();
    void textFromStandardInput();
    void truncationWarns();
    void ablateChangesDownstream();
    void maskPredictsFillers();
    void aggregateAddsMaps_data();
    void aggregateAddsMaps();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void badInputExitsOne_data();
    void badInputExitsOne();

  private:
    QTemporaryDir dir_;
    fs::path gpt_;
    fs::path bert_;
};

void RunCliTest::initTestCase() {
    QVERIFY(dir_.isValid());
    QVERIFY(QFile::exists(QStringLiteral(ATLAS_BINARY_DIR "/app/attention-atlas-cli")));
    gpt_ = fs::path(dir_.path().toStdString()) / "tiny-gpt";
    bert_ = fs::path(dir_.path().toStdString()) / "tiny-bert";
    test::TinyModelOptions options;
    options.n_ctx = 12;
    test::writeTinyModelFolder(gpt_, options);
    options.architecture = Architecture::Bert;
    test::writeTinyModelFolder(bert_, options);
}

void RunCliTest::modelsListsBuiltins() {
    const CliResult result = runCli({"models"});
    QVERIFY(!result.crashed);
    QCOMPARE(result.exit_code, 0);
    QVERIFY(result.out.startsWith("gpt "));
    QVERIFY(result.out.contains("\nbert "));
    QVERIFY(result.err.isEmpty());
}

void RunCliTest::helpExitsZero() {
    for (const char* command : {"run", "models"}) {
        const CliResult result = runCli({command, "--help"});
        QCOMPARE(result.exit_code, 0);
        QVERIFY(result.out.startsWith("usage: attention-atlas-cli " + QByteArray(command)));
    }
}

void RunCliTest::jsonMatchesModel_data() {
    QTest::addColumn<bool>("bert");
    QTest::addRow("gpt2") << false;
    QTest::addRow("bert") << true;
}

void RunCliTest::jsonMatchesModel() {
    QFETCH(bool, bert);
    const fs::path folder = bert ? bert_ : gpt_;
    const char* text = "The cat sat on the mat.";
    const CliResult result = runCli({"run", "--model", str(folder), "--text", text});
    QVERIFY(!result.crashed);
    QCOMPARE(result.exit_code, 0);
    QVERIFY2(result.err.isEmpty(), result.err.constData());
    QJsonParseError error;
    const QJsonObject json = QJsonDocument::fromJson(result.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);

    const auto model = Model::load(folder);
    const RunResult expected = model->run(text);
    const QJsonObject header = json["model"].toObject();
    QCOMPARE(header["name"].toString(), bert ? "tiny-bert" : "tiny-gpt");
    QCOMPARE(header["type"].toString(), bert ? "bert" : "gpt2");
    QCOMPARE(header["layers"].toInt(), 2);
    QCOMPARE(header["heads"].toInt(), 2);
    QCOMPARE(header["causal"].toBool(), !bert);
    QVERIFY(!json.contains("truncated"));

    const QJsonArray tokens = json["tokens"].toArray();
    const int T = static_cast<int>(expected.encoded.tokens.size());
    QCOMPARE(tokens.size(), T);
    for (int t = 0; t < T; ++t) {
        const QJsonObject token = tokens[t].toObject();
        QCOMPARE(token.keys(), QStringList({"begin", "end", "id", "text"}));
        QCOMPARE(token["id"].toInt(), expected.encoded.tokens[t].id);
        QCOMPARE(token["text"].toString().toStdString(), expected.encoded.tokens[t].text);
        QCOMPARE(token["begin"].toInt(), int(expected.encoded.tokens[t].begin));
        QCOMPARE(token["end"].toInt(), int(expected.encoded.tokens[t].end));
    }

    const QJsonArray attention = json["attention"].toArray();
    QCOMPARE(attention.size(), 2);
    for (int l = 0; l < 2; ++l) {
        QCOMPARE(attention[l].toArray().size(), 2);
        for (int h = 0; h < 2; ++h) {
            const QJsonArray rows = attention[l].toArray()[h].toArray();
            QCOMPARE(rows.size(), T);
            for (int i = 0; i < T; ++i) {
                const QJsonArray row = rows[i].toArray();
                QCOMPARE(row.size(), T);
                double sum = 0;
                for (int j = 0; j < T; ++j) {
                    // Shortest round-trip floats: exactly the model's values.
                    QCOMPARE(float(row[j].toDouble()), expected.forward.attention[l][h](i, j));
                    sum += row[j].toDouble();
                    if (!bert && j > i)
                        QCOMPARE(row[j].toDouble(), 0.0);
                }
                QVERIFY(std::abs(sum - 1.0) <= 1e-5);
            }
        }
    }

    const QJsonArray predictions = json["predictions"].toArray();
    QCOMPARE(predictions.size(), int(expected.forward.predictions.size()));
    QCOMPARE(predictions.size(), T);  // every position when nothing is masked
    const QJsonArray top = predictions[1].toObject()["top"].toArray();
    QCOMPARE(predictions[1].toObject()["position"].toInt(), 1);
    QCOMPARE(top.size(), 5);
    QCOMPARE(top[0].toObject()["id"].toInt(), expected.forward.predictions[1].top[0].id);
    QCOMPARE(top[0].toObject()["text"].toString().toStdString(),
             expected.forward.predictions[1].top[0].text);
    QVERIFY(top[0].toObject()["probability"].toDouble() >=
            top[4].toObject()["probability"].toDouble());
}

void RunCliTest::csvHasOneRowPerCell() {
    const CliResult result =
        runCli({"run", "--model", str(gpt_), "--text", "The cat, \"sat\"", "--format", "csv"});
    QCOMPARE(result.exit_code, 0);
    const QList<QByteArray> lines = result.out.trimmed().split('\n');
    QCOMPARE(lines[0], "layer,head,query,key,query_text,key_text,weight");
    const auto model = Model::load(gpt_);
    const RunResult expected = model->run("The cat, \"sat\"");
    const int T = static_cast<int>(expected.encoded.tokens.size());
    QCOMPARE(lines.size(), 1 + 2 * 2 * T * T);
    // Row of layer 1, head 0, query 2, key 1.
    const QByteArray row = lines[1 + ((1 * 2 + 0) * T + 2) * T + 1];
    QVERIFY(row.startsWith("1,0,2,1,"));
    QCOMPARE(row.split(',').last().toFloat(), expected.forward.attention[1][0](2, 1));
    QVERIFY(result.out.contains("\"\"\"\""));  // the token '"' quoted as """" (doubled quote)
    QVERIFY(lines[1].startsWith("0,0,0,0,\"The\",\"The\","));
}

void RunCliTest::outWritesFileOnly() {
    const QString out = dir_.filePath("out.json");
    const CliResult result =
        runCli({"run", "--model", str(bert_), "--text", "the cat", "--out", out});
    QCOMPARE(result.exit_code, 0);
    QVERIFY(result.out.isEmpty());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(json["tokens"].toArray().size(), 4);  // [CLS] the cat [SEP]
    QVERIFY(QDir(dir_.path())
                .entryList({"*.tmp*", ".*out.json*"}, QDir::Files | QDir::Hidden)
                .isEmpty());
}

void RunCliTest::textFromStandardInput() {
    const CliResult piped = runCli({"run", "--model", str(gpt_), "--text", "-"}, "The cat sat");
    const CliResult direct = runCli({"run", "--model", str(gpt_), "--text", "The cat sat"});
    QCOMPARE(piped.exit_code, 0);
    QCOMPARE(piped.out, direct.out);
}

void RunCliTest::truncationWarns() {
    const QString text = "the cat sat on the mat and the dog sat on the cat";  // 13 words
    const CliResult result = runCli({"run", "--model", str(bert_), "--text", text});
    QCOMPARE(result.exit_code, 0);
    QCOMPARE(result.err, "warning: text truncated to 12 tokens of 15\n");  // with [CLS], [SEP]
    const QJsonObject json = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(json["truncated"].toBool(), true);
    QCOMPARE(json["tokens"].toArray().size(), 12);
    QCOMPARE(json["tokens"].toArray().last().toObject()["text"].toString(), "[SEP]");
}

void RunCliTest::ablateChangesDownstream() {
    const QStringList base = {"run", "--model", str(gpt_), "--text", "The cat sat on the mat"};
    const QJsonObject plain = QJsonDocument::fromJson(runCli(base).out).object();
    const CliResult ablated_result = runCli(base + QStringList{"--ablate", "0:1, 0:0"});
    QCOMPARE(ablated_result.exit_code, 0);
    const QJsonObject ablated = QJsonDocument::fromJson(ablated_result.out).object();
    QCOMPARE(ablated["attention"].toArray()[0], plain["attention"].toArray()[0]);
    QVERIFY(ablated["attention"].toArray()[1] != plain["attention"].toArray()[1]);
    QVERIFY(ablated["predictions"] != plain["predictions"]);
    // Ablating nothing that exists twice over still reproduces the plain run exactly.
    const CliResult none = runCli(base + QStringList{"--ablate", "1:1"});
    QCOMPARE(QJsonDocument::fromJson(none.out).object()["attention"].toArray()[0],
             plain["attention"].toArray()[0]);

    const CliResult outside = runCli(base + QStringList{"--ablate", "0:1,2:0"});
    QCOMPARE(outside.exit_code, 1);
    QVERIFY(outside.err.startsWith("error: --ablate 2:0: "));
    QCOMPARE(outside.err.count('\n'), 1);
    const CliResult malformed = runCli(base + QStringList{"--ablate", "0:1,x:0"});
    QCOMPARE(malformed.exit_code, 2);
    QVERIFY(malformed.err.startsWith("error: option --ablate: 'x:0'"));
}

void RunCliTest::maskPredictsFillers() {
    const CliResult result =
        runCli({"run", "--model", str(bert_), "--text", "the cat sat on the mat", "--mask", "2,5"});
    QCOMPARE(result.exit_code, 0);
    const QJsonObject json = QJsonDocument::fromJson(result.out).object();
    QCOMPARE(json["tokens"].toArray()[2].toObject()["text"].toString(), "[MASK]");
    QCOMPARE(json["tokens"].toArray()[5].toObject()["text"].toString(), "[MASK]");
    const QJsonArray predictions = json["predictions"].toArray();
    QCOMPARE(predictions.size(), 2);
    QCOMPARE(predictions[0].toObject()["position"].toInt(), 2);
    QCOMPARE(predictions[1].toObject()["position"].toInt(), 5);
    const QJsonArray top = predictions[0].toObject()["top"].toArray();
    QCOMPARE(top.size(), 5);
    for (int r = 1; r < 5; ++r) {
        QVERIFY(top[r].toObject()["probability"].toDouble() <=
                top[r - 1].toObject()["probability"].toDouble());
    }

    const CliResult gpt = runCli({"run", "--model", str(gpt_), "--text", "the cat", "--mask", "1"});
    QCOMPARE(gpt.exit_code, 1);
    QVERIFY(gpt.err.startsWith("error: --mask"));
    const CliResult outside =
        runCli({"run", "--model", str(bert_), "--text", "the cat", "--mask", "4"});
    QCOMPARE(outside.exit_code, 1);
    QVERIFY(outside.err.startsWith("error: "));
}

void RunCliTest::aggregateAddsMaps_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("depth");  // 3: [L][T][T]; 4: [L][H][T][T]
    QTest::addRow("mean") << "mean" << 3;
    QTest::addRow("rollout") << "rollout" << 3;
    QTest::addRow("flow") << "flow" << 3;
    QTest::addRow("norm") << "norm" << 4;
}

void RunCliTest::aggregateAddsMaps() {
    QFETCH(QString, kind);
    QFETCH(int, depth);
    const CliResult result =
        runCli({"run", "--model", str(gpt_), "--text", "The cat sat", "--aggregate", kind});
    QCOMPARE(result.exit_code, 0);
    const QJsonObject json = QJsonDocument::fromJson(result.out).object();
    const QJsonObject aggregate = json["aggregate"].toObject();
    QCOMPARE(aggregate["kind"].toString(), kind);
    const QJsonArray maps = aggregate["maps"].toArray();
    QCOMPARE(maps.size(), 2);
    const QJsonArray first = depth == 4 ? maps[0].toArray()[1].toArray() : maps[0].toArray();
    QCOMPARE(first.size(), 3);
    QCOMPARE(first[2].toArray().size(), 3);
    if (kind == "mean") {
        const QJsonArray heads = json["attention"].toArray()[0].toArray();
        const double mean = (heads[0].toArray()[2].toArray()[1].toDouble() +
                             heads[1].toArray()[2].toArray()[1].toDouble()) /
                            2;
        QVERIFY(std::abs(first[2].toArray()[1].toDouble() - mean) < 1e-6);
    }
}

void RunCliTest::usageErrorsExitTwo_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addRow("no model") << QStringList{"run", "--text", "hi"};
    QTest::addRow("no text") << QStringList{"run", "--model", "gpt"};
    QTest::addRow("unknown option")
        << QStringList{"run", "--model", "gpt", "--text", "a", "--x", "1"};
    QTest::addRow("bad format") << QStringList{"run", "--model",  "gpt", "--text",
                                               "a",   "--format", "xml"};
    QTest::addRow("bad aggregate")
        << QStringList{"run", "--model", "gpt", "--text", "a", "--aggregate", "max"};
    QTest::addRow("aggregate in csv") << QStringList{
        "run", "--model", "gpt", "--text", "a", "--format", "csv", "--aggregate", "mean"};
    QTest::addRow("ablate not L:H")
        << QStringList{"run", "--model", "gpt", "--text", "a", "--ablate", "3"};
    QTest::addRow("ablate negative")
        << QStringList{"run", "--model", "gpt", "--text", "a", "--ablate", "-1:0"};
    QTest::addRow("ablate empty entry")
        << QStringList{"run", "--model", "gpt", "--text", "a", "--ablate", "0:0,"};
    QTest::addRow("mask not a number")
        << QStringList{"run", "--model", "bert", "--text", "a", "--mask", "one"};
    QTest::addRow("models with an option") << QStringList{"models", "--all"};
}

void RunCliTest::usageErrorsExitTwo() {
    QFETCH(QStringList, arguments);
    const CliResult result = runCli(arguments);
    QVERIFY(!result.crashed);
    QCOMPARE(result.exit_code, 2);
    QVERIFY(result.err.startsWith("error: "));
    QVERIFY(result.out.isEmpty());
}

void RunCliTest::badInputExitsOne_data() {
    QTest::addColumn<QString>("corruption");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error_contains");
    QTest::addRow("truncated safetensors") << "truncate"
                                           << "the cat"
                                           << "model.safetensors";
    QTest::addRow("garbage safetensors") << "garbage"
                                         << "the cat"
                                         << "model.safetensors";
    QTest::addRow("missing tensor") << "missing tensor"
                                    << "the cat"
                                    << "h.1.mlp.c_fc.weight";
    QTest::addRow("wrong shape") << "wrong shape"
                                 << "the cat"
                                 << "h.0.attn.c_attn.weight";
    QTest::addRow("NaN weight") << "nan"
                                << "the cat"
                                << "wpe.weight";
    QTest::addRow("config missing n_head") << "config key"
                                           << "the cat"
                                           << "n_head";
    QTest::addRow("config not JSON") << "config garbage"
                                     << "the cat"
                                     << "config.json";
    QTest::addRow("no weights file") << "no weights"
                                     << "the cat"
                                     << "model.safetensors";
    QTest::addRow("no merges.txt") << "no merges"
                                   << "the cat"
                                   << "merges.txt";
    QTest::addRow("no folder") << "no folder"
                               << "the cat"
                               << "";
    QTest::addRow("empty text") << ""
                                << ""
                                << "the text is empty";
    QTest::addRow("whitespace text") << ""
                                     << " \n\t "
                                     << "the text is empty";
    QTest::addRow("unwritable output") << "unwritable"
                                       << "the cat"
                                       << "";
}

void RunCliTest::badInputExitsOne() {
    QFETCH(QString, corruption);
    QFETCH(QString, text);
    QFETCH(QString, error_contains);
    QTemporaryDir dir;
    const fs::path folder = fs::path(dir.path().toStdString()) / "model";
    test::writeTinyModelFolder(folder, {});
    const fs::path weights = folder / "model.safetensors";
    QString out = dir.filePath("out.json");

    if (corruption == "truncate") {
        fs::resize_file(weights, fs::file_size(weights) / 2);
    } else if (corruption == "garbage") {
        std::ofstream(weights, std::ios::binary) << "\xff\xff\xff\xff\xff\xff\xff\x7fnot a header";
    } else if (corruption == "missing tensor") {
        rewriteWeights(weights, [](auto& names, auto& shapes, auto& values) {
            const std::size_t index = indexOf(names, "h.1.mlp.c_fc.weight");
            names.erase(names.begin() + index);
            shapes.erase(shapes.begin() + index);
            values.erase(values.begin() + index);
        });
    } else if (corruption == "wrong shape") {
        rewriteWeights(weights, [](auto& names, auto& shapes, auto& values) {
            const std::size_t index = indexOf(names, "h.0.attn.c_attn.weight");
            shapes[index] = {shapes[index][0], shapes[index][1] - 3};
            values[index].resize(shapes[index][0] * shapes[index][1]);
        });
    } else if (corruption == "nan") {
        rewriteWeights(weights, [](auto& names, auto&, auto& values) {
            values[indexOf(names, "wpe.weight")][5] = std::nanf("");
        });
    } else if (corruption == "config key") {
        nlohmann::json config = nlohmann::json::parse(std::ifstream(folder / "config.json"));
        config.erase("n_head");
        std::ofstream(folder / "config.json") << config.dump();
    } else if (corruption == "config garbage") {
        std::ofstream(folder / "config.json") << "{\"model_type\": \"gpt2\", ";
    } else if (corruption == "no weights") {
        fs::remove(weights);
    } else if (corruption == "no merges") {
        fs::remove(folder / "merges.txt");
    } else if (corruption == "unwritable") {
        out = dir.filePath("no-such-folder/out.json");
    }
    const QString model = corruption == "no folder" ? dir.filePath("nowhere") : str(folder);

    const CliResult result = runCli({"run", "--model", model, "--text", text, "--out", out});
    QVERIFY(!result.crashed);
    QCOMPARE(result.exit_code, 1);
    QVERIFY2(result.err.startsWith("error: "), result.err.constData());
    QCOMPARE(result.err.count('\n'), 1);
    QVERIFY2(result.err.contains(error_contains.toUtf8()), result.err.constData());
    QVERIFY(result.out.isEmpty());
    QVERIFY(!QFile::exists(out));
}

QTEST_GUILESS_MAIN(RunCliTest)
#include "tst_run_cli.moc"
