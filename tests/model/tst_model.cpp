// Model: loading a folder, encoding with BERT's specials, truncation, masking, predictions.
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>

#include "Error.h"
#include "ReferenceForward.h"
#include "TinyModelFolder.h"
#include "model/Model.h"
#include "model/WeightPanels.h"
#include "text/TokenizerFiles.h"

using namespace atlas;

Q_DECLARE_METATYPE(atlas::Architecture)
Q_DECLARE_METATYPE(atlas::DType)

namespace {

std::filesystem::path path(const QTemporaryDir& dir, const char* name) {
    return std::filesystem::path(dir.path().toStdString()) / name;
}

std::unique_ptr<Model> loadTiny(const QTemporaryDir& dir, test::TinyModelOptions options) {
    const std::filesystem::path folder =
        path(dir, options.architecture == Architecture::Gpt2 ? "gpt" : "bert");
    test::writeTinyModelFolder(folder, options);
    return Model::load(folder);
}

test::TinyModelOptions options(Architecture architecture, int n_ctx = 32) {
    test::TinyModelOptions made;
    made.architecture = architecture;
    made.n_ctx = n_ctx;
    return made;
}

}  // namespace

class ModelTest : public QObject {
    Q_OBJECT

  private slots:
    void loadsWhatWasWritten_data();
    void loadsWhatWasWritten();
    void halfPrecisionStorageLoads_data();
    void halfPrecisionStorageLoads();
    void gptEncodeHasNoSpecials();
    void bertEncodeAddsClsAndSep();
    void truncationKeepsContext_data();
    void truncationKeepsContext();
    void emptyTextThrows_data();
    void emptyTextThrows();
    void gptPredictsNextTokenEverywhere();
    void bertPredictsAtMasks();
    void maskingRejected();
    void paddedVocabularyPredictsByNumber();
    void tokenizerLargerThanConfigRejected();
    void overflowInTheForwardIsAnError_data();
    void overflowInTheForwardIsAnError();
    void ablationThroughRun();
};

void ModelTest::loadsWhatWasWritten_data() {
    QTest::addColumn<Architecture>("architecture");
    QTest::addRow("gpt2") << Architecture::Gpt2;
    QTest::addRow("bert") << Architecture::Bert;
}

void ModelTest::loadsWhatWasWritten() {
    QFETCH(Architecture, architecture);
    QTemporaryDir dir;
    const test::TinyModelOptions written = options(architecture);
    const auto model = loadTiny(dir, written);
    const ModelConfig expected = test::tinyConfig(written);
    QCOMPARE(model->config().architecture, architecture);
    QCOMPARE(model->config().n_layer, expected.n_layer);
    QCOMPARE(model->config().n_head, expected.n_head);
    QCOMPARE(model->config().vocab_size, expected.vocab_size);
    QCOMPARE(model->name(), architecture == Architecture::Gpt2 ? "gpt" : "bert");
    QVERIFY(!model->folder.empty());
    // The weights are bit for bit the ones written (F32 storage).
    const TransformerWeights weights =
        test::randomWeights(expected, written.seed, written.weight_scale);
    // (A loaded model keeps its large matrices in column panels: compare them row-major.)
    const TransformerWeights loaded = unpackedCopy(model->weights());
    QCOMPARE(loaded.layers[1].attn_qkv_weight, weights.layers[1].attn_qkv_weight);
    QCOMPARE(loaded.token_embedding, weights.token_embedding);
    // And the forward of the loaded model is the reference's.
    const std::vector<int> ids = {5, 9, 1, 20, 33};
    ForwardOptions forward_options;
    forward_options.capture_logits = true;
    const Forward forward = model->forward(ids, forward_options);
    const test::ReferenceForward reference = test::referenceForward(expected, weights, ids);
    QVERIFY((forward.logits.cast<double>() - reference.logits).cwiseAbs().maxCoeff() <= 1e-5);
    QVERIFY((forward.attention[1][1].cast<double>() - reference.attention[1][1])
                .cwiseAbs()
                .maxCoeff() <= 1e-5);
}

