// Bad input through the built attention-atlas-cli (`run` and `export`): broken model folders,
// hostile texts and unwritable outputs each end in exit code 1, one "error:" line that says what
// is wrong, no crash, and no output file (complete or partial) left behind.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <linux/capability.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "CliProcess.h"
#include "TinyModelFolder.h"
#include "io/Safetensors.h"

using namespace atlas;
using atlas::test::CliLaunch;
using atlas::test::CliResult;
using atlas::test::runProgram;

namespace {

namespace fs = std::filesystem;

QString str(const fs::path& path) {
    return QString::fromStdString(path.string());
}

std::string readBytes(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path& path, const std::string& bytes) {
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A safetensors file taken apart: the header's JSON and the data section.
struct SafetensorsParts {
    nlohmann::json header;
    std::string data;
};

SafetensorsParts splitSafetensors(const fs::path& path) {
    const std::string bytes = readBytes(path);
    std::uint64_t length = 0;
    for (int i = 7; i >= 0; --i)
        length = (length << 8) | static_cast<unsigned char>(bytes[i]);
    return {nlohmann::json::parse(bytes.substr(8, length)), bytes.substr(8 + length)};
}

std::string lengthPrefix(std::uint64_t length) {
    std::string prefix(8, '\0');
    for (int i = 0; i < 8; ++i)
        prefix[i] = static_cast<char>((length >> (8 * i)) & 0xFF);
    return prefix;
}

void joinSafetensors(const fs::path& path, const SafetensorsParts& parts) {
    const std::string header = parts.header.dump();
    writeBytes(path, lengthPrefix(header.size()) + header + parts.data);
}

// The name of the tensor whose bytes come first, and of the largest other one.
std::pair<std::string, std::string> twoTensors(const nlohmann::json& header) {
    const auto range = [&](const std::string& name) {
        const auto& offsets = header[name]["data_offsets"];
        return std::pair{offsets[0].get<std::uint64_t>(), offsets[1].get<std::uint64_t>()};
    };
    std::vector<std::string> names;
    for (const auto& [name, entry] : header.items()) {
        if (name != "__metadata__")
            names.push_back(name);
    }
    const std::string first = *std::min_element(
        names.begin(), names.end(),
        [&](const auto& a, const auto& b) { return range(a).first < range(b).first; });
    std::erase(names, first);
    const std::string largest =
        *std::max_element(names.begin(), names.end(), [&](const auto& a, const auto& b) {
            return range(a).second - range(a).first < range(b).second - range(b).first;
        });
    return {first, largest};
}

void setFirstFloat(const fs::path& file, const std::string& tensor, float value) {
    std::vector<std::string> names;
    std::vector<std::vector<std::int64_t>> shapes;
    std::vector<std::vector<float>> values;
    {
        const SafetensorsFile safetensors = SafetensorsFile::open(file);
        for (const TensorInfo& info : safetensors.tensors()) {
            names.push_back(info.name);
            shapes.push_back(info.shape);
            values.emplace_back(info.elementCount());
            safetensors.readFloat(info, values.back().data());
            if (info.name == tensor)
                values.back()[3] = value;
        }
    }
    std::vector<TensorToWrite> tensors;
    for (std::size_t i = 0; i < names.size(); ++i)
        tensors.push_back({names[i], shapes[i], values[i].data()});
    writeSafetensors(file, tensors);
}

void replaceByFolder(const fs::path& file) {
    fs::remove(file);
    fs::create_directory(file);
}

// Breaks a copy of a good GPT-2 folder in the way `how` names.
void breakModel(const fs::path& folder, const QString& how) {
    const fs::path weights = folder / "model.safetensors";
    const auto size = fs::file_size(weights);
    if (how == "truncated in the data") {
        fs::resize_file(weights, size * 3 / 4);
    } else if (how == "truncated in the header") {
        const SafetensorsParts parts = splitSafetensors(weights);
        fs::resize_file(weights, 8 + parts.header.dump().size() / 2);
    } else if (how == "truncated to 4 bytes") {
        fs::resize_file(weights, 4);
    } else if (how == "empty weights file") {
        fs::resize_file(weights, 0);
    } else if (how == "bit flip in the header") {
        std::string bytes = readBytes(weights);
        bytes[8] ^= 0x01;  // '{' -> 'z'
        writeBytes(weights, bytes);
    } else if (how == "header length 1 GB") {
        std::string bytes = readBytes(weights);
        writeBytes(weights, lengthPrefix(1ull << 30) + bytes.substr(8));
    } else if (how == "header length 2^64-1") {
        std::string bytes = readBytes(weights);
        writeBytes(weights, lengthPrefix(~0ull) + bytes.substr(8));
    } else if (how == "overlapping byte ranges") {
        SafetensorsParts parts = splitSafetensors(weights);
        const auto [first, other] = twoTensors(parts.header);
        auto& offsets = parts.header[other]["data_offsets"];
        const std::uint64_t length =
            offsets[1].get<std::uint64_t>() - offsets[0].get<std::uint64_t>();
        const std::uint64_t begin = parts.header[first]["data_offsets"][0];
        offsets = {begin, begin + length};
        joinSafetensors(weights, parts);
    } else if (how == "byte range beyond the file") {
        SafetensorsParts parts = splitSafetensors(weights);
        const auto [first, other] = twoTensors(parts.header);
        auto& offsets = parts.header[other]["data_offsets"];
        offsets = {offsets[0].get<std::uint64_t>() + parts.data.size(),
                   offsets[1].get<std::uint64_t>() + parts.data.size()};
        joinSafetensors(weights, parts);
    } else if (how == "shape disagrees with config") {
        nlohmann::json config = nlohmann::json::parse(readBytes(folder / "config.json"));
        config["n_embd"] = 32;
        writeBytes(folder / "config.json", config.dump());
    } else if (how == "tensor shape transposed") {
        SafetensorsParts parts = splitSafetensors(weights);
        auto& shape = parts.header["h.0.attn.c_attn.weight"]["shape"];
        shape = {shape[1], shape[0]};
        joinSafetensors(weights, parts);
    } else if (how == "NaN weight") {
        setFirstFloat(weights, "h.0.attn.c_attn.weight", std::numeric_limits<float>::quiet_NaN());
    } else if (how == "huge weight") {
        // Finite, so no load check sees it, but q.k overflows: the forward pass makes NaN.
        setFirstFloat(weights, "h.0.attn.c_attn.weight", 3e38f);
    } else if (how == "Inf weight") {
        setFirstFloat(weights, "h.1.mlp.c_fc.weight", -std::numeric_limits<float>::infinity());
    } else if (how == "config.json is a folder") {
        replaceByFolder(folder / "config.json");
    } else if (how == "model.safetensors is a folder") {
        replaceByFolder(weights);
    } else if (how == "vocab.json is a folder") {
        replaceByFolder(folder / "vocab.json");
    } else if (how == "merges.txt is a folder") {
        replaceByFolder(folder / "merges.txt");
    } else if (how == "config.json garbage") {
        writeBytes(folder / "config.json", std::string("\x00\xff{\"model_type\"", 15));
    } else if (how == "config.json missing") {
        fs::remove(folder / "config.json");
    } else if (how == "model.safetensors missing") {
        fs::remove(weights);
    } else if (how == "vocab.json garbage") {
        writeBytes(folder / "vocab.json", "{\"a\": ");
    } else if (how == "merges.txt garbage") {
        writeBytes(folder / "merges.txt", "#version: 0.2\na b c\n");
    } else if (how == "no such folder") {
        fs::remove_all(folder);
    } else {
        QFAIL(qPrintable("unknown breakage " + how));
    }
}

// Exit code 1, no crash, and exactly one line on stderr: "error: ..." naming `keyword` (or one
// of its '|'-separated alternatives).
void verifyRefused(const CliResult& result, const QString& keyword) {
    QVERIFY2(!result.crashed, result.err.constData());
    QVERIFY2(result.exit_code == 1, qPrintable(QStringLiteral("exit %1, stderr: %2")
                                                   .arg(result.exit_code)
                                                   .arg(QString::fromUtf8(result.err))));
    const QList<QByteArray> lines = result.err.trimmed().split('\n');
    QVERIFY2(lines.size() == 1, qPrintable("more than one line on stderr: " + result.err));
    QVERIFY2(lines[0].startsWith("error: "), result.err.constData());
    const QStringList alternatives = keyword.split('|');
    QVERIFY2(std::any_of(alternatives.begin(), alternatives.end(),
                         [&](const QString& word) {
                             return QString::fromUtf8(lines[0]).contains(word, Qt::CaseInsensitive);
                         }),
             qPrintable("the message does not mention '" + keyword + "': " + result.err));
}

// Every attention value of a `run --format json` output is a finite number and rows sum to 1.
void verifyAttentionJson(const QByteArray& output) {
    QJsonParseError error;
    const QJsonObject json = QJsonDocument::fromJson(output, &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(!json["tokens"].toArray().isEmpty());
    for (const QJsonValue& layer : json["attention"].toArray()) {
        for (const QJsonValue& head : layer.toArray()) {
            for (const QJsonValue& row : head.toArray()) {
                double sum = 0;
                for (const QJsonValue& weight : row.toArray()) {
                    // nlohmann writes NaN and Inf as null: that would be garbage drawn as data.
                    QVERIFY2(weight.isDouble() && std::isfinite(weight.toDouble()),
                             "a non-finite attention weight in the output");
                    sum += weight.toDouble();
                }
                QVERIFY(std::abs(sum - 1.0) < 1e-4);
            }
        }
    }
}

QStringList filesIn(const QString& folder) {
    return QDir(folder).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
}

// In the child: without the capabilities that let root write anywhere, so that a folder's
// permission bits bind the CLI even when the tests run as root (as in CI containers).
void dropRootOverrides() {
    if (::geteuid() == 0) {
        ::prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, 0, 0, 0);
        ::prctl(PR_CAPBSET_DROP, CAP_DAC_READ_SEARCH, 0, 0, 0);
        ::prctl(PR_CAPBSET_DROP, CAP_FOWNER, 0, 0, 0);
    }
}

// In the child: a disk that is full after 300 bytes (a write past the limit fails with EFBIG
// instead of killing the process, as SIGXFSZ is ignored).
void fillDiskAfter300Bytes() {
    ::signal(SIGXFSZ, SIG_IGN);
    const struct rlimit limit = {300, 300};
    ::setrlimit(RLIMIT_FSIZE, &limit);
}

}  // namespace

class BadInputTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void goodModelRuns();
    void brokenModel_data();
    void brokenModel();
    void dataBitFlipsNeverCrash_data();
    void dataBitFlipsNeverCrash();
    void hostileText_data();
    void hostileText();
    void unwritableOutput_data();
    void unwritableOutput();
    void appReportsBadInput_data();
    void appReportsBadInput();

