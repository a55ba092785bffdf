// The flow column in the background, with progress and cancellation.
#include "modes/FlowWorker.h"

#include "Error.h"
#include "analysis/Aggregates.h"

namespace atlas::ui {

std::shared_ptr<const AttentionSnapshot> withFlowColumn(const AttentionSnapshot& snapshot,
                                                        const std::vector<Matrix>& flow) {
    auto copy = std::make_shared<AttentionSnapshot>(snapshot);
    if (int(flow.size()) != copy->layerCount()) {
        return copy;
    }
    copy->columns.push_back({ColumnKind::Flow, -1});
    for (int l = 0; l < copy->layerCount(); ++l) {
        copy->maps[l].push_back(flow[l]);
    }
    return copy;
}

FlowWorker::FlowWorker(QObject* parent) : QObject(parent) {
    job_.onResult(
        [this](Snapshots snapshots) { emit flowReady(snapshots.first, snapshots.second); });
    job_.onError([this](const QString& message) { emit failed(message); });
    job_.onProgress(
        [this](qint64 done, qint64 total) { emit progressed(double(done) / double(total)); });
}

void FlowWorker::request(std::shared_ptr<const Model> model,
                         std::shared_ptr<const AttentionSnapshot> snapshot,
                         std::vector<HeadIndex> ablatedHeads) {
    // A running request stops at its next step; this one starts when it returns.
    job_.start([model, snapshot, ablatedHeads](const JobControl& control) {
        if (snapshot->mapsOnDemand()) {
            // Flow reads every map at once (and grows as T^4): a text long enough for its maps
            // to be made on demand is far beyond it.
            throw AtlasError(
                tr("Attention flow needs every map at once; this text of %1 tokens is too long "
                   "for it.")
                    .arg(snapshot->tokenLevel().tokenCount())
                    .toStdString());
        }
        Forward forward;
        if (snapshot->normBased) {
            RunOptions options;
            options.forward.ablated_heads = ablatedHeads;
            const QByteArray utf8 = snapshot->text.toUtf8();
            forward =
                model->run(std::string_view(utf8.constData(), std::size_t(utf8.size())), options)
                    .forward;
        } else {
            // Flow runs over the model's tokens; a characters or words view pools it after.
            const AttentionSnapshot& tokens = snapshot->tokenLevel();
            forward.attention.resize(tokens.layerCount());
            for (int l = 0; l < tokens.layerCount(); ++l) {
                for (int c = 0; c < tokens.columnCount(); ++c) {
                    if (tokens.columns[c].kind == ColumnKind::Head) {
                        forward.attention[l].push_back(tokens.map(l, c));
                    }
                }
            }
        }
        auto flow = attentionFlow(
            forward, [&control](double fraction) { control.reportFraction(fraction); },
            control.stopFlag());
        if (flow.empty() || control.stopRequested()) {
            throw JobStopped{};
        }
        for (Matrix& map : flow) {
            map = snapshot->toUnits(map);
        }
        return Snapshots{snapshot, withFlowColumn(*snapshot, flow)};
    });
}

void FlowWorker::cancel() {
    job_.cancel();
}

}  // namespace atlas::ui
