// attention-atlas-cli export, run as a user would: every view and format, headless, and errors.
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include "AttentionSnapshot.h"
#include "UiFixtures.h"
#include "analysis/DistanceProfile.h"
#include "export/ExportRenderer.h"
#include "model/Model.h"

class TestCliExport : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void eachViewAndFormat_data();
    void eachViewAndFormat();
    void errors_data();
    void errors();
    void windowDataIsRunOutput();
    void distanceNumbersAreTheTextsProfile();

  private:
    struct Run {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList& arguments);

    QTemporaryDir dir_;
    QString model_;
};

void TestCliExport::initTestCase() {
    QVERIFY(dir_.isValid());
    model_ = atlas::test::writeTinyGptFolder(dir_.filePath("tiny-gpt"), 2, 2);
}

TestCliExport::Run TestCliExport::run(const QStringList& arguments) {
    QProcess process;
    // Headless, as in a script over ssh: no display at all, no platform chosen.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(ATLAS_CLI_PATH),
                  QStringList{QStringLiteral("export")} + arguments);
    Run result;
    if (!process.waitForFinished(120000) || process.exitStatus() != QProcess::NormalExit) {
        return result;  // a crash or hang: exit code -1
    }
    result.exitCode = process.exitCode();
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

void TestCliExport::eachViewAndFormat_data() {
    QTest::addColumn<QString>("view");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QStringList>("extra");
    for (const char* view : {"head", "layer", "grid", "lines", "distance"}) {
        for (const char* suffix : {"png", "svg", "pdf"}) {
            QTest::addRow("%s.%s", view, suffix)
                << QString::fromLatin1(view) << QString::fromLatin1(suffix) << QStringList();
        }
    }
    QTest::addRow("head mean gray")
        << "head"
        << "png" << QStringList{"--aggregate", "mean", "--colormap", "gray"};
    QTest::addRow("head rollout magma")
        << "head"
        << "png" << QStringList{"--aggregate", "rollout", "--colormap", "magma"};
    QTest::addRow("grid heads only") << "grid"
                                     << "png" << QStringList{"--aggregate", "none"};
    QTest::addRow("lines one head") << "lines"
                                    << "svg" << QStringList{"--head", "1"};
}

void TestCliExport::eachViewAndFormat() {
    QFETCH(QString, view);
    QFETCH(QString, suffix);
    QFETCH(QStringList, extra);
    const QString out = dir_.filePath(
        QStringLiteral("%1-%2.%3").arg(view, QString::number(qHash(extra.join(' '))), suffix));
    const Run result =
        run(QStringList{"--model", model_, "--text", "The cat sat on the mat.", "--view", view,
                        "--layer", "1", "--width", "720", "--out", out} +
            extra);
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QVERIFY(result.out.startsWith(QStringLiteral("wrote ")));
    QVERIFY(result.err.isEmpty());
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    if (suffix == QLatin1String("png")) {
        QImage image;
        QVERIFY(image.loadFromData(bytes, "PNG"));
        QCOMPARE(image.width(), 720);
    } else if (suffix == QLatin1String("svg")) {
        QVERIFY(QSvgRenderer(bytes).isValid());
    } else {
        QVERIFY(bytes.startsWith("%PDF-"));
    }
}

void TestCliExport::errors_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString text = QStringLiteral("The cat sat.");
    QTest::addRow("steps head out of range")
        << QStringList{"--view", "steps", "--text", text, "--head", "9"} << 1 << "--head 9";
    QTest::addRow("steps not a figure")
        << QStringList{"--view", "steps", "--text", text, "--out", "OUT.csv"} << 2 << "--out";
    QTest::addRow("unknown view") << QStringList{"--view", "pie", "--text", text} << 2
                                  << "--view must be one of";
    QTest::addRow("no view") << QStringList{"--text", text} << 2
                             << "missing required option --view";
    QTest::addRow("empty text") << QStringList{"--view", "head", "--text", "   "} << 1 << "empty";
    QTest::addRow("layer out of range")
        << QStringList{"--view", "head", "--text", text, "--layer", "5"} << 1 << "--layer 5";
    QTest::addRow("head out of range")
        << QStringList{"--view", "head", "--text", text, "--head", "9"} << 1 << "--head 9";
    QTest::addRow("bad colormap") << QStringList{"--view", "head",       "--text",
                                                 text,     "--colormap", "jet"}
                                  << 2 << "--colormap";
    QTest::addRow("bad width") << QStringList{"--view", "grid", "--text", text, "--width", "abc"}
                               << 2 << "--width";
    QTest::addRow("tiny width") << QStringList{"--view", "grid", "--text", text, "--width", "2"}
                                << 2 << "--width";
    QTest::addRow("not a figure") << QStringList{"--view", "grid",  "--text",
                                                 text,     "--out", "OUT.json"}
                                  << 2 << "--out";
    QTest::addRow("distance of the rollout")
        << QStringList{"--view", "distance", "--text", text, "--aggregate", "rollout"} << 2
        << "--view distance";
    QTest::addRow("distance not as json")
        << QStringList{"--view", "distance", "--text", text, "--out", "OUT.json"} << 2 << "--out";
    QTest::addRow("missing model")
        << QStringList{"--view", "head", "--text", text, "--model", "MISSING"} << 1 << "error:";
    QTest::addRow("unwritable") << QStringList{"--view", "grid",  "--text",
                                               text,     "--out", "MISSINGDIR/x.png"}
                                << 1 << "cannot write";
}

