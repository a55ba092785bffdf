// Building the views' snapshot from a model run: the core computes, this only arranges.
#include "AttentionSnapshot.h"

#include <algorithm>

#include <QCoreApplication>

#include "ColorMaps.h"
#include "analysis/Aggregates.h"

namespace atlas::ui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("atlas::ui::AttentionSnapshot", text);
}

}  // namespace

QString columnTitle(const GridColumn& column) {
    switch (column.kind) {
        case ColumnKind::Head:
            return tr("Head %1").arg(column.head);
        case ColumnKind::LayerMean:
            return tr("Mean");
        case ColumnKind::Rollout:
            return tr("Rollout");
        case ColumnKind::Flow:
            return tr("Flow");
    }
    return {};
}

QString columnShortTitle(const GridColumn& column) {
    switch (column.kind) {
        case ColumnKind::Head:
            return tr("H%1").arg(column.head);
        case ColumnKind::LayerMean:
            return tr("mean");
        case ColumnKind::Rollout:
            return tr("rollout");
        case ColumnKind::Flow:
            return tr("flow");
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
        return tr("Layers 0–%1 · %2").arg(layer).arg(columnTitle(c));
    }
    return tr("Layer %1 · %2").arg(layer).arg(columnTitle(c));
}

QString tokenCountText(int count) {
    return count == 1 ? tr("1 token") : tr("%1 tokens").arg(count);
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

AttentionSnapshot makeSnapshot(const QString& modelName, bool causal, const QString& text,
                               const EncodedText& encoded, const Forward& forward,
                               const SnapshotOptions& options) {
    AttentionSnapshot snapshot;
    snapshot.modelName = modelName;
    snapshot.causal = causal;
    snapshot.modelType = causal ? QStringLiteral("gpt2") : QStringLiteral("bert");
    snapshot.predictions = forward.predictions;
    snapshot.text = text;
    snapshot.tokens = encoded.tokens;
    snapshot.truncated = encoded.truncated;
    snapshot.fullTokenCount = int(encoded.full_token_count);
    for (const Token& token : encoded.tokens) {
        snapshot.tokenLabels << tokenLabel(token);
    }
    const int layers = forward.layerCount();
    const int heads = forward.headCount();
    for (int h = 0; h < heads; ++h) {
        snapshot.columns.push_back({ColumnKind::Head, h});
    }
    snapshot.maps.resize(layers);
    for (int l = 0; l < layers; ++l) {
        snapshot.maps[l] = forward.attention[l];
    }
    auto appendColumn = [&](ColumnKind kind, const std::vector<Matrix>& perLayer) {
        if (int(perLayer.size()) != layers) {
            return;
        }
        snapshot.columns.push_back({kind, -1});
        for (int l = 0; l < layers; ++l) {
            snapshot.maps[l].push_back(perLayer[l]);
        }
    };
    if (layers > 0 && heads > 0) {
        if (options.mean) {
            appendColumn(ColumnKind::LayerMean, meanOverHeads(forward));
        }
        if (options.rollout) {
            appendColumn(ColumnKind::Rollout, attentionRollout(forward));
        }
        if (options.flow) {
            appendColumn(ColumnKind::Flow, attentionFlow(forward));
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

std::shared_ptr<const AttentionSnapshot> computeSnapshot(const Model& model, const QString& text,
                                                         const SnapshotOptions& options) {
    RunOptions runOptions;
    runOptions.forward.capture_internals = options.norm;
    const QByteArray utf8 = text.toUtf8();
    RunResult result =
        model.run(std::string_view(utf8.constData(), std::size_t(utf8.size())), runOptions);
    const QString name = QString::fromStdString(model.name());
    auto snapshot = std::make_shared<AttentionSnapshot>(
        makeSnapshot(name, model.config().causal(), text, result.encoded, result.forward, options));
    if (options.norm) {
        const auto norms = normAttention(model.config(), model.weights(), result.forward);
        for (int l = 0; l < snapshot->layerCount() && l < int(norms.size()); ++l) {
            for (int h = 0; h < int(norms[l].size()) && h < snapshot->columnCount(); ++h) {
                snapshot->maps[l][h] = norms[l][h];
            }
        }
        snapshot->normBased = true;
        float maximum = 0.0f;
        for (const auto& layer : snapshot->maps) {
            for (const Matrix& map : layer) {
                maximum = std::max(maximum, largestValue(map));
            }
        }
        snapshot->sharedMaximum = std::max(maximum, 1e-6f);
    }
    return snapshot;
}

}  // namespace atlas::ui
