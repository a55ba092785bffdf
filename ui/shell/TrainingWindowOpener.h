// File ▸ Train a model…: the training window, made on first use with its runs under the app's
// data folder, then shown and raised again on every later use.
#pragma once

#include <QObject>
#include <QString>

class QWidget;

namespace atlas::ui {

class TrainingWindow;

class TrainingWindowOpener : public QObject {
    Q_OBJECT
  public:
    explicit TrainingWindowOpener(QWidget* window);  // the training window's parent

    // Null when the window could not be made (failed() says why).
    TrainingWindow* open();

  signals:
    void created(TrainingWindow* training);  // once, when first opened
    void failed(const QString& message);
    void openModelRequested(const QString& folder);  // a trained model, to show

  private:
    QWidget* window_;
    TrainingWindow* training_ = nullptr;
};

}  // namespace atlas::ui
