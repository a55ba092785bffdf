// Hugging Face tensor names <-> the common layout: lookup, shape checks, transposes, NaN scan.
//
// Letters: V vocabulary, P positions, C d_model, F d_ff. Hugging Face stores 1-D vectors as [n]
// where the common layout has [1, n]; BERT's Linear weights are [out, in] where it has [in, out].
#include "model/HuggingFaceLayout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <deque>
#include <set>

#include "Error.h"
#include "model/WeightPanels.h"

namespace atlas {

namespace {

using Shape = std::vector<std::int64_t>;
using Names = std::vector<std::string>;  // candidate names of one tensor, preferred first

std::string shapeText(const Shape& shape) {
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        text += (i ? ", " : "") + std::to_string(shape[i]);
    }
    return text + "]";
}

// ---------------------------------------------------------------------------------------------
// Reading: one lookup-check-convert step per tensor

class WeightReader {
  public:
    // `mapped`, when given, receives views of the large matrices instead of float32 copies.
    WeightReader(const SafetensorsFile& file, const LoadControl* control,
                 MappedMatrices* mapped = nullptr)
        : file_(file), source_(file.path().string()), control_(control), mapped_(mapped) {
        if (mapped_ != nullptr) {
            mapped_->source = source_;
        }
        for (const TensorInfo& info : file_.tensors()) {
            total_bytes_ += info.end - info.begin;
        }
    }

    bool has(const Names& names) const { return findAny(names) != nullptr; }

    MappedMatrices* mapped() const { return mapped_; }

    // A large matrix stored [rows, cols] and used so (GPT-2's Conv1D [in, out]): a view in place
    // appended to `blocks` when mapping, else read into `out`.
    void large(const Names& names, const Shape& shape, Matrix& out,
               std::vector<PanelView>* blocks) {
        if (blocks == nullptr) {
            read(names, shape, out);
            return;
        }
        const TensorInfo& info = lookup(names, shape);
        if (const void* data = inPlace(info)) {
            blocks->push_back(
                PanelView::rowMajor(data, shape[0], shape[1], shape[1], storedType(info.dtype)));
        } else {
            Matrix& copy = ownedCopy(info, shape);
            blocks->push_back(PanelView::rowMajor(copy.data(), shape[0], shape[1], shape[1]));
        }
    }

    // A large Linear weight stored [out, in] and used as [in, out]: a transposed view in place
    // appended to `blocks` when mapping, else read transposed into `out`, or into its columns
    // [first, first + out) when `first` >= 0 (BERT's q, k and v).
    void largeTransposed(const Names& names, const Shape& shape, Matrix& out,
                         std::vector<PanelView>* blocks, Eigen::Index first = -1) {
        if (blocks == nullptr) {
            if (first >= 0) {
                readTransposedInto(names, shape, out, first);
            } else {
                readTransposed(names, shape, out);
            }
            return;
        }
        const TensorInfo& info = lookup(names, shape);
        const void* data = inPlace(info);
        StoredType type = storedType(info.dtype);
        if (data == nullptr) {
            data = ownedCopy(info, shape).data();
            type = StoredType::F32;
        }
        blocks->push_back(PanelView::transposedRows(data, shape[1], shape[0], shape[1], type));
    }

    // The stored tensor as a [rows, cols] matrix (a 1-D tensor becomes [1, n]).
    void read(const Names& names, const Shape& shape, Matrix& out) {
        const TensorInfo& info = lookup(names, shape);
        out.resize(shape.size() == 1 ? 1 : shape[0], shape.size() == 1 ? shape[0] : shape[1]);
        convert(info, out.data());
    }

    // A stored [out, in] Linear weight as [in, out].
    void readTransposed(const Names& names, const Shape& shape, Matrix& out) {
        Matrix stored;
        read(names, shape, stored);
        out = stored.transpose();
    }

    // A stored [out, in] weight transposed into columns [first, first + out) of `target`.
    void readTransposedInto(const Names& names, const Shape& shape, Matrix& target,
                            Eigen::Index first) {
        Matrix stored;  // [out, in]
        read(names, shape, stored);
        target.middleCols(first, stored.rows()) = stored.transpose();
    }

