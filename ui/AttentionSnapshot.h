// One sentence's attention as every view shows it: the tokens, and the maps of the grid by
// layer and column (the heads, then aggregates such as the layer mean and the rollout).
//
// Letters: L layers, H heads, T tokens.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include <QString>
#include <QStringList>

#include "analysis/OnDemandMaps.h"
#include "analysis/TokenUnits.h"
#include "model/Forward.h"
#include "model/KeyValueGroups.h"
#include "model/Matrix.h"
#include "model/Model.h"
#include "text/Token.h"

namespace atlas::ui {

enum class ColumnKind { Head, LayerMean, Rollout, Flow };

// One column of the grid: a head, or a map derived from the whole layer.
struct GridColumn {
    ColumnKind kind = ColumnKind::Head;
    int head = -1;  // the head index for ColumnKind::Head, else -1
};

QString columnTitle(const GridColumn& column);       // "Head 3", "Mean", "Rollout"
QString columnShortTitle(const GridColumn& column);  // "H3", "mean", "rollout"

// A map as a view reads it: one the snapshot keeps, or one made on demand for a long text and
// held by this handle. Read it while the handle lives: `const MapView map = snapshot.map(l, c);`
// (a `const Matrix&` bound to a temporary handle outlives the map).
class MapView {
  public:
    MapView(const Matrix& kept) : matrix_(&kept) {}
    explicit MapView(std::shared_ptr<const Matrix> made)
        : made_(std::move(made)), matrix_(made_.get()) {}
    const Matrix& matrix() const { return *matrix_; }
    operator const Matrix&() const { return *matrix_; }
    const Matrix& operator*() const { return *matrix_; }
    const Matrix* operator->() const { return matrix_; }
    float operator()(Eigen::Index row, Eigen::Index column) const {
        return (*matrix_)(row, column);
    }
    Eigen::Index rows() const { return matrix_->rows(); }
    Eigen::Index cols() const { return matrix_->cols(); }
    Eigen::Index size() const { return matrix_->size(); }

  private:
    std::shared_ptr<const Matrix> made_;
    const Matrix* matrix_;
};

// The maps a long text's snapshot made last, shared by its copies (AttentionSnapshot.cpp).
class MadeMaps;

struct AttentionSnapshot {
    QString modelName;                           // "gpt", "bert" or a folder name
    QString modelType = QStringLiteral("gpt2");  // config.json's model_type: "gpt2" or "bert"
    bool causal = true;      // a causal (GPT-2) model: weights above the diagonal are 0
    bool normBased = false;  // head maps are Kobayashi et al.'s norms, not attention weights
    std::vector<HeadIndex> ablatedHeads;  // heads switched off in the run (outputs zeroed)
    QString text;                         // the input the tokens' byte spans index (as UTF-8)
    std::vector<Token> tokens;            // [T]
    QStringList tokenLabels;              // [T] display text, trimmed, blanks made visible
    std::vector<GridColumn> columns;      // [columns]: H heads, then the aggregates
    // [L][columns] -> [T, T], row = query token; of size 0 where the map is made on demand.
    std::vector<std::vector<Matrix>> maps;
    // A long text (SnapshotOptions::keptMapBytes): the heads' maps and the layer means are made
    // when a view asks for one (map()), from the queries and keys the model run kept, and the
    // grid draws `thumbnails` [L][columns], each map max-pooled to at most 256 x 256 while the
    // model ran. The rollout (a T^3 product per layer) is then left out: rolloutLeftOut.
    std::shared_ptr<const OnDemandMaps> onDemand;
    std::vector<std::vector<Matrix>> thumbnails;
    bool rolloutLeftOut = false;
    std::shared_ptr<MadeMaps> madeMaps;
    float sharedMaximum = 1.0f;                    // the top of the shared colour scale
    std::vector<PositionPredictions> predictions;  // as the model run returned them
    bool truncated = false;                        // the text was cut to the model's context
    int fullTokenCount = 0;                        // tokens before truncation
    int kvHeads = 0;  // key/value heads the query heads share (num_key_value_heads); 0: one each
    // Mean attention on token 0 of each head, [L][H], as the model made the maps (before the
    // sink is hidden); analysis/AttentionSink.h.
    std::vector<std::vector<double>> sinkShare;
    bool sinkHidden = false;  // the maps have key column 0 removed and rows renormalised
    // What a row and a column stand for. Tokens: `tokens` are the model's tokens. Characters or
    // Words: each entry of `tokens` is a unit (its span, its text; the id of its first token)
    // and the maps are pooled over units (to a unit the sum, from a unit the mean);
    // `modelTokens` is the snapshot of the model's own tokens it was pooled from.
    UnitLevel units = UnitLevel::Tokens;
    TokenUnits grouping;  // pooled only: the units, their spans and the model tokens of each
    std::shared_ptr<const AttentionSnapshot> modelTokens;

