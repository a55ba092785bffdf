// Drop checks use the core's own locating and parsing, so a drop is refused with the same words
// the command line would print for the same folder.
#include "shell/ModelDropHandler.h"

#include <exception>

#include <QDragEnterEvent>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QUrl>
#include <QWidget>

#include "io/ModelFolder.h"
#include "io/Safetensors.h"
#include "model/ModelConfig.h"

namespace atlas::ui {

QString modelFolderOf(const QString& path) {
    const QFileInfo info(path);
    return info.isFile() ? info.absolutePath() : info.absoluteFilePath();
}

QString checkDroppedModel(const QString& path) {
    const QFileInfo info(path);
    // The folder is what gets loaded, so a differently named weights file would not be the one
    // read: say so rather than load something else.
    if (info.isFile() && info.suffix() == QLatin1String("safetensors") &&
        info.fileName() != QLatin1String("model.safetensors")) {
        return ModelDropHandler::tr(
                   "%1: expected the file to be named model.safetensors, in a "
                   "folder with config.json and the tokenizer files")
            .arg(path);
    }
    try {
        const ModelFolderFiles files = ModelFolderFiles::locate(path.toStdString());
        ModelConfig::fromFile(files.config);
        SafetensorsFile::open(files.weights);  // header, dtypes and byte ranges; no conversion
    } catch (const std::bad_alloc&) {
        return ModelDropHandler::tr("%1: out of memory while checking the model").arg(path);
    } catch (const std::exception& error) {
        return QString::fromUtf8(error.what());
    }
    return {};
}

QString droppedPath(const QMimeData* mime, QString* path) {
    if (mime == nullptr || !mime->hasUrls() || mime->urls().isEmpty()) {
        return ModelDropHandler::tr(
            "Only a model folder can be dropped here (config.json, model.safetensors and "
            "tokenizer files), or its model.safetensors.");
    }
    const QList<QUrl> urls = mime->urls();
    if (urls.size() > 1) {
        return ModelDropHandler::tr("%1 items were dropped; drop one model folder at a time.")
            .arg(urls.size());
    }
    if (!urls.front().isLocalFile()) {
        return ModelDropHandler::tr(
                   "%1: not a local file; expected a model folder on this computer.")
            .arg(urls.front().toString());
    }
    QString local = urls.front().toLocalFile();
    while (local.size() > 1 && local.endsWith(QLatin1Char('/'))) {
        local.chop(1);  // file managers may end a folder's URL with '/'
    }
    *path = local;
    return {};
}

ModelDropHandler::ModelDropHandler(QWidget* window) : QObject(window), window_(window) {
    window_->setAcceptDrops(true);
    window_->installEventFilter(this);
}

void ModelDropHandler::watch(QWidget* widget) {
    watched_.append(widget);
    widget->installEventFilter(this);
}

bool ModelDropHandler::eventFilter(QObject* watched, QEvent* event) {
    if (watched != window_) {
        // A watched child: only drags carrying URLs are ours.
        const bool ours =
            watched->isWidgetType() && watched_.contains(static_cast<QWidget*>(watched));
        const bool drag = event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove ||
                          event->type() == QEvent::Drop;
        if (!ours || !drag || !static_cast<QDropEvent*>(event)->mimeData()->hasUrls()) {
            return false;
        }
    }
    switch (event->type()) {
        case QEvent::DragEnter:
        case QEvent::DragMove: {
            // Accept anything carrying URLs: a refused drop must still be told why.
            auto* drag = static_cast<QDragMoveEvent*>(event);
            if (drag->mimeData()->hasUrls()) {
                drag->acceptProposedAction();
            } else {
                drag->ignore();
            }
            return true;
        }
        case QEvent::Drop: {
            auto* drop = static_cast<QDropEvent*>(event);
            QString path;
            QString problem = droppedPath(drop->mimeData(), &path);
            if (problem.isEmpty()) {
                problem = checkDroppedModel(path);
            }
            drop->acceptProposedAction();
            if (problem.isEmpty()) {
                emit modelDropped(modelFolderOf(path));
            } else {
                emit dropRejected(problem);
            }
            return true;
        }
        default:
            return false;
    }
}

}  // namespace atlas::ui
