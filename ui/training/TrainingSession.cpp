#include "training/TrainingSession.h"

#include <exception>

namespace atlas::ui {

namespace {

constexpr char kSnapshotNote[] = "snapshot ";

}  // namespace

TrainingSession::~TrainingSession() {
    requestStop();
    wait();
}

void TrainingSession::start(TrainingRunOptions options) {
    wait();
    control_.stop.store(false);
    control_.pause.store(false);
    {
        std::lock_guard lock(mutex_);
        pending_ = Report();
        returned_ = false;
    }
    options.control = &control_;
    options.progress_seconds = 0;  // every step: the loss curve shows each one
    thread_ = std::thread([this, options = std::move(options)]() {
        auto progress = [this](const TrainingProgress& report) {
            std::lock_guard lock(mutex_);
            pending_.steps.push_back(report.last);
        };
        auto message = [this](const std::string& text) {
            std::lock_guard lock(mutex_);
            if (text.rfind(kSnapshotNote, 0) == 0) {
                pending_.snapshots.emplace_back(text.substr(sizeof kSnapshotNote - 1));
            } else {
                pending_.notes.push_back(QString::fromStdString(text));
            }
        };
        bool finished = false;
        QString error;
        try {
            finished = runTraining(options, progress, message).finished;
        } catch (const std::bad_alloc&) {
            error = QStringLiteral("out of memory");
        } catch (const std::exception& failure) {
            error = QString::fromUtf8(failure.what());
        }
        std::lock_guard lock(mutex_);
        pending_.ended = true;
        pending_.finished = finished;
        pending_.error = error;
        returned_ = true;
    });
}

void TrainingSession::setPaused(bool paused) {
    control_.pause.store(paused);
}

void TrainingSession::requestStop() {
    control_.stop.store(true);
}

bool TrainingSession::running() const {
    std::lock_guard lock(mutex_);
    return !returned_;
}

void TrainingSession::wait() {
    if (thread_.joinable()) {
        thread_.join();
    }
}

TrainingSession::Report TrainingSession::take() {
    std::lock_guard lock(mutex_);
    Report report = std::move(pending_);
    pending_ = Report();
    return report;
}

}  // namespace atlas::ui
