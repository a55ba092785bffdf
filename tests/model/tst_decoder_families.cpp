// The decoder families beyond what modern_reference.py compares through the CLI: config and
// shard-index errors, the real stories260K from ids against the reference, the key/value cache
// against full passes, and every view's core computation on a 24-layer x 14-head GQA model.
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "Error.h"
#include "analysis/Aggregates.h"
#include "analysis/Conllu.h"
#include "analysis/InductionScore.h"
#include "analysis/TreebankAnalysis.h"
#include "io/Safetensors.h"
#include "io/ShardIndex.h"
#include "model/DecoderForward.h"
#include "model/Generation.h"
#include "model/HuggingFaceLayout.h"
#include "model/Model.h"
#include "model/ModelConfig.h"
#include "model/RotaryEmbedding.h"

using namespace atlas;

namespace {

namespace fs = std::filesystem;

// Written by the modern_families_reference test (CTest fixture modern_reference).
const fs::path kFixtures = ATLAS_MODERN_FIXTURES;

std::string errorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const AtlasError& error) {
        return error.what();
    }
    return "(no error)";
}

nlohmann::json llamaConfig() {
    return {{"model_type", "llama"},    {"num_hidden_layers", 2},
            {"num_attention_heads", 4}, {"num_key_value_heads", 2},
            {"hidden_size", 32},        {"intermediate_size", 48},
            {"vocab_size", 300},        {"max_position_embeddings", 64}};
}

nlohmann::json readJson(const fs::path& path) {
    std::ifstream stream(path);
    std::stringstream text;
    text << stream.rdbuf();
    return nlohmann::json::parse(text.str());
}

double largestDifference(const Forward& a, const Forward& b) {
    double worst = 0;
    for (std::size_t l = 0; l < a.attention.size(); ++l) {
        for (std::size_t h = 0; h < a.attention[l].size(); ++h) {
            worst = std::max<double>(worst,
                                     (a.attention[l][h] - b.attention[l][h]).cwiseAbs().maxCoeff());
        }
    }
    return worst;
}

}  // namespace

class DecoderFamiliesTest : public QObject {
    Q_OBJECT

  private slots:
    void configKeysAreChecked_data() {
        QTest::addColumn<QString>("patch");     // JSON merged into the llama config
        QTest::addColumn<QString>("expected");  // part of the message
        QTest::addRow("kv heads do not divide") << R"({"num_key_value_heads": 3})"
                                                << R"(key "num_key_value_heads" (3) must divide)";
        QTest::addRow("kv heads zero") << R"({"num_key_value_heads": 0})"
                                       << R"(key "num_key_value_heads" is 0)";
        QTest::addRow("head_dim too wide") << R"({"head_dim": 4096})"
                                           << R"(key "head_dim" is 4096)";
        QTest::addRow("rope_theta zero") << R"({"rope_theta": 0})"
                                         << R"(key "rope_theta" is 0)";
        QTest::addRow("rope type unknown")
            << R"({"rope_scaling": {"rope_type": "yarn", "factor": 4}})"
            << R"(rope_type "yarn"; only "default", "linear" and "llama3")";
        QTest::addRow("llama3 without bounds")
            << R"({"rope_scaling": {"rope_type": "llama3", "factor": 8}})"
            << R"(key "rope_scaling.low_freq_factor" missing)";
        QTest::addRow("factor below 1") << R"({"rope_scaling": {"type": "linear", "factor": 0.5}})"
                                        << R"(key "rope_scaling.factor" is 0.5)";
        QTest::addRow("activation") << R"({"hidden_act": "relu"})"
                                    << R"(key "hidden_act" is "relu")";
        QTest::addRow("width not divisible") << R"({"hidden_size": 30})"
                                             << R"(key "hidden_size" (30) must be divisible)";
        QTest::addRow("eos not an id") << R"({"eos_token_id": "x"})"
                                       << R"(key "eos_token_id" is "x")";
        QTest::addRow("unknown family") << R"({"model_type": "falcon"})"
                                        << R"(model_type "falcon" is not supported)";
        QTest::addRow("odd rotary dims") << R"({"model_type": "gpt_neox", "rotary_pct": 0.375})"
                                         << R"(key "rotary_pct" (0.375) rotates 3 dimensions)";
    }