void ModelTest::halfPrecisionStorageLoads_data() {
    QTest::addColumn<DType>("storage");
    QTest::addRow("F16") << DType::F16;
    QTest::addRow("BF16") << DType::BF16;
}

void ModelTest::halfPrecisionStorageLoads() {
    QFETCH(DType, storage);
    QTemporaryDir dir;
    test::TinyModelOptions written = options(Architecture::Gpt2);
    written.storage = storage;
    const auto model = loadTiny(dir, written);
    const TransformerWeights weights =
        test::randomWeights(test::tinyConfig(written), written.seed, written.weight_scale);
    const float difference =
        (unpackedCopy(model->weights()).layers[0].mlp_in_weight - weights.layers[0].mlp_in_weight)
            .cwiseAbs()
            .maxCoeff();
    QVERIFY(difference > 0);                                        // rounded...
    QVERIFY(difference < (storage == DType::F16 ? 2e-3f : 2e-2f));  // ...to half precision
    const RunResult result = model->run("The cat sat");
    QCOMPARE(result.forward.layerCount(), 2);
}

void ModelTest::gptEncodeHasNoSpecials() {
    QTemporaryDir dir;
    const auto model = loadTiny(dir, options(Architecture::Gpt2));
    const EncodedText encoded = model->encode("The cat sat");
    // "The" " cat" " sat" are merges of the tiny vocabulary.
    QCOMPARE(int(encoded.tokens.size()), 3);
    QCOMPARE(encoded.tokens[0].text, "The");
    QCOMPARE(encoded.tokens[1].text, " cat");
    QCOMPARE(encoded.tokens[1].begin, 3u);
    QCOMPARE(encoded.tokens[1].end, 7u);
    QVERIFY(!encoded.truncated);
    QCOMPARE(encoded.full_token_count, 3u);
}

void ModelTest::bertEncodeAddsClsAndSep() {
    QTemporaryDir dir;
    const auto model = loadTiny(dir, options(Architecture::Bert));
    const EncodedText encoded = model->encode("The cat sat");
    QCOMPARE(int(encoded.tokens.size()), 5);
    QCOMPARE(encoded.tokens.front().text, "[CLS]");
    QCOMPARE(encoded.tokens.front().id, *model->tokenizer().idOf("[CLS]"));
    QVERIFY(encoded.tokens.front().special);
    QCOMPARE(encoded.tokens.front().begin, encoded.tokens.front().end);
    QCOMPARE(encoded.tokens[1].text, "the");
    QCOMPARE(encoded.tokens.back().text, "[SEP]");
    QCOMPARE(encoded.tokens.back().id, *model->tokenizer().idOf("[SEP]"));
    QCOMPARE(encoded.tokens.back().begin, 11u);
    QCOMPARE(encoded.full_token_count, 5u);
}

void ModelTest::truncationKeepsContext_data() {
    QTest::addColumn<Architecture>("architecture");
    QTest::addRow("gpt2") << Architecture::Gpt2;
    QTest::addRow("bert") << Architecture::Bert;
}

void ModelTest::truncationKeepsContext() {
    QFETCH(Architecture, architecture);
    QTemporaryDir dir;
    const auto model = loadTiny(dir, options(architecture, 8));
    const std::string text = "the cat sat on the mat and the dog sat on the cat";  // 13 words
    const RunResult result = model->run(text);
    const EncodedText& encoded = result.encoded;
    QVERIFY(encoded.truncated);
    QCOMPARE(int(encoded.tokens.size()), 8);
    QCOMPARE(result.forward.tokenCount(), 8);
    const std::vector<Token> plain = model->tokenizer().encode(text);
    QVERIFY(plain.size() > 8);
    if (architecture == Architecture::Bert) {
        QCOMPARE(encoded.full_token_count, plain.size() + 2);
        QCOMPARE(encoded.tokens.front().text, "[CLS]");
        QCOMPARE(encoded.tokens.back().text, "[SEP]");
        QCOMPARE(encoded.tokens.back().begin, plain[5].end);  // just after the last kept token
        for (int t = 1; t < 7; ++t)
            QCOMPARE(encoded.tokens[t].text, plain[t - 1].text);
    } else {
        QCOMPARE(encoded.full_token_count, plain.size());
        for (int t = 0; t < 8; ++t)
            QCOMPARE(encoded.tokens[t].text, plain[t].text);
    }
    // Exactly the context: not truncated.
    const std::string fitting = architecture == Architecture::Bert
                                    ? "the cat sat on the mat"             // 6 words + 2 specials
                                    : " cat sat cat sat cat sat cat sat";  // 8 merged tokens
    const EncodedText fits = model->encode(fitting);
    QVERIFY(!fits.truncated);
    QCOMPARE(int(fits.tokens.size()), 8);
    QCOMPARE(fits.full_token_count, 8u);
}