  private:
    fs::path freshCopy(const QString& name);
    QTemporaryDir dir_;
    fs::path good_gpt_;
    fs::path good_bert_;
    int copies_ = 0;
};

void BadInputTest::initTestCase() {
    QVERIFY(dir_.isValid());
    QVERIFY(QFile::exists(QStringLiteral(ATLAS_BINARY_DIR "/app/attention-atlas-cli")));
    good_gpt_ = fs::path(dir_.path().toStdString()) / "good-gpt";
    good_bert_ = fs::path(dir_.path().toStdString()) / "good-bert";
    test::TinyModelOptions options;
    options.n_ctx = 128;  // the hostile texts below fit, except the one meant to be cut
    test::writeTinyModelFolder(good_gpt_, options);
    options.architecture = Architecture::Bert;
    test::writeTinyModelFolder(good_bert_, options);
}

fs::path BadInputTest::freshCopy(const QString& name) {
    const fs::path copy = fs::path(dir_.path().toStdString()) /
                          ("case-" + std::to_string(++copies_) + "-" + name.toStdString());
    fs::copy(good_gpt_, copy, fs::copy_options::recursive);
    return copy;
}

// The fixtures themselves work: every refusal below is due to the breakage alone.
void BadInputTest::goodModelRuns() {
    for (const fs::path& folder : {good_gpt_, good_bert_}) {
        const CliResult result =
            runProgram({"run", "--model", str(folder), "--text", "The cat sat."});
        QVERIFY2(result.exit_code == 0 && !result.crashed, result.err.constData());
        verifyAttentionJson(result.out);
    }
}

