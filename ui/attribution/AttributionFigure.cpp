// PNG through the exports' encoder, SVG and PDF through Qt's vector devices, each saved with
// QSaveFile (common/AtomicSave.h) as the other exports are.
#include "attribution/AttributionFigure.h"

#include <QPageSize>
#include <QPdfWriter>
#include <QSvgGenerator>

#include "common/AtomicSave.h"
#include "common/FigurePng.h"

namespace atlas::ui {

namespace {

class FigureExportText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::FigureExport)
};

}  // namespace

FigureExportResult exportFigure(const AttributionFigure& figure, const QString& path,
                                int widthPixels) {
    FigureExportResult result;
    const QString suffix = path.section(QLatin1Char('.'), -1).toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") &&
        suffix != QLatin1String("pdf")) {
        result.error =
            FigureExportText::tr("%1: the name must end in .png, .svg or .pdf").arg(path);
        return result;
    }
    const QSize logical = figure.size();
    const QString error = saveAtomically(path, [&](QSaveFile& file) -> QString {
        if (suffix == QLatin1String("png")) {
            const EncodedPng png =
                encodeFigurePng(logical, widthPixels, path, [&](QImage& image, double scale) {
                    QPainter painter(&image);
                    painter.setRenderHint(QPainter::Antialiasing);
                    painter.setRenderHint(QPainter::TextAntialiasing);
                    painter.scale(scale, scale);
                    figure.paint(painter);
                });
            if (png.bytes.isEmpty()) {
                return png.error;
            }
            result.pixels = png.pixels;
            return file.write(png.bytes) == png.bytes.size()
                       ? QString()
                       : FigureExportText::tr("%1: cannot write (%2)")
                             .arg(path, file.errorString());
        }
        QPainter painter;
        if (suffix == QLatin1String("svg")) {
            QSvgGenerator generator;
            generator.setOutputDevice(&file);
            generator.setSize(logical);
            generator.setViewBox(QRect(QPoint(0, 0), logical));
            generator.setTitle(QStringLiteral("Attention Atlas"));
            if (!painter.begin(&generator)) {
                return FigureExportText::tr("%1: cannot start the SVG").arg(path);
            }
            figure.paint(painter);
            painter.end();
        } else {
            QPdfWriter writer(&file);
            writer.setCreator(QStringLiteral("Attention Atlas"));
            writer.setResolution(96);
            writer.setPageSize(QPageSize(QSizeF(logical) * 72.0 / 96.0, QPageSize::Point, QString(),
                                         QPageSize::ExactMatch));
            writer.setPageMargins(QMarginsF(0, 0, 0, 0));
            if (!painter.begin(&writer)) {
                return FigureExportText::tr("%1: cannot start the PDF").arg(path);
            }
            const double scale = double(writer.width()) / logical.width();
            painter.scale(scale, scale);
            figure.paint(painter);
            painter.end();
        }
        return file.error() == QFileDevice::NoError
                   ? QString()
                   : FigureExportText::tr("%1: cannot write (%2)").arg(path, file.errorString());
    });
    result.ok = error.isEmpty();
    result.error = error;
    return result;
}

}  // namespace atlas::ui
