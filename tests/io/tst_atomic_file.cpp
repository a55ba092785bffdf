// Atomic writes: content arrives whole or not at all, and no temporary is left behind.
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include <fstream>
#include <memory>
#include <sstream>

#include "Error.h"
#include "io/AtomicFile.h"
#include "io/Safetensors.h"

using namespace atlas;
namespace fs = std::filesystem;

namespace {

std::string readText(const fs::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream content;
    content << stream.rdbuf();
    return content.str();
}

std::vector<std::string> entries(const fs::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

class AtomicFileTest : public QObject {
    Q_OBJECT

  private slots:
    void init() {
        // A fresh folder per test function, so each can list exactly what it left behind.
        directory_ = std::make_unique<QTemporaryDir>();
        QVERIFY(directory_->isValid());
        folder_ = fs::path(directory_->path().toStdString());
    }

    void writesAndReplaces() {
        const fs::path path = folder_ / "out.txt";
        writeFileAtomically(path, "first");
        QCOMPARE(readText(path), std::string("first"));
        writeFileAtomically(path, std::string(100000, 'x'));
        QCOMPARE(readText(path), std::string(100000, 'x'));
        QCOMPARE(entries(folder_), std::vector<std::string>{"out.txt"});
    }

    void streamedWriteInPieces() {
        const fs::path path = folder_ / "pieces.bin";
        writeFileAtomicallyStreamed(path, [](const ByteSink& write) {
            write("ab", 2);
            write("cd", 2);
        });
        QCOMPARE(readText(path), std::string("abcd"));
    }

    void failingProducerKeepsTheOldFile() {
        const fs::path path = folder_ / "keep.txt";
        writeFileAtomically(path, "old content");
        QVERIFY_THROWS_EXCEPTION(AtlasError,
                                 writeFileAtomicallyStreamed(path, [](const ByteSink& write) {
                                     write("new", 3);
                                     throw AtlasError("disk on fire");
                                 }));
        QCOMPARE(readText(path), std::string("old content"));
        QCOMPARE(entries(folder_), std::vector<std::string>{"keep.txt"});
    }

    // Tests run as root, for whom a read-only folder is writable: force failures that stop root.
    void unwritablePlaces_data() {
        QTest::addColumn<QString>("where");
        QTest::addRow("parent is a regular file") << "file/out.txt";
        QTest::addRow("missing folder") << "absent/out.txt";
        QTest::addRow("target is a folder") << "folder";
        QTest::addRow("proc") << "/proc/self/atlas-out.txt";
    }

    void unwritablePlaces() {
        QFETCH(QString, where);
        writeFileAtomically(folder_ / "file", "a regular file");
        fs::create_directory(folder_ / "folder");
        const fs::path path =
            where.startsWith('/') ? fs::path(where.toStdString()) : folder_ / where.toStdString();
        try {
            writeFileAtomically(path, "content");
            QFAIL("no error");
        } catch (const AtlasError& error) {
            QVERIFY2(QString(error.what()).contains(QString::fromStdString(path.string())),
                     error.what());
        }
        QCOMPARE(entries(folder_), (std::vector<std::string>{"file", "folder"}));
        QVERIFY(fs::is_empty(folder_ / "folder"));

        const float value = 1.0f;
        QVERIFY_THROWS_EXCEPTION(AtlasError, writeSafetensors(path, {{"x", {1}, &value}}));
        QCOMPARE(entries(folder_), (std::vector<std::string>{"file", "folder"}));
    }

    void readOnlyFolderForOrdinaryUsers() {
        if (::geteuid() == 0) {
            QSKIP("root writes into read-only folders; covered by unwritablePlaces");
        }
        const fs::path locked = folder_ / "locked";
        fs::create_directory(locked);
        fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
        QVERIFY_THROWS_EXCEPTION(AtlasError, writeFileAtomically(locked / "out.txt", "content"));
        fs::permissions(locked, fs::perms::owner_all);
        QVERIFY(fs::is_empty(locked));
    }

    void keepsUsualPermissions() {
        const fs::path path = folder_ / "perm.txt";
        writeFileAtomically(path, "x");
        // mkstemp makes 0600; the result must be readable by others like any new file.
        const mode_t mask = ::umask(0);
        ::umask(mask);
        const auto perms = fs::status(path).permissions();
        QCOMPARE(static_cast<unsigned>(perms), static_cast<unsigned>(0666 & ~mask));
    }

  private:
    std::unique_ptr<QTemporaryDir> directory_;
    fs::path folder_;
};

QTEST_GUILESS_MAIN(AtomicFileTest)
#include "tst_atomic_file.moc"
