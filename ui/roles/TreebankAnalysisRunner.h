// Runs the head-role analysis of a CoNLL-U file off the GUI thread, for a model the user opened:
// progress while it runs, cancel at any sentence, the table (or the error) back on the GUI thread.
#pragma once

#include <memory>

#include <QObject>
#include <QString>

#include "analysis/HeadRoles.h"
#include "common/BackgroundJob.h"
#include "model/Model.h"

namespace atlas::ui {

class TreebankAnalysisRunner : public QObject {
    Q_OBJECT
  public:
    explicit TreebankAnalysisRunner(QObject* parent = nullptr);

    // Reads and analyses `conlluPath` with `model`. Refused (returns false) while one runs.
    bool start(std::shared_ptr<const Model> model, const QString& conlluPath);
    // The analysis stops before its next sentence; cancelled() is reported at once.
    void cancel();
    bool busy() const { return job_.busy(); }
    // The model the running (or last) analysis uses, so a caller can tell whether it still
    // matches the model on screen.
    const Model* model() const { return model_.get(); }

  signals:
    void progressChanged(int sentencesDone, int sentencesInAll);
    void finished(std::shared_ptr<const atlas::HeadRoleTable> table, const QString& conlluPath);
    void failed(const QString& message, const QString& conlluPath);
    void cancelled(const QString& conlluPath);

  private:
    std::shared_ptr<const Model> model_;
    QString path_;
    BackgroundJob<std::shared_ptr<const HeadRoleTable>> job_;
};

}  // namespace atlas::ui
