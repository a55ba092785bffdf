// Drag and drop of a model folder (or its model.safetensors) onto the window. The drop is checked
// before anything is loaded: the files a model needs, config.json and model.safetensors'
// header; a rejected drop says which file is wrong and what was expected, and the model shown
// stays as it is. Accepted drops are loaded in the background like File ▸ Open model….
#pragma once

#include <QList>
#include <QObject>
#include <QString>

class QMimeData;
class QWidget;

namespace atlas::ui {

// The check of a dropped path: an empty string when it looks like a model folder (or its
// model.safetensors), else the message to show. Reads config.json and the safetensors header,
// not the weights, so it takes milliseconds even for a big model.
QString checkDroppedModel(const QString& path);
// The folder a checked drop loads: the path itself, or the folder of a model.safetensors.
QString modelFolderOf(const QString& path);

// The one local path a drag carries, or a message when it carries none, several or a
// non-local URL. `path` is set only on success.
QString droppedPath(const QMimeData* mime, QString* path);

class ModelDropHandler : public QObject {
    Q_OBJECT
  public:
    // Makes `window` accept drops (its children that take no drops pass them up to it).
    explicit ModelDropHandler(QWidget* window);
    // Also takes file drops off `widget` (one that accepts text drops, such as the sentence box,
    // would otherwise paste the path); other drops there work as before.
    void watch(QWidget* widget);

  signals:
    void modelDropped(const QString& path);     // checked: load it
    void dropRejected(const QString& message);  // show it; keep the current model

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    QWidget* window_;
    QList<QWidget*> watched_;
};

}  // namespace atlas::ui