    void configKeysAreChecked() {
        QFETCH(QString, patch);
        QFETCH(QString, expected);
        nlohmann::json json = llamaConfig();
        json.merge_patch(nlohmann::json::parse(patch.toStdString()));
        const QString message =
            QString::fromStdString(errorOf([&] { ModelConfig::fromJson(json, "config.json"); }));
        QVERIFY2(message.startsWith("config.json: ") && message.contains(expected),
                 qPrintable(message));
    }

    void configDefaultsFollowTransformers() {
        ModelConfig llama = ModelConfig::fromJson(llamaConfig(), "config.json");
        QCOMPARE(llama.d_head(), 8);
        QCOMPARE(llama.kvHeads(), 2);
        QVERIFY(!llama.tied_embeddings);  // LlamaConfig's default
        QCOMPARE(llama.layer_norm_epsilon, 1e-6f);
        nlohmann::json qwen3 = llamaConfig();
        qwen3["model_type"] = "qwen3";
        QCOMPARE(ModelConfig::fromJson(qwen3, "config.json").d_head(), 128);  // Qwen3Config's
        nlohmann::json neox = llamaConfig();
        neox["model_type"] = "gpt_neox";
        const ModelConfig pythia = ModelConfig::fromJson(neox, "config.json");
        QCOMPARE(pythia.rotary.dims, 2);  // rotary_pct 0.25 of 8
        QVERIFY(pythia.parallel_residual && pythia.qkv_bias && pythia.out_bias);
        QCOMPARE(pythia.modelType(), std::string("gpt_neox"));
        // A long context is accepted and shown up to the app's own limit.
        nlohmann::json long_context = llamaConfig();
        long_context["max_position_embeddings"] = 131072;
        QCOMPARE(ModelConfig::fromJson(long_context, "config.json").n_ctx,
                 ModelConfigLimits::kMaxContext);
    }

    void llama3FrequenciesAreScaledByBand() {
        RotaryConfig rotary;
        rotary.dims = 8;
        rotary.theta = 10000;
        const std::vector<float> plain = rotaryInverseFrequencies(rotary);
        QCOMPARE(plain.size(), std::size_t(4));
        QCOMPARE(plain[0], 1.0f);
        rotary.scaling = RotaryConfig::Scaling::Llama3;
        rotary.factor = 8;
        rotary.original_context = 16;  // wavelengths: 6.3 (medium), 63, 628, 6283 (long)
        const std::vector<float> scaled = rotaryInverseFrequencies(rotary);
        QVERIFY(scaled[0] < plain[0] && scaled[0] > plain[0] / 8);  // blended
        for (int i = 1; i < 4; ++i) {
            QCOMPARE(scaled[i], plain[i] / 8);
        }
    }

