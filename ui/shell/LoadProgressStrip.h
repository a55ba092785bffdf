// The status-bar strip shown while a model loads: what is loading, how far, and a Cancel button.
#pragma once

#include <QString>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace atlas::ui {

class ModelLoader;

class LoadProgressStrip : public QWidget {
    Q_OBJECT
  public:
    explicit LoadProgressStrip(QWidget* parent = nullptr);

    // Shows the loader's progress, and Cancel cancels its load.
    void follow(ModelLoader& loader);
    void start(const QString& displayName);  // shows the strip at 0 %
    void setFraction(double fraction);       // [0, 1]
    void finish();                           // hides it
    int percent() const;
    QToolButton* cancelButton() const { return cancel_; }

  signals:
    void cancelRequested();

  private:
    QLabel* label_ = nullptr;
    QProgressBar* bar_ = nullptr;
    QToolButton* cancel_ = nullptr;
};

}  // namespace atlas::ui
