// Attention flow off the GUI thread: a max-flow per layer and token pair is slow for long
// sentences (about T^4), so it runs apart from the sentence's snapshot, reports progress and is
// cancelled when the sentence changes; typing never waits for it.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include <QObject>

#include "AttentionSnapshot.h"
#include "common/BackgroundJob.h"
#include "model/Model.h"

namespace atlas::ui {

// A copy of `snapshot` with a Flow column (one map per layer) after the others.
std::shared_ptr<const AttentionSnapshot> withFlowColumn(const AttentionSnapshot& snapshot,
                                                        const std::vector<Matrix>& flow);

class FlowWorker : public QObject {
    Q_OBJECT
  public:
    explicit FlowWorker(QObject* parent = nullptr);

    // Computes the flow of `snapshot`'s raw attention (rerunning `model` with `ablatedHeads`
    // when the snapshot's head maps are norm-based). Cancels a running request.
    void request(std::shared_ptr<const Model> model,
                 std::shared_ptr<const AttentionSnapshot> snapshot,
                 std::vector<HeadIndex> ablatedHeads);
    void cancel();
    bool busy() const { return job_.busy(); }

  signals:
    void progressed(double fraction);  // 0 .. 1
    // The snapshot it was asked for, and a copy of it with the Flow column.
    void flowReady(std::shared_ptr<const atlas::ui::AttentionSnapshot> base,
                   std::shared_ptr<const atlas::ui::AttentionSnapshot> withFlow);
    void failed(const QString& message);

  private:
    using Snapshots = std::pair<std::shared_ptr<const AttentionSnapshot>,   // asked for
                                std::shared_ptr<const AttentionSnapshot>>;  // with the flow
    BackgroundJob<Snapshots> job_;
};

}  // namespace atlas::ui
