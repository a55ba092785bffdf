// Every head's distance profile over a CoNLL-U treebank, measured off the GUI thread for the
// Distance tab: progress while it runs, cancel at any sentence, the profiles (or the error) back
// on the GUI thread. Each (model, treebank file) is measured once and kept, so going back to a
// treebank already measured, or switching the focused head, costs nothing.
#pragma once

#include <memory>
#include <vector>

#include <QDateTime>
#include <QObject>
#include <QString>

#include "analysis/TreebankDistance.h"
#include "common/BackgroundJob.h"
#include "model/Model.h"

namespace atlas::ui {

// The profiles of one model over one treebank file.
struct TreebankDistance {
    std::weak_ptr<const Model> model;  // the model they were measured with
    QString path;                      // the file as the user chose it
    TreebankDistanceProfiles profiles;

    QString fileName() const;
};

class TreebankDistanceRunner : public QObject {
    Q_OBJECT
  public:
    explicit TreebankDistanceRunner(QObject* parent = nullptr);

    // The profiles of `model` over `conlluPath` when they were measured already (and the file
    // has not changed since), else null.
    std::shared_ptr<const TreebankDistance> measured(const std::shared_ptr<const Model>& model,
                                                     const QString& conlluPath) const;
    // Reads the file and measures every head in the background; work already running is
    // replaced. finished() or failed() follow, or nothing after cancel().
    void start(std::shared_ptr<const Model> model, const QString& conlluPath);
    // The measuring stops before its next sentence; cancelled() is reported at once.
    void cancel();
    bool busy() const { return job_.busy(); }
    QString path() const { return path_; }  // of the running (or last) run
    // True while `model` is measured over `conlluPath`.
    bool measuring(const std::shared_ptr<const Model>& model, const QString& conlluPath) const {
        return running_ && model_ == model && path_ == conlluPath;
    }

  signals:
    void progressChanged(int sentencesDone, int sentencesInAll);
    void finished(std::shared_ptr<const atlas::ui::TreebankDistance> result);
    void failed(const QString& message, const QString& conlluPath);
    void cancelled(const QString& conlluPath);

  private:
    struct Kept {
        std::weak_ptr<const Model> model;
        QString path;  // absolute
        QDateTime modified;
        qint64 size = 0;
        std::shared_ptr<const TreebankDistance> result;
    };
    std::shared_ptr<const Model> model_;
    QString path_;
    bool running_ = false;
    std::vector<Kept> kept_;  // the newest last, a few at most
    BackgroundJob<std::shared_ptr<const TreebankDistance>> job_;
};

}  // namespace atlas::ui
