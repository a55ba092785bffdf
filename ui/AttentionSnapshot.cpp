// Building the views' snapshot from a model run: the core computes, this only arranges.
#include "AttentionSnapshot.h"

#include <algorithm>
#include <cmath>
#include <list>
#include <mutex>
#include <optional>

#include <QCoreApplication>

#include "Error.h"
#include "analysis/Aggregates.h"
#include "analysis/AttentionSink.h"
#include "common/ColorMaps.h"
#include "model/HeadAttention.h"
#include "model/TokenText.h"

namespace atlas::ui {

namespace {

// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct SnapshotText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::AttentionSnapshot)
};

}  // namespace

QString columnTitle(const GridColumn& column) {
    switch (column.kind) {
        case ColumnKind::Head:
            return SnapshotText::tr("Head %1").arg(column.head);
        case ColumnKind::LayerMean:
            return SnapshotText::tr("Mean");
        case ColumnKind::Rollout:
            return SnapshotText::tr("Rollout");
        case ColumnKind::Flow:
            return SnapshotText::tr("Flow");
    }
    return {};
}

QString columnShortTitle(const GridColumn& column) {
    switch (column.kind) {
        case ColumnKind::Head:
            return SnapshotText::tr("H%1").arg(column.head);
        case ColumnKind::LayerMean:
            return SnapshotText::tr("mean");
        case ColumnKind::Rollout:
            return SnapshotText::tr("rollout");
        case ColumnKind::Flow:
            return SnapshotText::tr("flow");
    }
    return {};
}

// The last few maps made on demand: a view asks for the same map on every hover, a handful of
// recent ones serve going back and forth between heads, and each is 64 MB at 4,096 tokens.
class MadeMaps {
  public:
    std::shared_ptr<const Matrix> find(int layer, int column) {
        const std::lock_guard lock(mutex_);
        for (auto entry = entries_.begin(); entry != entries_.end(); ++entry) {
            if (entry->layer == layer && entry->column == column) {
                entries_.splice(entries_.begin(), entries_, entry);
                return entries_.front().map;
            }
        }
        return nullptr;
    }
    void insert(int layer, int column, std::shared_ptr<const Matrix> map) {
        const std::lock_guard lock(mutex_);
        entries_.push_front({layer, column, std::move(map)});
        while (entries_.size() > kKept) {
            entries_.pop_back();
        }
    }

  private:
    static constexpr std::size_t kKept = 4;
    struct Entry {
        int layer;
        int column;
        std::shared_ptr<const Matrix> map;
    };
    std::mutex mutex_;
    std::list<Entry> entries_;
};

MapView AttentionSnapshot::map(int layer, int column) const {
    const Matrix& kept = maps[layer][column];
    const AttentionSnapshot& level = tokenLevel();
    if (kept.size() > 0 || !level.onDemand || !madeMaps) {
        return MapView(kept);
    }
    if (auto made = madeMaps->find(layer, column)) {
        return MapView(std::move(made));
    }
    std::shared_ptr<const Matrix> made;
    if (pooled()) {
        made = std::make_shared<const Matrix>(toUnits(modelTokens->map(layer, column)));
    } else if (columns[column].kind == ColumnKind::Head) {
        made = std::make_shared<const Matrix>(onDemand->head(layer, columns[column].head));
    } else if (columns[column].kind == ColumnKind::LayerMean) {
        made = std::make_shared<const Matrix>(onDemand->layerMean(layer));
    } else {
        return MapView(kept);
    }
    madeMaps->insert(layer, column, made);
    return MapView(std::move(made));
}

MapView AttentionSnapshot::gridMap(int layer, int column) const {
    if (maps[layer][column].size() == 0 && layer < int(thumbnails.size()) &&
        column < int(thumbnails[layer].size()) && thumbnails[layer][column].size() > 0) {
        return MapView(thumbnails[layer][column]);
    }
    return map(layer, column);
}

int AttentionSnapshot::headCount() const {
    return int(std::count_if(columns.begin(), columns.end(),
                             [](const GridColumn& c) { return c.kind == ColumnKind::Head; }));
}

QString AttentionSnapshot::coveredText(int token) const {
    if (token < 0 || token >= tokenCount()) {
        return {};
    }
    const QByteArray bytes = text.toUtf8();
    const Token& t = tokens[token];
    if (t.end <= t.begin || t.end > std::size_t(bytes.size())) {
        return {};
    }
    return QString::fromUtf8(bytes.mid(qsizetype(t.begin), qsizetype(t.end - t.begin)));
}

