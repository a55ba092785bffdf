// `cmake --install` into a temporary prefix: the executables, the built-in models, the desktop
// entry and the icon land in the usual places, and the installed CLI finds its models there,
// run from elsewhere with ATLAS_RESOURCES_DIR unset.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include "CliProcess.h"

using atlas::test::CliLaunch;
using atlas::test::CliResult;
using atlas::test::runProgram;

class InstallTest : public QObject {
    Q_OBJECT

  private slots:
    void initTestCase();
    void filesInUsualPlaces();
    void desktopEntryNamesTheApp();
    void helpAndVersion_data();
    void helpAndVersion();
    void installedCliFindsItsModels();
    void installedCliRunsBuiltinModel_data();
    void installedCliRunsBuiltinModel();

  private:
    CliLaunch installedLaunch(const QString& program) const;
    QTemporaryDir prefix_;
    QTemporaryDir elsewhere_;  // a working folder with nothing of the project in it
};

void InstallTest::initTestCase() {
    QVERIFY(prefix_.isValid() && elsewhere_.isValid());
    CliLaunch launch;
    launch.program = QStringLiteral("cmake");
    const CliResult install = runProgram(
        {"--install", QStringLiteral(ATLAS_BINARY_DIR), "--prefix", prefix_.path()}, launch);
    QVERIFY2(!install.crashed && install.exit_code == 0,
             qPrintable(QString::fromUtf8(install.out + install.err)));
}

CliLaunch InstallTest::installedLaunch(const QString& program) const {
    CliLaunch launch;
    launch.program = prefix_.path() + "/bin/" + program;
    launch.working_directory = elsewhere_.path();
    launch.environment.remove(QStringLiteral("ATLAS_RESOURCES_DIR"));
    launch.environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    return launch;
}

void InstallTest::filesInUsualPlaces() {
    const QString prefix = prefix_.path();
    QStringList programs = {QStringLiteral("bin/attention-atlas-cli")};
#ifdef ATLAS_HAVE_GUI
    programs << QStringLiteral("bin/attention-atlas");
#endif
    for (const QString& file : programs) {
        QVERIFY2(QFileInfo(prefix + "/" + file).isExecutable(), qPrintable(file));
    }
    QVERIFY(QFileInfo::exists(prefix + "/share/applications/attention-atlas.desktop"));
    QVERIFY(QFileInfo::exists(prefix + "/share/icons/hicolor/scalable/apps/attention-atlas.svg"));
    QVERIFY(QFileInfo(prefix + "/share/attention-atlas").isDir());
}

void InstallTest::desktopEntryNamesTheApp() {
    QFile file(prefix_.path() + "/share/applications/attention-atlas.desktop");
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.value(0), QByteArray("[Desktop Entry]"));
    for (const QByteArray& entry :
         {QByteArray("Type=Application"), QByteArray("Exec=attention-atlas"),
          QByteArray("Icon=attention-atlas")}) {
        QVERIFY2(lines.contains(entry), entry.constData());
    }
}

void InstallTest::helpAndVersion_data() {
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("option");
    QStringList programs = {QStringLiteral("attention-atlas-cli")};
#ifdef ATLAS_HAVE_GUI
    programs << QStringLiteral("attention-atlas");
#endif
    for (const QString& program : programs) {
        for (const char* option : {"--help", "--version"}) {
            QTest::addRow("%s %s", qPrintable(program), option) << program << option;
        }
    }
}

void InstallTest::helpAndVersion() {
    QFETCH(QString, program);
    QFETCH(QString, option);
    CliLaunch launch = installedLaunch(program);
    // As typed in a terminal without a display (over ssh, in a container): --help and --version
    // must answer without a window system, and exit by themselves.
    for (const char* variable : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}) {
        launch.environment.remove(QString::fromLatin1(variable));
    }
    launch.timeout_ms = 30000;
    const CliResult result = runProgram({option}, launch);
    QVERIFY2(!result.crashed, qPrintable(program + " " + option + " crashed or did not exit: " +
                                         QString::fromUtf8(result.err)));
    QCOMPARE(result.exit_code, 0);
    if (option == "--version") {
        QVERIFY2(result.out.contains(QByteArray(ATLAS_VERSION_TEXT)), result.out.constData());
    } else {
        QVERIFY2(result.out.toLower().contains("usage"), result.out.constData());
    }
}

void InstallTest::installedCliFindsItsModels() {
    const QString models = prefix_.path() + "/share/attention-atlas/models";
    if (!QFileInfo(models + "/gpt").isDir()) {
        QSKIP(
            "the built-in models are not in resources/models yet (trained later): nothing "
            "installed to find");
    }
    const CliResult result = runProgram({"models"}, installedLaunch("attention-atlas-cli"));
    QVERIFY2(result.exit_code == 0 && !result.crashed, result.err.constData());
    // The folder printed for each model is the installed one, not the source tree's.
    QVERIFY2(result.out.contains((models + "/gpt").toUtf8()), result.out.constData());
    QVERIFY2(!result.out.contains(QByteArray(ATLAS_SOURCE_DIR)), result.out.constData());
    QVERIFY2(!result.out.contains("not installed"), result.out.constData());
}

void InstallTest::installedCliRunsBuiltinModel_data() {
    QTest::addColumn<QString>("model");
    QTest::addRow("gpt") << "gpt";
    QTest::addRow("bert") << "bert";
}

void InstallTest::installedCliRunsBuiltinModel() {
    QFETCH(QString, model);
    if (!QFileInfo(prefix_.path() + "/share/attention-atlas/models/" + model).isDir()) {
        QSKIP(qPrintable("the built-in model " + model +
                         " is not in resources/models yet (trained later)"));
    }
    const CliResult result =
        runProgram({"run", "--model", model, "--text", "The cat sat on the mat."},
                   installedLaunch("attention-atlas-cli"));
    QVERIFY2(result.exit_code == 0 && !result.crashed, result.err.constData());
    QVERIFY(result.out.startsWith("{\"model\""));
}

QTEST_GUILESS_MAIN(InstallTest)
#include "tst_install.moc"