void BadInputTest::brokenModel_data() {
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("keyword");  // the message must name this
    const QList<std::pair<QString, QString>> breakages = {
        {"truncated in the data", "truncated"},
        {"truncated in the header", "truncated"},
        {"truncated to 4 bytes", "truncated"},
        {"empty weights file", "truncated"},
        {"bit flip in the header", "JSON"},
        {"header length 1 GB", "header length"},
        {"header length 2^64-1", "header length"},
        {"overlapping byte ranges", "overlapping"},
        {"byte range beyond the file", "outside"},
        {"shape disagrees with config", "shape"},
        {"tensor shape transposed", "shape"},
        {"NaN weight", "NaN"},
        {"Inf weight", "Inf"},
        {"huge weight", "NaN|Inf|finite|overflow"},
        {"config.json is a folder", "config.json"},
        {"model.safetensors is a folder", "model.safetensors"},
        {"vocab.json is a folder", "vocab.json"},
        {"merges.txt is a folder", "merges.txt"},
        {"config.json garbage", "config.json"},
        {"config.json missing", "config.json"},
        {"model.safetensors missing", "model.safetensors"},
        {"vocab.json garbage", "vocab.json"},
        {"merges.txt garbage", "merges.txt"},
        {"no such folder", "no such"},
    };
    for (const auto& [how, keyword] : breakages) {
        for (const char* command : {"run", "run --out", "export"}) {
            QTest::addRow("%s: %s", command, qPrintable(how)) << how << command << keyword;
        }
    }
}

