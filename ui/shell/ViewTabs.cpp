// The two levels of tabs beside the grid.
#include "shell/ViewTabs.h"

#include <algorithm>

#include <QEvent>
#include <QScrollArea>
#include <QStyle>
#include <QTabBar>
#include <QTimer>

#include "common/FigureStyle.h"

namespace atlas::ui {

namespace {

constexpr const char* kGroupProperty = "atlasViewGroup";
constexpr int kMinimumWidth = 320;
constexpr int kMinimumHeight = 240;
constexpr double kFontStep = 0.95;  // the tab names shrink by this factor until they fit

// The view in a tab: the page itself when it scrolls on its own, else the page inside the
// scroll area that holds it.
QWidget* viewIn(QWidget* tab) {
    auto* scroll = qobject_cast<QScrollArea*>(tab);
    return scroll && scroll->property("atlasViewScroll").toBool() ? scroll->widget() : tab;
}

// The tab that holds `page`.
QWidget* tabOf(QWidget* page) {
    QWidget* viewport = page ? page->parentWidget() : nullptr;
    auto* scroll = viewport ? qobject_cast<QScrollArea*>(viewport->parentWidget()) : nullptr;
    return scroll && scroll->property("atlasViewScroll").toBool() ? scroll : page;
}

}  // namespace

ViewTabs::ViewTabs(QWidget* parent) : QTabWidget(parent) {
    // Elided or scrolled tab names are what this class exists to avoid; a narrow window still
    // gets scroll buttons rather than cut names.
    tabBar()->setElideMode(Qt::ElideNone);
}

QTabWidget* ViewTabs::groupTabs(Group group) {
    int insertAt = 0;
    for (int i = 0; i < count(); ++i) {
        const int existing = widget(i)->property(kGroupProperty).toInt();
        if (existing == int(group)) {
            return static_cast<QTabWidget*>(widget(i));
        }
        if (existing < int(group)) {
            insertAt = i + 1;
        }
    }
    auto* tabs = new QTabWidget(this);
    tabs->setDocumentMode(true);
    tabs->tabBar()->setElideMode(Qt::ElideNone);
    tabs->setProperty(kGroupProperty, int(group));
    QString title;
    switch (group) {
        case Group::Head:
            title = tr("Head");
            break;
        case Group::Tokens:
            title = tr("Tokens");
            break;
        case Group::Analysis:
            title = tr("Analysis");
            break;
        case Group::Output:
            title = tr("Output");
            break;
    }
    insertTab(insertAt, tabs, title);
    return tabs;
}

void ViewTabs::addView(Group group, QWidget* page, const QString& title) {
    // A page taller than its tab (a large View ▸ Text size on a small screen) scrolls instead
    // of being squeezed until its parts overlap; a page with scroll bars of its own scrolls.
    if (qobject_cast<QAbstractScrollArea*>(page)) {
        groupTabs(group)->addTab(page, title);
        return;
    }
    auto* scroll = new QScrollArea;
    scroll->setProperty("atlasViewScroll", true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setWidget(page);
    groupTabs(group)->addTab(scroll, title);
}

QList<QTabBar*> ViewTabs::tabBars() const {
    QList<QTabBar*> bars{tabBar()};
    for (int i = 0; i < count(); ++i) {
        bars << static_cast<const QTabWidget*>(widget(i))->tabBar();
    }
    return bars;
}

void ViewTabs::fitTabNames() {
    const QList<QTabBar*> bars = tabBars();
    // Each row measured on a bar of its own that is never shown, so the real rows change type
    // once, only when the size they need changed.
    QTabBar measure;
    measure.setDocumentMode(true);
    measure.setElideMode(Qt::ElideNone);
    const int room = width() - 2 * style()->pixelMetric(QStyle::PM_DefaultFrameWidth) - 4;
    const QFont full = font();  // the application font at the text size
    const double smallest = 1.0 / std::max(1.0, textScale_);
    double factor = 1.0;
    for (; factor > smallest; factor *= kFontStep) {
        measure.setFont(style::scaled(full, factor));
        bool fits = true;
        for (QTabBar* bar : bars) {
            while (measure.count() > 0) {
                measure.removeTab(0);
            }
            for (int i = 0; i < bar->count(); ++i) {
                measure.addTab(bar->tabText(i));
            }
            fits = fits && measure.sizeHint().width() <= room;
        }
        if (fits) {
            break;
        }
    }
    const QFont fitted = style::scaled(full, std::max(factor, smallest));
    for (QTabBar* bar : bars) {
        bar->setFont(fitted);
    }
    updateGeometry();
}

void ViewTabs::setTextScale(double scale) {
    textScale_ = scale;
    fitTabNames();
}

void ViewTabs::keepViewHeight(QWidget* view) {
    keptView_ = view;
    // A new minimum of a view inside a scroll area reaches the area's viewport only.
    if (view->parentWidget()) {
        view->parentWidget()->installEventFilter(this);
    }
    updateGeometry();
}

QSize ViewTabs::minimumSizeHint() const {
    int rows = tabBar()->sizeHint().height();
    int viewRow = 0;
    for (int i = 0; i < count(); ++i) {
        viewRow = std::max(
            viewRow, static_cast<const QTabWidget*>(widget(i))->tabBar()->sizeHint().height());
    }
    int view = 0;
    if (keptView_) {
        view = std::max(keptView_->minimumHeight(), keptView_->minimumSizeHint().height());
    }
    const int frame = 2 * style()->pixelMetric(QStyle::PM_DefaultFrameWidth, nullptr, this) + 4;
    return QSize(kMinimumWidth, std::max(kMinimumHeight, rows + viewRow + view + frame));
}

void ViewTabs::resizeEvent(QResizeEvent* event) {
    QTabWidget::resizeEvent(event);
    fitTabNames();
}

void ViewTabs::changeEvent(QEvent* event) {
    QTabWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        // The names are translated after this event, by the window.
        QTimer::singleShot(0, this, &ViewTabs::fitTabNames);
    }
}

bool ViewTabs::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::LayoutRequest && keptView_ &&
        watched == keptView_->parentWidget()) {
        updateGeometry();
    }
    return QTabWidget::eventFilter(watched, event);
}

