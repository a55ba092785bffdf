// A few worker threads owned by one computation (a forward pass), not by the process.
#include "model/WorkerPool.h"

#include <algorithm>
#include <utility>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace atlas {

namespace {

// A forward pass hands out batches back to back, a few microseconds apart: a worker that
// spins that long before sleeping catches the next one without a futex round trip.
constexpr int kSpinsBeforeSleeping = 2000;

void pause() {
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#else
    std::this_thread::yield();
#endif
}

}  // namespace

WorkerPool::WorkerPool(int threads) {
    if (threads <= 0) {
        threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    }
    workers_.reserve(threads - 1);
    for (int i = 1; i < threads; ++i) {
        workers_.emplace_back([this] { workerLoop(); });
    }
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        batch_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    for (std::thread& worker : workers_) {
        worker.join();
    }
}

void WorkerPool::run(int count, const std::function<void(int)>& task) {
    if (count <= 0) {
        return;
    }
    if (workers_.empty() || count == 1) {
        for (int i = 0; i < count; ++i) {
            task(i);
        }
        return;
    }
    {
        std::lock_guard lock(mutex_);
        task_ = &task;
        count_ = count;
        next_.store(0);
        active_ = static_cast<int>(workers_.size());
        error_ = nullptr;
        batch_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    takeTasks();
    std::exception_ptr error;
    {
        std::unique_lock lock(mutex_);
        finished_.wait(lock, [this] { return active_ == 0; });
        task_ = nullptr;
        error = std::exchange(error_, nullptr);
    }
    if (error) {
        std::rethrow_exception(error);
    }
}

void WorkerPool::takeTasks() {
    for (int i = next_.fetch_add(1); i < count_; i = next_.fetch_add(1)) {
        try {
            (*task_)(i);
        } catch (...) {
            std::lock_guard lock(mutex_);
            if (!error_) {
                error_ = std::current_exception();
            }
        }
    }
}

void WorkerPool::workerLoop() {
    std::uint64_t seen = 0;
    for (;;) {
        for (int spin = 0;
             spin < kSpinsBeforeSleeping && batch_.load(std::memory_order_acquire) == seen;
             ++spin) {
            pause();
        }
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return batch_.load() != seen; });
            if (stopping_) {
                return;
            }
            seen = batch_.load();
        }
        takeTasks();
        std::lock_guard lock(mutex_);
        if (--active_ == 0) {
            finished_.notify_one();
        }
    }
}

}  // namespace atlas