void ModelTest::emptyTextThrows_data() {
    QTest::addColumn<Architecture>("architecture");
    QTest::addColumn<QString>("text");
    for (Architecture architecture : {Architecture::Gpt2, Architecture::Bert}) {
        const char* name = architecture == Architecture::Gpt2 ? "gpt2" : "bert";
        QTest::addRow("%s empty", name) << architecture << "";
        QTest::addRow("%s spaces", name) << architecture << "   ";
        QTest::addRow("%s newlines and tabs", name) << architecture << "\n\t \r\n";
    }
}

void ModelTest::emptyTextThrows() {
    QFETCH(Architecture, architecture);
    QFETCH(QString, text);
    QTemporaryDir dir;
    const auto model = loadTiny(dir, options(architecture));
    try {
        model->run(text.toStdString());
        QFAIL("no exception");
    } catch (const AtlasError& error) {
        QCOMPARE(QString(error.what()), "the text is empty");
    }
}

void ModelTest::gptPredictsNextTokenEverywhere() {
    QTemporaryDir dir;
    const auto model = loadTiny(dir, options(Architecture::Gpt2));
    const RunResult result = model->run("The cat sat on");
    QCOMPARE(result.forward.predictions.size(), result.encoded.tokens.size());
    for (std::size_t t = 0; t < result.forward.predictions.size(); ++t) {
        const PositionPredictions& prediction = result.forward.predictions[t];
        QCOMPARE(prediction.position, int(t));
        QCOMPARE(int(prediction.top.size()), 5);
        for (const TopToken& top : prediction.top) {
            QCOMPARE(top.text, model->tokenizer().displayText(top.id));
        }
    }
}

void ModelTest::bertPredictsAtMasks() {
    QTemporaryDir dir;
    const auto model = loadTiny(dir, options(Architecture::Bert));
    RunOptions run_options;
    run_options.masked_tokens = {4, 2};
    const RunResult result = model->run("the cat sat on the mat", run_options);
    const int mask = *model->tokenizer().idOf("[MASK]");
    QCOMPARE(result.encoded.tokens[2].id, mask);
    QCOMPARE(result.encoded.tokens[2].text, "[MASK]");
    QCOMPARE(result.encoded.tokens[4].id, mask);
    QCOMPARE(result.encoded.tokens[2].begin, 4u);  // the masked word's span is kept
    QCOMPARE(result.encoded.tokens[3].text, "sat");
    QCOMPARE(int(result.forward.predictions.size()), 2);
    QCOMPARE(result.forward.predictions[0].position, 2);
    QCOMPARE(result.forward.predictions[1].position, 4);
    for (const PositionPredictions& prediction : result.forward.predictions) {
        QCOMPARE(int(prediction.top.size()), 5);
        for (int r = 0; r < 5; ++r) {
            QVERIFY(!prediction.top[r].text.empty());
            QVERIFY(prediction.top[r].probability > 0);
            if (r > 0)
                QVERIFY(prediction.top[r].probability <= prediction.top[r - 1].probability);
        }
    }
    // The masks change what the model sees: attention differs from the unmasked run.
    const RunResult plain = model->run("the cat sat on the mat");
    QVERIFY((plain.forward.attention[0][0] - result.forward.attention[0][0]).cwiseAbs().maxCoeff() >
            1e-4f);
}