QString AttentionSnapshot::mapTitle(int layer, int column) const {
    if (!contains(layer, column)) {
        return {};
    }
    const GridColumn& c = columns[column];
    if (c.kind == ColumnKind::Rollout || c.kind == ColumnKind::Flow) {
        // Rollout and flow at layer l run through layers 0..l.
        return SnapshotText::tr("Layers 0–%1 · %2").arg(layer).arg(columnTitle(c));
    }
    const bool off =
        c.kind == ColumnKind::Head && std::find(ablatedHeads.begin(), ablatedHeads.end(),
                                                HeadIndex{layer, c.head}) != ablatedHeads.end();
    QString title =
        off ? SnapshotText::tr("Layer %1 · %2 (switched off)").arg(layer).arg(columnTitle(c))
            : SnapshotText::tr("Layer %1 · %2").arg(layer).arg(columnTitle(c));
    // Heads that share key/value heads say which one they read.
    const int kv = c.kind == ColumnKind::Head ? keyValueHeadOf(c.head) : -1;
    if (kv >= 0) {
        title += SnapshotText::tr(" · KV head %1").arg(kv);
    }
    return title;
}

QString keyValueGroupTitle(const KeyValueGroup& group) {
    if (group.first_head == group.last_head) {
        return SnapshotText::tr("KV head %1: head %2").arg(group.kv_head).arg(group.first_head);
    }
    return SnapshotText::tr("KV head %1: heads %2-%3")
        .arg(group.kv_head)
        .arg(group.first_head)
        .arg(group.last_head);
}

QString sinkShareText(double share) {
    return SnapshotText::tr("Sink share (mean attention on token 0): %1")
        .arg(QString::number(share, 'f', 2));
}

std::vector<KeyValueGroup> AttentionSnapshot::keyValueGroups() const {
    return atlas::keyValueGroups(headCount(), kvHeads > 0 ? kvHeads : headCount());
}

int AttentionSnapshot::keyValueHeadOf(int head) const {
    if (keyValueGroups().empty() || head < 0 || head >= headCount()) {
        return -1;
    }
    return atlas::keyValueHeadOf(head, headCount(), kvHeads);
}

double AttentionSnapshot::sinkShareOf(int layer, int head) const {
    if (layer < 0 || layer >= int(sinkShare.size()) || head < 0 ||
        head >= int(sinkShare[layer].size())) {
        return -1;
    }
    return sinkShare[layer][head];
}

QString tokenCountText(int count) {
    return count == 1 ? SnapshotText::tr("1 token") : SnapshotText::tr("%1 tokens").arg(count);
}

QString unitCountText(const AttentionSnapshot& snapshot) {
    const QString tokens = tokenCountText(snapshot.tokenLevel().tokenCount());
    const int units = snapshot.tokenCount();
    switch (snapshot.units) {
        case UnitLevel::Characters:
            return units == 1 ? SnapshotText::tr("%1 · 1 character").arg(tokens)
                              : SnapshotText::tr("%1 · %2 characters").arg(tokens).arg(units);
        case UnitLevel::Words:
            return units == 1 ? SnapshotText::tr("%1 · 1 word").arg(tokens)
                              : SnapshotText::tr("%1 · %2 words").arg(tokens).arg(units);
        case UnitLevel::Tokens:
            break;
    }
    return tokens;
}

QString tokenLabel(const Token& token) {
    QString label = QString::fromStdString(token.text).trimmed();
    if (label.isEmpty()) {
        if (token.text.find('\n') != std::string::npos) {
            return QStringLiteral("⏎");
        }
        return QStringLiteral("␣");
    }
    return label;
}

namespace {
bool isContinuationByte(char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}
}  // namespace

