// A figure of the attribution views, painted the same way in the window and in an export.
#pragma once

#include <QCoreApplication>
#include <QPainter>
#include <QSize>
#include <QString>

namespace atlas::ui {

class AttributionFigure {
  public:
    virtual ~AttributionFigure() = default;
    virtual QSize size() const = 0;  // logical pixels
    virtual void paint(QPainter& painter) const = 0;
};

struct FigureExportResult {
    bool ok = false;
    QString error;  // "PATH: reason" when !ok
    QSize pixels;   // of a PNG
};

// Writes `figure` as PNG (`widthPixels` wide), SVG or PDF by the path's extension, atomically:
// on any error the file at `path` stays as it was.
FigureExportResult exportFigure(const AttributionFigure& figure, const QString& path,
                                int widthPixels = 1600);

}  // namespace atlas::ui
