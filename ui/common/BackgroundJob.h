// Work off the GUI thread, the one way the interface runs it: one piece of work at a time on
// the thread pool, its result handed back on the GUI thread.
//  - Newest wins: start() while work runs asks that work to stop (JobControl::stopRequested)
//    and runs the new work once it has returned; work that waited is replaced.
//  - Stale results are dropped: a result of work that was overtaken or cancelled never reaches
//    the owner.
//  - Errors: an exception thrown by the work becomes a message for onError (out of memory is
//    said in words); JobStopped thrown by the work ends it quietly.
//  - Progress: the work reports how far it is (done of total); the owner hears it on the GUI
//    thread, once per whole percent and at the end, and only from current work.
//  - The destructor asks running work to stop and waits for it, so the work may use what its
//    owner lends it for its lifetime.
//  - Memory: once no work has run for kQuietMilliseconds, what the work freed goes back to the
//    system (returnFreedMemory), so a long session's resident size follows its heap.
#pragma once

#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <utility>

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QString>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include "common/FreedMemory.h"

namespace atlas::ui {

// Thrown by work that noticed stopRequested(), to end without a result.
struct JobStopped {};

// What running work may ask and tell: whether to stop, and how far it is.
class JobControl {
  public:
    bool stopRequested() const { return stop_->load(); }
    // The flag itself, for core functions that poll a std::atomic<bool>.
    const std::atomic<bool>* stopFlag() const { return stop_.get(); }
    // Cheap to call often: only a new whole percent, or the end, crosses threads.
    void reportProgress(qint64 done, qint64 total) const {
        if (report_) {
            report_(done, total);
        }
    }
    void reportFraction(double fraction) const {  // in [0, 1]
        reportProgress(qint64(fraction * 1000.0), 1000);
    }

  private:
    template <typename Result>
    friend class BackgroundJob;
    std::shared_ptr<std::atomic<bool>> stop_ = std::make_shared<std::atomic<bool>>(false);
    std::function<void(qint64, qint64)> report_;
};

template <typename Result>
class BackgroundJob {
  public:
    using Work = std::function<Result(const JobControl& control)>;

    static constexpr int kQuietMilliseconds = 2000;

    BackgroundJob() {
        QObject::connect(&watcher_, &QFutureWatcherBase::finished, &watcher_,
                         [this]() { onFinished(); });
        quiet_.setSingleShot(true);
        quiet_.setInterval(kQuietMilliseconds);
        QObject::connect(&quiet_, &QTimer::timeout, &quiet_, []() { returnFreedMemory(); });
    }
    ~BackgroundJob() {
        cancel();
        watcher_.waitForFinished();
    }
    BackgroundJob(const BackgroundJob&) = delete;
    BackgroundJob& operator=(const BackgroundJob&) = delete;

    // Called on the GUI thread for the current work only.
    void onResult(std::function<void(Result)> handler) { onResult_ = std::move(handler); }
    void onError(std::function<void(const QString&)> handler) { onError_ = std::move(handler); }
    void onProgress(std::function<void(qint64 done, qint64 total)> handler) {
        onProgress_ = std::move(handler);
    }

    // Runs `work` as soon as the work running now (asked to stop) has returned.
    void start(Work work) {
        ++generation_;
        if (running_) {
            running_->stop_->store(true);
            pending_ = std::move(work);
            return;
        }
        run(std::move(work));
    }
    // Drops the waiting work and the result of the running one, which is asked to stop.
    void cancel() {
        ++generation_;
        pending_.reset();
        if (running_) {
            running_->stop_->store(true);
        }
    }
    // True from start() until the last work has returned (stopped work included).
    bool busy() const { return running_.has_value() || pending_.has_value(); }
    void waitForFinished() { watcher_.waitForFinished(); }

  private:
    struct Outcome {
        std::optional<Result> result;
        QString error;
        quint64 generation = 0;
    };

    void run(Work work) {
        quiet_.stop();
        const quint64 generation = generation_;
        JobControl control;
        // The work never outlives the job (its destructor waits), so the watcher is there.
        QFutureWatcher<Outcome>* watcher = &watcher_;
        auto lastPercent = std::make_shared<std::atomic<int>>(-1);
        control.report_ = [this, watcher, generation, lastPercent](qint64 done, qint64 total) {
            const int percent = total > 0 ? int(done * 100 / total) : 100;
            if (lastPercent->exchange(percent) == percent && done != total) {
                return;  // one queued call per percent, not per step of the work
            }
            // Queued on the watcher: dropped by Qt if the job is gone before it is delivered.
            QMetaObject::invokeMethod(
                watcher,
                [this, generation, done, total]() {
                    if (generation == generation_ && onProgress_) {
                        onProgress_(done, total);
                    }
                },
                Qt::QueuedConnection);
        };
        running_ = control;
        watcher_.setFuture(QtConcurrent::run([work = std::move(work), control, generation]() {
            Outcome outcome;
            outcome.generation = generation;
            try {
                outcome.result.emplace(work(control));
            } catch (const JobStopped&) {
            } catch (const std::bad_alloc&) {
                outcome.error =
                    QCoreApplication::translate("atlas::ui::BackgroundJob", "Out of memory.");
            } catch (const std::exception& error) {
                outcome.error = QString::fromUtf8(error.what());
            }
            return outcome;
        }));
    }

    void onFinished() {
        Outcome outcome = watcher_.result();
        running_.reset();
        const bool current = outcome.generation == generation_ && !pending_;
        if (pending_) {
            Work next = std::move(*pending_);
            pending_.reset();
            run(std::move(next));
        } else {
            quiet_.start();
        }
        if (!current) {
            return;
        }
        if (outcome.result) {
            if (onResult_) {
                onResult_(std::move(*outcome.result));
            }
        } else if (!outcome.error.isEmpty() && onError_) {
            onError_(outcome.error);
        }
    }

    QFutureWatcher<Outcome> watcher_;
    QTimer quiet_;  // started when the last work has returned
    quint64 generation_ = 0;
    std::optional<JobControl> running_;
    std::optional<Work> pending_;
    std::function<void(Result)> onResult_;
    std::function<void(const QString&)> onError_;
    std::function<void(qint64, qint64)> onProgress_;
};

}  // namespace atlas::ui
