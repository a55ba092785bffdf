// The rows above the grid and the views (the top bar, the token chips, the message strips) in a
// scroll area as tall as they are, up to a share of the window: at the largest text sizes on a
// small screen, or with a long sentence's many chips, they scroll, and the grid and the views
// keep the rest of the height instead of being squeezed below their size and cut. The widget
// below may claim a minimum height (the focused head's map at a large text size): the rows above
// yield it first, down to the first row, showing whole rows.
#pragma once

#include <QScrollArea>

namespace atlas::ui {

class TopArea : public QScrollArea {
  public:
    static constexpr double kWindowShare = 0.45;  // of the window's height, at most

    // Takes `content` (its layout may trade height for width, as the top bar and chips do).
    explicit TopArea(QWidget* content, QWidget* parent = nullptr);

    // Leaves `below`, the widget under this one in the parent's layout, at least its minimum
    // height, following changes of that minimum.
    void yieldTo(QWidget* below);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    int shownHeight() const;  // the content's height for the width it has, capped
    void heightMayHaveChanged();
    // The bottom of the lowest row of the content that ends within `limit` pixels (the first
    // row's when none does), so a shortened area shows whole rows.
    int rowEndAtMost(int limit) const;

    QWidget* below_ = nullptr;
    int lastHeight_ = -1;  // what the parent's layout was last told
};

}  // namespace atlas::ui
