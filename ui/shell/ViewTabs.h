// The views beside the grid, in four groups of related views: one tab per group, and the group's
// views as tabs inside it. Nine views side by side needed more width than a 1280 x 720 screen
// gives the right half of the window; four group tabs over two or three view tabs fit in 330
// pixels with their full names, in English and in Chinese.
#pragma once

#include <QString>
#include <QTabWidget>

namespace atlas::ui {

class ViewTabs : public QTabWidget {
    Q_OBJECT
  public:
    enum class Group { Head, Tokens, Analysis, Output };

    explicit ViewTabs(QWidget* parent = nullptr);

    // Adds `page` as a view of `group`, after the group's earlier views; the groups keep the
    // order above whatever order their views arrive in.
    void addView(Group group, QWidget* page, const QString& title);

    // Brings `page` to the front: its group's tab and its own.
    void showView(QWidget* page);
    QWidget* currentView() const;
    QString viewTitle(QWidget* page) const;  // empty for a page that is not a view

    // All views in one numbering (the groups' order, then each group's), for the settings.
    int currentViewIndex() const;
    void setCurrentViewIndex(int index);

    // Brings `page` to the front of every tab widget it sits in, however deeply nested.
    static void bringToFront(QWidget* page);

  private:
    QTabWidget* groupTabs(Group group);
    QList<QWidget*> views() const;
};

}  // namespace atlas::ui
