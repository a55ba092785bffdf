// One training run in the background, for the Train window: runTraining (core/train) on its own
// thread, with pause, resume and stop, and what it reports (losses, snapshot folders, notes)
// collected for the GUI thread to take when it polls.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <QString>

#include "train/TrainingRun.h"

namespace atlas::ui {

class TrainingSession {
  public:
    TrainingSession() = default;
    ~TrainingSession();  // stops a running run (it writes its checkpoint) and waits for it
    TrainingSession(const TrainingSession&) = delete;
    TrainingSession& operator=(const TrainingSession&) = delete;

    // Starts `options` on a new thread; the session's control is attached to them. Only when no
    // run is going on.
    void start(TrainingRunOptions options);
    void setPaused(bool paused);
    bool paused() const { return control_.pause.load(); }
    // Asks the run to end after the current step (it saves a checkpoint and the model).
    void requestStop();
    bool running() const;  // started and not yet returned
    void wait();           // until the thread has returned

    // What happened since the last call (each taken once).
    struct Report {
        std::vector<StepRecord> steps;
        std::vector<std::filesystem::path> snapshots;  // folders written, in order
        std::vector<QString> notes;
        bool ended = false;     // the run returned (finished, stopped, or failed)
        bool finished = false;  // it ran all its steps
        QString error;          // the failure, if it failed
    };
    Report take();

  private:
    TrainingControl control_;
    std::thread thread_;
    mutable std::mutex mutex_;
    Report pending_;
    bool returned_ = true;
};

}  // namespace atlas::ui
