// Step figures to files. Every step is painted on one page size (the largest step's, or a 16:9
// slide), scaled to the requested width for PNGs, so a slide deck made from them keeps one
// format.
#include "walkthrough/WalkthroughExport.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include "common/AtomicSave.h"
#include "common/FigurePng.h"
#include "export/ExportRenderer.h"

namespace atlas::ui {

namespace {

// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct WalkthroughExportText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::WalkthroughExport)
};

WalkthroughExportResult failure(const QString& message) {
    WalkthroughExportResult result;
    result.error = message;
    return result;
}

// One step placed on the export's page.
struct PlacedStep {
    std::unique_ptr<WalkthroughFigure> figure;
    QPointF offset;
    double scale = 1;

    void paint(QPainter& painter, QSize page) const {
        painter.save();
        painter.fillRect(QRect(QPoint(0, 0), page), Qt::white);
        painter.translate(offset);
        painter.scale(scale, scale);
        figure->paint(painter);
        painter.restore();
    }
};

QString writePng(const PlacedStep& step, QSize page, const QString& path, int widthPixels) {
    const EncodedPng png =
        encodeFigurePng(page, widthPixels, path, [&](QImage& image, double scale) {
            QPainter painter(&image);
            painter.scale(scale, scale);
            step.paint(painter, page);
        });
    if (png.bytes.isEmpty()) {
        return png.error;
    }
    return saveAtomically(path, [&](QSaveFile& file) {
        return file.write(png.bytes) == png.bytes.size()
                   ? QString()
                   : WalkthroughExportText::tr("%1: cannot write (%2)")
                         .arg(path, file.errorString());
    });
}

QString writeSvg(const PlacedStep& step, QSize page, const QString& path) {
    return saveAtomically(path, [&](QSaveFile& file) {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        generator.setSize(page);
        generator.setViewBox(QRect(QPoint(0, 0), page));
        generator.setTitle(QStringLiteral("Attention Atlas"));
        QPainter painter;
        if (!painter.begin(&generator)) {
            return WalkthroughExportText::tr("%1: cannot start the SVG").arg(path);
        }
        step.paint(painter, page);
        painter.end();
        return file.error() == QFileDevice::NoError
                   ? QString()
                   : WalkthroughExportText::tr("%1: cannot write (%2)")
                         .arg(path, file.errorString());
    });
}

// Every step laid out on one page size.
std::vector<PlacedStep> placeSteps(const HeadWalkthrough& walk,
                                   const WalkthroughFigureOptions& options, WalkthroughPage kind,
                                   QSize& page) {
    std::vector<PlacedStep> placed;
    const int steps = int(walk.steps.size());
    if (kind == WalkthroughPage::Slide) {
        page = QSize(1920, 1080);
        const double margin = 24;
        const QSizeF area(page.width() - 2 * margin, page.height() - 2 * margin);
        for (int s = 0; s < steps; ++s) {
            WalkthroughFigureOptions fitted = options;
            const FittedWalkthroughFigure fit = fitWalkthroughFigure(walk, s, fitted, area, 1.25);
            fitted.maxWidth = fit.maxWidth;
            PlacedStep step;
            step.figure = std::make_unique<WalkthroughFigure>(walk, s, fitted);
            step.scale = fit.scale;
            const QSizeF shown = QSizeF(step.figure->size()) * fit.scale;
            step.offset = QPointF(margin + (area.width() - shown.width()) / 2,
                                  margin + (area.height() - shown.height()) / 2);
            placed.push_back(std::move(step));
        }
        return placed;
    }
    page = QSize();
    for (int s = 0; s < steps; ++s) {
        PlacedStep step;
        step.figure = std::make_unique<WalkthroughFigure>(walk, s, options);
        page = page.expandedTo(step.figure->size());
        placed.push_back(std::move(step));
    }
    return placed;
}

}  // namespace

