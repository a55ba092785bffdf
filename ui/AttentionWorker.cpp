// The sentence's attention and the model's loading as background jobs.
#include "AttentionWorker.h"

#include <algorithm>
#include <utility>

#include "model/BuiltinModels.h"

namespace atlas::ui {

AttentionWorker::AttentionWorker(QObject* parent) : QObject(parent) {
    job_.onResult([this](std::shared_ptr<const AttentionSnapshot> snapshot) {
        emit snapshotReady(std::move(snapshot), generation_);
    });
    job_.onError([this](const QString& message) { emit computeFailed(message, generation_); });
}

void AttentionWorker::setModel(std::shared_ptr<const Model> model, SnapshotOptions options) {
    if (!model) {
        setCompute({});
        return;
    }
    setCompute(
        [model, options](const QString& text) { return computeSnapshot(*model, text, options); });
}

void AttentionWorker::setCompute(Compute compute) {
    compute_ = std::move(compute);
    ++generation_;
    job_.cancel();  // whatever runs or waits now belongs to the old model
}

quint64 AttentionWorker::request(const QString& text) {
    ++generation_;
    if (compute_) {
        job_.start([compute = compute_, text](const JobControl&) { return compute(text); });
    }
    return generation_;
}

ModelLoader::ModelLoader(QObject* parent) : QObject(parent) {
    loadFunction_ = [](const QString& nameOrPath, const LoadControl& control) {
        const auto folder = resolveModelFolder(nameOrPath.toStdString());
        return std::shared_ptr<const Model>(Model::load(folder, &control));
    };
    job_.onResult([this](std::shared_ptr<const Model> model) {
        const QString name = std::exchange(loading_, QString());
        if (model) {
            emit modelLoaded(std::move(model), name);
        } else {
            emit loadFailed(tr("The model could not be loaded."), name);
        }
    });
    job_.onError([this](const QString& message) {
        emit loadFailed(message, std::exchange(loading_, QString()));
    });
    job_.onProgress([this](qint64 done, qint64 total) {
        emit progressChanged(double(done) / double(total), loading_);
    });
}

void ModelLoader::setLoadFunction(LoadFunction function) {
    loadFunction_ = std::move(function);
}

void ModelLoader::load(const QString& nameOrPath) {
    loading_ = nameOrPath;
    // The newer request wins: the running load is asked to stop rather than waited for.
    job_.start([function = loadFunction_, nameOrPath](const JobControl& job) {
        LoadControl control;
        control.cancelled = [&job]() { return job.stopRequested(); };
        control.progress = [&job](std::size_t done, std::size_t total) {
            job.reportProgress(qint64(done), qint64(std::max<std::size_t>(total, 1)));
        };
        try {
            return function(nameOrPath, control);
        } catch (const LoadCancelled&) {
            throw JobStopped{};
        }
    });
}

void ModelLoader::cancel() {
    if (!busy()) {
        return;
    }
    job_.cancel();
    emit loadCancelled(std::exchange(loading_, QString()));
}

}  // namespace atlas::ui