QString tokenLabel(const Token& token, const QByteArray& textBytes) {
    const qsizetype begin = qsizetype(token.begin);
    const qsizetype end = qsizetype(token.end);
    if (token.special || end <= begin || end > textBytes.size()) {
        return tokenLabel(token);
    }
    if (token.text == "[UNK]") {
        // WordPiece replaces what its vocabulary lacks (each Chinese character, for the
        // built-in bert): say what the model saw and what it stood for.
        return QStringLiteral("[UNK] ") +
               QString::fromUtf8(textBytes.mid(begin, end - begin)).trimmed();
    }
    const bool splitsCharacter = isContinuationByte(textBytes[begin]) ||
                                 (end < textBytes.size() && isContinuationByte(textBytes[end]));
    if (!splitsCharacter) {
        return tokenLabel(token);
    }
    // Widen to whole characters, then say which of their bytes this token holds (1-based).
    qsizetype first = begin;
    while (first > 0 && isContinuationByte(textBytes[first])) {
        --first;
    }
    qsizetype last = end;
    while (last < textBytes.size() && isContinuationByte(textBytes[last])) {
        ++last;
    }
    const QString characters = QString::fromUtf8(textBytes.mid(first, last - first)).trimmed();
    const qsizetype from = begin - first + 1;
    const qsizetype to = end - first;
    const QString part =
        from == to ? QString::number(from) : QStringLiteral("%1–%2").arg(from).arg(to);
    return QStringLiteral("%1 %2/%3").arg(characters, part).arg(last - first);
}

AttentionSnapshot makeSnapshot(const QString& modelName, bool causal, const QString& text,
                               const EncodedText& encoded, Forward forward,
                               const SnapshotOptions& options) {
    AttentionSnapshot snapshot;
    snapshot.sinkShare = sinkShares(forward);
    if (options.hideSink) {
        dropAttentionSink(forward);
        snapshot.sinkHidden = true;
    }
    snapshot.modelName = modelName;
    snapshot.causal = causal;
    snapshot.modelType = causal ? QStringLiteral("gpt2") : QStringLiteral("bert");
    snapshot.predictions = forward.predictions;
    snapshot.text = text;
    snapshot.tokens = encoded.tokens;
    snapshot.truncated = encoded.truncated;
    snapshot.fullTokenCount = int(encoded.full_token_count);
    const QByteArray textBytes = text.toUtf8();
    for (const Token& token : encoded.tokens) {
        snapshot.tokenLabels << tokenLabel(token, textBytes);
    }
    const int layers = forward.layerCount();
    const int heads = forward.headCount();
    for (int h = 0; h < heads; ++h) {
        snapshot.columns.push_back({ColumnKind::Head, h});
    }
    // The aggregates first: then the head maps move into the snapshot instead of being copied
    // (at 1,024 tokens a 24 x 14 model's maps take 1.4 GB).
    std::vector<std::pair<ColumnKind, std::vector<Matrix>>> aggregates;
    if (layers > 0 && heads > 0) {
        if (options.mean) {
            aggregates.emplace_back(ColumnKind::LayerMean, meanOverHeads(forward));
        }
        if (options.rollout) {
            aggregates.emplace_back(ColumnKind::Rollout, attentionRollout(forward));
        }
        if (options.flow) {
            aggregates.emplace_back(ColumnKind::Flow, attentionFlow(forward));
        }
    }
    snapshot.maps.resize(layers);
    for (int l = 0; l < layers; ++l) {
        snapshot.maps[l] = std::move(forward.attention[l]);
    }
    for (auto& [kind, perLayer] : aggregates) {
        if (int(perLayer.size()) != layers) {
            continue;
        }
        snapshot.columns.push_back({kind, -1});
        for (int l = 0; l < layers; ++l) {
            snapshot.maps[l].push_back(std::move(perLayer[l]));
        }
    }
    float maximum = 1.0f;
    for (const auto& layer : snapshot.maps) {
        for (const Matrix& map : layer) {
            if (map.size() > 0) {
                maximum = std::max(maximum, largestValue(map));
            }
        }
    }
    snapshot.sharedMaximum = maximum;
    return snapshot;
}

void applyNormMaps(AttentionSnapshot& snapshot, const std::vector<std::vector<Matrix>>& norms) {
    for (int l = 0; l < snapshot.layerCount() && l < int(norms.size()); ++l) {
        for (int h = 0; h < int(norms[l].size()) && h < snapshot.columnCount(); ++h) {
            snapshot.maps[l][h] = norms[l][h];
        }
        // The layer's mean follows the heads' view; rollout stays a product of weights.
        for (int c = 0; c < snapshot.columnCount(); ++c) {
            if (snapshot.columns[c].kind == ColumnKind::LayerMean && !norms[l].empty()) {
                Matrix mean = norms[l][0];
                for (std::size_t h = 1; h < norms[l].size(); ++h) {
                    mean += norms[l][h];
                }
                snapshot.maps[l][c] = mean / float(norms[l].size());
            }
        }
    }
    snapshot.normBased = true;
    float maximum = 0.0f;
    for (const auto& layer : snapshot.maps) {
        for (const Matrix& map : layer) {
            maximum = std::max(maximum, largestValue(map));
        }
    }
    snapshot.sharedMaximum = std::max(maximum, 1e-6f);
}

