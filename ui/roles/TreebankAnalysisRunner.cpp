// The analysis as a background job: its progress is the sentences done, its stop the cancel.
#include "roles/TreebankAnalysisRunner.h"

#include <filesystem>

#include "analysis/Conllu.h"
#include "analysis/TreebankAnalysis.h"

namespace atlas::ui {

TreebankAnalysisRunner::TreebankAnalysisRunner(QObject* parent) : QObject(parent) {
    job_.onResult([this](std::shared_ptr<const HeadRoleTable> table) {
        emit finished(std::move(table), path_);
    });
    job_.onError([this](const QString& message) { emit failed(message, path_); });
    job_.onProgress(
        [this](qint64 done, qint64 total) { emit progressChanged(int(done), int(total)); });
}

bool TreebankAnalysisRunner::start(std::shared_ptr<const Model> model, const QString& conlluPath) {
    if (busy() || !model) {
        return false;
    }
    model_ = std::move(model);
    path_ = conlluPath;
    job_.start([model = model_,
                path = std::filesystem::path(conlluPath.toStdString())](const JobControl& job) {
        const std::vector<ConlluSentence> sentences = readConllu(path);
        TreebankAnalysisOptions options;
        options.progress = [&job](int done, int total) { job.reportProgress(done, total); };
        options.cancelled = [&job]() { return job.stopRequested(); };
        try {
            auto table =
                std::make_shared<HeadRoleTable>(analyzeTreebank(*model, sentences, options));
            table->treebank = path.filename().string();
            return std::shared_ptr<const HeadRoleTable>(std::move(table));
        } catch (const AnalysisCancelled&) {
            throw JobStopped{};
        }
    });
    return true;
}

void TreebankAnalysisRunner::cancel() {
    if (busy()) {
        job_.cancel();
        emit cancelled(path_);
    }
}

}  // namespace atlas::ui
