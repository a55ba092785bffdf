// Runs the head-role analysis of a CoNLL-U file off the GUI thread, for a model the user opened:
// progress while it runs, cancel at any sentence, the table (or the error) back on the GUI thread.
#pragma once

#include <atomic>
#include <memory>

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>

#include "analysis/HeadRoles.h"
#include "model/Model.h"

namespace atlas::ui {

class TreebankAnalysisRunner : public QObject {
    Q_OBJECT
  public:
    explicit TreebankAnalysisRunner(QObject* parent = nullptr);
    ~TreebankAnalysisRunner() override;  // cancels and waits for a running analysis

    // Reads and analyses `conlluPath` with `model`. Refused (returns false) while one runs.
    bool start(std::shared_ptr<const Model> model, const QString& conlluPath);
    void cancel();  // the analysis stops before its next sentence and reports cancelled()
    bool busy() const { return watcher_.isRunning(); }
    // The model the running (or last) analysis uses, so a caller can tell whether it still
    // matches the model on screen.
    const Model* model() const { return model_.get(); }

  signals:
    void progressChanged(int sentencesDone, int sentencesInAll);
    void finished(std::shared_ptr<const atlas::HeadRoleTable> table, const QString& conlluPath);
    void failed(const QString& message, const QString& conlluPath);
    void cancelled(const QString& conlluPath);

  private:
    struct Outcome {
        std::shared_ptr<const HeadRoleTable> table;
        QString error;
        bool cancelled = false;
    };
    struct Progress {
        std::atomic<int> done{0};
        std::atomic<int> total{0};
        std::atomic<bool> stop{false};
    };
    void reportProgress();
    void onFinished();

    std::shared_ptr<const Model> model_;
    QString path_;
    std::shared_ptr<Progress> progress_;
    QFutureWatcher<Outcome> watcher_;
    QTimer progressTimer_;  // polls the worker's counters: no signal per sentence crosses threads
    int lastReported_ = -1;
};

}  // namespace atlas::ui