Matrix AttentionSnapshot::toUnits(const Matrix& tokenMap) const {
    return pooled() ? unitAttention(tokenMap, grouping) : tokenMap;
}

namespace {

// The units `level` groups the snapshot's tokens into, or nothing when it leaves every token
// alone.
std::optional<TokenUnits> unitsOf(const AttentionSnapshot& tokenLevel, UnitLevel level) {
    if (level == UnitLevel::Tokens) {
        return std::nullopt;
    }
    const QByteArray bytes = tokenLevel.text.toUtf8();
    const std::string_view text(bytes.constData(), std::size_t(bytes.size()));
    TokenUnits units = tokenUnits(tokenLevel.tokens, text, level);
    if (units.oneTokenEach()) {
        return std::nullopt;
    }
    return units;
}

// The snapshot grouped into `units`. Maps made on demand stay so (map() pools them when made);
// their thumbnails and shared maximum are the caller's to set.
std::shared_ptr<AttentionSnapshot> pooledCopy(std::shared_ptr<const AttentionSnapshot> tokenLevel,
                                              UnitLevel level, const TokenUnits& units) {
    auto pooled = std::make_shared<AttentionSnapshot>(*tokenLevel);
    pooled->units = level;
    pooled->grouping = units;
    pooled->modelTokens = tokenLevel;
    pooled->tokens.clear();
    pooled->tokenLabels.clear();
    for (int u = 0; u < units.count(); ++u) {
        const std::vector<int>& members = units.alignment.tokens_of_word[std::size_t(u)];
        if (members.size() == 1) {
            pooled->tokens.push_back(tokenLevel->tokens[std::size_t(members.front())]);
            pooled->tokenLabels << tokenLevel->tokenLabels.value(members.front());
            continue;
        }
        Token unit;
        unit.id = tokenLevel->tokens[std::size_t(members.front())].id;
        unit.text = units.labels[std::size_t(u)];
        unit.begin = units.spans[std::size_t(u)].begin;
        unit.end = units.spans[std::size_t(u)].end;
        pooled->tokens.push_back(unit);
        pooled->tokenLabels << tokenLabel(unit);
    }
    pooled->thumbnails.clear();
    if (tokenLevel->onDemand) {
        pooled->madeMaps = std::make_shared<MadeMaps>();  // its maps are pooled ones
    }
    for (auto& layer : pooled->maps) {
        for (Matrix& map : layer) {
            if (map.size() > 0) {
                map = unitAttention(map, units);
            }
        }
    }
    // A unit's predictions are those after (GPT-2) or at (BERT) its last token.
    pooled->predictions.clear();
    for (const PositionPredictions& prediction : tokenLevel->predictions) {
        const int t = prediction.position;
        if (t < 0 || t >= units.alignment.tokenCount()) {
            continue;
        }
        const int unit = units.alignment.word_of_token[std::size_t(t)];
        if (unit >= 0 && units.alignment.tokens_of_word[std::size_t(unit)].back() == t) {
            PositionPredictions moved = prediction;
            moved.position = unit;
            pooled->predictions.push_back(std::move(moved));
        }
    }
    float maximum = tokenLevel->normBased ? 0.0f : 1.0f;
    for (const auto& layer : pooled->maps) {
        for (const Matrix& map : layer) {
            if (map.size() > 0) {
                maximum = std::max(maximum, largestValue(map));
            }
        }
    }
    pooled->sharedMaximum = std::max(maximum, 1e-6f);
    return pooled;
}

}  // namespace

std::shared_ptr<const AttentionSnapshot> pooledSnapshot(
    std::shared_ptr<const AttentionSnapshot> tokenLevel, UnitLevel level) {
    if (!tokenLevel || tokenLevel->pooled()) {
        return tokenLevel;
    }
    const std::optional<TokenUnits> units = unitsOf(*tokenLevel, level);
    if (!units) {
        return tokenLevel;
    }
    return pooledCopy(std::move(tokenLevel), level, *units);
}

