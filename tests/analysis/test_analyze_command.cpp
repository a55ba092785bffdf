// attention-atlas-cli analyze, run as a user would: JSON and Markdown output, --limit, --out,
// and the exit codes and one-line errors of docs/cli.md.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "TinyModelFolder.h"
#include "analysis/Conllu.h"
#include "analysis/DistanceProfile.h"
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

CliResult analyze(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(ATLAS_BINARY_DIR "/app/attention-atlas-cli"),
                  QStringList{"analyze"} + arguments);
    CliResult result;
    if (!process.waitForStarted() || !process.waitForFinished(120000)) {
        return result;
    }
    result.crashed = process.exitStatus() != QProcess::NormalExit;
    result.exit_code = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString str(const fs::path& path) {
    return QString::fromStdString(path.string());
}

// Two sentences with det, nsubj, obj and punct arcs.
const char* kTreebank =
    "# sent_id = 1\n"
    "# text = The cat saw a dog.\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tcat\tcat\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "3\tsaw\tsee\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\ta\ta\tDET\tDT\t_\t5\tdet\t_\t_\n"
    "5\tdog\tdog\tNOUN\tNN\t_\t3\tobj\t_\tSpaceAfter=No\n"
    "6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n"
    "# sent_id = 2\n"
    "1\tDogs\tdog\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n"
    "2\tbark\tbark\tVERB\tVBP\t_\t0\troot\t_\t_\n"
    "\n";

}  // namespace

