// Keeps the walkthrough tab and the presentation window in step with the main window.
#include "walkthrough/WalkthroughHooks.h"

#include "classroom/GlossaryDialog.h"

#include <algorithm>

#include <QAction>
#include <QMenu>
#include <QToolButton>

#include "shell/MainWindow.h"
#include "shell/ViewTabs.h"
#include "walkthrough/PresentationWindow.h"
#include "walkthrough/WalkthroughView.h"

namespace atlas::ui {

WalkthroughHooks::WalkthroughHooks(MainWindow* window, ViewTabs* tabs)
    : QObject(window), window_(window), tabs_(tabs) {
    view_ = new WalkthroughView;
    tabs_->addView(ViewTabs::Group::Head, view_, tr("Walkthrough"));
    connect(view_, &WalkthroughView::glossaryRequested, this,
            [this](const QString& id) { showGlossary(window_, id, window_->interfaceLanguage()); });
    presentButton_ = new QToolButton;
    presentButton_->setText(tr("Present"));
    presentButton_->setToolTip(
        tr("Presentation mode: full screen, large type, the focused "
           "head step by step (F11; Esc leaves)"));
    presentButton_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(presentButton_, &QToolButton::clicked, this, &WalkthroughHooks::enterPresentation);
    connect(window_, &MainWindow::snapshotShown, this, &WalkthroughHooks::onSnapshotShown);
    connect(&window_->selection(), &AttentionSelection::currentChanged, this,
            &WalkthroughHooks::onCurrentChanged);
}

void WalkthroughHooks::addViewActions(QMenu* view) {
    view->addSeparator();
    QAction* walkthrough = view->addAction(tr("&Walkthrough of the focused head"), this,
                                           &WalkthroughHooks::showWalkthrough);
    walkthrough->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    QAction* present =
        view->addAction(tr("&Presentation mode"), this, &WalkthroughHooks::enterPresentation);
    present->setShortcut(QKeySequence(Qt::Key_F11));
}

void WalkthroughHooks::showWalkthrough() {
    tabs_->showView(view_);
}

void WalkthroughHooks::enterPresentation() {
    if (!presentation_) {
        presentation_ = new PresentationWindow(window_);
        connect(presentation_, &PresentationWindow::headStepRequested, this,
                [this](int, int step) { moveHead(step); });
        // The step shown carries over, so a class can switch between window and screen.
        connect(presentation_, &PresentationWindow::exited, this, [this]() {
            view_->setStep(presentation_->view()->step());
            window_->activateWindow();
        });
        presentation_->setTextScale(textScale_);
    }
    presentation_->setSnapshot(window_->model(), window_->snapshot());
    presentation_->setFocusedMap(window_->selection().currentLayer(),
                                 window_->selection().currentColumn());
    // The query rows and key columns chosen in the tab carry over to the screen.
    presentation_->view()->setTokenChoice(view_->queryTokens(), view_->keyTokens());
    presentation_->view()->setStep(view_->step());
    presentation_->present();
}

void WalkthroughHooks::leavePresentation() {
    if (presentation_) {
        presentation_->close();
    }
}

void WalkthroughHooks::setTextScale(double scale) {
    textScale_ = scale;
    view_->setTextScale(scale);
    if (presentation_) {
        presentation_->setTextScale(scale);
    }
}

bool WalkthroughHooks::presenting() const {
    return presentation_ && presentation_->isVisible();
}

void WalkthroughHooks::onSnapshotShown() {
    view_->setSnapshot(window_->model(), window_->snapshot());
    view_->setFocusedMap(window_->selection().currentLayer(), window_->selection().currentColumn());
    if (presentation_) {
        presentation_->setSnapshot(window_->model(), window_->snapshot());
        presentation_->setFocusedMap(window_->selection().currentLayer(),
                                     window_->selection().currentColumn());
    }
}

void WalkthroughHooks::onCurrentChanged(int layer, int column) {
    view_->setFocusedMap(layer, column);
    if (presentation_) {
        presentation_->setFocusedMap(layer, column);
    }
}

// Up / Down in the presentation: the next or previous head, on into the next or previous layer
// (the aggregate columns are skipped: they are not one head to walk through).
void WalkthroughHooks::moveHead(int step) {
    const auto snapshot = window_->snapshot();
    if (!snapshot || snapshot->headCount() == 0) {
        return;
    }
    const int heads = snapshot->headCount();
    AttentionSelection& selection = window_->selection();
    int index =
        selection.currentLayer() * heads + std::min(selection.currentColumn(), heads - 1) + step;
    index = std::clamp(index, 0, snapshot->layerCount() * heads - 1);
    selection.setCurrent(index / heads, index % heads);
}

}  // namespace atlas::ui
