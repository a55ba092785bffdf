// The two levels of tabs beside the grid.
#include "shell/ViewTabs.h"

#include <QTabBar>

namespace atlas::ui {

namespace {

constexpr const char* kGroupProperty = "atlasViewGroup";

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
    groupTabs(group)->addTab(page, title);
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
    return group ? group->currentWidget() : nullptr;
}

QString ViewTabs::viewTitle(QWidget* page) const {
    for (int i = 0; i < count(); ++i) {
        const auto* group = static_cast<const QTabWidget*>(widget(i));
        if (group->indexOf(page) >= 0) {
            return group->tabText(group->indexOf(page));
        }
    }
    return {};
}

QList<QWidget*> ViewTabs::views() const {
    QList<QWidget*> all;
    for (int i = 0; i < count(); ++i) {
        const auto* group = static_cast<const QTabWidget*>(widget(i));
        for (int v = 0; v < group->count(); ++v) {
            all << group->widget(v);
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