    void badShardIndexIsNamed_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::addRow("not JSON") << "{"
                                  << "not valid JSON";
        QTest::addRow("no weight_map") << R"({"metadata": {}})"
                                       << R"(key "weight_map" missing)";
        QTest::addRow("weight_map a list") << R"({"weight_map": []})"
                                           << R"(key "weight_map" must)";
        QTest::addRow("leaves the folder") << R"({"weight_map": {"a": "../model.safetensors"}})"
                                           << "maps tensor a to";
        QTest::addRow("not safetensors") << R"({"weight_map": {"a": "model.bin"}})"
                                         << "maps tensor a to";
        QTest::addRow("a number") << R"({"weight_map": {"a": 3}})"
                                  << "maps tensor a to 3";
    }

    void badShardIndexIsNamed() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString message = QString::fromStdString(errorOf(
            [&] { ShardIndex::parse(text.toStdString(), "model.safetensors.index.json"); }));
        QVERIFY2(message.startsWith("model.safetensors.index.json: ") && message.contains(expected),
                 qPrintable(message));
    }

    void shardsAreCheckedAgainstTheIndex() {
        const fs::path source = kFixtures / "qwen2-sharded-bf16";
        QVERIFY2(fs::exists(source), "run the modern_families_reference test first");
        QTemporaryDir dir;
        const fs::path folder = fs::path(dir.path().toStdString()) / "qwen2";
        fs::copy(source, folder);
        const auto model = Model::load(folder);
        QCOMPARE(model->config().vocab_size, 320);  // padded past the tokenizer's 258
        QCOMPARE(model->config().eos_token_ids, (std::vector<int>{257, 256}));
        // A shard the index names is missing.
        fs::remove(folder / "model-00002-of-00002.safetensors");
        QString message = QString::fromStdString(errorOf([&] { Model::load(folder); }));
        QVERIFY2(message.contains("model.safetensors.index.json: shard "
                                  "model-00002-of-00002.safetensors"),
                 qPrintable(message));
        // The index puts a tensor in a shard that does not hold it.
        fs::copy(source / "model-00002-of-00002.safetensors", folder);
        nlohmann::json index = readJson(folder / "model.safetensors.index.json");
        index["weight_map"]["model.norm.weight"] =
            index["weight_map"]["model.norm.weight"] == "model-00001-of-00002.safetensors"
                ? "model-00002-of-00002.safetensors"
                : "model-00001-of-00002.safetensors";
        std::ofstream(folder / "model.safetensors.index.json") << index.dump();
        message = QString::fromStdString(errorOf([&] { Model::load(folder); }));
        QVERIFY2(message.contains("puts tensor model.norm.weight in"), qPrintable(message));
    }

    void missingAndMisshapenTensorsAreNamed() {
        const fs::path folder = kFixtures / "llama-gqa";
        QVERIFY2(fs::exists(folder), "run the modern_families_reference test first");
        ModelConfig config = ModelConfig::fromFile(folder / "config.json");
        auto file = std::make_shared<const SafetensorsFile>(
            SafetensorsFile::open(folder / "model.safetensors"));
        config.n_kv_head = 4;  // k_proj is [16, 32] in the file
        QString message =
            QString::fromStdString(errorOf([&] { mapHuggingFaceWeights(file, config); }));
        QVERIFY2(
            message.contains("model.safetensors: tensor model.layers.0.self_attn.k_proj.weight "
                             "has shape [16, 32], expected [32, 32]"),
            qPrintable(message));
        config = ModelConfig::fromFile(folder / "config.json");
        config.tied_embeddings = false;
        message = QString::fromStdString(errorOf([&] { mapHuggingFaceWeights(file, config); }));
        QVERIFY2(message.contains("tensor lm_head.weight missing"), qPrintable(message));
    }

    // NaN and Inf in a decoder's mapped weights: opening reads none of them, the forward finds
    // the bad one through its product's output and names the file, the tensor and the element.
    void nonFiniteWeightsAreNamedByTheForward_data() {
        QTest::addColumn<QString>("tensor");
        QTest::addColumn<float>("value");
        QTest::addColumn<QString>("expected");
        QTest::addRow("NaN in an MLP weight")
            << "model.layers.1.mlp.down_proj.weight" << std::nanf("")
            << "model.safetensors: tensor model.layers.1.mlp.down_proj.weight contains NaN at "
               "element 7";
        QTest::addRow("Inf in a key projection")
            << "model.layers.0.self_attn.k_proj.weight" << -INFINITY
            << "model.safetensors: tensor model.layers.0.self_attn.k_proj.weight contains Inf";
        QTest::addRow("NaN in the embedding")
            << "model.embed_tokens.weight" << std::nanf("")
            << "model.safetensors: tensor model.embed_tokens.weight contains NaN";
    }

    void nonFiniteWeightsAreNamedByTheForward() {
        QFETCH(QString, tensor);
        QFETCH(float, value);
        QFETCH(QString, expected);
        const fs::path source = kFixtures / "llama-gqa";
        QVERIFY2(fs::exists(source), "run the modern_families_reference test first");
        QTemporaryDir dir;
        const fs::path folder = fs::path(dir.path().toStdString()) / "llama";
        fs::copy(source, folder);
        std::vector<std::string> names;
        std::vector<std::vector<std::int64_t>> shapes;
        std::vector<std::vector<float>> values;
        {
            const SafetensorsFile file = SafetensorsFile::open(folder / "model.safetensors");
            for (const TensorInfo& info : file.tensors()) {
                names.push_back(info.name);
                shapes.push_back(info.shape);
                values.emplace_back(info.elementCount());
                file.readFloat(info, values.back().data());
            }
        }
        const auto found = std::find(names.begin(), names.end(), tensor.toStdString());
        QVERIFY(found != names.end());
        values[std::size_t(found - names.begin())][7] = value;
        std::vector<TensorToWrite> tensors;
        for (std::size_t i = 0; i < names.size(); ++i) {
            tensors.push_back({names[i], shapes[i], values[i].data()});
        }
        writeSafetensors(folder / "model.safetensors", tensors);
        const auto model = Model::load(folder);  // opening does not read the weights' values
        const QString message =
            QString::fromStdString(errorOf([&] { model->run("the cat sat on the mat"); }));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    // The real trained Llama, from ids (its tokenizer.json is read by another part of the app).
    void stories260KMatchesTheReference() {
        const fs::path folder = fs::path(ATLAS_SHARED_DIR) / "data/models/stories260K";
        const fs::path reference_file = kFixtures / "stories260K-reference.json";
        if (!fs::exists(folder / "config.json")) {
            QSKIP("../shared/data/models/stories260K is absent");
        }
        QVERIFY2(fs::exists(reference_file), "run the modern_families_reference test first");
        const nlohmann::json reference = readJson(reference_file);
        const ModelConfig config = ModelConfig::fromFile(folder / "config.json");
        QCOMPARE(config.n_head, 8);
        QCOMPARE(config.kvHeads(), 4);
        const TransformerWeights weights =
            mapHuggingFaceWeights(std::make_shared<const SafetensorsFile>(
                                      SafetensorsFile::open(folder / "model.safetensors")),
                                  config);
        const std::vector<int> ids = reference["ids"].get<std::vector<int>>();
        const Forward forward = decoderForward(config, weights, ids, {});
        double worst = 0;
        for (int l = 0; l < config.n_layer; ++l) {
            for (int h = 0; h < config.n_head; ++h) {
                for (std::size_t i = 0; i < ids.size(); ++i) {
                    for (std::size_t j = 0; j < ids.size(); ++j) {
                        worst = std::max(
                            worst, std::abs(forward.attention[l][h](i, j) -
                                            reference["attention"][l][h][i][j].get<double>()));
                    }
                }
            }
        }
        qInfo("stories260K: attention within %.3g of the reference", worst);
        QVERIFY2(worst <= 1e-4, qPrintable(QString::number(worst)));

        // Greedy from <s> with the key/value cache: the reference's story, token for token.
        const std::vector<int> expected = reference["greedy_from_bos"].get<std::vector<int>>();
        std::vector<int> greedy{1};
        DecoderCache cache;
        ForwardOptions options;
        options.capture_logits = true;
        while (greedy.size() < expected.size()) {
            options.predict_positions = {int(greedy.size()) - 1};
            const Forward step = decoderForward(config, weights, greedy, options, &cache);
            QCOMPARE(step.logits.rows(), greedy.size() == 1 ? Eigen::Index(1) : Eigen::Index(1));
            Eigen::Index best = 0;
            step.logits.row(step.logits.rows() - 1).maxCoeff(&best);
            greedy.push_back(int(best));
        }
        QCOMPARE(greedy, expected);
    }

    // Text in, story out: needs the folder's tokenizer.json (and <s> from tokenizer_config.json).
    void stories260KContinuesOnceUponATime() {
        const fs::path folder = fs::path(ATLAS_SHARED_DIR) / "data/models/stories260K";
        if (!fs::exists(folder / "config.json")) {
            QSKIP("../shared/data/models/stories260K is absent");
        }
        std::unique_ptr<Model> model;
        try {
            model = Model::load(folder);
        } catch (const AtlasError& error) {
            if (QString(error.what()).contains("tokenizer")) {
                QSKIP(qPrintable(QString("its tokenizer.json is not read: ") + error.what()));
            }
            throw;
        }
        QCOMPARE(model->config().eos_token_ids, (std::vector<int>{2}));
        GenerationOptions options;
        options.tokens = 12;
        options.keep_forwards = false;
        const Generation generation = generate(*model, "Once upon a time", options);
        QCOMPARE(generation.prompt.front().id, 1);  // <s>, prepended
        const QString text = QString::fromStdString(generation.generatedText);
        QVERIFY2(text.startsWith(", there was a little girl named Lily"), qPrintable(text));
    }

    void cacheGivesTheFullPass() {
        const fs::path folder = kFixtures / "mistral-window-f16";
        QVERIFY2(fs::exists(folder), "run the modern_families_reference test first");
        const auto model = Model::load(folder);
        const std::vector<int> ids = {70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80};
        ForwardOptions options;
        options.ablated_heads = {{1, 2}};
        DecoderCache cache;
        for (std::size_t T = 3; T <= ids.size(); ++T) {
            const std::vector<int> prefix(ids.begin(), ids.begin() + T);
            options.predict_positions = {int(T) - 1};
            const Forward cached = model->forward(prefix, options, &cache);
            const Forward full = model->forward(prefix, options);
            QCOMPARE(cached.tokenCount(), int(T));
            QVERIFY2(largestDifference(cached, full) <= 1e-5,
                     qPrintable(QString::number(largestDifference(cached, full))));
            QCOMPARE(cached.predictions.front().position, int(T) - 1);
            QCOMPARE(cached.predictions.front().top.front().id,
                     full.predictions.front().top.front().id);
            QVERIFY((cached.embeddings - full.embeddings).cwiseAbs().maxCoeff() == 0);
        }
        QCOMPARE(cache.ids, ids);
    }

    // Every view computes from per-head maps of every layer: on Qwen2.5-0.5B's 24 x 14 grid
    // with 2 key/value heads they must all run and give maps of the right shapes.
    void viewsWorkOnA24By14GqaModel() {
        const fs::path folder = kFixtures / "qwen2-24x14";
        QVERIFY2(fs::exists(folder), "run the modern_families_reference test first");
        const auto model = Model::load(folder);
        QCOMPARE(model->config().n_layer, 24);
        QCOMPARE(model->config().n_head, 14);
        RunOptions options;
        options.forward.capture_internals = true;
        const RunResult result = model->run("The cat sat on the mat. The cat sat on the", options);
        const int T = result.forward.tokenCount();
        QCOMPARE(result.forward.layerCount(), 24);
        QCOMPARE(result.forward.headCount(), 14);
        const auto rollout = attentionRollout(result.forward);
        const auto flow = attentionFlow(result.forward);
        const auto norms = normAttention(model->config(), model->weights(), result.forward);
        QCOMPARE(rollout.size(), std::size_t(24));
        QCOMPARE(flow.size(), std::size_t(24));
        QCOMPARE(norms.size(), std::size_t(24));
        QCOMPARE(norms[23].size(), std::size_t(14));
        QCOMPARE(norms[23][13].rows(), Eigen::Index(T));
        for (int i = 0; i < T; ++i) {
            QVERIFY(std::abs(rollout[23].row(i).sum() - 1.0f) < 1e-4f);
        }
        // Heads 0 and 1 of a layer share a key/value head, and so their values.
        QCOMPARE(result.forward.internals[5].heads[0].v, result.forward.internals[5].heads[6].v);

        // Ablating a head of layer 3 changes later layers only.
        RunOptions ablated = options;
        ablated.forward.ablated_heads = {{3, 7}};
        const RunResult changed = model->run("The cat sat on the mat. The cat sat on the", ablated);
        QCOMPARE(changed.forward.attention[3][7], result.forward.attention[3][7]);
        QVERIFY((changed.forward.attention[4][0] - result.forward.attention[4][0])
                    .cwiseAbs()
                    .maxCoeff() > 0);

        // Head roles: a treebank's per-head profiles, and the induction scores.
        const std::vector<ConlluSentence> sentences = parseConllu(
            "1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n2\tcat\tcat\tNOUN\t_\t_\t3\tnsubj\t_\t_\n"
            "3\tsat\tsit\tVERB\t_\t_\t0\troot\t_\t_\n\n",
            "inline.conllu");
        const HeadRoleTable table = analyzeTreebank(*model, sentences);
        QCOMPARE(table.heads_per_layer, 14);
        QCOMPARE(int(table.heads.size()), 24 * 14);

        // Generation with the cache keeps every step's whole attention.
        GenerationOptions generation_options;
        generation_options.tokens = 4;
        const Generation generation = generate(*model, "The cat", generation_options);
        QVERIFY(!generation.steps.empty());
        const GenerationStep& last = generation.steps.back();
        QCOMPARE(last.forward.tokenCount(), int(last.ids.size()));
        QCOMPARE(last.forward.layerCount(), 24);
        // Summation orders differ between a one-row and a many-row product; 24 random BF16
        // layers carry that to about 1e-5 (against maps in [0, 1]).
        const Forward full = model->forward(last.ids, {});
        QVERIFY2(largestDifference(last.forward, full) <= 1e-4,
                 qPrintable(QString::number(largestDifference(last.forward, full))));
    }
};

QTEST_GUILESS_MAIN(DecoderFamiliesTest)
#include "tst_decoder_families.moc"