    // A stored [n] vector into columns [first, first + n) of the 1-row `target`.
    void readInto(const Names& names, const Shape& shape, Matrix& target, Eigen::Index first) {
        Matrix stored;  // [1, n]
        read(names, shape, stored);
        target.middleCols(first, stored.cols()) = stored;
    }

    std::vector<std::string> unusedTensors() const {
        std::vector<std::string> unused;
        for (const TensorInfo& info : file_.tensors()) {
            if (used_.count(info.name) == 0) {
                unused.push_back(info.name);
            }
        }
        for (const auto& [name, dtype] : file_.unreadTensors()) {
            unused.push_back(name);
        }
        return unused;
    }

    const std::string& source() const { return source_; }

    // Every needed tensor is read: the rest of the file (pooler, buffers) is not converted.
    void finish() const {
        if (control_ != nullptr) {
            control_->report(total_bytes_, total_bytes_);
        }
    }

  private:
    const TensorInfo* findAny(const Names& names) const {
        for (const std::string& name : names) {
            if (const TensorInfo* info = file_.find(name)) {
                return info;
            }
        }
        return nullptr;
    }

    static StoredType storedType(DType dtype) {
        switch (dtype) {
            case DType::BF16:
                return StoredType::BF16;
            case DType::F16:
                return StoredType::F16;
            case DType::F32:
                break;
        }
        return StoredType::F32;
    }

    // The tensor's bytes in the mapping, or null when its address is not aligned to its element
    // size (a file written without padding), so it must be copied. Its values are not scanned
    // here: the forward checks what each product makes, and scans a tensor only when that is
    // not finite (model/MappedTensorCheck.h), so opening a model reads none of its pages.
    const void* inPlace(const TensorInfo& info) {
        if (control_ != nullptr) {
            control_->throwIfCancelled(source_);
        }
        const void* data = file_.data(info);
        if (reinterpret_cast<std::uintptr_t>(data) % dtypeSize(info.dtype) != 0) {
            return nullptr;
        }
        mapped_->tensors.push_back(
            {info.name, data, static_cast<std::size_t>(info.elementCount()), info.dtype});
        done_bytes_ += info.end - info.begin;
        if (control_ != nullptr) {
            control_->report(done_bytes_, total_bytes_);
        }
        return data;
    }

    // A float32 copy kept with the mapped matrices, for a tensor that cannot be used in place.
    Matrix& ownedCopy(const TensorInfo& info, const Shape& shape) {
        owned_.emplace_back(shape[0], shape[1]);
        convert(info, owned_.back().data());
        return owned_.back();
    }

  public:
    // The copies made by ownedCopy, to keep alive with the views.
    std::deque<Matrix> takeOwnedCopies() { return std::move(owned_); }

  private:
    const TensorInfo& lookup(const Names& names, const Shape& shape) {
        const TensorInfo* info = findAny(names);
        if (info == nullptr) {
            for (const std::string& name : names) {
                const auto unread = file_.unreadTensors().find(name);
                if (unread != file_.unreadTensors().end()) {
                    throw AtlasError(source_ + ": tensor " + name + " has dtype " + unread->second +
                                     "; only F32, F16 and BF16 are read");
                }
            }
            std::string message = source_ + ": tensor " + names.front() + " missing";
            if (names.size() > 1) {
                message += " (also looked for";
                for (std::size_t i = 1; i < names.size(); ++i) {
                    message += (i > 1 ? ", " : " ") + names[i];
                }
                message += ")";
            }
            throw AtlasError(message);
        }
        if (info->shape != shape) {
            throw AtlasError(source_ + ": tensor " + info->name + " has shape " +
                             shapeText(info->shape) + ", expected " + shapeText(shape));
        }
        used_.insert(info->name);
        return *info;
    }