    int layerCount() const { return int(maps.size()); }
    int columnCount() const { return int(columns.size()); }
    int headCount() const;
    int tokenCount() const { return int(tokens.size()); }
    bool empty() const { return maps.empty() || columns.empty(); }
    bool contains(int layer, int column) const {
        return layer >= 0 && layer < layerCount() && column >= 0 && column < columnCount();
    }
    // The map [T, T] of one column: kept, or made now (and kept among the last few made).
    MapView map(int layer, int column) const;
    // What the grid draws: the map, or its thumbnail when maps are made on demand.
    MapView gridMap(int layer, int column) const;
    bool mapsOnDemand() const { return tokenLevel().onDemand != nullptr; }
    bool pooled() const { return modelTokens != nullptr; }
    // The snapshot whose rows are the model's tokens: modelTokens when pooled, else this one.
    const AttentionSnapshot& tokenLevel() const { return pooled() ? *modelTokens : *this; }
    // A [model tokens]^2 map pooled to this snapshot's units (unchanged when not pooled).
    Matrix toUnits(const Matrix& tokenMap) const;
    // The text of the input a token covers (empty for special tokens).
    QString coveredText(int token) const;
    // Title of one map: "Layer 2 · Head 5", "Layer 2 · Mean".
    QString mapTitle(int layer, int column) const;
    // The query heads sharing key/value heads; empty when each head has its own.
    std::vector<KeyValueGroup> keyValueGroups() const;
    // The KV head a head reads, or -1 when heads do not share them.
    int keyValueHeadOf(int head) const;
    // A head's sink share, or -1 when unknown.
    double sinkShareOf(int layer, int head) const;
};

// Which maps beside the heads a snapshot holds.
struct SnapshotOptions {
    bool mean = true;                     // mean over each layer's heads
    bool rollout = true;                  // attention rollout through layers 0..l
    bool flow = false;                    // attention flow (slow: a max-flow per layer)
    bool norm = false;                    // replace head maps by norm-based attention
    std::vector<HeadIndex> ablatedHeads;  // these heads' outputs are zeroed (ForwardOptions)
    // Hide the first token (attention sink): every head's map loses key column 0 and its rows
    // are renormalised (analysis/AttentionSink.h) before the aggregates are computed from them,
    // as `run --drop-sink` does.
    bool hideSink = false;
    // Rows and columns: model tokens, characters (byte pieces joined) or words. A grouping that
    // leaves every token alone keeps the model's tokens (no pooled copy).
    UnitLevel units = UnitLevel::Tokens;
    // When every head's map together would take more bytes than this, the maps are made on
    // demand (AttentionSnapshot::onDemand): 24 x 14 heads at 4,096 tokens would take 22.5 GB.
    std::size_t keptMapBytes = std::size_t(2) << 30;
};

// The edge of the grid's thumbnails of a long text, in cells.
inline constexpr int kThumbnailEdge = 256;

// "KV head 0: heads 0-6", in the interface language (model/KeyValueGroups.h).
QString keyValueGroupTitle(const KeyValueGroup& group);
// "Sink share (mean attention on token 0): 0.87".
QString sinkShareText(double share);

// "1 token", "12 tokens".
QString tokenCountText(int count);
// The model's tokens, and the characters or words the views show: "15 tokens · 3 words".
QString unitCountText(const AttentionSnapshot& snapshot);

// The trimmed display text of a token, with blank tokens shown as a visible mark.
QString tokenLabel(const Token& token);
// The same, for a token of `textBytes` (the UTF-8 text it came from). A byte-level BPE token
// can hold only some bytes of a character (each Chinese character is three bytes and the
// built-in gpt knows few of them): it is labelled with the character and which of its bytes
// it holds, "猫 1/3", instead of a replacement mark; an unknown WordPiece token reads
// "[UNK] 猫".
QString tokenLabel(const Token& token, const QByteArray& textBytes);

// Builds a snapshot from a forward pass already computed (tests build one in memory). With
// options.hideSink the maps lose the sink (the sink shares are measured before).
AttentionSnapshot makeSnapshot(const QString& modelName, bool causal, const QString& text,
                               const EncodedText& encoded, Forward forward,
                               const SnapshotOptions& options = {});

// Puts norm-based maps ([L][H], Aggregates.h normAttention) in place of the head maps, the
// layer means by their mean, and sets normBased and the shared maximum.
void applyNormMaps(AttentionSnapshot& snapshot, const std::vector<std::vector<Matrix>>& norms);

// The snapshot with its rows and columns grouped into units (analysis/TokenUnits.h): every map
// pooled, the predictions of each unit's last token kept. Returns the snapshot itself when the
// grouping leaves every token alone (English text in Characters, for example).
std::shared_ptr<const AttentionSnapshot> pooledSnapshot(
    std::shared_ptr<const AttentionSnapshot> tokenLevel, UnitLevel level);

// Runs `model` on `text` and builds the snapshot. Throws AtlasError on bad input (empty text).
std::shared_ptr<const AttentionSnapshot> computeSnapshot(const Model& model, const QString& text,
                                                         const SnapshotOptions& options = {});

}  // namespace atlas::ui
