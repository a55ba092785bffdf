// A top-level window around one classroom view (compare, training timeline): F11 toggles full
// screen for a projector, Esc leaves full screen.
#pragma once

#include <QWidget>

#include "common/ScaledFonts.h"

class QLabel;

namespace atlas::ui {

class ClassroomWindow : public QWidget {
    Q_OBJECT
  public:
    ClassroomWindow(QWidget* view, const QString& title, QWidget* parent = nullptr);

    QWidget* view() const { return view_; }
    void toggleFullScreen();
    // A lesson step's caption in large type above the view; empty hides it.
    void setCaption(const QString& caption);
    QString caption() const;
    void setTextScale(double scale);  // View ▸ Text size, of the caption

  private:
    QWidget* view_;
    QLabel* caption_;
    ScaledFonts fonts_;
};

}  // namespace atlas::ui
