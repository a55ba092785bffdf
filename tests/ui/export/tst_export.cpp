// Exports of every view to every format, data exports, and failures that leave no file.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "UiFixtures.h"
#include "export/ExportRenderer.h"
#include "model/Model.h"

using namespace atlas;
using namespace atlas::ui;

class TestExport : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void eachViewToEachFormat_data();
    void eachViewToEachFormat();
    void pngWidthIsTheRequestedOne_data();
    void pngWidthIsTheRequestedOne();
    void unwritablePathLeavesNoFile_data();
    void unwritablePathLeavesNoFile();
    void failedExportKeepsTheOldFile();
    void badRequestsAreErrors();
    void jsonIsTheRunFormat();
    void csvHasARowPerWeight();

  private:
    QTemporaryDir dir_;
    std::shared_ptr<const AttentionSnapshot> snapshot_;
};

void TestExport::initTestCase() {
    QVERIFY(dir_.isValid());
    const QString folder = atlas::test::writeTinyGptFolder(dir_.filePath("tiny-gpt"), 3, 2);
    const auto model = Model::load(folder.toStdString());
    snapshot_ = computeSnapshot(*model, QStringLiteral("The cat sat on the mat, and the dog "
                                                       "sat on the rug."));
    QVERIFY(snapshot_->tokenCount() > 8);
    QCOMPARE(snapshot_->layerCount(), 3);
    QCOMPARE(snapshot_->columnCount(), 4);  // 2 heads, mean, rollout
}

void TestExport::eachViewToEachFormat_data() {
    QTest::addColumn<int>("view");
    QTest::addColumn<QString>("suffix");
    for (ExportView view :
         {ExportView::Head, ExportView::Layer, ExportView::Grid, ExportView::Lines}) {
        for (const char* suffix : {"png", "svg", "pdf"}) {
            QTest::addRow("%s.%s", qPrintable(exportViewName(view)), suffix)
                << int(view) << QString::fromLatin1(suffix);
        }
    }
}

void TestExport::eachViewToEachFormat() {
    QFETCH(int, view);
    QFETCH(QString, suffix);
    ExportRequest request;
    request.view = ExportView(view);
    request.layer = 1;
    request.column = 1;
    request.lineColumns = {0, 1, 2};
    request.widthPixels = 1000;
    request.path = dir_.filePath(QStringLiteral("%1.%2").arg(exportViewName(request.view), suffix));
    const ExportResult result = exportToFile(*snapshot_, request);
    QVERIFY2(result.ok, qPrintable(result.error));
    QFile file(request.path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.size() > 1000);
    if (suffix == QLatin1String("png")) {
        QImage image;
        QVERIFY(image.loadFromData(bytes, "PNG"));
        QCOMPARE(image.width(), 1000);
        QCOMPARE(result.pixelSize, image.size());
        QVERIFY(image.height() > 200);
        // Not blank: a figure has many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7) {
            for (int x = 0; x < image.width(); x += 7) {
                colours.insert(image.pixel(x, y));
            }
        }
        QVERIFY(colours.size() > 20);
    } else if (suffix == QLatin1String("svg")) {
        QXmlStreamReader xml(bytes);
        while (!xml.atEnd()) {
            xml.readNext();
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(bytes.contains("<svg"));
        QSvgRenderer renderer(bytes);
        QVERIFY(renderer.isValid());
        QVERIFY(renderer.defaultSize().width() > 100);
    } else {
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    }
    // Nothing else was left in the folder (no temporary files).
    const QStringList leftovers =
        QDir(dir_.path()).entryList({QStringLiteral("*.tmp*"), QStringLiteral("*~")}, QDir::Files);
    QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(' ')));
}

void TestExport::pngWidthIsTheRequestedOne_data() {
    QTest::addColumn<int>("width");
    QTest::addRow("small") << 320;
    QTest::addRow("slide") << 1920;
    QTest::addRow("poster") << 3000;
}

void TestExport::pngWidthIsTheRequestedOne() {
    QFETCH(int, width);
    ExportRequest request;
    request.view = ExportView::Grid;
    request.widthPixels = width;
    request.path = dir_.filePath(QStringLiteral("grid-%1.png").arg(width));
    QVERIFY(exportToFile(*snapshot_, request).ok);
    QCOMPARE(QImage(request.path).width(), width);
}

void TestExport::unwritablePathLeavesNoFile_data() {
    QTest::addColumn<QString>("suffix");
    for (const char* suffix : {"png", "svg", "pdf", "csv", "json"}) {
        QTest::addRow("%s", suffix) << QString::fromLatin1(suffix);
    }
}

