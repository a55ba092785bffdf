// The two levels of tabs beside the grid.
#include "shell/ViewTabs.h"

#include <QScrollArea>
#include <QTabBar>

namespace atlas::ui {

namespace {

constexpr const char* kGroupProperty = "atlasViewGroup";

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
