// Painting figures onto a QImage (PNG), QSvgGenerator (SVG) or QPdfWriter (PDF), and writing
// the data files, each through a QSaveFile so a failed export leaves nothing behind.
#include "export/ExportRenderer.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>

#include <qcustomplot.h>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include "common/AtomicSave.h"
#include "common/FigurePng.h"
#include "common/SpaceMarkers.h"
#include "grid/PanelFigure.h"
#include "head/HeadHeatmapView.h"
#include "model/RunOutput.h"
#include "tokens/LinesFigure.h"

namespace atlas::ui {

namespace {

// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct ExportText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::ExportRenderer)
};

// The lines name what a row stands for: a model token, a character or a word.
QString linesTitle(const AttentionSnapshot& snapshot, int layer) {
    switch (snapshot.units) {
        case UnitLevel::Characters:
            return ExportText::tr("%1 — Layer %2 · character lines")
                .arg(snapshot.modelName)
                .arg(layer);
        case UnitLevel::Words:
            return ExportText::tr("%1 — Layer %2 · word lines").arg(snapshot.modelName).arg(layer);
        case UnitLevel::Tokens:
            break;
    }
    return ExportText::tr("%1 — Layer %2 · token lines").arg(snapshot.modelName).arg(layer);
}

QString subtitleOf(const AttentionSnapshot& snapshot) {
    QString sentence = snapshot.text.simplified();
    if (sentence.size() > 110) {
        sentence = sentence.left(108) + QStringLiteral("…");
    }
    QString result =
        ExportText::tr("“%1” · %2").arg(sentence, unitCountText(snapshot));
    if (snapshot.truncated) {
        result += ExportText::tr(" (truncated from %1)").arg(snapshot.fullTokenCount);
    }
    if (snapshot.sinkHidden) {
        result += ExportText::tr(" · first token hidden (attention sink)");
    }
    // The token labels' marks for blanks, explained on the figure itself.
    const QString legend = spaceMarkerLegend(snapshot.tokenLabels);
    if (!legend.isEmpty()) {
        result += QStringLiteral("    ") + legend;
    }
    return result;
}

// One figure for one export, painted with whatever painter the format needs.
class ExportFigure {
  public:
    ExportFigure(const AttentionSnapshot& snapshot, const ExportRequest& request, bool vector)
        : snapshot_(snapshot), lookup_(request.colorMap), slide_(request.slide) {
        const int tokens = std::max(1, snapshot.tokenCount());
        switch (request.view) {
            case ExportView::Head: {
                head_ = std::make_unique<HeadHeatmapView>();
                head_->setAttribute(Qt::WA_DontShowOnScreen);
                head_->setColorMap(request.colorMap);
                head_->setScaleMode(request.scaleMode);
                head_->setLongTitle(true);
                head_->setSnapshot(std::shared_ptr<const AttentionSnapshot>(
                    &snapshot, [](const AttentionSnapshot*) {}));
                head_->setMap(request.layer, request.column);
                // On a slide the figure is scaled to the slide's height: a fixed side keeps its
                // type large however long the sentence.
                const int side = request.slide ? 560 : std::clamp(18 * tokens + 320, 720, 1600);
                headSize_ = QSize(side + 110, side);
                break;
            }
            case ExportView::Layer: {
                thumbnails_.rebuild(snapshot, lookup_, request.scaleMode);
                PanelFigureSpec spec = layerFigureSpec(snapshot, request.layer,
                                                       std::clamp(14.0 * tokens, 200.0, 900.0));
                spec.title =
                    ExportText::tr("%1 — Layer %2").arg(snapshot.modelName).arg(request.layer);
                decorate(spec, vector, request.layer, request.column);
                panel_ = std::make_unique<PanelFigure>(snapshot, thumbnails_, lookup_,
                                                       request.scaleMode, spec);
                break;
            }
            case ExportView::Grid: {
                thumbnails_.rebuild(snapshot, lookup_, request.scaleMode);
                PanelFigureSpec spec = gridFigureSpec(snapshot, 120);
                spec.title = ExportText::tr("%1 — every head").arg(snapshot.modelName);
                decorate(spec, vector, -1, -1);
                panel_ = std::make_unique<PanelFigure>(snapshot, thumbnails_, lookup_,
                                                       request.scaleMode, spec);
                if (!panel_->showsTokenLabels()) {
                    spec.footer = tokenListText(snapshot);
                    panel_ = std::make_unique<PanelFigure>(snapshot, thumbnails_, lookup_,
                                                           request.scaleMode, spec);
                }
                break;
            }
            case ExportView::Lines: {
                LinesFigureSpec spec;
                spec.layer = request.layer;
                spec.columns = request.lineColumns.empty() ? std::vector<int>{request.column}
                                                           : request.lineColumns;
                spec.swatchColumns = spec.columns;
                spec.title = linesTitle(snapshot, request.layer);
                spec.subtitle = subtitleOf(snapshot);
                spec.linkWidth = 300;
                spec.minimumWidth = 640;  // short sentences would make a tall, thin figure
                lines_ = std::make_unique<LinesFigure>(snapshot, request.scaleMode, spec);
                break;
            }
        }
    }