void BadInputTest::brokenModel() {
    QFETCH(QString, how);
    QFETCH(QString, command);
    QFETCH(QString, keyword);
    const fs::path folder = freshCopy(how);
    breakModel(folder, how);
    const QString out_folder = dir_.path() + "/out-" + QString::number(copies_);
    QVERIFY(QDir().mkpath(out_folder));
    QStringList arguments = {"run", "--model", str(folder), "--text", "The cat sat on the mat."};
    if (command == "run --out") {
        arguments << "--out" << out_folder + "/attention.json";
    } else if (command == "export") {
        arguments[0] = "export";
        arguments << "--view"
                  << "grid"
                  << "--out" << out_folder + "/grid.png";
    }
    const CliResult result = runProgram(arguments);
    verifyRefused(result, keyword);
    QVERIFY(result.out.isEmpty());
    QVERIFY2(filesIn(out_folder).isEmpty(), qPrintable(filesIn(out_folder).join(", ")));
}

// A flipped bit where no check can see it (in the weights' bytes) may change the numbers, but
// then the output must still be sound: finite, rows summing to 1. Or the load refuses the file.
void BadInputTest::dataBitFlipsNeverCrash_data() {
    QTest::addColumn<double>("where");  // position in the data section, 0..1
    QTest::addColumn<int>("bit");
    for (const double where : {0.0, 0.13, 0.31, 0.5, 0.77, 0.99}) {
        for (const int bit : {6, 7}) {  // the top exponent bit and the sign of a float's last byte
            QTest::addRow("at %.2f, bit %d", where, bit) << where << bit;
        }
    }
}

void BadInputTest::dataBitFlipsNeverCrash() {
    QFETCH(double, where);
    QFETCH(int, bit);
    const fs::path folder = freshCopy("bit-flip");
    const fs::path weights = folder / "model.safetensors";
    const SafetensorsParts parts = splitSafetensors(weights);
    std::string bytes = readBytes(weights);
    const std::size_t data_start = bytes.size() - parts.data.size();
    // The last byte of a little-endian float holds its sign and top exponent bits.
    std::size_t offset = data_start + static_cast<std::size_t>(where * (parts.data.size() - 4));
    offset = data_start + (offset - data_start) / 4 * 4 + 3;
    bytes[offset] = static_cast<char>(bytes[offset] ^ (1 << bit));
    writeBytes(weights, bytes);

    const CliResult result =
        runProgram({"run", "--model", str(folder), "--text", "The cat sat on the mat."});
    QVERIFY2(!result.crashed, result.err.constData());
    if (result.exit_code == 0) {
        verifyAttentionJson(result.out);
    } else {
        verifyRefused(result, "model.safetensors");
    }
}

