// Presentation mode: a full-screen window for a projector with only the sentence, the focused
// head's walkthrough in large type, and big navigation. Every step is reachable from the keyboard:
// Right / Space / PgDn next, Left / Backspace / PgUp previous, Home / End, Up / Down the head,
// [ and ] the tokens shown of a long sentence, Esc (or F11) leaves.
#pragma once

#include <memory>

#include <QWidget>

#include "AttentionSnapshot.h"
#include "model/Model.h"

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace atlas::ui {

class WalkthroughView;

class PresentationWindow : public QWidget {
    Q_OBJECT
  public:
    explicit PresentationWindow(QWidget* parent = nullptr);

    void setSnapshot(std::shared_ptr<const Model> model,
                     std::shared_ptr<const AttentionSnapshot> snapshot);
    void setFocusedMap(int layer, int column);
    // Shows the window full screen with the keyboard focus.
    void present();
    WalkthroughView* view() const { return view_; }
    QLabel* sentenceLabel() const { return sentence_; }
    // View ▸ Text size: the sentence, the labels, the buttons and the figure times `scale`.
    void setTextScale(double scale);
    int navigationPixels() const;  // the buttons' type now

  signals:
    // Up / Down: the main window moves its focused head (the presentation follows it).
    void headStepRequested(int layerStep, int headStep);
    void exited();

  protected:
    bool event(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    void updateLabels();
    // The buttons and the step at the text size, or smaller when their row would be wider than
    // the window (a large text size on a small screen): smaller rather than cut.
    void fitNavigation();
    // The sentence and the head's line at the text size, or smaller when they would take more
    // than a fifth and a fourteenth of the height (a large text size on a small screen): the
    // step's figure keeps the rest.
    void fitHeader();

    WalkthroughView* view_ = nullptr;
    QLabel* sentence_ = nullptr;
    QLabel* head_ = nullptr;
    QLabel* stepLabel_ = nullptr;
    QPushButton* previous_ = nullptr;
    QPushButton* next_ = nullptr;
    QPushButton* exit_ = nullptr;
    QHBoxLayout* navigation_ = nullptr;
    double textScale_ = 1.0;
};

}  // namespace atlas::ui