    QSize size() const {
        if (head_)
            return headSize_;
        if (panel_)
            return panel_->size();
        return lines_->size();
    }

    void paint(QCPPainter& painter) {
        if (head_) {
            head_->paintFigure(painter, headSize_);
        } else if (panel_) {
            panel_->paint(painter);
        } else {
            lines_->paint(painter);
        }
    }

  private:
    void decorate(PanelFigureSpec& spec, bool vector, int selectedLayer, int selectedColumn) {
        spec.subtitle = subtitleOf(snapshot_);
        spec.tokenLabels = true;
        spec.colorBar = true;
        spec.vectorOutput = vector;
        spec.gap = 16;
        spec.margin = 20;
        spec.fontPixelSize = slide_ ? 16 : 13;  // a slide's type is read from the back row
        spec.selectedLayer = selectedLayer;
        spec.selectedColumn = selectedColumn;
        // In a figure of one layer every panel has its title; no need to frame one.
        if (selectedLayer >= 0) {
            spec.selectedLayer = -1;
        }
    }

    const AttentionSnapshot& snapshot_;
    ColorLookup lookup_;
    bool slide_ = false;
    ThumbnailCache thumbnails_;
    std::unique_ptr<PanelFigure> panel_;
    std::unique_ptr<LinesFigure> lines_;
    std::unique_ptr<HeadHeatmapView> head_;
    QSize headSize_;
};

ExportResult failure(const QString& message) {
    ExportResult result;
    result.error = message;
    return result;
}

// saveAtomically for writers that return an ExportResult.
template <typename Write>
ExportResult saveExportAtomically(const QString& path, Write&& write) {
    ExportResult result;
    const QString error = saveAtomically(path, [&](QSaveFile& file) {
        result = write(file);
        if (result.ok) {
            return QString();
        }
        // Never an empty error, which would commit the failed file.
        return !result.error.isEmpty()
                   ? result.error
                   : AtomicSaveText::tr("%1: cannot write (%2)").arg(path, file.errorString());
    });
    return error.isEmpty() ? result : failure(error);
}

bool validRequest(const AttentionSnapshot& snapshot, const ExportRequest& request, QString& error) {
    if (snapshot.empty() || snapshot.tokenCount() == 0) {
        error = ExportText::tr("nothing to export: no attention has been computed");
        return false;
    }
    const bool needsMap = request.view != ExportView::Grid;
    if (needsMap && (request.layer < 0 || request.layer >= snapshot.layerCount())) {
        error = ExportText::tr("layer %1 is out of range (the model has layers 0–%2)")
                    .arg(request.layer)
                    .arg(snapshot.layerCount() - 1);
        return false;
    }
    if (request.view == ExportView::Head || request.view == ExportView::Lines) {
        if (request.column < 0 || request.column >= snapshot.columnCount()) {
            error = ExportText::tr("head %1 is out of range (the model has heads 0–%2)")
                        .arg(request.column)
                        .arg(snapshot.headCount() - 1);
            return false;
        }
    }
    return true;
}

}  // namespace

std::optional<ExportFormat> exportFormatFromPath(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png"))
        return ExportFormat::Png;
    if (suffix == QLatin1String("svg"))
        return ExportFormat::Svg;
    if (suffix == QLatin1String("pdf"))
        return ExportFormat::Pdf;
    if (suffix == QLatin1String("csv"))
        return ExportFormat::Csv;
    if (suffix == QLatin1String("json"))
        return ExportFormat::Json;
    return std::nullopt;
}

