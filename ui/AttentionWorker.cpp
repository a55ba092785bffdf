// Background computation with QtConcurrent; every result comes back on the GUI thread.
#include "AttentionWorker.h"

#include <exception>

#include <QtConcurrent/QtConcurrentRun>

#include "Error.h"
#include "model/BuiltinModels.h"

namespace atlas::ui {

AttentionWorker::AttentionWorker(QObject* parent) : QObject(parent) {
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &AttentionWorker::onFinished);
}

AttentionWorker::~AttentionWorker() {
    watcher_.waitForFinished();
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
    ++generation_;  // whatever runs now belongs to the old model
    pending_.reset();
}

quint64 AttentionWorker::request(const QString& text) {
    ++generation_;
    pending_ = std::make_pair(text, generation_);
    if (!running_) {
        startNext();
    }
    return generation_;
}

void AttentionWorker::startNext() {
    if (!pending_ || !compute_) {
        return;
    }
    auto [text, generation] = *pending_;
    pending_.reset();
    running_ = true;
    Compute compute = compute_;
    watcher_.setFuture(QtConcurrent::run([compute, text, generation]() {
        Outcome outcome;
        outcome.generation = generation;
        try {
            outcome.snapshot = compute(text);
        } catch (const std::bad_alloc&) {
            outcome.error = AttentionWorker::tr("Out of memory while running the model.");
        } catch (const std::exception& error) {
            outcome.error = QString::fromUtf8(error.what());
        }
        return outcome;
    }));
}

void AttentionWorker::onFinished() {
    running_ = false;
    const Outcome outcome = watcher_.result();
    if (outcome.generation == generation_) {
        if (outcome.snapshot) {
            emit snapshotReady(outcome.snapshot, outcome.generation);
        } else {
            emit computeFailed(outcome.error, outcome.generation);
        }
    }
    startNext();  // a newer request that waited, if any
}

ModelLoader::ModelLoader(QObject* parent) : QObject(parent) {
    connect(&watcher_, &QFutureWatcher<Outcome>::finished, this, &ModelLoader::onFinished);
}

ModelLoader::~ModelLoader() {
    watcher_.waitForFinished();
}

void ModelLoader::load(const QString& nameOrPath) {
    ++generation_;
    if (watcher_.isRunning()) {
        pending_ = nameOrPath;
        return;
    }
    const quint64 generation = generation_;
    watcher_.setFuture(QtConcurrent::run([nameOrPath, generation]() {
        Outcome outcome;
        outcome.nameOrPath = nameOrPath;
        outcome.generation = generation;
        try {
            const auto folder = resolveModelFolder(nameOrPath.toStdString());
            outcome.model = Model::load(folder);
        } catch (const std::bad_alloc&) {
            outcome.error = ModelLoader::tr("Out of memory while loading the model.");
        } catch (const std::exception& error) {
            outcome.error = QString::fromUtf8(error.what());
        }
        return outcome;
    }));
}

void ModelLoader::onFinished() {
    const Outcome outcome = watcher_.result();
    if (outcome.generation == generation_) {
        if (outcome.model) {
            emit modelLoaded(outcome.model, outcome.nameOrPath);
        } else {
            emit loadFailed(outcome.error, outcome.nameOrPath);
        }
    }
    if (pending_) {
        const QString next = *pending_;
        pending_.reset();
        --generation_;  // load() counts it again
        load(next);
    }
}

}  // namespace atlas::ui