void ModelTest::maskingRejected() {
    QTemporaryDir dir;
    const auto bert = loadTiny(dir, options(Architecture::Bert));
    RunOptions outside;
    outside.masked_tokens = {8};  // [CLS] the cat sat [SEP]: 5 tokens
    QVERIFY_THROWS_EXCEPTION(AtlasError, bert->run("the cat sat", outside));
    const auto gpt = loadTiny(dir, options(Architecture::Gpt2));
    RunOptions masked;
    masked.masked_tokens = {1};
    QVERIFY_THROWS_EXCEPTION(AtlasError, gpt->run("the cat sat", masked));
}

void ModelTest::paddedVocabularyPredictsByNumber() {
    QTemporaryDir dir;
    const auto tiny = loadTiny(dir, options(Architecture::Gpt2));
    // 2,000 embeddings for a 274-token tokenizer: most predictions fall on ids it cannot spell.
    ModelConfig config = tiny->config();
    config.vocab_size = 2000;
    Model padded("padded", config, test::randomWeights(config, 3, 0.3f),
                 loadTokenizer(tiny->folder));
    const RunResult result = padded.run("The cat sat");
    bool numbered = false;
    for (const PositionPredictions& prediction : result.forward.predictions) {
        for (const TopToken& top : prediction.top) {
            if (top.id >= 274) {
                QCOMPARE(QString::fromStdString(top.text), QString("[%1]").arg(top.id));
                numbered = true;
            } else {
                QCOMPARE(top.text, padded.tokenizer().displayText(top.id));
            }
        }
    }
    QVERIFY(numbered);
}

void ModelTest::overflowInTheForwardIsAnError_data() {
    QTest::addColumn<Architecture>("architecture");
    QTest::addRow("gpt2") << Architecture::Gpt2;
    QTest::addRow("bert") << Architecture::Bert;
}

void ModelTest::overflowInTheForwardIsAnError() {
    // Finite weights so large that q k^T overflows float: the run names the layer and head
    // instead of returning NaN maps.
    QFETCH(Architecture, architecture);
    QTemporaryDir dir;
    const auto tiny = loadTiny(dir, options(architecture));
    const ModelConfig config = tiny->config();
    TransformerWeights weights = test::randomWeights(config, 3, 0.3f);
    weights.layers[1].attn_qkv_weight *= 1e25f;
    QVERIFY(weights.layers[1].attn_qkv_weight.allFinite());
    const Model huge("huge", config, weights, loadTokenizer(tiny->folder));
    try {
        huge.run("The cat sat on the mat.");
        QFAIL("no error for an overflowing forward pass");
    } catch (const AtlasError& error) {
        const QString message = QString::fromStdString(error.what());
        QVERIFY2(message.contains("NaN or Inf in layer 1 head"), qPrintable(message));
    }
}

void ModelTest::tokenizerLargerThanConfigRejected() {
    QTemporaryDir dir;
    const auto tiny = loadTiny(dir, options(Architecture::Gpt2));
    ModelConfig config = tiny->config();
    config.vocab_size = 100;
    QVERIFY_THROWS_EXCEPTION(AtlasError, Model("small", config, test::randomWeights(config, 3),
                                               loadTokenizer(tiny->folder)));
}

void ModelTest::ablationThroughRun() {
    QTemporaryDir dir;
    const auto model = loadTiny(dir, options(Architecture::Gpt2));
    RunOptions ablated;
    ablated.forward.ablated_heads = {{0, 0}};
    const RunResult plain = model->run("The cat sat on the mat");
    const RunResult changed = model->run("The cat sat on the mat", ablated);
    QCOMPARE(changed.forward.attention[0][0], plain.forward.attention[0][0]);
    QVERIFY(
        (changed.forward.attention[1][0] - plain.forward.attention[1][0]).cwiseAbs().maxCoeff() >
        1e-4f);
}

QTEST_GUILESS_MAIN(ModelTest)
#include "tst_model.moc"
