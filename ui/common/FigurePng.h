// A figure as a PNG at a chosen pixel width: scaled from its logical size, painted on white and
// encoded in memory first (libpng reports a failed disk write on stderr by itself, and the file's
// own error is the one worth showing). The exports and the walkthrough's slides share it.
#pragma once

#include <functional>

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

namespace atlas::ui {

struct EncodedPng {
    QByteArray bytes;  // empty when encoding failed
    QSize pixels;
    QString error;  // "PATH: reason" when bytes is empty
};

// `paint` draws the figure at its logical size onto `image`, scaled by `scale`. `path` only
// names the file in an error.
EncodedPng encodeFigurePng(QSize logical, int widthPixels, const QString& path,
                           const std::function<void(QImage& image, double scale)>& paint);

}  // namespace atlas::ui
