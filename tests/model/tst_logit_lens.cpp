// The logit lens and direct logit attribution against the model's own pass: the lens's last
// layer is the model's prediction, and the parts of a logit add up to it (GPT-2 and every
// decoder-family fixture that modern_reference.py writes); BERT's heads by ablation.
#include <QTest>

#include <cmath>
#include <filesystem>
#include <memory>

#include "Error.h"
#include "model/BuiltinModels.h"
#include "model/LogitAttribution.h"
#include "model/LogitLens.h"
#include "model/Model.h"
#include "model/TokenText.h"

using namespace atlas;

namespace {

namespace fs = std::filesystem;

// Written by the modern_families_reference test (CTest fixture modern_families).
const fs::path kFixtures = ATLAS_MODERN_FIXTURES;

std::vector<int> idsOf(const EncodedText& encoded) {
    std::vector<int> ids;
    for (const Token& token : encoded.tokens)
        ids.push_back(token.id);
    return ids;
}

std::vector<fs::path> modernFixtures() {
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(kFixtures)) {
        if (fs::exists(entry.path() / "config.json")) {
            folders.push_back(entry.path());
        }
    }
    std::sort(folders.begin(), folders.end());
    return folders;
}

// The lens's last layer gives the model's own top-1 at every position the model predicts.
void checkLensEndsAtThePrediction(const Model& model, const std::string& text) {
    const RunResult run = model.run(text);
    const std::vector<int> ids = idsOf(run.encoded);
    const LogitLens lens = logitLens(model, ids, 3);
    QCOMPARE(int(lens.layers.size()), model.config().n_layer);
    const LensLayer& last = lens.layers.back();
    QCOMPARE(last.positions.size(), ids.size());
    for (const PositionPredictions& prediction : run.forward.predictions) {
        const LensCell& cell = last.positions[prediction.position];
        QCOMPARE(cell.top.size(), std::size_t(3));
        QCOMPARE(cell.top.front().id, prediction.top.front().id);
        QCOMPARE(cell.top.front().text, prediction.top.front().text);
        QVERIFY(std::abs(cell.top.front().probability - prediction.top.front().probability) < 1e-5);
        QVERIFY(std::abs(cell.final_probability - prediction.top.front().probability) < 1e-5);
    }
    // Earlier layers are other read-outs, not copies of the last one.
    for (const LensLayer& layer : lens.layers) {
        for (const LensCell& cell : layer.positions) {
            QVERIFY(cell.final_probability >= 0 && cell.final_probability <= 1);
            QVERIFY(cell.top[0].probability >= cell.top[1].probability);
        }
    }
}

// The parts of the target's logit add up to it, at the last position and at the first.
void checkPartsSumToTheLogit(const Model& model, const std::string& text) {
    const std::vector<int> ids = idsOf(model.encode(text));
    const int T = static_cast<int>(ids.size());
    for (int position : {T - 1, 0}) {
        ForwardOptions options;
        options.top_k = 2;
        const Forward forward = model.forward(ids, options);
        for (const TopToken& top : forward.predictions[position].top) {
            const DirectLogitAttribution parts =
                directLogitAttribution(model, ids, position, top.id);
            QCOMPARE(int(parts.heads.size()), model.config().n_layer);
            QCOMPARE(int(parts.heads[0].size()), model.config().n_head);
            const double error = std::abs(parts.sumOfParts() - parts.logit);
            if (error > 1e-4) {
                QFAIL(qPrintable(QString("%1: parts sum to %2, the logit is %3")
                                     .arg(QString::fromStdString(model.name()))
                                     .arg(parts.sumOfParts(), 0, 'g', 10)
                                     .arg(parts.logit, 0, 'g', 10)));
            }
            // The heads carry part of it: a decomposition that put everything elsewhere would
            // also sum.
            double heads = 0;
            for (const auto& layer : parts.heads)
                for (double head : layer)
                    heads += std::abs(head);
            QVERIFY(heads > 1e-6);
        }
    }
}

}  // namespace

class TestLogitLens : public QObject {
    Q_OBJECT

