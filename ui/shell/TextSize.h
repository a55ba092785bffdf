// View ▸ Text size: one factor for the type of the whole interface, so the back row can read
// it. It scales the application font (every widget that uses it), and whoever draws its own
// type at fixed sizes (the walkthrough, the presentation) hears scaleChanged. Remembered in the
// settings.
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