namespace {

// What the model run hands over while it runs, for a snapshot whose maps are made on demand:
// each head's sink share, and the thumbnails of the maps as shown (sink hidden, units pooled)
// with their largest weight. Heads of one layer arrive at once from the pass's threads.
class ThumbnailCollector {
  public:
    ThumbnailCollector(int layers, int heads, bool mean, bool hideSink,
                       const std::optional<TokenUnits>& units)
        : heads_(heads),
          mean_(mean),
          hideSink_(hideSink),
          units_(units),
          sinkShare(std::size_t(layers), std::vector<double>(std::size_t(heads), 0.0)),
          thumbnails(std::size_t(layers),
                     std::vector<Matrix>(std::size_t(heads + (mean ? 1 : 0)))) {}

    void add(int layer, int head, const Matrix& map) {
        const double share = atlas::sinkShare(map);
        const bool finite =
            std::isfinite(Eigen::Map<const Eigen::VectorXf>(map.data(), map.size()).sum());
        const Matrix shown = hideSink_ ? withoutAttentionSink(map) : Matrix();
        const Matrix& tokens = hideSink_ ? shown : map;
        Matrix thumbnail;
        float largest = 0;
        if (units_) {
            const Matrix pooled = unitAttention(tokens, *units_);
            thumbnail = maxPooled(pooled, kThumbnailEdge);
            largest = pooled.maxCoeff();
        } else {
            thumbnail = maxPooled(tokens, kThumbnailEdge);
            largest = tokens.maxCoeff();
        }
        const std::lock_guard lock(mutex_);
        allFinite = allFinite && finite;
        sinkShare[std::size_t(layer)][std::size_t(head)] = share;
        thumbnails[std::size_t(layer)][std::size_t(head)] = std::move(thumbnail);
        maximum = std::max(maximum, largest);
        if (!mean_) {
            return;
        }
        // The layers come in order, so one sum at a time.
        if (sum_.size() == 0) {
            sum_ = tokens;
        } else {
            sum_ += tokens;
        }
        if (++added_ == heads_) {
            const Matrix mean = sum_ / static_cast<float>(heads_);
            thumbnails[std::size_t(layer)][std::size_t(heads_)] =
                maxPooled(units_ ? unitAttention(mean, *units_) : mean, kThumbnailEdge);
            sum_ = Matrix();
            added_ = 0;
        }
    }

  private:
    int heads_;
    bool mean_;
    bool hideSink_;
    const std::optional<TokenUnits>& units_;
    std::mutex mutex_;
    Matrix sum_;
    int added_ = 0;

