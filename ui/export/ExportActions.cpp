// The export dialog's flow and the suggested file names.
#include "export/ExportActions.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

#include "AttentionSnapshot.h"

namespace atlas::ui {

namespace {

ExportView viewOf(ExportDialog::Target target) {
    switch (target) {
        case ExportDialog::Target::Head:
            return ExportView::Head;
        case ExportDialog::Target::Layer:
            return ExportView::Layer;
        case ExportDialog::Target::Lines:
            return ExportView::Lines;
        case ExportDialog::Target::Grid:
        case ExportDialog::Target::Data:
            break;
    }
    return ExportView::Grid;  // the data export is picked by the path's .csv / .json
}

}  // namespace

ExportActions::ExportActions(Source source, QWidget* window)
    : QObject(window), source_(std::move(source)), window_(window) {}

void ExportActions::restore(const QSettings& settings) {
    lastFolder_ = settings.value("exportFolder").toString();
    lastWidth_ = settings.value("exportWidth", 2000).toInt();
}

void ExportActions::save(QSettings& settings) const {
    settings.setValue("exportFolder", lastFolder_);
    settings.setValue("exportWidth", lastWidth_);
}

ExportResult ExportActions::exportView(ExportView view, const QString& path, int widthPixels) {
    const std::shared_ptr<const AttentionSnapshot> snapshot = source_.snapshot();
    if (!snapshot) {
        ExportResult result;
        result.error = tr("Nothing to export yet: no attention has been computed.");
        emit failed(result.error);
        return result;
    }
    ExportRequest request = source_.request(view);
    request.path = path;
    request.widthPixels = widthPixels;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const ExportResult result = exportToFile(*snapshot, request);
    QApplication::restoreOverrideCursor();
    if (result.ok) {
        emit exported(path);
    } else {
        emit failed(tr("Export failed: %1").arg(result.error));
    }
    return result;
}

void ExportActions::openDialog(ExportDialog::Target target) {
    if (!source_.snapshot()) {
        emit failed(tr("Nothing to export yet: no attention has been computed."));
        return;
    }
    ExportDialog dialog(target, suggestedPath(target), lastWidth_, window_);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    const QString path = dialog.path();
    lastFolder_ = QFileInfo(path).absolutePath();
    lastWidth_ = dialog.widthPixels();
    const ExportResult result = exportView(viewOf(dialog.target()), path, dialog.widthPixels());
    if (!result.ok) {
        QMessageBox::warning(window_, tr("Export failed"), result.error);
    }
}

void ExportActions::addContextActions(QMenu& menu, ExportDialog::Target here, int layer) {
    using Target = ExportDialog::Target;
    menu.addAction(tr("Export this view…"), this, [this, here]() { openDialog(here); });
    menu.addSeparator();
    menu.addAction(tr("Export focused head…"), this, [this]() { openDialog(Target::Head); });
    menu.addAction(tr("Export layer %1…").arg(layer), this,
                   [this]() { openDialog(Target::Layer); });
    menu.addAction(tr("Export whole grid…"), this, [this]() { openDialog(Target::Grid); });
    menu.addAction(tr("Export token lines…"), this, [this]() { openDialog(Target::Lines); });
    menu.addAction(tr("Export data (CSV or JSON)…"), this, [this]() { openDialog(Target::Data); });
}

QString ExportActions::suggestedPath(ExportDialog::Target target) const {
    QString folder = lastFolder_;
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) {
        folder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
        if (folder.isEmpty() || !QFileInfo(folder).isDir()) {
            folder = QDir::homePath();
        }
    }
    const ExportRequest request = source_.request(ExportView::Head);
    QString name;
    switch (target) {
        case ExportDialog::Target::Head:
            name = QStringLiteral("attention-L%1-C%2.png").arg(request.layer).arg(request.column);
            break;
        case ExportDialog::Target::Layer:
            name = QStringLiteral("attention-layer%1.png").arg(request.layer);
            break;
        case ExportDialog::Target::Grid:
            name = QStringLiteral("attention-grid.png");
            break;
        case ExportDialog::Target::Lines:
            name = QStringLiteral("attention-lines-L%1.png").arg(request.layer);
            break;
        case ExportDialog::Target::Data:
            name = QStringLiteral("attention.json");
            break;
    }
    return QDir(folder).filePath(name);
}

}  // namespace atlas::ui
