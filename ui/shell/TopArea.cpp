// The height is asked again whenever the content's layout changes (chips of a new sentence, a
// new text size) or the window is resized (the cap follows its height).
#include "shell/TopArea.h"

#include <algorithm>

#include <QEvent>
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
    const int cap = int(window()->height() * kWindowShare);
    const QMargins margins = contentsMargins();
    return std::min(wanted, std::max(cap, 1)) + margins.top() + margins.bottom();
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
        updateGeometry();
    }
    return QScrollArea::eventFilter(watched, event);
}

void TopArea::resizeEvent(QResizeEvent* event) {
    QScrollArea::resizeEvent(event);
    updateGeometry();  // another width, another height for it
}

}  // namespace atlas::ui