WalkthroughFigureOptions slideFigureOptions() {
    WalkthroughFigureOptions options;
    options.fontPixelSize = 22;
    options.maxWidth = 1920;
    options.maxDimensions = 6;
    options.maxTokens = 12;
    return options;
}

WalkthroughFigureOptions projectorFigureOptions() {
    WalkthroughFigureOptions options = slideFigureOptions();
    options.fontPixelSize = 26;
    options.maxDimensions = 5;
    return options;
}

QStringList walkthroughStepPaths(const QString& path, int steps) {
    const QFileInfo info(path);
    const QString stem = info.path() + QLatin1Char('/') + info.completeBaseName();
    QStringList paths;
    for (int s = 0; s < steps; ++s) {
        paths << QStringLiteral("%1-%2.%3")
                     .arg(stem)
                     .arg(s + 1, 2, 10, QLatin1Char('0'))
                     .arg(info.suffix());
    }
    return paths;
}

WalkthroughExportResult exportWalkthrough(const HeadWalkthrough& walk,
                                          const WalkthroughFigureOptions& options,
                                          const QString& path, int widthPixels,
                                          WalkthroughPage pageKind) {
    const auto format = exportFormatFromPath(path);
    if (!format || *format == ExportFormat::Csv || *format == ExportFormat::Json) {
        return failure(
            WalkthroughExportText::tr("%1: the steps export as .png, .svg or .pdf").arg(path));
    }
    if (walk.steps.empty()) {
        return failure(
            WalkthroughExportText::tr("nothing to export: the walkthrough has no steps"));
    }
    if (widthPixels < 16 || widthPixels > 20000) {
        return failure(
            WalkthroughExportText::tr("width %1 px is out of range (16–20000)").arg(widthPixels));
    }
    const int steps = int(walk.steps.size());
    QSize page;
    const std::vector<PlacedStep> placed = placeSteps(walk, options, pageKind, page);
    WalkthroughExportResult result;
    if (*format == ExportFormat::Pdf) {
        const QString error = saveAtomically(path, [&](QSaveFile& file) {
            QPdfWriter writer(&file);
            writer.setCreator(QStringLiteral("Attention Atlas"));
            writer.setTitle(WalkthroughExportText::tr("Layer %1 · Head %2, step by step")
                                .arg(walk.layer)
                                .arg(walk.head));
            writer.setResolution(96);
            writer.setPageSize(QPageSize(QSizeF(page) * 72.0 / 96.0, QPageSize::Point, QString(),
                                         QPageSize::ExactMatch));
            writer.setPageMargins(QMarginsF(0, 0, 0, 0));
            QPainter painter;
            if (!painter.begin(&writer)) {
                return WalkthroughExportText::tr("%1: cannot start the PDF").arg(path);
            }
            const double scale = double(writer.width()) / page.width();
            for (int s = 0; s < steps; ++s) {
                if (s > 0 && !writer.newPage()) {
                    return WalkthroughExportText::tr("%1: cannot add page %2").arg(path).arg(s + 1);
                }
                painter.save();
                painter.scale(scale, scale);
                placed[std::size_t(s)].paint(painter, page);
                painter.restore();
            }
            painter.end();
            return file.error() == QFileDevice::NoError
                       ? QString()
                       : WalkthroughExportText::tr("%1: cannot write (%2)")
                             .arg(path, file.errorString());
        });
        if (!error.isEmpty()) {
            return failure(error);
        }
        result.files << path;
        result.ok = true;
        return result;
    }
    const QStringList paths = walkthroughStepPaths(path, steps);
    for (int s = 0; s < steps; ++s) {
        const PlacedStep& step = placed[std::size_t(s)];
        const QString error = *format == ExportFormat::Png
                                  ? writePng(step, page, paths[s], widthPixels)
                                  : writeSvg(step, page, paths[s]);
        if (!error.isEmpty()) {
            result.error = error;
            return result;  // the files already written stay, each one whole
        }
        result.files << paths[s];
    }
    result.ok = true;
    return result;
}

}  // namespace atlas::ui
