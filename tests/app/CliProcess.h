// Runs a built or installed attention-atlas-cli and collects what it did, for the app suites.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>

namespace atlas::test {

struct CliResult {
    int exit_code = -1;
    bool crashed = true;  // also true if it did not start or did not finish in time
    QByteArray out;
    QByteArray err;
};

struct CliLaunch {
    QString program = QStringLiteral(ATLAS_BINARY_DIR "/app/attention-atlas-cli");
    QByteArray input;           // written to standard input, which is then closed
    QString working_directory;  // empty: the test's own
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    std::function<void()> in_child;  // runs in the child between fork and exec
    int timeout_ms = 180000;
};

inline CliResult runProgram(const QStringList& arguments, const CliLaunch& launch = {}) {
    QProcess process;
    process.setProcessEnvironment(launch.environment);
    if (!launch.working_directory.isEmpty()) {
        process.setWorkingDirectory(launch.working_directory);
    }
    if (launch.in_child) {
        process.setChildProcessModifier(launch.in_child);
    }
    process.start(launch.program, arguments);
    CliResult result;
    if (!process.waitForStarted()) {
        return result;
    }
    process.write(launch.input);
    process.closeWriteChannel();
    if (!process.waitForFinished(launch.timeout_ms)) {
        process.kill();
        process.waitForFinished();
        return result;
    }
    result.crashed = process.exitStatus() != QProcess::NormalExit;
    result.exit_code = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

}  // namespace atlas::test
