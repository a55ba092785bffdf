// The flow column in the background, with progress and cancellation.
#include "FlowWorker.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

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
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &FlowWorker::onFinished);
}

FlowWorker::~FlowWorker() {
    cancel();
    watcher_.waitForFinished();
}

void FlowWorker::request(std::shared_ptr<const Model> model,
                         std::shared_ptr<const AttentionSnapshot> snapshot,
                         std::vector<HeadIndex> ablatedHeads) {
    Job job{std::move(model), std::move(snapshot), std::move(ablatedHeads)};
    if (watcher_.isRunning()) {
        cancel_->store(true);  // it stops at its next step; this job starts when it returns
        pending_ = std::make_unique<Job>(std::move(job));
        return;
    }
    start(std::move(job));
}

void FlowWorker::cancel() {
    pending_.reset();
    if (cancel_) {
        cancel_->store(true);
    }
}

void FlowWorker::start(Job job) {
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    auto cancel = cancel_;
    QPointer<FlowWorker> self(this);
    watcher_.setFuture(QtConcurrent::run([job = std::move(job), cancel, self]() {
        Outcome outcome;
        outcome.base = job.snapshot;
        try {
            Forward forward;
            if (job.snapshot->normBased) {
                RunOptions options;
                options.forward.ablated_heads = job.ablatedHeads;
                const QByteArray utf8 = job.snapshot->text.toUtf8();
                forward =
                    job.model
                        ->run(std::string_view(utf8.constData(), std::size_t(utf8.size())), options)
                        .forward;
            } else {
                forward.attention.resize(job.snapshot->layerCount());
                for (int l = 0; l < job.snapshot->layerCount(); ++l) {
                    for (int c = 0; c < job.snapshot->columnCount(); ++c) {
                        if (job.snapshot->columns[c].kind == ColumnKind::Head) {
                            forward.attention[l].push_back(job.snapshot->maps[l][c]);
                        }
                    }
                }
            }
            int lastPercent = -1;
            const auto flow = attentionFlow(
                forward,
                [self, &lastPercent](double fraction) {
                    const int percent = int(fraction * 100);
                    if (percent == lastPercent) {
                        return;  // a queued call per percent, not per max-flow
                    }
                    lastPercent = percent;
                    QMetaObject::invokeMethod(
                        self,
                        [self, fraction]() {
                            if (self)
                                emit self->progressed(fraction);
                        },
                        Qt::QueuedConnection);
                },
                cancel.get());
            if (flow.empty() || cancel->load()) {
                outcome.cancelled = true;
            } else {
                outcome.withFlow = withFlowColumn(*job.snapshot, flow);
            }
        } catch (const std::exception& error) {
            outcome.error = QString::fromUtf8(error.what());
        }
        return outcome;
    }));
}

void FlowWorker::onFinished() {
    const Outcome outcome = watcher_.result();
    if (pending_) {
        Job job = std::move(*pending_);
        pending_.reset();
        start(std::move(job));
        return;
    }
    if (outcome.cancelled) {
        return;
    }
    if (!outcome.error.isEmpty()) {
        emit failed(outcome.error);
    } else if (outcome.withFlow) {
        emit flowReady(outcome.base, outcome.withFlow);
    }
}

}  // namespace atlas::ui
