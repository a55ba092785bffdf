// The treebank profiles as a background job: its progress is the sentences done, its stop the
// cancel; what it measured is kept for the model and the file as it was on disk.
#include "head/TreebankDistanceRunner.h"

#include <filesystem>

#include <QFileInfo>

#include "analysis/Conllu.h"
#include "analysis/TreebankAnalysis.h"

namespace atlas::ui {

namespace {
// Profiles of a few (model, treebank) pairs: each is 2 T_max - 1 numbers per head, small.
constexpr std::size_t kKeptResults = 4;
}  // namespace

QString TreebankDistance::fileName() const {
    return QFileInfo(path).fileName();
}

TreebankDistanceRunner::TreebankDistanceRunner(QObject* parent) : QObject(parent) {
    job_.onResult([this](std::shared_ptr<const TreebankDistance> result) {
        running_ = false;
        const QFileInfo file(result->path);
        kept_.push_back(
            {model_, file.absoluteFilePath(), file.lastModified(), file.size(), result});
        if (kept_.size() > kKeptResults) {
            kept_.erase(kept_.begin());
        }
        emit finished(std::move(result));
    });
    job_.onError([this](const QString& message) {
        running_ = false;
        emit failed(message, path_);
    });
    job_.onProgress(
        [this](qint64 done, qint64 total) { emit progressChanged(int(done), int(total)); });
}

std::shared_ptr<const TreebankDistance> TreebankDistanceRunner::measured(
    const std::shared_ptr<const Model>& model, const QString& conlluPath) const {
    const QFileInfo file(conlluPath);
    for (const Kept& kept : kept_) {
        if (kept.model.lock() == model && kept.path == file.absoluteFilePath() &&
            kept.modified == file.lastModified() && kept.size == file.size()) {
            return kept.result;
        }
    }
    return nullptr;
}

void TreebankDistanceRunner::start(std::shared_ptr<const Model> model, const QString& conlluPath) {
    if (!model) {
        return;
    }
    model_ = std::move(model);
    path_ = conlluPath;
    running_ = true;
    job_.start([model = model_, path = conlluPath](const JobControl& job) {
        const std::vector<ConlluSentence> sentences =
            readConllu(std::filesystem::path(path.toStdString()));
        TreebankAnalysisOptions options;
        options.progress = [&job](int done, int total) { job.reportProgress(done, total); };
        options.cancelled = [&job]() { return job.stopRequested(); };
        auto result = std::make_shared<TreebankDistance>();
        result->model = model;
        result->path = path;
        try {
            result->profiles = treebankDistanceProfiles(*model, sentences, options);
        } catch (const AnalysisCancelled&) {
            throw JobStopped{};
        }
        return std::shared_ptr<const TreebankDistance>(std::move(result));
    });
}

void TreebankDistanceRunner::cancel() {
    if (running_) {
        running_ = false;
        job_.cancel();
        emit cancelled(path_);
    }
}

}  // namespace atlas::ui
