// Runs the model off the GUI thread: one computation at a time, newest request wins, results of
// requests that were overtaken while running are dropped (common/BackgroundJob.h).
#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QString>

#include "AttentionSnapshot.h"
#include "common/BackgroundJob.h"
#include "model/LoadControl.h"
#include "model/Model.h"

namespace atlas::ui {

class AttentionWorker : public QObject {
    Q_OBJECT
  public:
    // Text -> snapshot, called on a pool thread; throws AtlasError (or any std::exception) on
    // bad input.
    using Compute = std::function<std::shared_ptr<const AttentionSnapshot>(const QString& text)>;

    explicit AttentionWorker(QObject* parent = nullptr);

    // Runs `model` from now on (results for earlier requests are dropped).
    void setModel(std::shared_ptr<const Model> model, SnapshotOptions options = {});
    void setCompute(Compute compute);
    // Asks for the attention of `text` and returns the request's generation. A request still
    // waiting is replaced; one running finishes but its result is dropped.
    quint64 request(const QString& text);
    bool busy() const { return job_.busy(); }
    bool hasCompute() const { return bool(compute_); }

  signals:
    void snapshotReady(std::shared_ptr<const atlas::ui::AttentionSnapshot> snapshot,
                       quint64 generation);
    void computeFailed(const QString& message, quint64 generation);

  private:
    Compute compute_;
    quint64 generation_ = 0;  // of the newest request
    BackgroundJob<std::shared_ptr<const AttentionSnapshot>> job_;
};

// Loads a model folder off the GUI thread; only the newest request's result is reported. A load
// reports its progress (bytes of weights converted) and can be cancelled; a newer request
// cancels the one running.
class ModelLoader : public QObject {
    Q_OBJECT
  public:
    // Name or folder -> model, called on a pool thread; throws AtlasError (LoadCancelled when
    // `control` says so). The default resolves the name and calls Model::load.
    using LoadFunction = std::function<std::shared_ptr<const Model>(const QString& nameOrPath,
                                                                    const LoadControl& control)>;

    explicit ModelLoader(QObject* parent = nullptr);

    // `nameOrPath`: "gpt", "bert" or a folder, as resolveModelFolder reads it.
    void load(const QString& nameOrPath);
    // Stops the load in progress (and any waiting): nothing is loaded, loadCancelled is
    // emitted at once. Does nothing when idle.
    void cancel();
    bool busy() const { return job_.busy(); }
    void setLoadFunction(LoadFunction function);

  signals:
    void modelLoaded(std::shared_ptr<const atlas::Model> model, const QString& nameOrPath);
    void loadFailed(const QString& message, const QString& nameOrPath);
    void loadCancelled(const QString& nameOrPath);
    // `fraction` in [0, 1] of the weights converted; at most about a hundred per load.
    void progressChanged(double fraction, const QString& nameOrPath);

  private:
    LoadFunction loadFunction_;
    QString loading_;  // the name of the newest load, until it ends
    BackgroundJob<std::shared_ptr<const Model>> job_;
};

}  // namespace atlas::ui
