// Type set in pixels on widgets (the classroom's large captions, titles and buttons), which the
// application font does not reach: each widget keeps its size at the normal text size here, and
// View ▸ Text size multiplies it.
#pragma once

#include <vector>

#include <QPointer>
#include <QWidget>

namespace atlas::ui {

class ScaledFonts {
  public:
    // Gives `widget` style::font(pixels times the scale, bold) now and after each setScale().
    void set(QWidget* widget, double pixels, bool bold = false);
    void setScale(double scale);
    double scale() const { return scale_; }
    double scaled(double pixels) const { return pixels * scale_; }

  private:
    struct Entry {
        QPointer<QWidget> widget;
        double pixels;
        bool bold;
    };
    void apply(const Entry& entry) const;

    std::vector<Entry> entries_;
    double scale_ = 1.0;
};

}  // namespace atlas::ui