    void convert(const TensorInfo& info, float* out) {
        if (control_ != nullptr) {
            control_->throwIfCancelled(source_);
        }
        file_.readFloat(info, out);
        file_.release(info);
        const auto count = static_cast<std::size_t>(info.elementCount());
        for (std::size_t i = 0; i < count; ++i) {
            if (!std::isfinite(out[i])) {
                throw AtlasError(source_ + ": tensor " + info.name + " contains " +
                                 (std::isnan(out[i]) ? "NaN" : "Inf") + " at element " +
                                 std::to_string(i));
            }
        }
        done_bytes_ += info.end - info.begin;
        if (control_ != nullptr) {
            control_->report(done_bytes_, total_bytes_);
        }
    }

    const SafetensorsFile& file_;
    std::string source_;
    const LoadControl* control_ = nullptr;
    MappedMatrices* mapped_ = nullptr;
    std::deque<Matrix> owned_;
    std::size_t done_bytes_ = 0;
    std::size_t total_bytes_ = 0;
    std::set<std::string> used_;
};

// The candidates with `suffix`, then with `alias`: old TensorFlow-converted BERT checkpoints call
// LayerNorm's weight and bias gamma and beta.
Names withSuffix(const Names& names, const char* suffix, const char* alias) {
    Names all;
    for (const char* ending : {suffix, alias}) {
        for (const std::string& name : names) {
            all.push_back(name + ending);
        }
    }
    return all;
}

// Layer index in a name such as "h.5.attn..." or "bert.encoder.layer.5.output...", or -1.
long layerIndexOf(const std::string& name, const std::string& marker) {
    std::size_t at = 0;
    if (name.rfind(marker, 0) != 0) {
        at = name.find("." + marker);
        if (at == std::string::npos) {
            return -1;
        }
        at += 1;
    }
    at += marker.size();
    std::size_t end = at;
    while (end < name.size() && end - at < 9 &&
           std::isdigit(static_cast<unsigned char>(name[end]))) {
        ++end;
    }
    if (end == at || end >= name.size() || name[end] != '.') {
        return -1;
    }
    return std::stol(name.substr(at, end - at));
}

// A file whose layers outnumber the config's would silently lose layers: refuse it.
void checkNoExtraLayers(const SafetensorsFile& file, const ModelConfig& config,
                        const std::string& marker, const char* layer_key) {
    for (const TensorInfo& info : file.tensors()) {
        const long layer = layerIndexOf(info.name, marker);
        if (layer >= config.n_layer) {
            throw AtlasError(file.path().string() + ": tensor " + info.name + " is for layer " +
                             std::to_string(layer) + ", but config.json has " + layer_key + " " +
                             std::to_string(config.n_layer));
        }
    }
}

// Where layer `index`'s large matrices go when mapping (null when reading float32 copies).
struct MappedTargets {
    explicit MappedTargets(WeightReader& reader, int n_layer) : mapped(reader.mapped()) {
        if (mapped != nullptr) {
            mapped->layers.resize(static_cast<std::size_t>(n_layer));
        }
    }
    std::vector<PanelView>* of(int index, std::vector<PanelView> MappedMatrices::Layer::*member) {
        return mapped == nullptr ? nullptr
                                 : &(mapped->layers[static_cast<std::size_t>(index)].*member);
    }
    // The token embedding E [V, C]: as the transposed view E^T when mapping.
    void embedding(WeightReader& reader, const Names& names, std::int64_t V, std::int64_t C,
                   Matrix& out) {
        if (mapped == nullptr) {
            reader.read(names, {V, C}, out);
            return;
        }
        std::vector<PanelView> view;
        reader.largeTransposed(names, {V, C}, out, &view);
        mapped->output_projection = view.front();  // [C, V] over the stored [V, C]
    }
    MappedMatrices* mapped;
};

using Layer = MappedMatrices::Layer;

TransformerWeights readGpt2(WeightReader& reader, const ModelConfig& config) {
    const std::int64_t V = config.vocab_size, P = config.n_ctx, C = config.d_model, F = config.d_ff;
    auto names = [](const std::string& name) { return Names{name, "transformer." + name}; };
    TransformerWeights weights;
    MappedTargets targets(reader, config.n_layer);
    targets.embedding(reader, names("wte.weight"), V, C, weights.token_embedding);
    reader.read(names("wpe.weight"), {P, C}, weights.position_embedding);
    weights.layers.resize(static_cast<std::size_t>(config.n_layer));
    for (int index = 0; index < config.n_layer; ++index) {
        LayerWeights& layer = weights.layers[static_cast<std::size_t>(index)];
        const std::string h = "h." + std::to_string(index) + ".";
        reader.read(names(h + "ln_1.weight"), {C}, layer.ln_attn_weight);
        reader.read(names(h + "ln_1.bias"), {C}, layer.ln_attn_bias);
        reader.large(names(h + "attn.c_attn.weight"), {C, 3 * C}, layer.attn_qkv_weight,
                     targets.of(index, &Layer::attn_qkv));
        reader.read(names(h + "attn.c_attn.bias"), {3 * C}, layer.attn_qkv_bias);
        reader.large(names(h + "attn.c_proj.weight"), {C, C}, layer.attn_out_weight,
                     targets.of(index, &Layer::attn_out));
        reader.read(names(h + "attn.c_proj.bias"), {C}, layer.attn_out_bias);
        reader.read(names(h + "ln_2.weight"), {C}, layer.ln_mlp_weight);
        reader.read(names(h + "ln_2.bias"), {C}, layer.ln_mlp_bias);
        reader.large(names(h + "mlp.c_fc.weight"), {C, F}, layer.mlp_in_weight,
                     targets.of(index, &Layer::mlp_in));
        reader.read(names(h + "mlp.c_fc.bias"), {F}, layer.mlp_in_bias);
        reader.large(names(h + "mlp.c_proj.weight"), {F, C}, layer.mlp_out_weight,
                     targets.of(index, &Layer::mlp_out));
        reader.read(names(h + "mlp.c_proj.bias"), {C}, layer.mlp_out_bias);
    }
    reader.read(names("ln_f.weight"), {C}, weights.ln_final_weight);
    reader.read(names("ln_f.bias"), {C}, weights.ln_final_bias);
    return weights;
}

TransformerWeights readBert(WeightReader& reader, const ModelConfig& config,
                            HuggingFaceReadReport& report) {
    const std::int64_t V = config.vocab_size, P = config.n_ctx, C = config.d_model, F = config.d_ff;
    auto names = [](const std::string& name) { return Names{"bert." + name, name}; };
    auto layerNorm = [&](const Names& candidates, Matrix& weight, Matrix& bias) {
        reader.read(withSuffix(candidates, ".weight", ".gamma"), {C}, weight);
        reader.read(withSuffix(candidates, ".bias", ".beta"), {C}, bias);
    };
    TransformerWeights weights;
    MappedTargets targets(reader, config.n_layer);
    targets.embedding(reader, names("embeddings.word_embeddings.weight"), V, C,
                      weights.token_embedding);
    reader.read(names("embeddings.position_embeddings.weight"), {P, C}, weights.position_embedding);
    reader.read(names("embeddings.token_type_embeddings.weight"), {config.type_vocab_size, C},
                weights.token_type_embedding);
    layerNorm(names("embeddings.LayerNorm"), weights.ln_embed_weight, weights.ln_embed_bias);
    weights.layers.resize(static_cast<std::size_t>(config.n_layer));
    for (int index = 0; index < config.n_layer; ++index) {
        LayerWeights& layer = weights.layers[static_cast<std::size_t>(index)];
        const std::string l = "encoder.layer." + std::to_string(index) + ".";
        if (targets.mapped == nullptr) {
            layer.attn_qkv_weight.resize(C, 3 * C);  // [C, 3C] q | k | v
        }
        layer.attn_qkv_bias.resize(1, 3 * C);  // [1, 3C]
        const char* parts[] = {"query", "key", "value"};
        for (int part = 0; part < 3; ++part) {
            const std::string self = l + "attention.self." + parts[part];
            reader.largeTransposed(names(self + ".weight"), {C, C}, layer.attn_qkv_weight,
                                   targets.of(index, &Layer::attn_qkv), part * C);
            reader.readInto(names(self + ".bias"), {C}, layer.attn_qkv_bias, part * C);
        }
        reader.largeTransposed(names(l + "attention.output.dense.weight"), {C, C},
                               layer.attn_out_weight, targets.of(index, &Layer::attn_out));
        reader.read(names(l + "attention.output.dense.bias"), {C}, layer.attn_out_bias);
        layerNorm(names(l + "attention.output.LayerNorm"), layer.ln_attn_weight,
                  layer.ln_attn_bias);
        reader.largeTransposed(names(l + "intermediate.dense.weight"), {F, C}, layer.mlp_in_weight,
                               targets.of(index, &Layer::mlp_in));
        reader.read(names(l + "intermediate.dense.bias"), {F}, layer.mlp_in_bias);
        reader.largeTransposed(names(l + "output.dense.weight"), {C, F}, layer.mlp_out_weight,
                               targets.of(index, &Layer::mlp_out));
        reader.read(names(l + "output.dense.bias"), {C}, layer.mlp_out_bias);
        layerNorm(names(l + "output.LayerNorm"), layer.ln_mlp_weight, layer.ln_mlp_bias);
    }
    // The masked-LM head; a bare BertModel has none.
    report.has_lm_head = reader.has({"cls.predictions.transform.dense.weight"});
    if (report.has_lm_head) {
        reader.readTransposed({"cls.predictions.transform.dense.weight"}, {C, C},
                              weights.head_transform_weight);
        reader.read({"cls.predictions.transform.dense.bias"}, {C}, weights.head_transform_bias);
        layerNorm({"cls.predictions.transform.LayerNorm"}, weights.head_ln_weight,
                  weights.head_ln_bias);
        reader.read({"cls.predictions.bias", "cls.predictions.decoder.bias"}, {V},
                    weights.head_output_bias);
    }
    return weights;
}

TransformerWeights readDistilBert(WeightReader& reader, const ModelConfig& config,
                                  HuggingFaceReadReport& report) {
    const std::int64_t V = config.vocab_size, P = config.n_ctx, C = config.d_model, F = config.d_ff;
    auto names = [](const std::string& name) { return Names{"distilbert." + name, name}; };
    TransformerWeights weights;
    MappedTargets targets(reader, config.n_layer);
    targets.embedding(reader, names("embeddings.word_embeddings.weight"), V, C,
                      weights.token_embedding);
    reader.read(names("embeddings.position_embeddings.weight"), {P, C}, weights.position_embedding);
    weights.token_type_embedding = Matrix::Zero(config.type_vocab_size, C);  // no token types
    reader.read(names("embeddings.LayerNorm.weight"), {C}, weights.ln_embed_weight);
    reader.read(names("embeddings.LayerNorm.bias"), {C}, weights.ln_embed_bias);
    weights.layers.resize(static_cast<std::size_t>(config.n_layer));
    for (int index = 0; index < config.n_layer; ++index) {
        LayerWeights& layer = weights.layers[static_cast<std::size_t>(index)];
        const std::string l = "transformer.layer." + std::to_string(index) + ".";
        if (targets.mapped == nullptr) {
            layer.attn_qkv_weight.resize(C, 3 * C);  // [C, 3C] q | k | v
        }
        layer.attn_qkv_bias.resize(1, 3 * C);  // [1, 3C]
        const char* parts[] = {"q_lin", "k_lin", "v_lin"};
        for (int part = 0; part < 3; ++part) {
            const std::string projection = l + "attention." + parts[part];
            reader.largeTransposed(names(projection + ".weight"), {C, C}, layer.attn_qkv_weight,
                                   targets.of(index, &Layer::attn_qkv), part * C);
            reader.readInto(names(projection + ".bias"), {C}, layer.attn_qkv_bias, part * C);
        }
        reader.largeTransposed(names(l + "attention.out_lin.weight"), {C, C}, layer.attn_out_weight,
                               targets.of(index, &Layer::attn_out));
        reader.read(names(l + "attention.out_lin.bias"), {C}, layer.attn_out_bias);
        reader.read(names(l + "sa_layer_norm.weight"), {C}, layer.ln_attn_weight);
        reader.read(names(l + "sa_layer_norm.bias"), {C}, layer.ln_attn_bias);
        reader.largeTransposed(names(l + "ffn.lin1.weight"), {F, C}, layer.mlp_in_weight,
                               targets.of(index, &Layer::mlp_in));
        reader.read(names(l + "ffn.lin1.bias"), {F}, layer.mlp_in_bias);
        reader.largeTransposed(names(l + "ffn.lin2.weight"), {C, F}, layer.mlp_out_weight,
                               targets.of(index, &Layer::mlp_out));
        reader.read(names(l + "ffn.lin2.bias"), {C}, layer.mlp_out_bias);
        reader.read(names(l + "output_layer_norm.weight"), {C}, layer.ln_mlp_weight);
        reader.read(names(l + "output_layer_norm.bias"), {C}, layer.ln_mlp_bias);
    }
    report.has_lm_head = reader.has({"vocab_transform.weight"});
    if (report.has_lm_head) {
        reader.readTransposed({"vocab_transform.weight"}, {C, C}, weights.head_transform_weight);
        reader.read({"vocab_transform.bias"}, {C}, weights.head_transform_bias);
        reader.read({"vocab_layer_norm.weight"}, {C}, weights.head_ln_weight);
        reader.read({"vocab_layer_norm.bias"}, {C}, weights.head_ln_bias);
        reader.read({"vocab_projector.bias"}, {V}, weights.head_output_bias);
    }
    return weights;
}

// ---------------------------------------------------------------------------------------------
// Writing

// Tensors to write, with storage for the ones that are transposed or reshaped on the way out.
class WeightWriter {
  public:
    // A [rows, cols] matrix as stored; `vector` writes a [1, n] matrix as the 1-D [n].
    void add(const std::string& name, const Matrix& tensor, bool vector = false) {
        Shape shape = vector ? Shape{tensor.cols()} : Shape{tensor.rows(), tensor.cols()};
        tensors_.push_back({name, shape, tensor.data()});
    }
    void addVector(const std::string& name, const Matrix& tensor) { add(name, tensor, true); }
    // A [in, out] matrix as Hugging Face's Linear [out, in].
    void addTransposed(const std::string& name, const Matrix& tensor) {
        owned_.push_back(tensor.transpose());
        add(name, owned_.back());
    }
    // Columns [first, first + count) of a [in, 3C] matrix as a Linear [count, in].
    void addColumnsTransposed(const std::string& name, const Matrix& tensor, Eigen::Index first,
                              Eigen::Index count) {
        owned_.push_back(tensor.middleCols(first, count).transpose());
        add(name, owned_.back());
    }
    void addColumnsVector(const std::string& name, const Matrix& tensor, Eigen::Index first,
                          Eigen::Index count) {
        owned_.push_back(tensor.middleCols(first, count));
        addVector(name, owned_.back());
    }
    const std::vector<TensorToWrite>& tensors() const { return tensors_; }

