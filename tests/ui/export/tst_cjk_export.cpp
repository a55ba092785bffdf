// Chinese sentences in figures: every export (PNG, SVG, PDF) carries the CJK characters of the
// title, axes and token labels, with real glyphs, not missing-glyph boxes.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <QTextLayout>

#include "UiFixtures.h"
#include "common/FigureStyle.h"
#include "export/ExportRenderer.h"

using namespace atlas;
using namespace atlas::ui;

namespace {

const QString kSentence = QStringLiteral("猫坐在垫子上");
const QStringList kTokens{QStringLiteral("猫"), QStringLiteral("坐在"), QStringLiteral("垫子"),
                          QStringLiteral("上")};

// "猫坐在垫子上" as four tokens (UTF-8 byte offsets), 2 layers x 2 causal heads.
std::shared_ptr<const AttentionSnapshot> chineseSnapshot() {
    EncodedText encoded;
    std::size_t begin = 0;
    int id = 100;
    for (const QString& token : kTokens) {
        const std::string bytes = token.toStdString();
        encoded.tokens.push_back({id++, bytes, begin, begin + bytes.size(), false, false});
        begin += bytes.size();
    }
    encoded.full_token_count = encoded.tokens.size();
    const int count = int(kTokens.size());
    Forward forward;
    forward.attention.assign(2, std::vector<Matrix>(2, Matrix::Zero(count, count)));
    for (auto& layer : forward.attention) {
        for (Matrix& map : layer) {
            for (int q = 0; q < count; ++q) {
                for (int k = 0; k <= q; ++k) {
                    map(q, k) = 1.0f / float(q + 1);
                }
            }
        }
    }
    return std::make_shared<AttentionSnapshot>(
        makeSnapshot(QStringLiteral("tiny"), true, kSentence, encoded, forward));
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The decompressed content of every Flate stream of a PDF (Qt compresses page contents,
// fonts and CMaps), each with the dictionary that precedes it.
QList<QPair<QByteArray, QByteArray>> pdfStreams(const QByteArray& pdf) {
    QList<QPair<QByteArray, QByteArray>> streams;
    qsizetype from = 0;
    while (true) {
        const qsizetype start = pdf.indexOf("stream", from);
        if (start < 0) {
            break;
        }
        qsizetype dataStart = start + 6;
        if (pdf.mid(dataStart, 2) == "\r\n") {
            dataStart += 2;
        } else if (pdf.at(dataStart) == '\n') {
            dataStart += 1;
        }
        const qsizetype end = pdf.indexOf("endstream", dataStart);
        if (end < 0) {
            break;
        }
        const qsizetype dictionaryStart = pdf.lastIndexOf("obj", start);
        const QByteArray dictionary = pdf.mid(dictionaryStart, start - dictionaryStart);
        QByteArray data = pdf.mid(dataStart, end - dataStart);
        if (dictionary.contains("/FlateDecode")) {
            // qUncompress wants the expected size first (big-endian); any large bound works.
            QByteArray framed("\x04\x00\x00\x00", 4);
            framed += data;
            data = qUncompress(framed);
        }
        streams.push_back({dictionary, data});
        from = end + 9;
    }
    return streams;
}

// The characters a ToUnicode CMap maps glyphs to: every <XXXX> code of its bfchar and bfrange
// sections, NFKC-normalised (a font may map 子 to the Kangxi radical ⼦, its compatibility
// twin, when both share one glyph; either way a reader copies the same character).
QString cmapCharacters(const QByteArray& cmap) {
    QString characters;
    static const QRegularExpression code(QStringLiteral("<([0-9A-Fa-f]{4})>"));
    for (auto match = code.globalMatch(QString::fromLatin1(cmap)); match.hasNext();) {
        characters += QChar(char16_t(match.next().captured(1).toUShort(nullptr, 16)));
    }
    return characters.normalized(QString::NormalizationForm_KC);
}

}  // namespace

class TestCjkExport : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void figureFontHasTheGlyphs();
    void splitCharactersAreLabelledWhole();
    void svgCarriesTheCharacters_data();
    void svgCarriesTheCharacters();
    void pdfEmbedsTheGlyphs();
    void pngNeedsTheCjkFont();

  private:
    QTemporaryDir dir_;
};

void TestCjkExport::initTestCase() {
    QVERIFY(dir_.isValid());
}

void TestCjkExport::figureFontHasTheGlyphs() {
    // Laid out in the figures' font, every character gets a real glyph (index 0 is the
    // missing-glyph box), from a Simplified Chinese face (Han glyph shapes differ by region).
    QTextLayout layout(kSentence + QStringLiteral("，注意力头"), style::font(14));
    layout.beginLayout();
    layout.createLine();
    layout.endLayout();
    int glyphs = 0;
    for (const QGlyphRun& run : layout.glyphRuns()) {
        for (quint32 glyph : run.glyphIndexes()) {
            QVERIFY2(glyph != 0, qPrintable(run.rawFont().familyName()));
            ++glyphs;
        }
        QVERIFY2(run.rawFont().familyName().contains(QLatin1String("CJK SC")),
                 qPrintable(run.rawFont().familyName()));
    }
    QCOMPARE(glyphs, 11);
}

void TestCjkExport::splitCharactersAreLabelledWhole() {
    // Byte-level BPE may cut 猫 (E7 8C AB) into single bytes; WordPiece may not know 坐.
    const QByteArray text = QStringLiteral("猫坐 cat").toUtf8();
    const std::string bytes = text.toStdString();
    EncodedText encoded;
    encoded.tokens = {{1, bytes.substr(0, 1), 0, 1, false, false},
                      {2, bytes.substr(1, 2), 1, 3, false, true},
                      {3, "[UNK]", 3, 6, false, false},
                      {4, " cat", 6, 10, false, false}};
    encoded.full_token_count = 4;
    Forward forward;
    forward.attention.assign(1, std::vector<Matrix>(1, Matrix::Identity(4, 4)));
    const AttentionSnapshot snapshot =
        makeSnapshot(QStringLiteral("tiny"), true, QString::fromUtf8(text), encoded, forward);
    QCOMPARE(snapshot.tokenLabels,
             QStringList({QStringLiteral("猫 1/3"), QStringLiteral("猫 2–3/3"),
                          QStringLiteral("[UNK] 坐"), QStringLiteral("cat")}));
}

void TestCjkExport::svgCarriesTheCharacters_data() {
    QTest::addColumn<int>("view");
    QTest::addRow("head") << int(ExportView::Head);
    QTest::addRow("layer") << int(ExportView::Layer);
    QTest::addRow("grid") << int(ExportView::Grid);
    QTest::addRow("lines") << int(ExportView::Lines);
}

void TestCjkExport::svgCarriesTheCharacters() {
    QFETCH(int, view);
    ExportRequest request;
    request.view = ExportView(view);
    request.layer = 1;
    request.path = dir_.filePath(QStringLiteral("view-%1.svg").arg(view));
    const ExportResult result = exportToFile(*chineseSnapshot(), request);
    QVERIFY2(result.ok, qPrintable(result.error));
    const QByteArray svg = readAll(request.path);
    QVERIFY(QSvgRenderer(svg).isValid());
    const QString text = QString::fromUtf8(svg);
    // The title quotes the sentence; the axes or lines label each token (the grid's thumbnails
    // are too small for token labels, so there only the title is checked).
    QVERIFY2(text.contains(kSentence), "the sentence is missing from the SVG");
    if (ExportView(view) != ExportView::Grid && ExportView(view) != ExportView::Layer) {
        for (const QString& token : kTokens) {
            QVERIFY2(text.contains(QLatin1Char('>') + token + QLatin1Char('<')), qPrintable(token));
        }
    }
    QVERIFY(!text.contains(QChar(0xFFFD)));
}

void TestCjkExport::pdfEmbedsTheGlyphs() {
    ExportRequest request;
    request.view = ExportView::Head;
    request.path = dir_.filePath(QStringLiteral("head.pdf"));
    const ExportResult result = exportToFile(*chineseSnapshot(), request);
    QVERIFY2(result.ok, qPrintable(result.error));
    const QByteArray pdf = readAll(request.path);
    QVERIFY(pdf.startsWith("%PDF-"));
    // Qt embeds a subset of each font it draws with (FontFile2) and maps its glyphs back to
    // Unicode (ToUnicode), so another computer draws the same glyphs and can search the text.
    QVERIFY2(pdf.contains("/FontFile2") || pdf.contains("/FontFile3"), "no font is embedded");
    QByteArray cmaps;
    for (const auto& [dictionary, data] : pdfStreams(pdf)) {
        if (data.contains("beginbfchar") || data.contains("beginbfrange")) {
            cmaps += data;
        }
    }
    QVERIFY2(!cmaps.isEmpty(), "no ToUnicode map");
    const QString mapped = cmapCharacters(cmaps);
    for (const QChar character : kSentence) {
        QVERIFY2(mapped.contains(character), qPrintable(QString(character) + " not in " + mapped));
    }
}

void TestCjkExport::pngNeedsTheCjkFont() {
    // The same export twice through the CLI: once with the machine's fonts, once with a
    // fontconfig that knows only DejaVu (no CJK glyphs). With Chinese text the two differ
    // (glyphs against boxes); with English text, the control, they are identical.
    QTemporaryDir fontsDir;
    QVERIFY(fontsDir.isValid());
    const QString dejavu = QStringLiteral("/usr/share/fonts/truetype/dejavu");
    if (!QDir(dejavu).exists()) {
        QSKIP("fonts-dejavu-core is not installed");
    }
    const QString config = fontsDir.filePath(QStringLiteral("fonts.conf"));
    {
        QFile file(config);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM "
                                  "\"fonts.dtd\">\n<fontconfig>\n<dir>%1</dir>\n<cachedir>%2"
                                  "</cachedir>\n</fontconfig>\n")
                       .arg(dejavu, fontsDir.filePath(QStringLiteral("cache")))
                       .toUtf8());
    }
    const QString model =
        atlas::test::writeTinyGptFolder(dir_.filePath(QStringLiteral("tiny")), 2, 2);
    auto exportPng = [&](const QString& text, bool allFonts, const QString& name) {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        if (!allFonts) {
            environment.insert(QStringLiteral("FONTCONFIG_FILE"), config);
        }
        process.setProcessEnvironment(environment);
        const QString out = dir_.filePath(name);
        process.start(
            QStringLiteral(ATLAS_CLI_PATH),
            {QStringLiteral("export"), QStringLiteral("--model"), model, QStringLiteral("--text"),
             text, QStringLiteral("--view"), QStringLiteral("head"), QStringLiteral("--width"),
             QStringLiteral("900"), QStringLiteral("--out"), out});
        if (!process.waitForFinished(120000) || process.exitCode() != 0) {
            qWarning() << process.readAllStandardError();
            return QImage();
        }
        return QImage(out);
    };
    const QImage chinese = exportPng(kSentence, true, QStringLiteral("zh-all.png"));
    const QImage chineseWithoutCjk = exportPng(kSentence, false, QStringLiteral("zh-dejavu.png"));
    const QImage english =
        exportPng(QStringLiteral("The cat sat"), true, QStringLiteral("en-all.png"));
    const QImage englishWithoutCjk =
        exportPng(QStringLiteral("The cat sat"), false, QStringLiteral("en-dejavu.png"));
    for (const QImage* image : {&chinese, &chineseWithoutCjk, &english, &englishWithoutCjk}) {
        QVERIFY(!image->isNull());
        QCOMPARE(image->width(), 900);
    }
    QVERIFY2(english == englishWithoutCjk, "the control differs: the fonts differ beyond CJK");
    QVERIFY2(chinese != chineseWithoutCjk, "CJK glyphs and missing-glyph boxes look the same");
    // Many pixels differ, not a stray one: whole glyphs.
    int differing = 0;
    for (int y = 0; y < chinese.height() && y < chineseWithoutCjk.height(); ++y) {
        for (int x = 0; x < chinese.width(); ++x) {
            differing += chinese.pixel(x, y) != chineseWithoutCjk.pixel(x, y);
        }
    }
    QVERIFY2(differing > 200, qPrintable(QString::number(differing)));
}

QTEST_MAIN(TestCjkExport)
#include "tst_cjk_export.moc"
