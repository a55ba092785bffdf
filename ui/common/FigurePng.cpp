// Scale, paint, encode.
#include "common/FigurePng.h"

#include <algorithm>
#include <cmath>

#include <QBuffer>
#include <QCoreApplication>
#include <QImageWriter>

namespace atlas::ui {

namespace {
// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct FigurePngText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::FigurePng)
};
}  // namespace

EncodedPng encodeFigurePng(QSize logical, int widthPixels, const QString& path,
                           const std::function<void(QImage& image, double scale)>& paint) {
    EncodedPng png;
    const double scale = double(widthPixels) / logical.width();
    png.pixels = QSize(widthPixels, std::max(1, int(std::lround(logical.height() * scale))));
    QImage image(png.pixels, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull()) {
        png.error = FigurePngText::tr("%1: the image (%2 x %3 px) is too large")
                        .arg(path)
                        .arg(png.pixels.width())
                        .arg(png.pixels.height());
        return png;
    }
    image.fill(Qt::white);
    paint(image, scale);
    QBuffer buffer(&png.bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (!writer.write(image.convertToFormat(QImage::Format_RGB32))) {
        png.bytes.clear();
        png.error = FigurePngText::tr("%1: cannot encode the PNG (%2)").arg(path, writer.errorString());
    }
    return png;
}

}  // namespace atlas::ui