void TestCliExport::errors() {
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QString out = dir_.filePath(QStringLiteral("error-output.png"));
    if (!arguments.contains(QStringLiteral("--model"))) {
        arguments << QStringLiteral("--model") << model_;
    }
    for (QString& argument : arguments) {
        argument.replace(QStringLiteral("MISSINGDIR"), dir_.filePath(QStringLiteral("nowhere")));
        argument.replace(QStringLiteral("MISSING"), dir_.filePath(QStringLiteral("no-model")));
        argument.replace(QStringLiteral("OUT"), dir_.filePath(QStringLiteral("data")));
    }
    if (!arguments.contains(QStringLiteral("--out"))) {
        arguments << QStringLiteral("--out") << out;
    } else {
        out = arguments[arguments.indexOf(QStringLiteral("--out")) + 1];
    }
    const Run result = run(arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.err.startsWith(QStringLiteral("error: ")), qPrintable(result.err));
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    if (exitCode == 1) {
        QCOMPARE(result.err.count(QLatin1Char('\n')), 1);  // one line
    }
    QVERIFY(!QFile::exists(out));  // never a half-written (or any) output
}

void TestCliExport::distanceNumbersAreTheTextsProfile() {
    const QString text = QStringLiteral("The cat sat on the mat.");
    const QString out = dir_.filePath(QStringLiteral("distance.csv"));
    const Run result = run({"--model", model_, "--text", text, "--view", "distance", "--layer", "1",
                            "--head", "1", "--out", out});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.front(), QByteArray("distance,mean_attention,cells"));
    const auto model = atlas::Model::load(model_.toStdString());
    const auto snapshot = atlas::ui::computeSnapshot(*model, text);
    const atlas::DistanceProfile expected = atlas::distanceProfile(snapshot->map(1, 1));
    QCOMPARE(lines.size(), qsizetype(expected.distances.size()) + 1);
    for (std::size_t k = 0; k < expected.distances.size(); ++k) {
        const QList<QByteArray> cells = lines[qsizetype(k) + 1].split(',');
        QCOMPARE(cells.size(), 3);
        QCOMPARE(cells[0].toInt(), expected.distances[k]);
        QVERIFY(std::abs(cells[1].toDouble() - expected.mean_attention[k]) < 1e-7);
        QCOMPARE(cells[2].toLongLong(), expected.cells[k]);
    }
}

void TestCliExport::windowDataIsRunOutput() {
    // "Export data" in the window writes what `run` prints, byte for byte.
    const QString text = QStringLiteral("The cat sat on the mat.");
    const auto model = atlas::Model::load(model_.toStdString());
    const auto snapshot = atlas::ui::computeSnapshot(*model, text);
    for (const QString& format : {QStringLiteral("json"), QStringLiteral("csv")}) {
        QProcess process;
        process.start(QStringLiteral(ATLAS_CLI_PATH),
                      {"run", "--model", model_, "--text", text, "--format", format});
        QVERIFY(process.waitForFinished(120000));
        const QByteArray printed = process.readAllStandardOutput();
        if (process.exitCode() != 0 && process.readAllStandardError().contains("not built yet")) {
            QSKIP("the run command has not landed yet");
        }
        QCOMPARE(process.exitCode(), 0);
        const QByteArray saved = format == QLatin1String("json")
                                     ? atlas::ui::attentionJson(*snapshot)
                                     : atlas::ui::attentionCsv(*snapshot);
        QCOMPARE(saved, printed);
    }
}

QTEST_GUILESS_MAIN(TestCliExport)
#include "tst_cli_export.moc"
