// The rows above the grid and the views (the top bar, the token chips, the message strips) in a
// scroll area as tall as they are, up to a share of the window: at the largest text sizes on a
// small screen, or with a long sentence's many chips, they scroll, and the grid and the views
// keep the rest of the height instead of being squeezed below their size and cut.
#pragma once

#include <QScrollArea>

namespace atlas::ui {

class TopArea : public QScrollArea {
  public:
    static constexpr double kWindowShare = 0.45;  // of the window's height, at most

    // Takes `content` (its layout may trade height for width, as the top bar and chips do).
    explicit TopArea(QWidget* content, QWidget* parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    int shownHeight() const;  // the content's height for the width it has, capped
};

}  // namespace atlas::ui