std::optional<ExportView> exportViewFromName(const QString& name) {
    if (name == QLatin1String("head"))
        return ExportView::Head;
    if (name == QLatin1String("layer"))
        return ExportView::Layer;
    if (name == QLatin1String("grid"))
        return ExportView::Grid;
    if (name == QLatin1String("lines"))
        return ExportView::Lines;
    return std::nullopt;
}

QString exportViewName(ExportView view) {
    switch (view) {
        case ExportView::Head:
            return QStringLiteral("head");
        case ExportView::Layer:
            return QStringLiteral("layer");
        case ExportView::Grid:
            return QStringLiteral("grid");
        case ExportView::Lines:
            return QStringLiteral("lines");
    }
    return {};
}

QSize naturalFigureSize(const AttentionSnapshot& snapshot, const ExportRequest& request) {
    return ExportFigure(snapshot, request, false).size();
}

ExportResult exportToFile(const AttentionSnapshot& snapshot, const ExportRequest& request) {
    const auto format = exportFormatFromPath(request.path);
    if (!format) {
        return failure(ExportText::tr("%1: unknown file type (use .png, .svg, .pdf, .csv or .json)")
                           .arg(request.path));
    }
    if (*format == ExportFormat::Csv || *format == ExportFormat::Json) {
        if (snapshot.empty()) {
            return failure(ExportText::tr("nothing to export: no attention has been computed"));
        }
        const QByteArray bytes =
            *format == ExportFormat::Csv ? attentionCsv(snapshot) : attentionJson(snapshot);
        return saveExportAtomically(request.path, [&](QSaveFile& file) {
            ExportResult result;
            result.ok = file.write(bytes) == bytes.size();
            if (!result.ok) {
                result.error =
                    ExportText::tr("%1: cannot write (%2)").arg(request.path, file.errorString());
            }
            return result;
        });
    }
    QString error;
    if (!validRequest(snapshot, request, error)) {
        return failure(error);
    }
    if (*format == ExportFormat::Png && (request.widthPixels < 16 || request.widthPixels > 20000)) {
        return failure(
            ExportText::tr("width %1 px is out of range (16–20000)").arg(request.widthPixels));
    }

    const bool vector = *format != ExportFormat::Png;
    ExportFigure figure(snapshot, request, vector);
    const QSize natural = figure.size();
    // The page: the figure's own size, or a 16:9 slide the figure is scaled into and centred on.
    const QSize logical = request.slide ? QSize(1920, 1080) : natural;
    double fit = 1;
    QPointF offset;
    if (request.slide) {
        const double margin = 24;
        fit = std::min((logical.width() - 2 * margin) / natural.width(),
                       (logical.height() - 2 * margin) / natural.height());
        offset = QPointF((logical.width() - natural.width() * fit) / 2,
                         (logical.height() - natural.height() * fit) / 2);
    }
    auto paintPlaced = [&](QCPPainter& painter) {
        painter.translate(offset);
        painter.scale(fit, fit);
        figure.paint(painter);
    };

    return saveExportAtomically(request.path, [&](QSaveFile& file) {
        ExportResult result;
        switch (*format) {
            case ExportFormat::Png: {
                const EncodedPng png = encodeFigurePng(
                    logical, request.widthPixels, request.path, [&](QImage& image, double scale) {
                        QCPPainter painter(&image);
                        painter.setRenderHint(QPainter::TextAntialiasing);
                        painter.scale(scale, scale);
                        paintPlaced(painter);
                    });
                if (png.bytes.isEmpty()) {
                    return failure(png.error);
                }
                if (file.write(png.bytes) != png.bytes.size()) {
                    return failure(ExportText::tr("%1: cannot write (%2)")
                                       .arg(request.path, file.errorString()));
                }
                result.pixelSize = png.pixels;
                break;
            }
            case ExportFormat::Svg: {
                QSvgGenerator generator;
                generator.setOutputDevice(&file);
                generator.setSize(logical);
                generator.setViewBox(QRect(QPoint(0, 0), logical));
                generator.setTitle(QStringLiteral("Attention Atlas"));
                generator.setDescription(subtitleOf(snapshot));
                QCPPainter painter;
                if (!painter.begin(&generator)) {
                    return failure(ExportText::tr("%1: cannot start the SVG").arg(request.path));
                }
                painter.setMode(QCPPainter::pmVectorized);
                if (request.slide) {
                    painter.fillRect(QRect(QPoint(0, 0), logical), Qt::white);
                }
                paintPlaced(painter);
                painter.end();
                break;
            }
            case ExportFormat::Pdf: {
                QPdfWriter writer(&file);
                writer.setCreator(QStringLiteral("Attention Atlas"));
                writer.setTitle(subtitleOf(snapshot));
                writer.setResolution(96);
                // One page the size of the figure (96 logical px per inch, 72 pt per inch).
                writer.setPageSize(QPageSize(QSizeF(logical) * 72.0 / 96.0, QPageSize::Point,
                                             QString(), QPageSize::ExactMatch));
                writer.setPageMargins(QMarginsF(0, 0, 0, 0));
                QCPPainter painter;
                if (!painter.begin(&writer)) {
                    return failure(ExportText::tr("%1: cannot start the PDF").arg(request.path));
                }
                painter.setMode(QCPPainter::pmVectorized);
                const double scale = double(writer.width()) / logical.width();
                painter.scale(scale, scale);
                paintPlaced(painter);
                painter.end();
                break;
            }
            default:
                break;
        }
        if (file.error() != QFileDevice::NoError) {
            return failure(
                ExportText::tr("%1: cannot write (%2)").arg(request.path, file.errorString()));
        }
        result.ok = true;
        return result;
    });
}

