// BackgroundJob, the one way the interface runs work off the GUI thread: results, newest wins,
// errors, quiet stops, progress, and memory returned once the work has been quiet.
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include "common/BackgroundJob.h"

using namespace atlas::ui;

namespace {

// Resident memory of this process in KiB (0 where /proc is missing).
long residentKilobytes() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) {
            return std::stol(line.substr(6));
        }
    }
    return 0;
}

}  // namespace

class BackgroundJobTest : public QObject {
    Q_OBJECT

  private slots:
    void deliversTheResultOnTheGuiThread();
    void newestWorkWinsAndStaleResultsAreDropped();
    void errorsBecomeMessages();
    void stoppedWorkEndsQuietly();
    void progressReachesTheEnd();
    void freedMemoryGoesBackOnceQuiet();
};

void BackgroundJobTest::deliversTheResultOnTheGuiThread() {
    BackgroundJob<int> job;
    int result = 0;
    QThread* resultThread = nullptr;
    job.onResult([&](int value) {
        result = value;
        resultThread = QThread::currentThread();
    });
    job.start([](const JobControl&) { return 42; });
    QTRY_COMPARE(result, 42);
    QCOMPARE(resultThread, QThread::currentThread());
    QTRY_VERIFY(!job.busy());
}

void BackgroundJobTest::newestWorkWinsAndStaleResultsAreDropped() {
    BackgroundJob<int> job;
    std::vector<int> results;
    job.onResult([&](int value) { results.push_back(value); });
    // The first work runs until asked to stop; the second waits and is replaced by the third.
    job.start([](const JobControl& control) {
        while (!control.stopRequested()) {
            QThread::msleep(1);
        }
        return 1;
    });
    job.start([](const JobControl&) { return 2; });
    job.start([](const JobControl&) { return 3; });
    QTRY_VERIFY(!job.busy());
    QCoreApplication::processEvents();
    QCOMPARE(results, std::vector<int>{3});
}

void BackgroundJobTest::errorsBecomeMessages() {
    BackgroundJob<int> job;
    QString error;
    bool gotResult = false;
    job.onResult([&](int) { gotResult = true; });
    job.onError([&](const QString& message) { error = message; });
    job.start([](const JobControl&) -> int { throw std::runtime_error("model.safetensors: bad"); });
    QTRY_COMPARE(error, QStringLiteral("model.safetensors: bad"));
    job.start([](const JobControl&) -> int { throw std::bad_alloc(); });
    QTRY_COMPARE(error, QStringLiteral("Out of memory."));
    QVERIFY(!gotResult);
}

void BackgroundJobTest::stoppedWorkEndsQuietly() {
    BackgroundJob<int> job;
    bool heard = false;
    job.onResult([&](int) { heard = true; });
    job.onError([&](const QString&) { heard = true; });
    job.start([](const JobControl&) -> int { throw JobStopped{}; });
    QTRY_VERIFY(!job.busy());
    QCoreApplication::processEvents();
    QVERIFY(!heard);
}

void BackgroundJobTest::progressReachesTheEnd() {
    BackgroundJob<int> job;
    std::vector<qint64> percents;
    job.onProgress([&](qint64 done, qint64 total) { percents.push_back(done * 100 / total); });
    bool finished = false;
    job.onResult([&](int) { finished = true; });
    job.start([](const JobControl& control) {
        for (int step = 0; step <= 10000; ++step) {
            control.reportProgress(step, 10000);
        }
        return 0;
    });
    QTRY_VERIFY(finished);
    QCoreApplication::processEvents();
    QVERIFY(!percents.empty());
    QCOMPARE(percents.back(), qint64(100));
    // Once per whole percent, not once per step.
    QVERIFY(percents.size() <= 102);
}

// Work that leaves 256 MiB of freed small blocks behind a block it keeps, so the allocator
// cannot give them back by shrinking its heap: only returning free pages does.
void BackgroundJobTest::freedMemoryGoesBackOnceQuiet() {
    if (residentKilobytes() == 0) {
        QSKIP("no /proc/self/status here");
    }
    BackgroundJob<std::shared_ptr<char>> job;
    std::shared_ptr<char> kept;
    job.onResult([&](std::shared_ptr<char> block) { kept = std::move(block); });
    constexpr std::size_t kBlocks = 65536;
    constexpr std::size_t kBlockBytes = 4096;
    job.start([](const JobControl&) {
        std::vector<char*> blocks(kBlocks);
        for (char*& block : blocks) {
            block = new char[kBlockBytes];
            std::memset(block, 1, kBlockBytes);
        }
        auto fence = std::shared_ptr<char>(new char[64], std::default_delete<char[]>());
        for (char* block : blocks) {
            delete[] block;
        }
        return fence;
    });
    QTRY_VERIFY(kept);
    const long afterWork = residentKilobytes();
    qInfo("resident %ld KiB when the work has returned", afterWork);
    QElapsedTimer quiet;
    quiet.start();
    const long freedKilobytes = long(kBlocks * kBlockBytes / 1024);
    // Half of what was freed, at least, is no longer resident once the job has been quiet.
    QTRY_VERIFY_WITH_TIMEOUT(residentKilobytes() < afterWork - freedKilobytes / 2,
                             BackgroundJob<int>::kQuietMilliseconds + 5000);
    qInfo("resident %ld KiB %lld ms later", residentKilobytes(), quiet.elapsed());
    QVERIFY(quiet.elapsed() >= BackgroundJob<int>::kQuietMilliseconds / 2);
}

QTEST_MAIN(BackgroundJobTest)
#include "tst_background_job.moc"
