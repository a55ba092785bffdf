// Colour maps: the lookup tables, the images they make, names, and the scale maximum.
#include <QTest>

#include <cmath>

#include "common/ColorMaps.h"

using namespace atlas;
using namespace atlas::ui;

class TestColorMaps : public QObject {
    Q_OBJECT
  private slots:
    void endpoints_data();
    void endpoints();
    void perceptualMapsGetLighter_data();
    void perceptualMapsGetLighter();
    void imageHasOnePixelPerCell();
    void namesRoundTrip();
    void scaleMaximumFollowsMode();
};

void TestColorMaps::endpoints_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<QColor>("low");
    QTest::addColumn<QColor>("high");
    QTest::addRow("viridis") << int(ColorMapKind::Viridis) << QColor(0x44, 0x01, 0x54)
                             << QColor(0xfd, 0xe7, 0x25);
    QTest::addRow("cividis") << int(ColorMapKind::Cividis) << QColor(0x00, 0x22, 0x4e)
                             << QColor(0xfe, 0xe8, 0x38);
    QTest::addRow("magma") << int(ColorMapKind::Magma) << QColor(0x00, 0x00, 0x04)
                           << QColor(0xfc, 0xfd, 0xbf);
    QTest::addRow("gray") << int(ColorMapKind::Gray) << QColor(Qt::white) << QColor(Qt::black);
}

void TestColorMaps::endpoints() {
    QFETCH(int, kind);
    QFETCH(QColor, low);
    QFETCH(QColor, high);
    const ColorLookup lookup{ColorMapKind(kind)};
    QCOMPARE(lookup.table().size(), 256);
    QCOMPARE(lookup.colorAt(0.0f), low);
    QCOMPARE(lookup.colorAt(1.0f), high);
    QCOMPARE(lookup.colorAt(-3.0f), low);  // clamped
    QCOMPARE(lookup.colorAt(7.0f), high);
}

// Relative luminance (sRGB, linearised): what makes a map readable in grey print too.
static double luminance(const QColor& color) {
    auto linear = [](double c) {
        return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF()) +
           0.0722 * linear(color.blueF());
}

void TestColorMaps::perceptualMapsGetLighter_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("direction");  // +1 lighter with weight, -1 darker (gray is ink)
    QTest::addRow("viridis") << int(ColorMapKind::Viridis) << 1;
    QTest::addRow("cividis") << int(ColorMapKind::Cividis) << 1;
    QTest::addRow("magma") << int(ColorMapKind::Magma) << 1;
    QTest::addRow("gray") << int(ColorMapKind::Gray) << -1;
}

void TestColorMaps::perceptualMapsGetLighter() {
    QFETCH(int, kind);
    QFETCH(int, direction);
    const ColorLookup lookup{ColorMapKind(kind)};
    double previous = direction * luminance(lookup.colorAt(0.0f));
    for (int i = 1; i <= 20; ++i) {
        const double current = direction * luminance(lookup.colorAt(i / 20.0f));
        QVERIFY2(current > previous, qPrintable(QString::number(i)));
        previous = current;
    }
}

void TestColorMaps::imageHasOnePixelPerCell() {
    const ColorLookup lookup(ColorMapKind::Viridis);
    Matrix map(2, 3);  // [2, 3]
    map << 0.0f, 0.5f, 1.0f, 0.25f, 0.0f, 2.0f;
    const QImage image = lookup.image(map, 1.0f);
    QCOMPARE(image.size(), QSize(3, 2));  // columns are x, rows are y
    QCOMPARE(QColor(image.pixel(0, 0)), lookup.colorAt(0.0f));
    QCOMPARE(QColor(image.pixel(2, 0)), lookup.colorAt(1.0f));
    QCOMPARE(QColor(image.pixel(0, 1)), lookup.colorAt(0.25f));
    QCOMPARE(QColor(image.pixel(2, 1)), lookup.colorAt(1.0f));  // above the range: clamped
    // Half the maximum is the middle entry.
    QCOMPARE(image.pixel(1, 0), lookup.table()[128]);
}

void TestColorMaps::namesRoundTrip() {
    for (ColorMapKind kind : allColorMaps()) {
        QCOMPARE(colorMapFromName(colorMapName(kind)), std::optional<ColorMapKind>(kind));
        QVERIFY(!colorMapTitle(kind).isEmpty());
    }
    QCOMPARE(colorMapFromName(QStringLiteral("GREY")), std::optional(ColorMapKind::Gray));
    QVERIFY(!colorMapFromName(QStringLiteral("jet")).has_value());
}

void TestColorMaps::scaleMaximumFollowsMode() {
    Matrix map = Matrix::Zero(2, 2);  // [2, 2]
    map(0, 1) = 0.3f;
    QCOMPARE(scaleMaximum(map, ScaleMode::Shared), 1.0f);
    QCOMPARE(scaleMaximum(map, ScaleMode::Shared, 2.5f), 2.5f);
    QCOMPARE(scaleMaximum(map, ScaleMode::PerHead), 0.3f);
    QVERIFY(scaleMaximum(Matrix::Zero(2, 2), ScaleMode::PerHead) > 0.0f);
    QCOMPARE(largestValue(map), 0.3f);
}

QTEST_GUILESS_MAIN(TestColorMaps)
#include "tst_color_maps.moc"
