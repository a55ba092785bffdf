// The distance profile hooked into the main window: a "Distance" tab in the Head group that
// follows the window's model, sentence and focused head.
#pragma once

#include <QObject>

namespace atlas::ui {

class DistanceProfileView;
class MainWindow;
class ViewTabs;

class DistanceProfileHooks : public QObject {
    Q_OBJECT
  public:
    DistanceProfileHooks(MainWindow* window, ViewTabs* tabs);

    DistanceProfileView* view() const { return view_; }
    void showDistanceProfile();  // brings the tab forward

  private:
    MainWindow* window_;
    ViewTabs* tabs_;
    DistanceProfileView* view_ = nullptr;
};

}  // namespace atlas::ui
