// View ▸ Text size: one factor for the type of the whole interface, so the back row can read
// it. It scales the application font (every widget that uses it); views that paint their own
// type in pixels (the grid, the focused head, the token chips and lines, the walkthrough, the
// presentation) follow() it. Remembered in the settings.
#pragma once

#include <QFont>
#include <QObject>

class QMenu;
class QSettings;

namespace atlas::ui {

class TextSize : public QObject {
    Q_OBJECT
  public:
    // The scales the menu steps through; 1 is the system's size.
    static constexpr double kScales[] = {0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5};

    // Reads the remembered scale from `settings` (nullptr: starts at 1 and remembers nothing)
    // and applies it.
    explicit TextSize(QSettings* settings, QObject* parent = nullptr);
    ~TextSize() override;

    double scale() const { return scale_; }
    void setScale(double scale);  // clamped to the scales above
    void larger();
    void smaller();
    void reset() { setScale(1.0); }

    // Calls view->setTextScale(scale()) now and after every change: for views that paint their
    // type in pixels, which the application font does not reach.
    template <typename View>
    void follow(View* view, void (View::*setTextScale)(double)) {
        (view->*setTextScale)(scale_);
        connect(this, &TextSize::scaleChanged, view, setTextScale);
    }

    // Adds the Text size submenu: Larger (Ctrl++), Smaller (Ctrl+-), Normal size (Ctrl+0).
    void addMenu(QMenu* view);

  signals:
    void scaleChanged(double scale);

  private:
    void apply();

    QSettings* settings_;
    QFont base_;  // the application font before any scaling
    double scale_ = 1.0;
};

}  // namespace atlas::ui
