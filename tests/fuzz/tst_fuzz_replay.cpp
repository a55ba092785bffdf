// Replays every fuzz seed and every input that once made a fuzz target fail, through the same
// entry points, in the ordinary test build (and under ASan/UBSan in scripts/test-sanitizers.sh).
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <exception>

#include "FuzzTargets.h"

using atlas::fuzz::FuzzEntry;

class FuzzReplayTest : public QObject {
    Q_OBJECT

  private slots:
    void replay_data();
    void replay();
    void everyTargetHasSeeds();
};

namespace {

const QString kFuzzFolder = QStringLiteral(ATLAS_SOURCE_DIR "/tests/fuzz");

QStringList filesIn(const QString& folder) {
    const QDir dir(folder);
    QStringList paths;
    for (const QString& name : dir.entryList(QDir::Files, QDir::Name)) {
        paths << dir.filePath(name);
    }
    return paths;
}

}  // namespace

void FuzzReplayTest::replay_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("target");
    const auto& targets = atlas::fuzz::fuzzTargets();
    for (int index = 0; index < static_cast<int>(targets.size()); ++index) {
        const QString name = QString::fromLatin1(targets[index].name);
        for (const QString& kind : {QStringLiteral("corpus"), QStringLiteral("regressions")}) {
            for (const QString& path : filesIn(kFuzzFolder + "/" + kind + "/" + name)) {
                const QString row = name + "/" + kind + "/" + QFileInfo(path).fileName();
                QTest::newRow(qPrintable(row)) << path << index;
            }
        }
    }
}

void FuzzReplayTest::replay() {
    QFETCH(QString, path);
    QFETCH(int, target);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray bytes = file.readAll();
    const FuzzEntry entry = atlas::fuzz::fuzzTargets()[target].entry;
    try {
        QCOMPARE(entry(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                       static_cast<std::size_t>(bytes.size())),
                 0);
    } catch (const std::exception& error) {
        // The entry points catch AtlasError themselves: anything reaching here is a finding.
        QFAIL(qPrintable(QStringLiteral("%1: %2").arg(path, QString::fromUtf8(error.what()))));
    }
}

void FuzzReplayTest::everyTargetHasSeeds() {
    for (const auto& target : atlas::fuzz::fuzzTargets()) {
        const QString folder = kFuzzFolder + "/corpus/" + QString::fromLatin1(target.name);
        QVERIFY2(!filesIn(folder).isEmpty(), qPrintable("no seeds in " + folder));
    }
}

QTEST_GUILESS_MAIN(FuzzReplayTest)
#include "tst_fuzz_replay.moc"
