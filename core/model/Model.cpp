// A loaded model: opening a Hugging Face folder, text to tokens, tokens to attention.
#include "model/Model.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <future>
#include <utility>

#include "Error.h"
#include "io/ModelFolder.h"
#include "io/Safetensors.h"
#include "io/ShardIndex.h"
#include "model/DecoderForward.h"
#include "model/HuggingFaceLayout.h"
#include "model/MappedTensorCheck.h"
#include "model/TokenText.h"
#include "model/TransformerForward.h"
#include "model/WeightPanels.h"
#include "text/ChineseConversion.h"
#include "text/TokenizerFiles.h"

namespace atlas {

namespace {

// The id of a special token BERT cannot run without, or an error naming the vocabulary.
int requiredSpecialId(const Tokenizer& tokenizer, const char* token) {
    const std::optional<int> id = tokenizer.idOf(token);
    if (!id) {
        throw AtlasError(std::string("vocab.txt: the token ") + token +
                         " is missing, a BERT model needs it");
    }
    return *id;
}

Token specialToken(int id, const char* text, std::size_t offset) {
    Token token;
    token.id = id;
    token.text = text;
    token.begin = offset;
    token.end = offset;
    token.special = true;
    return token;
}

std::string displayTextOf(const Tokenizer& tokenizer, int id) {
    return tokenDisplayText(tokenizer, id);
}

bool isBert(const ModelConfig& config) {
    return config.architecture == Architecture::Bert;
}

// Every tensor the index names must be in the shard it names: a stale index would otherwise
// take a tensor from wherever it happens to be.
void checkShardIndex(const ShardIndex& index, const ModelFolderFiles& files,
                     const std::vector<std::shared_ptr<const SafetensorsFile>>& shards) {
    for (const auto& [tensor, shard_name] : index.weight_map) {
        for (const auto& shard : shards) {
            if (shard->path().filename() != shard_name) {
                continue;
            }
            if (shard->find(tensor) == nullptr &&
                shard->unreadTensors().find(tensor) == shard->unreadTensors().end()) {
                throw AtlasError(files.weights_index.string() +
                                 ": key \"weight_map\" puts tensor " + tensor + " in " +
                                 shard_name + ", which does not hold it");
            }
        }
    }
}

}  // namespace

Model::Model(std::string name, ModelConfig config, TransformerWeights weights,
             std::unique_ptr<Tokenizer> tokenizer)
    : name_(std::move(name)),
      config_(std::move(config)),
      weights_(std::move(weights)),
      tokenizer_(std::move(tokenizer)) {
    checkWeightShapes(config_, weights_);
    packForInference(weights_);
    if (!tokenizer_) {
        throw AtlasError("model " + name_ + ": no tokenizer");
    }
    // Every id the tokenizer makes must have an embedding; a config may pad the vocabulary.
    if (tokenizer_->vocabSize() > config_.vocab_size) {
        throw AtlasError("tokenizer: " + std::to_string(tokenizer_->vocabSize()) +
                         " tokens, but config.json vocab_size is " +
                         std::to_string(config_.vocab_size));
    }
    if (isBert(config_)) {
        requiredSpecialId(*tokenizer_, "[CLS]");
        requiredSpecialId(*tokenizer_, "[SEP]");
        requiredSpecialId(*tokenizer_, "[MASK]");
    }
    if (config_.input_conversion == "t2s") {
        input_conversion_ = ChineseConversion::traditionalToSimplified();
    }
}

std::vector<Token> Model::tokenize(std::string_view text) const {
    if (!input_conversion_) {
        return tokenizer_->encode(text);
    }
    // The tokenizer reads the Simplified text; the tokens point into the text as typed, and a
    // whole character the conversion changed is shown as typed.
    const ConvertedText converted = input_conversion_->convert(text);
    std::vector<Token> tokens = tokenizer_->encode(converted.text);
    for (Token& token : tokens) {
        const std::string_view seen =
            std::string_view(converted.text).substr(token.begin, token.end - token.begin);
        token.begin = converted.originalOf(token.begin);
        token.end = std::max(token.begin, converted.originalOf(token.end));
        const std::string_view typed = text.substr(token.begin, token.end - token.begin);
        if (seen != typed && token.text == seen) {
            token.text = std::string(typed);
        }
    }
    return tokens;
}

std::unique_ptr<Model> Model::load(const std::filesystem::path& folder,
                                   const LoadControl* control) {
    // Files: every one present before any is read.
    const ModelFolderFiles files = ModelFolderFiles::locate(folder);
    // Hyper-parameters.
    ModelConfig config = ModelConfig::fromFile(files.config);
    if (config.decoder()) {
        config.readGenerationConfig(files.folder / "generation_config.json");
    }
    // Tokenizer, on a second thread: reading a GPT-2 vocabulary costs as much as the rest of
    // the open. std::async's future waits for it however this function is left.
    std::atomic<bool> tokenizer_done{false};
    std::future<std::unique_ptr<Tokenizer>> tokenizer_loading =
        std::async(std::launch::async, [&files, &tokenizer_done] {
            struct Done {
                std::atomic<bool>& flag;
                ~Done() { flag.store(true, std::memory_order_release); }
            } done{tokenizer_done};
            return loadTokenizer(files.folder);
        });
    // Weights: the large matrices are used where they lie in the mapped file, in its dtype (a
    // BF16 model stays BF16 in memory); only the small tensors are converted to float32.
    std::vector<std::shared_ptr<const SafetensorsFile>> shards;
    for (const std::filesystem::path& shard : files.weight_shards) {
        shards.push_back(std::make_shared<const SafetensorsFile>(SafetensorsFile::open(shard)));
    }
    if (!files.weights_index.empty()) {
        checkShardIndex(ShardIndex::read(files.weights_index), files, shards);
    }
    TransformerWeights weights = mapHuggingFaceWeights(std::move(shards), config, nullptr, control);
    if (weights.mapped) {
        // NaN and Inf are found by the forward (model/MappedTensorCheck.h), not here. While the
        // tokenizer loads, this thread maps the weights' pages in the order the forward reads
        // them, so the first forward does less of that work.
        touchMappedPages(*weights.mapped, tokenizer_done);
    }
    std::unique_ptr<Tokenizer> tokenizer = tokenizer_loading.get();
    if (control != nullptr) {
        control->throwIfCancelled(files.folder.string());
    }

    std::string name = files.folder.filename().string();
    if (name.empty()) {
        name = files.folder.parent_path().filename().string();
    }
    auto model = std::make_unique<Model>(std::move(name), std::move(config), std::move(weights),
                                         std::move(tokenizer));
    model->folder = files.folder;
    return model;
}

EncodedText Model::encode(std::string_view text) const {
    EncodedText encoded;
    // GPT-2 would give spaces tokens of their own; a text of nothing but spaces is still empty.
    if (text.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos) {
        throw AtlasError("the text is empty");
    }
    std::vector<Token> tokens = tokenize(text);
    if (tokens.empty()) {
        throw AtlasError("the text is empty");
    }
    const int n_ctx = config_.n_ctx;
    if (isBert(config_)) {
        const int cls = requiredSpecialId(*tokenizer_, "[CLS]");
        const int sep = requiredSpecialId(*tokenizer_, "[SEP]");
        encoded.full_token_count = tokens.size() + 2;
        encoded.tokens.reserve(std::min<std::size_t>(encoded.full_token_count, n_ctx));
        encoded.tokens.push_back(specialToken(cls, "[CLS]", 0));
        // Keep room for [SEP] at the end, so a truncated input still looks like a sentence.
        const std::size_t room = static_cast<std::size_t>(std::max(0, n_ctx - 2));
        const std::size_t kept = std::min(tokens.size(), room);
        encoded.tokens.insert(encoded.tokens.end(), tokens.begin(), tokens.begin() + kept);
        const std::size_t end =
            kept == tokens.size() ? text.size() : (kept == 0 ? 0 : tokens[kept - 1].end);
        encoded.tokens.push_back(specialToken(sep, "[SEP]", end));
    } else {
        // Llama-style tokenizers ask for <s> before the text (tokenizer_config.json's
        // add_bos_token); it covers no text.
        const std::optional<int> bos =
            config_.decoder() ? tokenizer_->bosTokenToPrepend() : std::nullopt;
        if (bos) {
            Token token;
            token.id = *bos;
            token.text = displayTextOf(*tokenizer_, *bos);
            token.special = true;
            tokens.insert(tokens.begin(), token);
        }
        encoded.full_token_count = tokens.size();
        if (tokens.size() > static_cast<std::size_t>(n_ctx)) {
            tokens.resize(n_ctx);
        }
        encoded.tokens = std::move(tokens);
    }
    encoded.truncated = encoded.tokens.size() < encoded.full_token_count;
    return encoded;
}

Forward Model::forward(const std::vector<int>& ids, const ForwardOptions& options,
                       DecoderCache* cache) const {
    Forward result = cache != nullptr && config_.decoder()
                         ? decoderForward(config_, weights_, ids, options, cache)
                         : transformerForward(config_, weights_, ids, options);
    // Finite weights can still overflow float on the way (a huge value in one tensor): say so
    // instead of drawing NaN as colours or printing it as numbers.
    for (std::size_t layer = 0; layer < result.attention.size(); ++layer) {
        for (std::size_t head = 0; head < result.attention[layer].size(); ++head) {
            // Probabilities are >= 0, so their sum is finite exactly when all of them are; a
            // contiguous sum reads each map once (allFinite walked it column by column, 3 % of
            // a BERT-base pass at 512 tokens).
            const Matrix& map = result.attention[layer][head];
            if (!std::isfinite(Eigen::Map<const Eigen::VectorXf>(map.data(), map.size()).sum())) {
                throw AtlasError(name_ + ": the forward pass produced NaN or Inf in layer " +
                                 std::to_string(layer) + " head " + std::to_string(head) +
                                 " (are some weights in model.safetensors far too large?)");
            }
        }
    }
    for (const PositionPredictions& prediction : result.predictions) {
        for (const TopToken& top : prediction.top) {
            if (!std::isfinite(top.probability)) {
                throw AtlasError(name_ +
                                 ": the forward pass produced NaN or Inf in the predictions (are "
                                 "some weights in model.safetensors far too large?)");
            }
        }
    }
    for (PositionPredictions& prediction : result.predictions) {
        for (TopToken& top : prediction.top) {
            top.text = displayTextOf(*tokenizer_, top.id);
        }
    }
    return result;
}

RunResult Model::run(std::string_view text, const RunOptions& options) const {
    RunResult result;
    result.encoded = encode(text);
    std::vector<Token>& tokens = result.encoded.tokens;
    const int T = static_cast<int>(tokens.size());

    ForwardOptions forward_options = options.forward;
    if (!options.masked_tokens.empty()) {
        if (!isBert(config_)) {
            throw AtlasError("masking tokens needs a masked language model (BERT); " + name_ +
                             " is causal");
        }
        const int mask = requiredSpecialId(*tokenizer_, "[MASK]");
        for (int index : options.masked_tokens) {
            if (index < 0 || index >= T) {
                throw AtlasError("masked token " + std::to_string(index) +
                                 " is outside the text's " + std::to_string(T) + " tokens");
            }
            tokens[index].id = mask;
            tokens[index].text = "[MASK]";
            tokens[index].special = true;
            tokens[index].continuation = false;
        }
        // A masked model's useful predictions are the fillers of the masks.
        if (forward_options.predict_positions.empty()) {
            forward_options.predict_positions = options.masked_tokens;
            std::sort(forward_options.predict_positions.begin(),
                      forward_options.predict_positions.end());
            forward_options.predict_positions.erase(
                std::unique(forward_options.predict_positions.begin(),
                            forward_options.predict_positions.end()),
                forward_options.predict_positions.end());
        }
    }

    std::vector<int> ids(T);
    std::transform(tokens.begin(), tokens.end(), ids.begin(),
                   [](const Token& token) { return token.id; });
    result.forward = forward(ids, forward_options);
    return result;
}

}  // namespace atlas
