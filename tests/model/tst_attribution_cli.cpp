// Token attribution (occlusion, gradient x input, integrated gradients) in the core, and the
// CLI's `attribute`, `run --lens` and `run --dla` on the built-in models.
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>

#include <nlohmann/json.hpp>

#include "Error.h"
#include "model/BuiltinModels.h"
#include "model/LogitAttribution.h"
#include "model/Model.h"
#include "model/PredictionTarget.h"
#include "model/TokenAttribution.h"
#include "model/TokenText.h"
#include "train/InputGradients.h"

using namespace atlas;

namespace {

struct CliResult {
    int exit_code = -1;
    QByteArray out;
    QByteArray err;
};

CliResult runCli(const QStringList& arguments) {
    QProcess process;
    process.start(QStringLiteral(ATLAS_BINARY_DIR "/app/attention-atlas-cli"), arguments);
    process.waitForFinished(300000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

nlohmann::json jsonOf(const CliResult& result) {
    return nlohmann::json::parse(result.out.toStdString());
}

// Ten distinct word tokens, drawn by a seed, then the first seven again: an induction text.
// Returns the text and the index of the token the repeat should copy next (the eighth).
std::vector<int> inductionIds(const Model& model, unsigned seed) {
    std::mt19937 random(seed);
    std::vector<int> words;
    std::uniform_int_distribution<int> pick(300, 3000);
    while (words.size() < 10) {
        const int id = pick(random);
        const std::string text = tokenDisplayText(model, id);
        // Whole words with a leading space, so the sequence reads as the model was trained.
        if (text.size() > 3 && text[0] == ' ' &&
            std::isalpha(static_cast<unsigned char>(text[1])) &&
            std::find(words.begin(), words.end(), id) == words.end()) {
            words.push_back(id);
        }
    }
    std::vector<int> ids = words;
    ids.insert(ids.end(), words.begin(), words.begin() + 7);
    return ids;
}

int largestScore(const TokenAttribution& attribution) {
    int best = -1;
    for (std::size_t t = 0; t < attribution.scores.size(); ++t) {
        if (attribution.attributed[t] &&
            (best < 0 || attribution.scores[t] > attribution.scores[best])) {
            best = static_cast<int>(t);
        }
    }
    return best;
}

}  // namespace

class TestAttributionCli : public QObject {
    Q_OBJECT

  private slots:
    // In a random sequence repeated, the prediction after the repeat's last token is the token
    // that followed it the first time: occluding that earlier copy hurts it most.
    void copiedTokenHasTheHighestOcclusionScore() {
        const auto model = Model::load(resolveModelFolder("gpt"));
        for (unsigned seed : {1u, 2u, 3u}) {
            const std::vector<int> ids = inductionIds(*model, seed);
            const int position = static_cast<int>(ids.size()) - 1;
            const int copied = 7;  // the first time round, the token after ids[position]
            const TokenAttribution occlusion =
                occlusionAttribution(*model, ids, position, ids[copied]);
            QCOMPARE(largestScore(occlusion), copied);
            QVERIFY(occlusion.scores[copied] > 0);
        }
    }

    void occlusionScoresAreLogProbabilityDrops() {
        const auto model = Model::load(resolveModelFolder("gpt"));
        const PredictionTarget chosen =
            choosePredictionTarget(*model, "The cat sat on the mat.", std::nullopt, std::nullopt);
        QCOMPARE(chosen.position, int(chosen.ids.size()) - 1);
        const TokenAttribution occlusion =
            occlusionAttribution(*model, chosen.ids, chosen.position, chosen.target);
        std::vector<int> changed = chosen.ids;
        changed[2] = occlusion.replacement;
        ForwardOptions options;
        options.capture_logits = true;
        const double after =
            logProbabilityOf(model->forward(changed, options), chosen.position, chosen.target);
        QVERIFY(std::abs(occlusion.scores[2] - (occlusion.log_probability - after)) < 1e-9);
        QCOMPARE(tokenDisplayText(*model, occlusion.replacement), std::string("<|endoftext|>"));
    }

    void bertMasksTheLastWordWhenThereIsNoMask() {
        const auto model = Model::load(resolveModelFolder("bert"));
        const PredictionTarget chosen =
            choosePredictionTarget(*model, "The cat sat on the mat.", std::nullopt, std::nullopt);
        QVERIFY(chosen.masked_last_word);
        QCOMPARE(chosen.target_text, std::string("mat"));
        QCOMPARE(chosen.tokens[chosen.position].text, std::string("[MASK]"));
        QVERIFY(chosen.note.find("'mat'") != std::string::npos);
        const PredictionTarget with_mask = choosePredictionTarget(
            *model, "The cat sat on the [MASK].", std::nullopt, std::nullopt);
        QVERIFY(!with_mask.masked_last_word);
        QCOMPARE(with_mask.position, 6);
    }

    // Integrated gradients' scores add up to log p(input) - log p(baseline), to the error of
    // the midpoint rule, which is reported; both passes are the model's own.
    void gptIntegratedGradientsAreComplete() {
        const auto model = Model::load(resolveModelFolder("gpt"));
        const PredictionTarget chosen =
            choosePredictionTarget(*model, "The cat sat on the mat.", std::nullopt, std::nullopt);
        const TokenAttribution ig =
            gradientAttribution(*model, chosen.ids, chosen.position, chosen.target, "ig", 48);
        QCOMPARE(ig.steps, 48);
        double sum = 0;
        for (double score : ig.scores)
            sum += score;
        const double gap = ig.log_probability - ig.baseline_log_probability;
        QVERIFY(std::abs(gap) > 0.1);
        QCOMPARE(ig.completeness_error, std::abs(sum - gap));
        QVERIFY2(
            ig.completeness_error < 0.05 * std::abs(gap) + 0.02,
            qPrintable(QString("completeness error %1 of %2").arg(ig.completeness_error).arg(gap)));
        // The trainer's pass gives the model's own probability.
        ForwardOptions options;
        options.capture_logits = true;
        const double log_p =
            logProbabilityOf(model->forward(chosen.ids, options), chosen.position, chosen.target);
        QVERIFY(std::abs(ig.log_probability - log_p) < 1e-3);
        const TokenAttribution gradient =
            gradientAttribution(*model, chosen.ids, chosen.position, chosen.target, "gradxinput");
        QVERIFY(std::abs(gradient.log_probability - log_p) < 1e-3);
        double magnitude = 0;
        for (double score : gradient.scores)
            magnitude += std::abs(score);
        QVERIFY(magnitude > 1e-3);
    }

    void bertGradientsAndCompleteness() {
        const auto model = Model::load(resolveModelFolder("bert"));
        const PredictionTarget chosen = choosePredictionTarget(*model, "The cat sat on the [MASK].",
                                                               std::nullopt, std::nullopt);
        const TokenAttribution ig =
            gradientAttribution(*model, chosen.ids, chosen.position, chosen.target, "ig", 32);
        QVERIFY(!ig.attributed[0] && !ig.attributed[chosen.position]);
        const double gap = ig.log_probability - ig.baseline_log_probability;
        QVERIFY(ig.completeness_error < 0.05 * std::abs(gap) + 0.02);
    }

    void cliAttributeRunsEveryMethod_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("method");
        for (const char* model : {"gpt", "bert"})
            for (const char* method : {"occlusion", "gradxinput", "ig"})
                QTest::newRow(qPrintable(QString("%1 %2").arg(model, method)))
                    << QString(model) << QString(method);
    }

    void cliAttributeRunsEveryMethod() {
        QFETCH(QString, model);
        QFETCH(QString, method);
        const CliResult result = runCli({"attribute", "--model", model, "--text",
                                         "The cat sat on the mat.", "--method", method});
        QVERIFY2(result.exit_code == 0, result.err.constData());
        const nlohmann::json json = jsonOf(result);
        QCOMPARE(json["method"].get<std::string>(), method.toStdString());
        QVERIFY(json["tokens"].size() >= 7);
        if (model == "bert") {
            QCOMPARE(json["target"]["text"].get<std::string>(), std::string("mat"));
            QVERIFY(json["note"].get<std::string>().find("masked") != std::string::npos);
            QVERIFY(json["tokens"][0]["score"].is_null());  // [CLS]
        }
        if (method == "ig") {
            QVERIFY(json["completeness_error"].is_number());
            QCOMPARE(json["steps"].get<int>(), 32);
        }
    }

    void cliAttributeCsvAndErrors() {
        QTemporaryDir dir;
        const QString out = dir.filePath("scores.csv");
        CliResult result = runCli({"attribute", "--model", "gpt", "--text", "The cat sat.",
                                   "--format", "csv", "--out", out, "--target", " on"});
        QVERIFY2(result.exit_code == 0, result.err.constData());
        QFile file(out);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        QCOMPARE(lines[0], QByteArray("index,id,text,begin,end,score"));
        QVERIFY(lines[1].startsWith("0,497,\"The\",0,3,"));
        result =
            runCli({"attribute", "--model", "gpt", "--text", "The cat", "--target", " on the"});
        QCOMPARE(result.exit_code, 1);
        QVERIFY(result.err.contains("--target"));
        result = runCli({"attribute", "--model", "gpt", "--text", "The cat", "--position", "9"});
        QCOMPARE(result.exit_code, 1);
        QVERIFY(result.err.contains("--position: token 9 is out of range"));
        result =
            runCli({"attribute", "--model", "gpt", "--text", "The cat", "--method", "saliency"});
        QCOMPARE(result.exit_code, 2);
    }

    void cliRunLensMatchesPredictions() {
        for (const char* model : {"gpt", "bert"}) {
            const CliResult result =
                runCli({"run", "--model", model, "--text", "The cat sat on the mat.", "--lens",
                        "--lens-top", "3"});
            QVERIFY2(result.exit_code == 0, result.err.constData());
            const nlohmann::json json = jsonOf(result);
            const auto& layers = json["lens"]["layers"];
            QCOMPARE(layers.size(), json["model"]["layers"].get<std::size_t>());
            QCOMPARE(layers[0]["positions"].size(), json["tokens"].size());
            const auto& last = layers.back()["positions"];
            for (const auto& prediction : json["predictions"]) {
                const auto& cell = last[prediction["position"].get<int>()];
                QCOMPARE(cell["position"], prediction["position"]);
                QCOMPARE(cell["top"].size(), std::size_t(3));
                QCOMPARE(cell["top"][0]["id"], prediction["top"][0]["id"]);
                QCOMPARE(cell["top"][0]["text"], prediction["top"][0]["text"]);
                QVERIFY(cell["final_probability"].is_number());
            }
        }
    }

    void cliRunDla() {
        CliResult result =
            runCli({"run", "--model", "gpt", "--text", "The cat sat on the mat.", "--dla"});
        QVERIFY2(result.exit_code == 0, result.err.constData());
        nlohmann::json dla = jsonOf(result)["dla"];
        QCOMPARE(dla["method"].get<std::string>(), std::string("direct"));
        QVERIFY(std::abs(dla["sum_of_parts"].get<double>() - dla["logit"].get<double>()) < 1e-4);
        QCOMPARE(dla["heads"].size(), std::size_t(4));
        result =
            runCli({"run", "--model", "bert", "--text", "The cat sat on the [MASK].", "--dla"});
        QVERIFY2(result.exit_code == 0, result.err.constData());
        dla = jsonOf(result)["dla"];
        QCOMPARE(dla["method"].get<std::string>(), std::string("ablation"));
        QCOMPARE(dla["position"].get<int>(), 6);
        result =
            runCli({"run", "--model", "gpt", "--text", "The cat", "--lens", "--format", "csv"});
        QCOMPARE(result.exit_code, 2);
    }
};

QTEST_GUILESS_MAIN(TestAttributionCli)
#include "tst_attribution_cli.moc"