  private:
    std::deque<Matrix> owned_;  // deque: adding never moves earlier elements
    std::vector<TensorToWrite> tensors_;
};

void checkShape(const std::string& file, const std::string& name, const Matrix& tensor,
                Eigen::Index rows, Eigen::Index cols) {
    if (tensor.rows() != rows || tensor.cols() != cols) {
        throw AtlasError(file + ": cannot write " + name + ": it has shape [" +
                         std::to_string(tensor.rows()) + ", " + std::to_string(tensor.cols()) +
                         "], the config expects [" + std::to_string(rows) + ", " +
                         std::to_string(cols) + "]");
    }
}

// Every tensor must match the config before a byte is written.
void checkWeights(const std::string& file, const ModelConfig& config,
                  const TransformerWeights& weights) {
    const bool bert = config.architecture == Architecture::Bert;
    const bool head = !bert || weights.head_transform_weight.size() != 0;
    const TransformerWeights expected = TransformerWeights::zeros(config);
    if (weights.layers.size() != expected.layers.size()) {
        throw AtlasError(file + ": cannot write: the weights have " +
                         std::to_string(weights.layers.size()) + " layers, the config " +
                         std::to_string(config.n_layer));
    }
    std::vector<std::pair<std::string, const Matrix*>> actual;
    weights.forEach(config, [&](const std::string& name, const Matrix& tensor) {
        actual.emplace_back(name, &tensor);
    });
    std::size_t index = 0;
    expected.forEach(config, [&](const std::string& name, const Matrix& tensor) {
        const Matrix& got = *actual[index++].second;
        if (!head && name.rfind("head_", 0) == 0 && got.size() == 0) {
            return;  // a bare BERT without its masked-LM head
        }
        checkShape(file, name, got, tensor.rows(), tensor.cols());
    });
}

}  // namespace

