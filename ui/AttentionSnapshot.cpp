// Building the views' snapshot from a model run: the core computes, this only arranges.
#include "AttentionSnapshot.h"

#include <algorithm>

#include <QCoreApplication>

#include "analysis/Aggregates.h"
#include "analysis/AttentionSink.h"
#include "common/ColorMaps.h"

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

std::shared_ptr<const AttentionSnapshot> pooledSnapshot(
    std::shared_ptr<const AttentionSnapshot> tokenLevel, UnitLevel level) {
    if (!tokenLevel || level == UnitLevel::Tokens || tokenLevel->pooled()) {
        return tokenLevel;
    }
    const QByteArray bytes = tokenLevel->text.toUtf8();
    const std::string_view text(bytes.constData(), std::size_t(bytes.size()));
    const TokenUnits units = tokenUnits(tokenLevel->tokens, text, level);
    if (units.oneTokenEach()) {
        return tokenLevel;
    }
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
    for (auto& layer : pooled->maps) {
        for (Matrix& map : layer) {
            map = unitAttention(map, units);
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

std::shared_ptr<const AttentionSnapshot> computeSnapshot(const Model& model, const QString& text,
                                                         const SnapshotOptions& options) {
    RunOptions runOptions;
    runOptions.forward.capture_internals = options.norm;
    runOptions.forward.ablated_heads = options.ablatedHeads;
    const QByteArray utf8 = text.toUtf8();
    RunResult result =
        model.run(std::string_view(utf8.constData(), std::size_t(utf8.size())), runOptions);
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
