// Exporting from the main window: File ▸ Export…, the views' context menus and the export
// dialog, with the last folder and width remembered; the files are painted by ExportRenderer.
#pragma once

#include <functional>
#include <memory>

#include <QObject>
#include <QString>

#include "export/ExportDialog.h"
#include "export/ExportRenderer.h"

class QMenu;
class QSettings;
class QWidget;

namespace atlas::ui {

class AttentionSnapshot;

class ExportActions : public QObject {
    Q_OBJECT
  public:
    // What an export shows: the window's snapshot and its request (focus, colours, scale) for
    // a view; asked at the moment of export.
    struct Source {
        std::function<std::shared_ptr<const AttentionSnapshot>()> snapshot;
        std::function<ExportRequest(ExportView view)> request;
    };
    ExportActions(Source source, QWidget* window);

    void restore(const QSettings& settings);
    void save(QSettings& settings) const;

    // Writes `view` (or the data, by the path's .csv / .json) to `path`.
    ExportResult exportView(ExportView view, const QString& path, int widthPixels = 1600);
    // Asks where to with the export dialog, then exports.
    void openDialog(ExportDialog::Target target);
    // "Export this view…" and one entry per view and the data, for a context menu.
    void addContextActions(QMenu& menu, ExportDialog::Target here, int layer);
    QString lastFolder() const { return lastFolder_; }

  signals:
    void exported(const QString& path);
    void failed(const QString& message);

  private:
    QString suggestedPath(ExportDialog::Target target) const;

    Source source_;
    QWidget* window_;
    QString lastFolder_;
    int lastWidth_ = 2000;
};

}  // namespace atlas::ui