namespace {

TransformerWeights readWeights(const SafetensorsFile& file, const ModelConfig& config,
                               HuggingFaceReadReport* report, const LoadControl* control,
                               MappedMatrices* mapped, std::deque<Matrix>* owned_copies) {
    HuggingFaceReadReport local_report;
    HuggingFaceReadReport& out = report != nullptr ? *report : local_report;
    out = HuggingFaceReadReport{};
    WeightReader reader(file, control, mapped);
    TransformerWeights weights;
    if (config.architecture == Architecture::Gpt2) {
        checkNoExtraLayers(file, config, "h.", "n_layer");
        weights = readGpt2(reader, config);
    } else if (config.distilbert) {
        checkNoExtraLayers(file, config, "transformer.layer.", "n_layers");
        weights = readDistilBert(reader, config, out);
    } else {
        checkNoExtraLayers(file, config, "encoder.layer.", "num_hidden_layers");
        weights = readBert(reader, config, out);
    }
    out.ignored_tensors = reader.unusedTensors();
    reader.finish();
    if (owned_copies != nullptr) {
        *owned_copies = reader.takeOwnedCopies();
    }
    return weights;
}

// What a mapped model keeps alive: the file and the copies of tensors it could not use in place.
struct MappedStorage {
    std::shared_ptr<const SafetensorsFile> file;
    std::deque<Matrix> owned_copies;
};

}  // namespace