void TestExport::unwritablePathLeavesNoFile() {
    QFETCH(QString, suffix);
    // A folder that does not exist, and a "folder" that is a file: neither can be written.
    QFile blocker(dir_.filePath(QStringLiteral("a-file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    for (const QString& path : {dir_.filePath(QStringLiteral("missing/out.") + suffix),
                                dir_.filePath(QStringLiteral("a-file/out.") + suffix)}) {
        ExportRequest request;
        request.view = ExportView::Head;
        request.path = path;
        const ExportResult result = exportToFile(*snapshot_, request);
        QVERIFY(!result.ok);
        QVERIFY2(result.error.contains(path), qPrintable(result.error));
        QVERIFY(!QFile::exists(path));
    }
}

void TestExport::failedExportKeepsTheOldFile() {
    // A request that fails after the file was chosen (layer out of range) leaves an existing
    // file as it was.
    const QString path = dir_.filePath(QStringLiteral("keep.png"));
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("old contents");
    existing.close();
    ExportRequest request;
    request.view = ExportView::Head;
    request.layer = 99;
    request.path = path;
    const ExportResult result = exportToFile(*snapshot_, request);
    QVERIFY(!result.ok);
    QVERIFY(result.error.contains(QStringLiteral("layer 99")));
    QFile check(path);
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), QByteArray("old contents"));
}

void TestExport::badRequestsAreErrors() {
    ExportRequest request;
    request.path = dir_.filePath(QStringLiteral("figure.bmp"));
    QVERIFY(exportToFile(*snapshot_, request).error.contains(QStringLiteral("unknown file type")));
    request.path = dir_.filePath(QStringLiteral("narrow.png"));
    request.widthPixels = 3;
    QVERIFY(!exportToFile(*snapshot_, request).ok);
    QVERIFY(!QFile::exists(request.path));
    request.widthPixels = 800;
    request.column = 17;
    QVERIFY(exportToFile(*snapshot_, request).error.contains(QStringLiteral("head 17")));
    AttentionSnapshot empty;
    request.column = 0;
    QVERIFY(!exportToFile(empty, request).ok);
}

void TestExport::jsonIsTheRunFormat() {
    ExportRequest request;
    request.path = dir_.filePath(QStringLiteral("data.json"));
    QVERIFY(exportToFile(*snapshot_, request).ok);
    QFile file(request.path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject root = document.object();
    const QJsonObject model = root["model"].toObject();
    QCOMPARE(model["type"].toString(), QStringLiteral("gpt2"));
    QCOMPARE(model["layers"].toInt(), 3);
    QCOMPARE(model["heads"].toInt(), 2);
    QCOMPARE(model["causal"].toBool(), true);
    const int tokens = snapshot_->tokenCount();
    const QJsonArray tokenList = root["tokens"].toArray();
    QCOMPARE(tokenList.size(), tokens);
    QCOMPARE(tokenList[1].toObject()["text"].toString(), QStringLiteral(" cat"));
    QCOMPARE(tokenList[1].toObject()["begin"].toInt(), 3);
    QCOMPARE(tokenList[1].toObject()["end"].toInt(), 7);
    const QJsonArray attention = root["attention"].toArray();  // [L][H][T][T]
    QCOMPARE(attention.size(), 3);
    for (const QJsonValue& layer : attention) {
        QCOMPARE(layer.toArray().size(), 2);
        for (const QJsonValue& head : layer.toArray()) {
            QCOMPARE(head.toArray().size(), tokens);
            for (const QJsonValue& row : head.toArray()) {
                QCOMPARE(row.toArray().size(), tokens);
                double sum = 0;
                for (const QJsonValue& weight : row.toArray()) {
                    sum += weight.toDouble();
                }
                QVERIFY(qAbs(sum - 1.0) < 1e-4);
            }
        }
    }
    QVERIFY(root.contains("predictions"));
}

void TestExport::csvHasARowPerWeight() {
    ExportRequest request;
    request.path = dir_.filePath(QStringLiteral("data.csv"));
    QVERIFY(exportToFile(*snapshot_, request).ok);
    QFile file(request.path);
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    const int tokens = snapshot_->tokenCount();
    QCOMPARE(lines.first(), QByteArray("layer,head,query,key,query_text,key_text,weight"));
    QCOMPARE(lines.size(), 1 + 3 * 2 * tokens * tokens);
    // Row "layer 0, head 0, query 0, key 0": a causal model's first token attends to itself.
    QVERIFY(lines[1].startsWith("0,0,0,0,\"The\",\"The\",1"));
}

QTEST_MAIN(TestExport)
#include "tst_export.moc"
