// Keeps the distance profile in step with the main window.
#include "head/DistanceProfileHooks.h"

#include "head/DistanceProfileView.h"
#include "shell/MainWindow.h"
#include "shell/ViewTabs.h"

namespace atlas::ui {

DistanceProfileHooks::DistanceProfileHooks(MainWindow* window, ViewTabs* tabs)
    : QObject(window), window_(window), tabs_(tabs) {
    view_ = new DistanceProfileView;
    tabs_->addView(ViewTabs::Group::Head, view_, tr("Distance"));
    connect(window_, &MainWindow::snapshotShown, this, [this]() {
        view_->setModel(window_->model());
        view_->setFocusedMap(window_->selection().currentLayer(),
                             window_->selection().currentColumn());
        view_->setSnapshot(window_->snapshot());
    });
    connect(&window_->selection(), &AttentionSelection::currentChanged, this,
            [this](int layer, int column) { view_->setFocusedMap(layer, column); });
}

void DistanceProfileHooks::showDistanceProfile() {
    tabs_->showView(view_);
}

}  // namespace atlas::ui
