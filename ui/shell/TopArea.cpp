// The height is asked again whenever the content's layout changes (chips of a new sentence, a
// new text size) or the window is resized (the cap follows its height).
#include "shell/TopArea.h"

#include <algorithm>

#include <QEvent>
#include <QLayout>
#include <QScrollBar>

namespace atlas::ui {

TopArea::TopArea(QWidget* content, QWidget* parent) : QScrollArea(parent) {
    setFrameShape(QFrame::NoFrame);
    setWidgetResizable(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setWidget(content);
    content->installEventFilter(this);
    if (window() != this) {
        window()->installEventFilter(this);
    }
}

int TopArea::shownHeight() const {
    const QWidget* content = widget();
    const int width = std::max(1, viewport()->width());
    const int wanted = content->hasHeightForWidth() ? content->heightForWidth(width)
                                                    : content->sizeHint().height();
    int cap = int(window()->height() * kWindowShare);
    const QWidget* parent = parentWidget();
    if (below_ && parent && parent->layout()) {
        const QMargins around = parent->layout()->contentsMargins();
        const int belowMinimum = below_->minimumHeight() > 0 ? below_->minimumHeight()
                                                             : below_->minimumSizeHint().height();
        const int room = parent->height() - around.top() - around.bottom() -
                         parent->layout()->spacing() - belowMinimum;
        cap = std::min(cap, room);
    }
    const QMargins margins = contentsMargins();
    if (wanted > cap) {
        cap = rowEndAtMost(cap);
    }
    return std::min(wanted, std::max(cap, 1)) + margins.top() + margins.bottom();
}

int TopArea::rowEndAtMost(int limit) const {
    // The lines between rows: the bottoms of the content's widgets that no other crosses.
    QList<QRect> shown;
    for (QWidget* child : widget()->findChildren<QWidget*>(Qt::FindDirectChildrenOnly)) {
        if (child->isVisibleTo(widget()) && !child->geometry().isEmpty()) {
            shown << child->geometry();
        }
    }
    int best = 0;
    int first = 0;
    for (const QRect& rect : shown) {
        const int line = rect.bottom() + 1;
        const bool crossed = std::any_of(shown.begin(), shown.end(), [line](const QRect& other) {
            return other.top() < line && other.bottom() + 1 > line;
        });
        if (crossed) {
            continue;
        }
        if (line <= limit) {
            best = std::max(best, line);
        }
        first = first == 0 ? line : std::min(first, line);
    }
    return best > 0 ? best : (first > 0 ? first : limit);
}

void TopArea::yieldTo(QWidget* below) {
    below_ = below;
    if (parentWidget()) {
        parentWidget()->installEventFilter(this);
    }
    heightMayHaveChanged();
}

void TopArea::heightMayHaveChanged() {
    // Telling the layout only on a change: its answer arrives as a request to the parent, which
    // this watches.
    const int height = shownHeight();
    if (height != lastHeight_) {
        lastHeight_ = height;
        updateGeometry();
    }
}

QSize TopArea::sizeHint() const {
    return QSize(widget()->sizeHint().width(), shownHeight());
}

QSize TopArea::minimumSizeHint() const {
    return QSize(widget()->minimumSizeHint().width(), shownHeight());
}

bool TopArea::eventFilter(QObject* watched, QEvent* event) {
    if ((watched == widget() && event->type() == QEvent::LayoutRequest) ||
        (watched == window() && event->type() == QEvent::Resize)) {
        lastHeight_ = shownHeight();
        updateGeometry();
    } else if (below_ && watched == parentWidget() &&
               (event->type() == QEvent::LayoutRequest || event->type() == QEvent::Resize)) {
        heightMayHaveChanged();  // a new minimum below, or a new height to share
    }
    return QScrollArea::eventFilter(watched, event);
}

void TopArea::resizeEvent(QResizeEvent* event) {
    QScrollArea::resizeEvent(event);
    lastHeight_ = shownHeight();
    updateGeometry();  // another width, another height for it
}

}  // namespace atlas::ui