  public:
    std::vector<std::vector<double>> sinkShare;
    std::vector<std::vector<Matrix>> thumbnails;  // [L][H (+ mean)]
    float maximum = 0;
    bool allFinite = true;
};

// A long text's snapshot: the model run keeps its queries and keys instead of its maps.
std::shared_ptr<const AttentionSnapshot> onDemandSnapshot(const Model& model, const QString& text,
                                                          const EncodedText& encoded,
                                                          const SnapshotOptions& options) {
    const ModelConfig& config = model.config();
    const int layers = config.n_layer;
    const int heads = config.n_head;
    auto snapshot = std::make_shared<AttentionSnapshot>();
    snapshot->modelName = QString::fromStdString(model.name());
    snapshot->causal = config.causal();
    snapshot->modelType = QString::fromStdString(
        config.architecture == Architecture::Bert ? "bert" : config.modelType());
    snapshot->text = text;
    snapshot->tokens = encoded.tokens;
    snapshot->truncated = encoded.truncated;
    snapshot->fullTokenCount = int(encoded.full_token_count);
    const QByteArray textBytes = text.toUtf8();
    for (const Token& token : encoded.tokens) {
        snapshot->tokenLabels << tokenLabel(token, textBytes);
    }
    const std::optional<TokenUnits> units = unitsOf(*snapshot, options.units);

    ThumbnailCollector collected(layers, heads, options.mean, options.hideSink, units);
    ForwardOptions forwardOptions;
    forwardOptions.ablated_heads = options.ablatedHeads;
    AttentionCapture capture;
    capture.keep_attention = false;
    capture.capture_queries_keys = true;
    capture.on_attention = [&collected](int layer, int head, const Matrix& map) {
        collected.add(layer, head, map);
    };
    std::vector<int> ids;
    for (const Token& token : encoded.tokens) {
        ids.push_back(token.id);
    }
    Forward forward = forwardCapturing(config, model.weights(), ids, forwardOptions, capture);
    bool finite = collected.allFinite;
    for (PositionPredictions& prediction : forward.predictions) {
        for (TopToken& top : prediction.top) {
            finite = finite && std::isfinite(top.probability);
            top.text = tokenDisplayText(model, top.id);
        }
    }
    if (!finite) {
        // As Model::forward says it: finite weights can still overflow on the way.
        throw AtlasError(model.name() +
                         ": the forward pass produced NaN or Inf (are some weights in "
                         "model.safetensors far too large?)");
    }
    snapshot->predictions = std::move(forward.predictions);
    snapshot->sinkShare = collected.sinkShare;
    snapshot->sinkHidden = options.hideSink;
    snapshot->ablatedHeads = options.ablatedHeads;
    snapshot->kvHeads = config.kvHeads();
    for (int h = 0; h < heads; ++h) {
        snapshot->columns.push_back({ColumnKind::Head, h});
    }
    if (options.mean) {
        snapshot->columns.push_back({ColumnKind::LayerMean, -1});
    }
    snapshot->rolloutLeftOut = options.rollout;
    snapshot->maps.assign(std::size_t(layers),
                          std::vector<Matrix>(std::size_t(snapshot->columnCount())));
    snapshot->onDemand = std::make_shared<const OnDemandMaps>(
        config, std::move(capture.queries_keys), std::nullopt, options.hideSink);
    snapshot->madeMaps = std::make_shared<MadeMaps>();
    if (!units) {
        snapshot->thumbnails = std::move(collected.thumbnails);
        snapshot->sharedMaximum = std::max(1.0f, collected.maximum);
        return snapshot;
    }
    auto pooled = pooledCopy(snapshot, options.units, *units);
    pooled->thumbnails = std::move(collected.thumbnails);
    pooled->sharedMaximum = std::max(1.0f, collected.maximum);
    return pooled;
}

}  // namespace

std::shared_ptr<const AttentionSnapshot> computeSnapshot(const Model& model, const QString& text,
                                                         const SnapshotOptions& options) {
    const QByteArray utf8 = text.toUtf8();
    const std::string_view textView(utf8.constData(), std::size_t(utf8.size()));
    {
        const EncodedText encoded = model.encode(textView);
        const double tokens = double(encoded.tokens.size());
        const double mapBytes =
            double(model.config().n_layer) * model.config().n_head * tokens * tokens * 4.0;
        if (mapBytes > double(options.keptMapBytes)) {
            if (options.norm) {
                // Norm-based maps need every head's internals ([T, T] scores among them).
                throw AtlasError(
                    QCoreApplication::translate(
                        "atlas::ui::AttentionSnapshot",
                        "Norm-based maps of %1 tokens would need more than %2 GB with this model; "
                        "switch them off or shorten the text.")
                        .arg(encoded.tokens.size())
                        .arg(QString::number(mapBytes / 1e9, 'f', 1))
                        .toStdString());
            }
            return onDemandSnapshot(model, text, encoded, options);
        }
    }
    RunOptions runOptions;
    runOptions.forward.capture_internals = options.norm;
    runOptions.forward.ablated_heads = options.ablatedHeads;
    RunResult result = model.run(textView, runOptions);
    const QString name = QString::fromStdString(model.name());
    std::vector<std::vector<Matrix>> norms;
    if (options.norm) {
        // From the maps as shown, as `run --aggregate norm` computes them.
        Forward shown = result.forward;
        if (options.hideSink) {
            dropAttentionSink(shown);
        }
        norms = normAttention(model.config(), model.weights(), shown);
    }
    auto snapshot = std::make_shared<AttentionSnapshot>(makeSnapshot(
        name, model.config().causal(), text, result.encoded, std::move(result.forward), options));
    snapshot->ablatedHeads = options.ablatedHeads;
    snapshot->kvHeads = model.config().kvHeads();
    snapshot->modelType = QString::fromStdString(
        model.config().architecture == Architecture::Bert ? "bert" : model.config().modelType());
    if (options.norm) {
        applyNormMaps(*snapshot, norms);
    }
    return pooledSnapshot(std::move(snapshot), options.units);
}

}  // namespace atlas::ui
