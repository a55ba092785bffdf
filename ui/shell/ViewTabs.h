// The views beside the grid, in four groups of related views: one tab per group, and the group's
// views as tabs inside it. Nine views side by side needed more width than a 1280 x 720 screen
// gives the right half of the window; four group tabs over two or three view tabs fit in 330
// pixels with their full names, in English and in Chinese. At a large View ▸ Text size the tab
// names grow only as far as every row of tabs fits the width (never below the normal size), so
// no row needs scroll buttons; and the tabs ask for the height one chosen view needs below them.
#pragma once

#include <QPointer>
#include <QString>
#include <QTabWidget>

class QTabBar;

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

    // The tabs ask for room for `view` (one of the views) at its minimum height below both
    // rows of tabs, following changes of that minimum.
    void keepViewHeight(QWidget* view);
    // View ▸ Text size: the scale the application font has now (the tab names' upper bound).
    void setTextScale(double scale);
    QSize minimumSizeHint() const override;

  protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    QTabWidget* groupTabs(Group group);
    QList<QWidget*> views() const;
    QList<QTabBar*> tabBars() const;  // the groups' row and each group's row of views
    // One type size for every row of tabs: the application font's, or smaller down to the
    // normal size where a row would be wider than the tabs.
    void fitTabNames();

    QPointer<QWidget> keptView_;
    double textScale_ = 1.0;
};

}  // namespace atlas::ui
