// Runs the model off the GUI thread: one computation at a time, newest request wins, results of
// requests that were overtaken while running are dropped (a generation counter tells them apart).
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include <QFutureWatcher>
#include <QObject>
#include <QString>

#include "AttentionSnapshot.h"
#include "model/Model.h"

namespace atlas::ui {

class AttentionWorker : public QObject {
    Q_OBJECT
  public:
    // Text -> snapshot, called on a pool thread; throws AtlasError (or any std::exception) on
    // bad input.
    using Compute = std::function<std::shared_ptr<const AttentionSnapshot>(const QString& text)>;

    explicit AttentionWorker(QObject* parent = nullptr);
    ~AttentionWorker() override;  // waits for a running computation

    // Runs `model` from now on (results for earlier requests are dropped).
    void setModel(std::shared_ptr<const Model> model, SnapshotOptions options = {});
    void setCompute(Compute compute);
    // Asks for the attention of `text` and returns the request's generation. A request still
    // waiting is replaced; one running finishes but its result is dropped.
    quint64 request(const QString& text);
    bool busy() const { return running_; }
    bool hasCompute() const { return bool(compute_); }
    quint64 latestGeneration() const { return generation_; }

  signals:
    void snapshotReady(std::shared_ptr<const atlas::ui::AttentionSnapshot> snapshot,
                       quint64 generation);
    void computeFailed(const QString& message, quint64 generation);

  private:
    struct Outcome {
        std::shared_ptr<const AttentionSnapshot> snapshot;
        QString error;
        quint64 generation = 0;
    };
    void startNext();
    void onFinished();

    Compute compute_;
    QFutureWatcher<Outcome> watcher_;
    quint64 generation_ = 0;
    bool running_ = false;
    std::optional<std::pair<QString, quint64>> pending_;
};

// Loads a model folder off the GUI thread; only the newest request's result is reported.
class ModelLoader : public QObject {
    Q_OBJECT
  public:
    explicit ModelLoader(QObject* parent = nullptr);
    ~ModelLoader() override;

    // `nameOrPath`: "gpt", "bert" or a folder, as resolveModelFolder reads it.
    void load(const QString& nameOrPath);
    bool busy() const { return watcher_.isRunning(); }

  signals:
    void modelLoaded(std::shared_ptr<const atlas::Model> model, const QString& nameOrPath);
    void loadFailed(const QString& message, const QString& nameOrPath);

  private:
    struct Outcome {
        std::shared_ptr<const Model> model;
        QString error;
        QString nameOrPath;
        quint64 generation = 0;
    };
    void onFinished();

    QFutureWatcher<Outcome> watcher_;
    quint64 generation_ = 0;
    std::optional<QString> pending_;
};

}  // namespace atlas::ui
