// Head-by-head differences A - B of two runs with the same token count: two sentences, two
// training snapshots of a model, or a model with and without switched-off heads.
//
// Letters: L layers, H heads, T tokens.
#pragma once

#include <memory>
#include <vector>

#include <QObject>
#include <QString>
#include <QStringList>

#include "AttentionSnapshot.h"
#include "common/BackgroundJob.h"
#include "model/Matrix.h"
#include "model/Model.h"

namespace atlas::ui {

struct DifferenceMaps {
    QString titleA;                         // "ablated", "this sentence", "step-000480"
    QString titleB;                         // "original", "the other sentence", ...
    QStringList tokenLabelsA;               // [T]
    QStringList tokenLabelsB;               // [T]
    std::vector<std::vector<Matrix>> maps;  // [L][H] -> [T, T], A - B
    float maxMagnitude = 0;                 // the largest |A - B| of all maps
    std::vector<PositionPredictions> predictionsA;
    std::vector<PositionPredictions> predictionsB;
    bool causal = true;

    int layerCount() const { return int(maps.size()); }
    int headCount() const { return maps.empty() ? 0 : int(maps[0].size()); }
    int tokenCount() const { return int(tokenLabelsA.size()); }
};

// The head maps of `a` minus those of `b`. Throws AtlasError when the two differ in layers,
// heads or tokens (a difference of maps needs cells that mean the same position).
DifferenceMaps differenceOf(const AttentionSnapshot& a, const AttentionSnapshot& b,
                            const QString& titleA, const QString& titleB);

// What to run for A and for B.
struct DifferenceRequest {
    std::shared_ptr<const Model> modelA;
    std::shared_ptr<const Model> modelB;  // the same model for sentences and ablation
    QString folderA;  // if set, A's model is loaded from this folder (a training snapshot)
    QString folderB;
    QString textA;
    QString textB;
    SnapshotOptions optionsA;  // mean / rollout are not needed; ablation and norm are
    SnapshotOptions optionsB;
    QString titleA;
    QString titleB;

    // A and B start as the same model on the same sentence; the caller sets what differs.
    static DifferenceRequest ofOneRun(std::shared_ptr<const Model> model, const QString& text) {
        return {model, model, {}, {}, text, text, {}, {}, {}, {}};
    }
};

// Runs both and subtracts; throws AtlasError on bad input or unequal token counts.
std::shared_ptr<const DifferenceMaps> computeDifference(const DifferenceRequest& request);

// Computes differences off the GUI thread; the newest request wins, older results are dropped.
class DifferenceWorker : public QObject {
    Q_OBJECT
  public:
    explicit DifferenceWorker(QObject* parent = nullptr);

    void request(DifferenceRequest request);
    void cancel();  // drops the running and the waiting request
    bool busy() const { return job_.busy(); }

  signals:
    void ready(std::shared_ptr<const atlas::ui::DifferenceMaps> difference);
    void failed(const QString& message);

  private:
    BackgroundJob<std::shared_ptr<const DifferenceMaps>> job_;
};

}  // namespace atlas::ui