TransformerWeights readHuggingFaceWeights(const SafetensorsFile& file, const ModelConfig& config,
                                          HuggingFaceReadReport* report,
                                          const LoadControl* control) {
    return readWeights(file, config, report, control, nullptr, nullptr);
}

TransformerWeights mapHuggingFaceWeights(std::shared_ptr<const SafetensorsFile> file,
                                         const ModelConfig& config, HuggingFaceReadReport* report,
                                         const LoadControl* control) {
    auto mapped = std::make_shared<MappedMatrices>();
    auto storage = std::make_shared<MappedStorage>();
    TransformerWeights weights =
        readWeights(*file, config, report, control, mapped.get(), &storage->owned_copies);
    storage->file = std::move(file);
    mapped->file = std::move(storage);
    weights.mapped = std::move(mapped);
    weights.layout = WeightLayout::Mapped;
    return weights;
}

void writeHuggingFaceWeights(const std::filesystem::path& path, const ModelConfig& config,
                             const TransformerWeights& weights_in_any_layout, DType storage) {
    if (weights_in_any_layout.layout != WeightLayout::RowMajor) {
        writeHuggingFaceWeights(path, config, unpackedCopy(weights_in_any_layout), storage);
        return;
    }
    const TransformerWeights& weights = weights_in_any_layout;
    const std::string file = path.string();
    checkWeights(file, config, weights);
    const Eigen::Index C = config.d_model;
    WeightWriter writer;
    if (config.architecture == Architecture::Gpt2) {
        writer.add("wte.weight", weights.token_embedding);
        writer.add("wpe.weight", weights.position_embedding);
        for (std::size_t index = 0; index < weights.layers.size(); ++index) {
            const LayerWeights& layer = weights.layers[index];
            const std::string h = "h." + std::to_string(index) + ".";
            writer.addVector(h + "ln_1.weight", layer.ln_attn_weight);
            writer.addVector(h + "ln_1.bias", layer.ln_attn_bias);
            writer.add(h + "attn.c_attn.weight", layer.attn_qkv_weight);
            writer.addVector(h + "attn.c_attn.bias", layer.attn_qkv_bias);
            writer.add(h + "attn.c_proj.weight", layer.attn_out_weight);
            writer.addVector(h + "attn.c_proj.bias", layer.attn_out_bias);
            writer.addVector(h + "ln_2.weight", layer.ln_mlp_weight);
            writer.addVector(h + "ln_2.bias", layer.ln_mlp_bias);
            writer.add(h + "mlp.c_fc.weight", layer.mlp_in_weight);
            writer.addVector(h + "mlp.c_fc.bias", layer.mlp_in_bias);
            writer.add(h + "mlp.c_proj.weight", layer.mlp_out_weight);
            writer.addVector(h + "mlp.c_proj.bias", layer.mlp_out_bias);
        }
        writer.addVector("ln_f.weight", weights.ln_final_weight);
        writer.addVector("ln_f.bias", weights.ln_final_bias);
    } else {
        writer.add("bert.embeddings.word_embeddings.weight", weights.token_embedding);
        writer.add("bert.embeddings.position_embeddings.weight", weights.position_embedding);
        writer.add("bert.embeddings.token_type_embeddings.weight", weights.token_type_embedding);
        writer.addVector("bert.embeddings.LayerNorm.weight", weights.ln_embed_weight);
        writer.addVector("bert.embeddings.LayerNorm.bias", weights.ln_embed_bias);
        for (std::size_t index = 0; index < weights.layers.size(); ++index) {
            const LayerWeights& layer = weights.layers[index];
            const std::string l = "bert.encoder.layer." + std::to_string(index) + ".";
            const char* parts[] = {"query", "key", "value"};
            for (int part = 0; part < 3; ++part) {
                const std::string self = l + "attention.self." + parts[part];
                writer.addColumnsTransposed(self + ".weight", layer.attn_qkv_weight, part * C, C);
                writer.addColumnsVector(self + ".bias", layer.attn_qkv_bias, part * C, C);
            }
            writer.addTransposed(l + "attention.output.dense.weight", layer.attn_out_weight);
            writer.addVector(l + "attention.output.dense.bias", layer.attn_out_bias);
            writer.addVector(l + "attention.output.LayerNorm.weight", layer.ln_attn_weight);
            writer.addVector(l + "attention.output.LayerNorm.bias", layer.ln_attn_bias);
            writer.addTransposed(l + "intermediate.dense.weight", layer.mlp_in_weight);
            writer.addVector(l + "intermediate.dense.bias", layer.mlp_in_bias);
            writer.addTransposed(l + "output.dense.weight", layer.mlp_out_weight);
            writer.addVector(l + "output.dense.bias", layer.mlp_out_bias);
            writer.addVector(l + "output.LayerNorm.weight", layer.ln_mlp_weight);
            writer.addVector(l + "output.LayerNorm.bias", layer.ln_mlp_bias);
        }
        if (weights.head_transform_weight.size() != 0) {
            writer.addTransposed("cls.predictions.transform.dense.weight",
                                 weights.head_transform_weight);
            writer.addVector("cls.predictions.transform.dense.bias", weights.head_transform_bias);
            writer.addVector("cls.predictions.transform.LayerNorm.weight", weights.head_ln_weight);
            writer.addVector("cls.predictions.transform.LayerNorm.bias", weights.head_ln_bias);
            writer.addVector("cls.predictions.bias", weights.head_output_bias);
        }
    }
    // transformers refuses safetensors files without format "pt" in their metadata.
    writeSafetensors(path, writer.tensors(), storage, {{"format", "pt"}});
}

}  // namespace atlas