  private slots:
    void gptLensEndsAtItsPredictions() {
        const auto model = Model::load(resolveModelFolder("gpt"));
        checkLensEndsAtThePrediction(*model, "The cat sat on the mat because it was tired.");
    }

    void bertLensReadsTheMaskedLmHead() {
        const auto model = Model::load(resolveModelFolder("bert"));
        checkLensEndsAtThePrediction(*model, "The cat sat on the [MASK].");
    }

    void modernLensEndsAtItsPredictions() {
        for (const fs::path& folder : modernFixtures()) {
            const auto model = Model::load(folder);
            checkLensEndsAtThePrediction(*model, "Once upon a time the little fox");
        }
    }

    void gptPartsSumToTheLogit() {
        const auto model = Model::load(resolveModelFolder("gpt"));
        checkPartsSumToTheLogit(*model, "The cat sat on the mat because it was tired.");
    }

    void everyModernFixturesPartsSumToTheLogit() {
        const std::vector<fs::path> folders = modernFixtures();
        QVERIFY(folders.size() >= 7);
        for (const fs::path& folder : folders) {
            const auto model = Model::load(folder);
            checkPartsSumToTheLogit(*model, "Once upon a time the little fox met the heron.");
        }
    }

    void ablatedHeadsContributeNothing() {
        const auto model = Model::load(resolveModelFolder("gpt"));
        const std::vector<int> ids = idsOf(model->encode("The cat sat on the mat."));
        ForwardOptions options;
        options.ablated_heads = {{1, 2}};
        const DirectLogitAttribution parts =
            directLogitAttribution(*model, ids, static_cast<int>(ids.size()) - 1, 13, options);
        QCOMPARE(parts.heads[1][2], 0.0);
        QVERIFY(std::abs(parts.sumOfParts() - parts.logit) < 1e-4);
    }

    void bertRefusesDirectAttributionAndAblates() {
        const auto model = Model::load(resolveModelFolder("bert"));
        const RunResult run = model->run("The cat sat on the [MASK].");
        const std::vector<int> ids = idsOf(run.encoded);
        int mask = -1;
        for (std::size_t i = 0; i < ids.size(); ++i)
            if (ids[i] == specialTokenId(*model, "[MASK]"))
                mask = static_cast<int>(i);
        QVERIFY(mask > 0);
        const int target = run.forward.predictions[mask].top.front().id;
        QVERIFY_THROWS_EXCEPTION(AtlasError, directLogitAttribution(*model, ids, mask, target));
        const HeadAblationEffects effects = headAblationEffects(*model, ids, mask, target);
        QCOMPARE(int(effects.heads.size()), model->config().n_layer);
        QVERIFY(std::abs(std::exp(effects.log_probability) -
                         run.forward.predictions[mask].top.front().probability) < 1e-5);
        // Each effect is that of one pass with the head off.
        ForwardOptions options;
        options.capture_logits = true;
        options.ablated_heads = {{2, 3}};
        const double ablated = logProbabilityOf(model->forward(ids, options), mask, target);
        QVERIFY(std::abs(effects.heads[2][3] - (ablated - effects.log_probability)) < 1e-9);
        double largest = 0;
        for (const auto& layer : effects.heads)
            for (double effect : layer)
                largest = std::max(largest, std::abs(effect));
        QVERIFY(largest > 1e-3);
    }

    void badPositionAndTargetAreNamed() {
        const auto model = Model::load(resolveModelFolder("gpt"));
        const std::vector<int> ids = idsOf(model->encode("The cat"));
        try {
            directLogitAttribution(*model, ids, 5, 1);
            QFAIL("no error");
        } catch (const AtlasError& error) {
            QVERIFY(std::string(error.what()).find("position 5") != std::string::npos);
        }
        try {
            directLogitAttribution(*model, ids, 0, 1 << 30);
            QFAIL("no error");
        } catch (const AtlasError& error) {
            QVERIFY(std::string(error.what()).find("target id") != std::string::npos);
        }
        QVERIFY_THROWS_EXCEPTION(AtlasError, logitLens(*model, ids, 0));
    }
};

QTEST_GUILESS_MAIN(TestLogitLens)
#include "tst_logit_lens.moc"