void BadInputTest::hostileText_data() {
    QTest::addColumn<QString>("model");  // gpt or bert (the tiny fixtures)
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("exit_code");
    QTest::addColumn<QString>("message");  // on stderr: the error, or the truncation warning
    const QByteArray emoji = QString::fromUtf8("🙂👍🏽👨‍👩‍👧🇫🇷").toUtf8();
    for (const char* model : {"gpt", "bert"}) {
        QTest::addRow("%s: empty", model) << model << QByteArray() << 1 << "empty";
        QTest::addRow("%s: only spaces", model) << model << QByteArray(1000, ' ') << 1 << "empty";
        QTest::addRow("%s: only whitespace", model)
            << model << QByteArray(" \t\n\r \n") << 1 << "empty";
        // A text longer than the context is cut, with a warning, as docs/cli.md says: not an error.
        QTest::addRow("%s: 100,000 characters", model)
            << model << QByteArray("The cat sat on the mat. ").repeated(4200).left(100000) << 0
            << "truncated";
        QTest::addRow("%s: only emoji", model) << model << emoji.repeated(3) << 0 << "";
        QTest::addRow("%s: invalid UTF-8", model)
            << model << QByteArray("ok \xff\xfe bad \xc3 cut \xe2\x82 \xf0\x9f\x99 over\xc0\xaf")
            << 0 << "";
        // Each bad byte reads as U+FFFD, which GPT-2 encodes byte by byte and BERT's basic
        // tokenizer drops (as Hugging Face's does): a BERT text of nothing else has no tokens.
        const bool bert = QString(model) == "bert";
        QTest::addRow("%s: only invalid UTF-8", model)
            << model << QByteArray("\xff\xfe\xc3") << (bert ? 1 : 0) << (bert ? "empty" : "");
        QTest::addRow("%s: NUL bytes", model) << model << QByteArray("a\0b\0c", 5) << 0 << "";
    }
}

void BadInputTest::hostileText() {
    QFETCH(QString, model);
    QFETCH(QByteArray, text);
    QFETCH(int, exit_code);
    QFETCH(QString, message);
    const QString folder = str(model == "gpt" ? good_gpt_ : good_bert_);
    // Through standard input: argv cannot carry every byte (NUL, invalid UTF-8 through QString).
    CliLaunch launch;
    launch.input = text;
    const CliResult run = runProgram({"run", "--model", folder, "--text", "-"}, launch);
    if (exit_code == 1) {
        verifyRefused(run, message);
        QVERIFY(run.out.isEmpty());
    } else {
        QVERIFY2(!run.crashed && run.exit_code == 0, run.err.constData());
        verifyAttentionJson(run.out);
        if (message.isEmpty()) {
            QVERIFY2(run.err.isEmpty(), run.err.constData());
        } else {
            QVERIFY2(run.err.startsWith("warning: ") && run.err.contains(message.toUtf8()),
                     run.err.constData());
        }
    }
    // export takes its text from the command line only: what argv can carry.
    if (text.contains('\0') || QString::fromUtf8(text).toUtf8() != text) {
        return;
    }
    const QString out_folder = dir_.path() + "/text-" + QString::number(++copies_);
    QVERIFY(QDir().mkpath(out_folder));
    const CliResult exported =
        runProgram({"export", "--model", folder, "--text", QString::fromUtf8(text), "--view",
                    "grid", "--out", out_folder + "/grid.png"});
    if (exit_code == 1) {
        verifyRefused(exported, message);
        QVERIFY(filesIn(out_folder).isEmpty());
    } else {
        QVERIFY2(!exported.crashed && exported.exit_code == 0, exported.err.constData());
        QCOMPARE(filesIn(out_folder), QStringList{"grid.png"});
    }
}

void BadInputTest::unwritableOutput_data() {
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("place");
    for (const char* command : {"run", "export"}) {
        for (const char* place : {"read-only folder", "missing folder", "full disk", "a folder"}) {
            QTest::addRow("%s into %s", command, place) << command << place;
        }
    }
}

