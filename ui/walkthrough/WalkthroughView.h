// The step-by-step walkthrough of the focused head on the current sentence: a navigation bar
// (previous, the step list, next, which tokens to show) over the step's figure. The same widget,
// in presentation style, fills the presentation screen with large type and no bar of its own.
#pragma once

#include <memory>
#include <optional>

#include <QString>
#include <QWidget>

#include "AttentionSnapshot.h"
#include "model/HeadWalkthrough.h"
#include "model/Model.h"
#include "walkthrough/WalkthroughFigure.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QScrollArea;
class QSpinBox;
class QToolButton;

namespace atlas::ui {

class WalkthroughCanvas;

class WalkthroughView : public QWidget {
    Q_OBJECT
  public:
    explicit WalkthroughView(QWidget* parent = nullptr);
    ~WalkthroughView() override;

    // The model and sentence to work through (the snapshot's text, run again with internals).
    void setSnapshot(std::shared_ptr<const Model> model,
                     std::shared_ptr<const AttentionSnapshot> snapshot);
    // The focused grid column of `layer`: a head is walked through; an aggregate column is not
    // one head, and the view says so.
    void setFocusedMap(int layer, int column);
    void setHead(int layer, int head);

    int step() const { return step_; }
    int stepCount();
    void setStep(int step);
    void nextStep();
    void previousStep();
    void firstStep() { setStep(0); }
    void lastStep() { setStep(stepCount() - 1); }
    // Long sentences: the first of the tokens shown; moves the token window by `delta`.
    void setFirstToken(int token);
    void moveTokens(int delta);
    int firstToken() const { return firstToken_; }
    // Chosen query rows and key columns (token indices; empty: the window). The bar's two
    // fields take lists and ranges ("8", "0-12"); applyTokenChoice() reads them and returns
    // false when one is malformed (it is then marked, and the figure keeps its tokens).
    void setTokenChoice(const std::vector<int>& queries, const std::vector<int>& keys);
    bool applyTokenChoice();
    const std::vector<int>& queryTokens() const { return queryTokens_; }
    const std::vector<int>& keyTokens() const { return keyTokens_; }

    // View ▸ Text size: the figure's type times `scale`.
    void setTextScale(double scale);
    double textScale() const { return textScale_; }

    // Presentation style: large type, the figure scaled to fit, no navigation bar.
    void setPresentation(bool presentation);
    bool presentation() const { return presentation_; }
    double figureFontPixelSize() const { return figureOptions().fontPixelSize; }
    WalkthroughFigureOptions figureOptions() const;

    // The walkthrough shown (computed on demand); nullptr with no model, no head or an error.
    const HeadWalkthrough* walkthrough();
    QString message();          // why there is no walkthrough, empty when there is one
    QString stepTitle();        // "Step 3 of 9 · Scores: Q Kᵀ"
    QString headTitle() const;  // "gpt · Layer 2 · Head 3"

    // The glossary term the current step is about ("softmax"), empty without a walkthrough.
    QString stepTerm();

  signals:
    void stepChanged(int step, int count);
    void glossaryRequested(const QString& id);  // "What is this?" beside the steps

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    void invalidate();
    void ensureComputed();
    void refresh();

    std::shared_ptr<const Model> model_;
    std::shared_ptr<const AttentionSnapshot> snapshot_;
    int layer_ = 0;
    int head_ = 0;
    int step_ = 0;
    int firstToken_ = 0;
    std::vector<int> queryTokens_;
    std::vector<int> keyTokens_;
    bool presentation_ = false;
    double textScale_ = 1.0;
    bool dirty_ = true;
    // The pass with internals is kept per sentence; changing the head reuses it.
    std::shared_ptr<const Forward> forward_;
    std::vector<Token> encodedTokens_;
    std::optional<HeadWalkthrough> walk_;
    QString message_;

    QWidget* bar_ = nullptr;
    QToolButton* previous_ = nullptr;
    QToolButton* next_ = nullptr;
    QComboBox* steps_ = nullptr;
    QLabel* tokensLabel_ = nullptr;
    QSpinBox* tokens_ = nullptr;
    QLabel* rowsLabel_ = nullptr;
    QLineEdit* rows_ = nullptr;
    QLabel* columnsLabel_ = nullptr;
    QLineEdit* columns_ = nullptr;
    QLabel* glossaryLink_ = nullptr;
    QScrollArea* scroll_ = nullptr;
    WalkthroughCanvas* canvas_ = nullptr;
    friend class WalkthroughCanvas;
};

}  // namespace atlas::ui
