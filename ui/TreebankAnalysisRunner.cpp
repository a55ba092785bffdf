// The analysis runs with QtConcurrent; counters shared with the worker carry progress and cancel.
#include "TreebankAnalysisRunner.h"

#include <QtConcurrent/QtConcurrentRun>

#include "Error.h"
#include "analysis/Conllu.h"
#include "analysis/TreebankAnalysis.h"

namespace atlas::ui {

TreebankAnalysisRunner::TreebankAnalysisRunner(QObject* parent) : QObject(parent) {
    progressTimer_.setInterval(100);
    connect(&progressTimer_, &QTimer::timeout, this, &TreebankAnalysisRunner::reportProgress);
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this,
            &TreebankAnalysisRunner::onFinished);
}

TreebankAnalysisRunner::~TreebankAnalysisRunner() {
    cancel();
    watcher_.waitForFinished();
}

bool TreebankAnalysisRunner::start(std::shared_ptr<const Model> model, const QString& conlluPath) {
    if (busy() || !model) {
        return false;
    }
    model_ = std::move(model);
    path_ = conlluPath;
    progress_ = std::make_shared<Progress>();
    lastReported_ = -1;
    const std::shared_ptr<const Model> runModel = model_;
    const std::shared_ptr<Progress> progress = progress_;
    const std::filesystem::path path = conlluPath.toStdString();
    watcher_.setFuture(QtConcurrent::run([runModel, progress, path]() {
        Outcome outcome;
        try {
            const std::vector<ConlluSentence> sentences = readConllu(path);
            progress->total = int(sentences.size());
            TreebankAnalysisOptions options;
            options.progress = [progress](int done, int total) {
                progress->done = done;
                progress->total = total;
            };
            options.cancelled = [progress]() { return progress->stop.load(); };
            auto table =
                std::make_shared<HeadRoleTable>(analyzeTreebank(*runModel, sentences, options));
            table->treebank = path.filename().string();
            outcome.table = std::move(table);
        } catch (const AnalysisCancelled&) {
            outcome.cancelled = true;
        } catch (const std::exception& error) {
            outcome.error = QString::fromUtf8(error.what());
        }
        return outcome;
    }));
    progressTimer_.start();
    return true;
}

void TreebankAnalysisRunner::cancel() {
    if (progress_) {
        progress_->stop = true;
    }
}

void TreebankAnalysisRunner::reportProgress() {
    if (!progress_) {
        return;
    }
    const int done = progress_->done;
    if (done != lastReported_ && progress_->total > 0) {
        lastReported_ = done;
        emit progressChanged(done, progress_->total);
    }
}

void TreebankAnalysisRunner::onFinished() {
    progressTimer_.stop();
    reportProgress();
    const Outcome outcome = watcher_.result();
    if (outcome.cancelled) {
        emit cancelled(path_);
    } else if (outcome.table) {
        emit finished(outcome.table, path_);
    } else {
        emit failed(outcome.error, path_);
    }
}

}  // namespace atlas::ui
