// The walkthrough and presentation mode hooked into the main window: the Walkthrough tab, the
// Present button, View ▸ Walkthrough and View ▸ Presentation mode (F11). Both follow the
// window's model, sentence and focused head.
#pragma once

#include <QObject>

class QMenu;
class QToolButton;

namespace atlas::ui {

class MainWindow;
class ViewTabs;
class PresentationWindow;
class WalkthroughView;

class WalkthroughHooks : public QObject {
    Q_OBJECT
  public:
    // Adds the Walkthrough view to `tabs`; the Present button is placed by the window.
    WalkthroughHooks(MainWindow* window, ViewTabs* tabs);

    void addViewActions(QMenu* view);
    QToolButton* presentButton() const { return presentButton_; }
    WalkthroughView* view() const { return view_; }
    // The presentation window, created on first use; nullptr before.
    PresentationWindow* presentation() const { return presentation_; }

    void showWalkthrough();  // brings the Walkthrough tab forward
    void enterPresentation();
    void leavePresentation();
    bool presenting() const;
    // View ▸ Text size, for the tab and the presentation.
    void setTextScale(double scale);

  private:
    void onSnapshotShown();
    void onCurrentChanged(int layer, int column);
    void moveHead(int step);

    MainWindow* window_;
    ViewTabs* tabs_;
    WalkthroughView* view_ = nullptr;
    PresentationWindow* presentation_ = nullptr;
    QToolButton* presentButton_ = nullptr;
    double textScale_ = 1.0;
};

}  // namespace atlas::ui