void BadInputTest::unwritableOutput() {
    QFETCH(QString, command);
    QFETCH(QString, place);
    const QString out_folder = dir_.path() + "/unwritable-" + QString::number(++copies_);
    QVERIFY(QDir().mkpath(out_folder));
    const QString name = command == "run" ? "attention.json" : "grid.png";
    QString out = out_folder + "/" + name;
    // An earlier output at the same path must survive a failed write unchanged.
    const QByteArray earlier = "the earlier output";
    const bool has_earlier = place == "read-only folder" || place == "full disk";
    if (has_earlier) {
        QFile file(out);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(earlier);
    }
    CliLaunch launch;
    if (place == "read-only folder") {
        QVERIFY(QFile::setPermissions(
            out_folder, QFile::ReadOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup));
        launch.in_child = dropRootOverrides;
        launch.program = "/bin/sh";
        const CliResult probe = runProgram({"-c", "touch '" + out_folder + "/probe'"}, launch);
        launch.program = CliLaunch{}.program;
        if (probe.exit_code == 0) {
            QFile::remove(out_folder + "/probe");
            QSKIP("cannot make a folder read-only for a child process here");
        }
    } else if (place == "missing folder") {
        out = out_folder + "/no/such/folder/" + name;
    } else if (place == "full disk") {
        launch.in_child = fillDiskAfter300Bytes;
    } else if (place == "a folder") {
        QVERIFY(QDir().mkpath(out));
    }
    QStringList arguments = {command, "--model", str(good_gpt_), "--text",
                             "The cat sat on the mat. The dog sat on the log."};
    if (command == "export") {
        arguments << "--view"
                  << "grid"
                  << "--width"
                  << "800";
    }
    arguments << "--out" << out;
    const CliResult result = runProgram(arguments, launch);
    QFile::setPermissions(out_folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    verifyRefused(result, name);
    if (has_earlier) {
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), earlier);
        QCOMPARE(filesIn(out_folder), QStringList{name});
    } else if (place == "a folder") {
        QCOMPARE(filesIn(out_folder), QStringList{name});
        QVERIFY(QFileInfo(out).isDir());
        QVERIFY(filesIn(out).isEmpty());
    } else {
        QVERIFY(filesIn(out_folder).isEmpty());
    }
}

// The desktop app with the same inputs, in its --screenshot mode (which quits by itself): a
// broken model or a blank text is reported in the window and the app exits 1; a long text or a
// text of emoji is shown and it exits 0. Never a crash, never a hang.
void BadInputTest::appReportsBadInput_data() {
    QTest::addColumn<QString>("how");  // a breakage of the model, or "" for the good model
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("exit_code");
    for (const char* how :
         {"truncated in the data", "header length 1 GB", "NaN weight", "huge weight",
          "overlapping byte ranges", "model.safetensors is a folder", "shape disagrees with config",
          "no such folder"}) {
        QTest::addRow("model: %s", how) << how << "The cat sat on the mat." << 1;
    }
    QTest::addRow("text: only spaces") << "" << QString(200, ' ') << 1;
    QTest::addRow("text: 100,000 characters")
        << "" << QString("The cat sat on the mat. ").repeated(4200).left(100000) << 0;
    QTest::addRow("text: only emoji")
        << "" << QString::fromUtf8("🙂👍🏽👨‍👩‍👧🇫🇷").repeated(3) << 0;
}

void BadInputTest::appReportsBadInput() {
#ifndef ATLAS_HAVE_GUI
    QSKIP("the GUI is not built (ATLAS_BUILD_UI=OFF)");
#endif
    QFETCH(QString, how);
    QFETCH(QString, text);
    QFETCH(int, exit_code);
    fs::path folder = good_gpt_;
    if (!how.isEmpty()) {
        folder = freshCopy(how);
        breakModel(folder, how);
    }
    const QString screenshot = dir_.path() + "/app-" + QString::number(++copies_) + ".png";
    CliLaunch launch;
    launch.program = QStringLiteral(ATLAS_BINARY_DIR "/app/attention-atlas");
    launch.environment.insert("QT_QPA_PLATFORM", "offscreen");
    launch.timeout_ms = 60000;
    const CliResult result =
        runProgram({"--model", str(folder), "--text", text, "--screenshot", screenshot}, launch);
    QVERIFY2(!result.crashed, qPrintable("crashed or did not exit within 60 s: " + result.err));
    QVERIFY2(result.exit_code == exit_code, result.err.constData());
    QVERIFY2(QFileInfo::exists(screenshot), "no screenshot of what the window showed");
}

QTEST_GUILESS_MAIN(BadInputTest)
#include "tst_bad_input.moc"
