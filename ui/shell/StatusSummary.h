// The right of the status bar: the focused map, the token count (in amber when the sentence was
// cut to what the model reads) and the model with its size.
#pragma once

#include <memory>

#include <QObject>
#include <QStringList>

class QLabel;
class QStatusBar;

namespace atlas {
class Model;
}

namespace atlas::ui {

class AttentionSnapshot;

class StatusSummary : public QObject {
    Q_OBJECT
  public:
    explicit StatusSummary(QStatusBar* bar);

    // `model` may be null (nothing loaded yet), `snapshot` too (nothing computed yet).
    void show(const Model* model, const QString& modelName, const AttentionSnapshot* snapshot,
              int layer, int column);
    void showModelNote(const QString& note);  // "Loading gpt…", "no model"
    QString modelNote() const;
    QStringList texts() const;  // the labels that say something, left to right

    // Gives the status bar and every widget on it the application font again, after View ▸
    // Text size changed it: the bar's style sheet fixes a widget's font when it is polished, so
    // a later application font would not reach them.
    void followApplicationFont();

  private:
    QLabel* focus_;
    QLabel* tokens_;
    QLabel* model_;
};

}  // namespace atlas::ui
