// The strip above the views while a lesson runs: its title and step, the step's caption in
// large type, and Back / Next / close.
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace atlas::ui {

class LessonBar : public QFrame {
    Q_OBJECT
  public:
    explicit LessonBar(QWidget* parent = nullptr);

    void showStep(const QString& lessonTitle, int step, int steps, const QString& caption);
    QString caption() const;

  signals:
    void backRequested();
    void nextRequested();
    void closeRequested();

  private:
    QLabel* where_ = nullptr;
    QLabel* caption_ = nullptr;
    QPushButton* back_ = nullptr;
    QPushButton* next_ = nullptr;
};

}  // namespace atlas::ui
