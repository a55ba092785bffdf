// The strip above the views while a lesson runs: its title and step, the step's caption in
// large type, and Back / Next / close.
#pragma once

#include <QFrame>

#include "common/ScaledFonts.h"

class QLabel;
class QPushButton;

namespace atlas::ui {

class LessonBar : public QFrame {
    Q_OBJECT
  public:
    explicit LessonBar(QWidget* parent = nullptr);

    // `captionHtml`: the caption with its glossary terms as links (empty: the plain caption);
    // `claims`: what the caption claims, as checked on the built-in model (the tooltip).
    void showStep(const QString& lessonTitle, int step, int steps, const QString& caption,
                  const QString& captionHtml = {}, const QString& claims = {});
    QString caption() const;
    void setTextScale(double scale);  // View ▸ Text size

  signals:
    void backRequested();
    void nextRequested();
    void closeRequested();
    void glossaryRequested(const QString& id);  // a term of the caption was clicked

  private:
    QString captionText_;
    ScaledFonts fonts_;
    QLabel* where_ = nullptr;
    QLabel* caption_ = nullptr;
    QPushButton* back_ = nullptr;
    QPushButton* next_ = nullptr;
};

}  // namespace atlas::ui
