// Exports: the focused head, one layer, the whole grid or the line view to PNG, SVG or PDF, and
// every head's data to CSV or JSON. Figures are painted by the same code as the window (the
// HeadHeatmapView plot, PanelFigure, LinesFigure) and saved atomically with QSaveFile.
#pragma once

#include <optional>
#include <vector>

#include <QByteArray>
#include <QSize>
#include <QString>

#include "AttentionSnapshot.h"
#include "common/ColorMaps.h"

namespace atlas::ui {

enum class ExportView { Head, Layer, Grid, Lines };
enum class ExportFormat { Png, Svg, Pdf, Csv, Json };

struct ExportRequest {
    ExportView view = ExportView::Head;
    int layer = 0;
    int column = 0;                // the focused grid column (head or aggregate)
    std::vector<int> lineColumns;  // columns the line view draws; empty: `column` only
    ColorMapKind colorMap = ColorMapKind::Viridis;
    ScaleMode scaleMode = ScaleMode::Shared;
    int widthPixels = 1600;  // PNG only; SVG and PDF use the figure's natural size
    // A 16:9 slide (1920 x 1080 logical pixels, the PNG widthPixels wide): the figure is
    // scaled to fill it and centred, so every figure of a deck has one size.
    bool slide = false;
    QString path;  // .png, .svg, .pdf (figures) or .csv, .json (data)
};

struct ExportResult {
    bool ok = false;
    QString error;    // one line naming the file, when !ok
    QSize pixelSize;  // of a PNG
};

// The format a path's extension asks for, if any.
std::optional<ExportFormat> exportFormatFromPath(const QString& path);
std::optional<ExportView> exportViewFromName(const QString& name);  // head|layer|grid|lines
QString exportViewName(ExportView view);

// The figure's size in logical pixels before scaling to the requested width.
QSize naturalFigureSize(const AttentionSnapshot& snapshot, const ExportRequest& request);

// Writes the figure or data file. Never leaves a partial file: on any error the target is left
// as it was. Needs a QApplication (the focused head is a widget), which may be offscreen.
ExportResult exportToFile(const AttentionSnapshot& snapshot, const ExportRequest& request);

// The JSON `attention-atlas-cli run --format json` prints, and the CSV of every head.
QByteArray attentionJson(const AttentionSnapshot& snapshot);
QByteArray attentionCsv(const AttentionSnapshot& snapshot);

}  // namespace atlas::ui