// The data exports go through the writer of `run --format json|csv`, so a file saved from the
// window and one printed by the CLI read the same.
namespace {

// The grid's head columns, in head order: the aggregates (mean, rollout) are not part of `run`.
// The writers read one map at a time, so the lookup holds the last one (a long text's maps are
// made on demand).
HeadMapLookup headMaps(const AttentionSnapshot& snapshot) {
    std::vector<int> columns;
    for (int c = 0; c < snapshot.columnCount(); ++c) {
        if (snapshot.columns[c].kind == ColumnKind::Head) {
            columns.push_back(c);
        }
    }
    auto last = std::make_shared<std::optional<MapView>>();
    return [&snapshot, columns, last](int layer, int head) -> const Matrix& {
        *last = snapshot.map(layer, columns[head]);
        return (*last)->matrix();
    };
}

}  // namespace

// `shown` may show characters or words: the file keeps one entry per model token, as `run`
// does, and adds the units shown as `run --words` does.
QByteArray attentionJson(const AttentionSnapshot& shown) {
    const AttentionSnapshot& snapshot = shown.tokenLevel();
    const RunOutputModel model{snapshot.modelName.toStdString(),
                               snapshot.modelType.toStdString(),
                               snapshot.layerCount(),
                               snapshot.headCount(),
                               snapshot.causal,
                               snapshot.kvHeads};
    RunOutputMarks marks;
    marks.sink_share = snapshot.sinkShare;
    marks.sink_dropped = snapshot.sinkHidden;
    std::vector<UnitsOutput> unitLevels;
    if (shown.pooled()) {
        const HeadMapLookup maps = headMaps(shown);
        std::vector<std::vector<Matrix>> pooled(std::size_t(shown.layerCount()));
        for (int l = 0; l < shown.layerCount(); ++l) {
            for (int h = 0; h < shown.headCount(); ++h) {
                pooled[std::size_t(l)].push_back(maps(l, h));
            }
        }
        UnitsOutput units = pooledUnitsOutput(shown.grouping, std::move(pooled));
        unitLevels.push_back(std::move(units));
    }
    return QByteArray::fromStdString(runJson(model, snapshot.truncated, snapshot.tokens,
                                             headMaps(snapshot), snapshot.predictions, nullptr,
                                             marks, unitLevels));
}

QByteArray attentionCsv(const AttentionSnapshot& shown) {
    const AttentionSnapshot& snapshot = shown.tokenLevel();
    return QByteArray::fromStdString(
        runCsv(snapshot.layerCount(), snapshot.headCount(), snapshot.tokens, headMaps(snapshot)));
}

}  // namespace atlas::ui