class TestAnalyzeCommand : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase() {
        QVERIFY(folder_.isValid());
        root_ = fs::path(folder_.path().toStdString());
        test::TinyModelOptions gpt;
        test::writeTinyModelFolder(root_ / "gpt", gpt);
        test::TinyModelOptions bert;
        bert.architecture = Architecture::Bert;
        test::writeTinyModelFolder(root_ / "bert", bert);
        std::ofstream(root_ / "tree.conllu", std::ios::binary) << kTreebank;
    }

    void jsonHasEveryHead_data() {
        QTest::addColumn<QString>("model");
        QTest::addRow("gpt") << "gpt";
        QTest::addRow("bert") << "bert";
    }

    void jsonHasEveryHead() {
        QFETCH(QString, model);
        const CliResult result = analyze(
            {"--model", str(root_ / model.toStdString()), "--conllu", str(root_ / "tree.conllu")});
        QVERIFY(!result.crashed);
        QCOMPARE(result.exit_code, 0);
        QVERIFY2(result.err.isEmpty(), result.err.constData());  // under a second: no progress
        const nlohmann::json json = nlohmann::json::parse(result.out.toStdString());
        QCOMPARE(json["heads"].size(), std::size_t(4));  // 2 layers x 2 heads
        QCOMPARE(json["sentences"].get<int>(), 2);
        for (const nlohmann::json& head : json["heads"]) {
            for (const char* key : {"layer", "head", "prev", "next", "self", "first", "entropy",
                                    "mean_distance", "induction", "duplicate_token"}) {
                QVERIFY2(head[key].is_number(), key);
            }
            QVERIFY(head["relations"]["det"].is_number());
            const std::string direction = head["relations"]["det_dir"].get<std::string>();
            QVERIFY(direction == "dep->head" || direction == "head->dep");
            QVERIFY(head["label"].is_string());
        }
        // Baselines by hand: det The->cat +1, a->dog +1: 1.0 at +1; nsubj cat->saw +1,
        // Dogs->bark +1: 1.0; obj dog->saw -2: 1.0 at -2; punct .->saw -3: 1.0 at -3.
        QCOMPARE(json["baselines"]["det"].get<double>(), 1.0);
        QCOMPARE(json["baseline_offsets"]["obj"].get<int>(), -2);
        QCOMPARE(json["baseline_offsets"]["punct"].get<int>(), -3);
        QCOMPARE(json["arcs"]["nsubj"].get<int>(), 2);
        QVERIFY(!json["baselines"].contains("root"));
    }

    void markdownLimitAndOut() {
        const fs::path out = root_ / "roles.md";
        const CliResult result =
            analyze({"--model", str(root_ / "gpt"), "--conllu", str(root_ / "tree.conllu"),
                     "--format", "md", "--limit", "1", "--out", str(out)});
        QCOMPARE(result.exit_code, 0);
        QVERIFY(result.out.isEmpty());
        std::ifstream file(out);
        const std::string text((std::istreambuf_iterator<char>(file)), {});
        QVERIFY(text.rfind("# Head roles: gpt", 0) == 0);
        QVERIFY(text.find("1 sentences from `tree.conllu`") != std::string::npos);
        QVERIFY(text.find("| 1:1 |") != std::string::npos);
        QVERIFY(text.find("| det | 2 | 1.00 | +1 |") != std::string::npos);
    }

    void csvForASpreadsheet() {
        const fs::path out = root_ / "roles.csv";
        const CliResult result =
            analyze({"--model", str(root_ / "gpt"), "--conllu", str(root_ / "tree.conllu"),
                     "--format", "csv", "--out", str(out)});
        QCOMPARE(result.exit_code, 0);
        std::ifstream file(out);
        const std::string text((std::istreambuf_iterator<char>(file)), {});
        QVERIFY(text.rfind("layer,head,label,prev,next,self,first,", 0) == 0);
        // A header and one row per head of the tiny model.
        QCOMPARE(std::count(text.begin(), text.end(), '\n'),
                 std::ptrdiff_t(1 + 4));  // 2 layers x 2 heads
    }

    // --format distance: every head's profile pooled over the sentences, as the core pools it.
    void distanceProfilesOverTheTreebank() {
        const fs::path out = root_ / "distance.csv";
        const CliResult result =
            analyze({"--model", str(root_ / "gpt"), "--conllu", str(root_ / "tree.conllu"),
                     "--format", "distance", "--out", str(out)});
        QCOMPARE(result.exit_code, 0);
        std::ifstream file(out);
        std::string line;
        QVERIFY(std::getline(file, line));
        QCOMPARE(line, std::string("layer,head,distance,mean_attention,cells"));

        const auto model = Model::load(root_ / "gpt");
        const std::vector<ConlluSentence> sentences = readConllu(root_ / "tree.conllu");
        std::vector<DistanceProfileAccumulator> expected(4);  // 2 layers x 2 heads
        for (const ConlluSentence& sentence : sentences) {
            const RunResult run = model->run(sentence.text);
            for (int l = 0; l < 2; ++l) {
                for (int h = 0; h < 2; ++h) {
                    expected[std::size_t(l * 2 + h)].add(run.forward.attention[l][h]);
                }
            }
        }
        int rows = 0;
        while (std::getline(file, line)) {
            int layer = 0, head = 0, distance = 0;
            double mean = 0;
            long long cells = 0;
            QCOMPARE(std::sscanf(line.c_str(), "%d,%d,%d,%lf,%lld", &layer, &head, &distance, &mean,
                                 &cells),
                     5);
            const DistanceProfile profile = expected[std::size_t(layer * 2 + head)].profile();
            const auto at = std::find(profile.distances.begin(), profile.distances.end(), distance);
            QVERIFY(at != profile.distances.end());
            const std::size_t k = std::size_t(at - profile.distances.begin());
            QCOMPARE(cells, profile.cells[k]);
            QVERIFY(std::abs(mean - profile.mean_attention[k]) < 1e-7);
            if (distance < 0) {
                QCOMPARE(mean, 0.0);  // causal: no key after its query
            }
            ++rows;
        }
        // The longest sentence has T tokens: 2T - 1 distances for each of the 4 heads.
        QVERIFY(rows >= 4 * 11);
        QVERIFY(rows % 4 == 0);
    }

    void errors_data() {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exit_code");
        QTest::addColumn<QString>("message");
        const QString gpt = str(root_ / "gpt");
        const QString tree = str(root_ / "tree.conllu");
        QTest::addRow("no conllu") << QStringList{"--model", gpt} << 2 << "--conllu";
        QTest::addRow("no model") << QStringList{"--conllu", tree} << 2 << "--model";
        QTest::addRow("limit zero")
            << QStringList{"--model", gpt, "--conllu", tree, "--limit", "0"} << 2 << "--limit";
        QTest::addRow("limit text")
            << QStringList{"--model", gpt, "--conllu", tree, "--limit", "x"} << 2 << "--limit";
        QTest::addRow("format") << QStringList{"--model", gpt, "--conllu", tree, "--format", "xml"}
                                << 2 << "--format";
        QTest::addRow("unknown option")
            << QStringList{"--model", gpt, "--conllu", tree, "--x", "1"} << 2 << "--x";
        QTest::addRow("missing conllu")
            << QStringList{"--model", gpt, "--conllu", str(root_ / "none.conllu")} << 1
            << "none.conllu";
        QTest::addRow("malformed conllu")
            << QStringList{"--model", gpt, "--conllu", str(root_ / "bad.conllu")} << 1
            << "bad.conllu:3: HEAD 'x' is not a word ID or 0";
        QTest::addRow("empty conllu")
            << QStringList{"--model", gpt, "--conllu", str(root_ / "empty.conllu")} << 1
            << "no sentences";
        QTest::addRow("missing model")
            << QStringList{"--model", str(root_ / "nothing"), "--conllu", tree} << 1 << "nothing";
        QTest::addRow("out folder missing")
            << QStringList{"--model", gpt, "--conllu", tree, "--out", str(root_ / "no/roles.json")}
            << 1 << "does not exist";
    }

    void errors() {
        QFETCH(QStringList, arguments);
        QFETCH(int, exit_code);
        QFETCH(QString, message);
        std::ofstream(root_ / "bad.conllu", std::ios::binary)
            << "# c\n1\tA\t_\t_\t_\t_\t0\troot\t_\t_\n2\tB\t_\t_\t_\t_\tx\tdep\t_\t_\n";
        std::ofstream(root_ / "empty.conllu", std::ios::binary) << "# nothing\n";
        const CliResult result = analyze(arguments);
        QVERIFY(!result.crashed);
        QCOMPARE(result.exit_code, exit_code);
        QVERIFY(result.out.isEmpty());
        QVERIFY2(result.err.startsWith("error: "), result.err.constData());
        QVERIFY2(result.err.contains(message.toUtf8()), result.err.constData());
        if (exit_code == 1) {
            QCOMPARE(result.err.count('\n'), 1);  // exactly one line
        }
        QVERIFY(!fs::exists(root_ / "no"));
    }

    void helpPrintsUsage() {
        const CliResult result = analyze({"--help"});
        QCOMPARE(result.exit_code, 0);
        QVERIFY(result.out.startsWith("usage: attention-atlas-cli analyze"));
    }

  private:
    QTemporaryDir folder_;
    fs::path root_;
};

QTEST_GUILESS_MAIN(TestAnalyzeCommand)
#include "test_analyze_command.moc"