void ViewTabs::bringToFront(QWidget* page) {
    for (QWidget* child = page; child; child = child->parentWidget()) {
        QWidget* stack = child->parentWidget();
        auto* tabs = stack ? qobject_cast<QTabWidget*>(stack->parentWidget()) : nullptr;
        if (tabs && tabs->indexOf(child) >= 0) {
            tabs->setCurrentWidget(child);
        }
    }
}

void ViewTabs::showView(QWidget* page) {
    bringToFront(page);
}

QWidget* ViewTabs::currentView() const {
    const auto* group = qobject_cast<const QTabWidget*>(currentWidget());
    return group && group->currentWidget() ? viewIn(group->currentWidget()) : nullptr;
}

QString ViewTabs::viewTitle(QWidget* page) const {
    for (int i = 0; i < count(); ++i) {
        const auto* group = static_cast<const QTabWidget*>(widget(i));
        if (group->indexOf(tabOf(page)) >= 0) {
            return group->tabText(group->indexOf(tabOf(page)));
        }
    }
    return {};
}

QList<QWidget*> ViewTabs::views() const {
    QList<QWidget*> all;
    for (int i = 0; i < count(); ++i) {
        const auto* group = static_cast<const QTabWidget*>(widget(i));
        for (int v = 0; v < group->count(); ++v) {
            all << viewIn(group->widget(v));
        }
    }
    return all;
}

int ViewTabs::currentViewIndex() const {
    return int(views().indexOf(currentView()));
}

void ViewTabs::setCurrentViewIndex(int index) {
    const QList<QWidget*> all = views();
    if (index >= 0 && index < all.size()) {
        showView(all[index]);
    }
}

}  // namespace atlas::ui
