// Fuzz target "forward": arbitrary bytes as the text of a whole run (tokenize, forward pass,
// predictions) of the built-in models, or, until those exist, of tiny random GPT-2 and BERT
// folders written at startup and opened through the same Model::load.
#include <cmath>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "Error.h"
#include "FuzzScratch.h"
#include "FuzzTargets.h"
#include "TinyModelFolder.h"
#include "model/BuiltinModels.h"
#include "model/Model.h"

namespace atlas::fuzz {

namespace {

std::vector<std::unique_ptr<Model>> loadModels() {
    std::vector<std::unique_ptr<Model>> models;
    for (const BuiltinModel& builtin : builtinModels()) {
        if (!builtin.folder.empty()) {
            models.push_back(Model::load(builtin.folder));
        }
    }
    if (models.empty()) {
        for (const Architecture architecture : {Architecture::Gpt2, Architecture::Bert}) {
            test::TinyModelOptions options;
            options.architecture = architecture;
            const auto folder =
                scratchFolder() / (architecture == Architecture::Gpt2 ? "tiny-gpt" : "tiny-bert");
            test::writeTinyModelFolder(folder, options);
            models.push_back(Model::load(folder));
        }
    }
    return models;
}

void checkRun(const Model& model, const RunResult& result) {
    const ModelConfig& config = model.config();
    const Forward& forward = result.forward;
    const auto T = static_cast<int>(result.encoded.tokens.size());
    const std::string name = model.name();
    check(T >= 1 && T <= config.n_ctx, name + ": token count outside 1..n_ctx");
    check(forward.layerCount() == config.n_layer && forward.headCount() == config.n_head,
          name + ": attention is not [n_layer][n_head]");
    for (int layer = 0; layer < config.n_layer; ++layer) {
        for (int head = 0; head < config.n_head; ++head) {
            const Matrix& attention = forward.attention[layer][head];  // [T, T]
            const std::string where =
                name + " head " + std::to_string(layer) + ":" + std::to_string(head);
            check(attention.rows() == T && attention.cols() == T, where + ": not T x T");
            for (int query = 0; query < T; ++query) {
                double sum = 0;
                for (int key = 0; key < T; ++key) {
                    const float weight = attention(query, key);
                    check(std::isfinite(weight) && weight >= 0 && weight <= 1.0001f,
                          where + ": weight outside [0, 1]");
                    check(!config.causal() || key <= query || weight == 0,
                          where + ": causal model attends to a later token");
                    sum += weight;
                }
                check(std::abs(sum - 1.0) < 1e-3, where + ": row does not sum to 1");
            }
        }
    }
    for (const PositionPredictions& prediction : forward.predictions) {
        check(prediction.position >= 0 && prediction.position < T, name + ": prediction position");
        for (const TopToken& top : prediction.top) {
            check(std::isfinite(top.probability) && top.probability >= 0 &&
                      top.probability <= 1.0001f,
                  name + ": prediction probability outside [0, 1]");
            check(top.id >= 0 && top.id < config.vocab_size, name + ": predicted id");
        }
    }
}

}  // namespace

int fuzzForward(const std::uint8_t* data, std::size_t size) {
    // Loaded once per process: loading is not what this target fuzzes.
    static const std::vector<std::unique_ptr<Model>> models = loadModels();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    // One thread: libFuzzer wants a deterministic, single-threaded target, and a niced fuzzer on
    // a busy machine waits for every worker thread it wakes.
    RunOptions plain;
    plain.forward.threads = 1;
    // One model per input, chosen by its length: every model is reached, and a unit costs one
    // model's pass (all four built-in models per unit took over 10 s under the sanitizers).
    {
        const auto& model = models[size % models.size()];
        try {
            checkRun(*model, model->run(text, plain));
            // BERT: mask one token (chosen by the input) and predict it.
            if (!model->config().causal() && size > 0) {
                const auto count = static_cast<int>(model->encode(text).tokens.size());
                RunOptions options = plain;
                options.masked_tokens = {data[0] % count};
                checkRun(*model, model->run(text, options));
            }
        } catch (const AtlasError& error) {
            // A loaded model refuses only a text with no tokens (empty, blank, or for BERT only
            // characters its basic tokenizer drops, such as control characters).
            check(std::string_view(error.what()).find("empty") != std::string_view::npos,
                  model->name() + ": refused a text: " + error.what());
        }
    }
    return 0;
}

}  // namespace atlas::fuzz
