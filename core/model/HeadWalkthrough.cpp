// The steps of one head, each computed from the step before it (and the weights), so a test can
// hold every step against the forward pass.
// GCC 12 takes the _mm512_undefined_ps() inside Eigen's AVX-512 kernels for an uninitialised read.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// GCC 12 also reports a false overlap inside std::string's operator+ (PR 105329).
#pragma GCC diagnostic ignored "-Wrestrict"

#include "model/HeadWalkthrough.h"

#include <cmath>
#include <limits>

#include "Error.h"
#include "model/Model.h"
#include "model/WeightPanels.h"

namespace atlas {

namespace {

// A token's text as a label: surrounding blanks trimmed, a blank token shown as a visible mark.
std::string tokenText(const Token& token) {
    const std::string& text = token.text;
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return text.find('\n') != std::string::npos ? "⏎" : "␣";
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::vector<std::string> labelsOf(WalkthroughAxis axis, Eigen::Index count,
                                  const std::vector<std::string>& tokens, int firstDimension = 0) {
    if (axis == WalkthroughAxis::Tokens) {
        return tokens;
    }
    std::vector<std::string> labels;
    labels.reserve(std::size_t(count));
    for (Eigen::Index d = 0; d < count; ++d) {
        labels.push_back(std::to_string(firstDimension + d));
    }
    return labels;
}

struct MatrixBuilder {
    const std::vector<std::string>& tokens;

    WalkthroughMatrix operator()(WalkthroughMatrixRole role, std::string symbol, Matrix values,
                                 WalkthroughAxis rows, WalkthroughAxis columns,
                                 std::string joiner = {}) const {
        WalkthroughMatrix matrix;
        matrix.role = role;
        matrix.symbol = std::move(symbol);
        matrix.rows = rows;
        matrix.columns = columns;
        matrix.row_labels = labelsOf(rows, values.rows(), tokens);
        matrix.column_labels = labelsOf(columns, values.cols(), tokens);
        matrix.values = std::move(values);
        matrix.joiner = std::move(joiner);
        return matrix;
    }
};

// Row-wise softmax in double precision, keys after the query left out in a causal model.
Matrix softmaxRows(const Matrix& scaled, bool causal) {
    const Eigen::Index T = scaled.rows();
    Matrix result = Matrix::Zero(T, scaled.cols());
    for (Eigen::Index i = 0; i < T; ++i) {
        const Eigen::Index width = causal ? i + 1 : scaled.cols();
        double largest = -std::numeric_limits<double>::infinity();
        for (Eigen::Index j = 0; j < width; ++j) {
            largest = std::max(largest, double(scaled(i, j)));
        }
        double sum = 0;
        for (Eigen::Index j = 0; j < width; ++j) {
            sum += std::exp(double(scaled(i, j)) - largest);
        }
        for (Eigen::Index j = 0; j < width; ++j) {
            result(i, j) = float(std::exp(double(scaled(i, j)) - largest) / sum);
        }
    }
    return result;
}

}  // namespace

const WalkthroughMatrix* WalkthroughStep::matrix(WalkthroughMatrixRole role) const {
    for (const WalkthroughMatrix& candidate : matrices) {
        if (candidate.role == role) {
            return &candidate;
        }
    }
    return nullptr;
}

const WalkthroughStep* HeadWalkthrough::step(WalkthroughStepKind kind) const {
    for (const WalkthroughStep& candidate : steps) {
        if (candidate.kind == kind) {
            return &candidate;
        }
    }
    return nullptr;
}

HeadWalkthrough headWalkthrough(const ModelConfig& config, const TransformerWeights& weights,
                                const std::vector<Token>& tokens, const Forward& forward, int layer,
                                int head) {
    // The steps show learned position embeddings and one fused q k v projection; a decoder
    // family's rotary positions and shared key/value heads are other steps.
    if (config.decoder()) {
        throw AtlasError("walkthrough: the step-by-step walkthrough covers GPT-2 and BERT; " +
                         config.modelType() + " models are shown in the grid and focused views");
    }
    if (layer < 0 || layer >= config.n_layer || head < 0 || head >= config.n_head) {
        throw AtlasError("walkthrough: head " + std::to_string(layer) + ":" + std::to_string(head) +
                         " is outside the model's " + std::to_string(config.n_layer) +
                         " layers x " + std::to_string(config.n_head) + " heads");
    }
    if (int(forward.internals.size()) != config.n_layer ||
        int(forward.internals[layer].heads.size()) != config.n_head) {
        throw AtlasError("walkthrough: the forward pass did not capture its internals");
    }
    const int T = static_cast<int>(tokens.size());
    const int C = config.d_model;
    const int D = config.d_head();
    const LayerInternals& internals = forward.internals[layer];
    if (T == 0 || internals.attn_input.rows() != T || forward.embeddings.rows() != T) {
        throw AtlasError("walkthrough: the forward pass has " +
                         std::to_string(internals.attn_input.rows()) + " tokens, expected " +
                         std::to_string(T));
    }

    HeadWalkthrough walk;
    walk.layer = layer;
    walk.head = head;
    walk.d_model = C;
    walk.d_head = D;
    walk.causal = config.causal();
    walk.bert = config.architecture == Architecture::Bert;
    walk.sqrt_d_head = std::sqrt(float(D));
    walk.tokens = tokens;
    std::vector<std::string> labels;
    for (const Token& token : tokens) {
        labels.push_back(tokenText(token));
    }
    const MatrixBuilder make{labels};
    using Axis = WalkthroughAxis;
    using Role = WalkthroughMatrixRole;

    // 1. Embeddings: a row of the token table plus a row of the position table per token.
    {
        Matrix tokenRows(T, C);  // [T, C]
        Matrix positionRows(T, C);
        for (int t = 0; t < T; ++t) {
            tokenRows.row(t) = tokenEmbeddingRow(weights, tokens[t].id);
            positionRows.row(t) = weights.position_embedding.row(t);
        }
        Matrix sum = tokenRows + positionRows;  // [T, C]
        WalkthroughStep step{WalkthroughStepKind::Embeddings, {}};
        step.matrices.push_back(
            make(Role::TokenEmbedding, "E_tok", tokenRows, Axis::Tokens, Axis::Dimensions));
        step.matrices.push_back(make(Role::PositionEmbedding, "E_pos", positionRows, Axis::Tokens,
                                     Axis::Dimensions, "+"));
        if (walk.bert && weights.token_type_embedding.rows() > 0) {
            Matrix typeRows = weights.token_type_embedding.row(0).replicate(T, 1);
            sum += typeRows;
            step.matrices.push_back(make(Role::TypeEmbedding, "E_type", std::move(typeRows),
                                         Axis::Tokens, Axis::Dimensions, "+"));
        }
        step.matrices.push_back(
            make(Role::EmbeddingSum, "x₀", std::move(sum), Axis::Tokens, Axis::Dimensions, "="));
        walk.steps.push_back(std::move(step));
    }

    // 2. What this layer's head reads: the stream after the layers before (GPT-2: normalised).
    {
        WalkthroughStep step{WalkthroughStepKind::LayerInput, {}};
        const std::string stream = "x" + std::to_string(layer);
        if (walk.bert) {
            step.matrices.push_back(make(Role::HeadInput, stream, internals.attn_input,
                                         Axis::Tokens, Axis::Dimensions));
        } else {
            step.matrices.push_back(make(Role::LayerStream, stream, internals.residual_in,
                                         Axis::Tokens, Axis::Dimensions));
            step.matrices.push_back(make(Role::HeadInput, "LN(" + stream + ")",
                                         internals.attn_input, Axis::Tokens, Axis::Dimensions,
                                         "→"));
        }
        walk.steps.push_back(std::move(step));
    }

    // 3. Q, K, V: the head's columns of the projection applied to what it reads.
    const Matrix& input = internals.attn_input;  // [T, C]
    auto project = [&](int part) {
        const Eigen::Index column = Eigen::Index(part) * C + Eigen::Index(head) * D;
        const Matrix& qkv = weights.layers[layer].attn_qkv_weight;  // [C, 3C]
        Matrix result = input * weightBlock(weights, qkv, 0, layerRows(weights, qkv), column, D);
        result.rowwise() += weights.layers[layer].attn_qkv_bias.row(0).segment(column, D);
        return result;  // [T, D]
    };
    const Matrix q = project(0);
    const Matrix k = project(1);
    const Matrix v = project(2);
    {
        WalkthroughStep step{WalkthroughStepKind::Projections, {}};
        step.matrices.push_back(make(Role::Query, "Q", q, Axis::Tokens, Axis::Dimensions));
        step.matrices.push_back(make(Role::Key, "K", k, Axis::Tokens, Axis::Dimensions));
        step.matrices.push_back(make(Role::Value, "V", v, Axis::Tokens, Axis::Dimensions));
        walk.steps.push_back(std::move(step));
    }

    // 4. and 5. The scores and their scaling.
    const Matrix raw = q * k.transpose();  // [T, T]
    const Matrix scaled = raw / walk.sqrt_d_head;
    walk.steps.push_back({WalkthroughStepKind::Scores,
                          {make(Role::RawScores, "QKᵀ", raw, Axis::Tokens, Axis::Tokens)}});
    walk.steps.push_back(
        {WalkthroughStepKind::Scaled,
         {make(Role::ScaledScores, "QKᵀ/√d", scaled, Axis::Tokens, Axis::Tokens)}});

    // 6. The causal mask: a query may not look at later keys.
    if (walk.causal) {
        Matrix masked = scaled;
        for (int i = 0; i < T; ++i) {
            for (int j = i + 1; j < T; ++j) {
                masked(i, j) = -std::numeric_limits<float>::infinity();
            }
        }
        walk.steps.push_back(
            {WalkthroughStepKind::Mask,
             {make(Role::MaskedScores, "S", std::move(masked), Axis::Tokens, Axis::Tokens)}});
    }

    // 7. Softmax per row: the attention map.
    const Matrix attention = softmaxRows(scaled, walk.causal);
    {
        WalkthroughMatrix map = make(Role::Attention, "A", attention, Axis::Tokens, Axis::Tokens);
        map.probabilities = true;
        walk.steps.push_back({WalkthroughStepKind::Softmax, {std::move(map)}});
    }

    // 8. The weighted sum of the values.
    const Matrix output = attention * v;  // [T, D]
    {
        WalkthroughStep step{WalkthroughStepKind::WeightedSum, {}};
        WalkthroughMatrix map = make(Role::Attention, "A", attention, Axis::Tokens, Axis::Tokens);
        map.probabilities = true;
        step.matrices.push_back(std::move(map));
        step.matrices.push_back(make(Role::Value, "V", v, Axis::Tokens, Axis::Dimensions, "×"));
        step.matrices.push_back(
            make(Role::HeadOutput, "AV", output, Axis::Tokens, Axis::Dimensions, "="));
        walk.steps.push_back(std::move(step));
    }

    // 9. The head's rows of W_O: its share of the attention block's output.
    {
        const Matrix& out_weight = weights.layers[layer].attn_out_weight;  // [C, C]
        const Matrix outputRows =
            weightBlock(weights, out_weight, Eigen::Index(head) * D, D, 0,
                        layerCols(weights, out_weight));  // [D, C]
        const Matrix contribution = output * outputRows;           // [T, C]
        WalkthroughStep step{WalkthroughStepKind::OutputProjection, {}};
        step.matrices.push_back(
            make(Role::HeadOutput, "AV", output, Axis::Tokens, Axis::Dimensions));
        WalkthroughMatrix rows =
            make(Role::OutputWeights, "W_O", outputRows, Axis::Dimensions, Axis::Dimensions, "×");
        rows.row_labels = labelsOf(Axis::Dimensions, D, labels, head * D);
        step.matrices.push_back(std::move(rows));
        step.matrices.push_back(make(Role::OutputContribution, "AV·W_O", contribution, Axis::Tokens,
                                     Axis::Dimensions, "="));
        walk.steps.push_back(std::move(step));
    }
    return walk;
}

HeadWalkthrough headWalkthrough(const Model& model, const std::string& text, int layer, int head) {
    const EncodedText encoded = model.encode(text);
    std::vector<int> ids;
    for (const Token& token : encoded.tokens) {
        ids.push_back(token.id);
    }
    ForwardOptions options;
    options.capture_internals = true;
    options.top_k = 1;
    options.predict_positions = {0};  // the walkthrough needs no predictions; keep the head cheap
    const Forward forward = model.forward(ids, options);
    return headWalkthrough(model.config(), model.weights(), encoded.tokens, forward, layer, head);
}

}  // namespace atlas
