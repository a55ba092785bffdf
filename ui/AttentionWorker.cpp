// Background computation with QtConcurrent; every result comes back on the GUI thread.
#include "AttentionWorker.h"

#include <exception>

#include <QPointer>
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
    loadFunction_ = [](const QString& nameOrPath, const LoadControl& control) {
        const auto folder = resolveModelFolder(nameOrPath.toStdString());
        return std::shared_ptr<const Model>(Model::load(folder, &control));
    };
}

ModelLoader::~ModelLoader() {
    if (stop_) {
        *stop_ = true;  // closing the window must not wait for a big conversion
    }
    watcher_.waitForFinished();
}

void ModelLoader::setLoadFunction(LoadFunction function) {
    loadFunction_ = std::move(function);
}

void ModelLoader::load(const QString& nameOrPath) {
    ++generation_;
    if (watcher_.isRunning()) {
        // The newer request wins: stop the running one rather than wait for it.
        if (stop_) {
            *stop_ = true;
        }
        pending_ = nameOrPath;
        return;
    }
    start(nameOrPath);
}

void ModelLoader::cancel() {
    if (!busy()) {
        return;
    }
    if (stop_) {
        *stop_ = true;
    }
    ++generation_;  // whatever finishes now is dropped
    pending_.reset();
    const QString name = running_;
    emit loadCancelled(name);
}

void ModelLoader::start(const QString& nameOrPath) {
    const quint64 generation = generation_;
    auto stop = std::make_shared<std::atomic<bool>>(false);
    stop_ = stop;
    running_ = nameOrPath;
    LoadFunction function = loadFunction_;
    QPointer<ModelLoader> self(this);
    watcher_.setFuture(QtConcurrent::run([function, nameOrPath, generation, stop, self]() {
        Outcome outcome;
        outcome.nameOrPath = nameOrPath;
        outcome.generation = generation;
        LoadControl control;
        control.cancelled = [stop]() { return stop->load(); };
        // Report whole percents only: a GPT-2 has ~150 tensors, a queued call each is plenty.
        auto lastPercent = std::make_shared<int>(-1);
        control.progress = [self, nameOrPath, generation, lastPercent](std::size_t done,
                                                                       std::size_t total) {
            const int percent = total == 0 ? 100 : int(100.0 * double(done) / double(total));
            if (percent == *lastPercent) {
                return;
            }
            *lastPercent = percent;
            QMetaObject::invokeMethod(
                self,
                [self, nameOrPath, generation, percent]() {
                    if (self && self->generation_ == generation) {
                        emit self->progressChanged(percent / 100.0, nameOrPath);
                    }
                },
                Qt::QueuedConnection);
        };
        try {
            outcome.model = function(nameOrPath, control);
            if (!outcome.model) {
                outcome.error = ModelLoader::tr("The model could not be loaded.");
            }
        } catch (const LoadCancelled&) {
            outcome.cancelled = true;
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
    stop_.reset();
    running_.clear();
    if (outcome.generation == generation_ && !pending_) {
        if (outcome.model) {
            emit modelLoaded(outcome.model, outcome.nameOrPath);
        } else if (outcome.cancelled) {
            emit loadCancelled(outcome.nameOrPath);
        } else {
            emit loadFailed(outcome.error, outcome.nameOrPath);
        }
    }
    if (pending_) {
        const QString next = *pending_;
        pending_.reset();
        start(next);
    }
}

}  // namespace atlas::ui
