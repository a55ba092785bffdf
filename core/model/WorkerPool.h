// A few worker threads owned by one computation (a forward pass), not by the process.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace atlas {

// run(count, task) calls task(0) .. task(count - 1) spread over `threads` threads, the caller's
// included, and returns when all have finished. With one thread everything runs on the caller.
// The pool lives as long as its owner: no threads are left behind and nothing is global.
class WorkerPool {
  public:
    // threads <= 0 means one per hardware thread.
    explicit WorkerPool(int threads);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    int threadCount() const { return static_cast<int>(workers_.size()) + 1; }

    // Rethrows the first exception a task threw, after every task has finished.
    void run(int count, const std::function<void(int)>& task);

  private:
    void workerLoop();
    void takeTasks();

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::condition_variable finished_;
    const std::function<void(int)>* task_ = nullptr;  // the current batch, under mutex_
    int count_ = 0;
    std::atomic<int> next_{0};             // the next task index to take
    std::atomic<std::uint64_t> batch_{0};  // counts batches, so a worker knows a new one came
    int active_ = 0;                       // workers still in the current batch, under mutex_
    bool stopping_ = false;
    std::exception_ptr error_;
};

}  // namespace atlas
