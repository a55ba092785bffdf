// The switches beyond raw attention, kept out of MainWindow: the Raw / Norm-based view of every
// head, the attention-flow column (computed in the background), heads switched off, difference
// views and generation. MainWindow adds the widgets and forwards a few events.
#pragma once

#include <memory>

#include <QObject>

#include "AttentionSnapshot.h"
#include "model/Model.h"
#include "modes/FlowWorker.h"

class QCheckBox;
class QComboBox;
class QMenu;
class QProgressBar;
class QWidget;

namespace atlas::ui {

class AblationPanel;
class DifferencePanel;
class GenerationPanel;

// What a headless screenshot shows (app/gui/main.cpp: --ablate, --difference-text, --generate).
struct AnalysisScreenshot {
    QString view;                         // "ablation", "difference", "generation" or empty
    std::vector<HeadIndex> ablatedHeads;  // switched off before the screenshot
    QString differenceText;               // sentence B of the difference tab
    bool snapshotsDifference = false;     // the difference tab compares training snapshots
    int generateTokens = 0;               // generate this many tokens first
    int generationStep = -1;              // then show this step (-1: the last)
};
class AnalysisModes : public QObject {
    Q_OBJECT
  public:
    explicit AnalysisModes(QWidget* parent);

    QComboBox* viewModeBox() const { return viewMode_; }      // Raw weights / Norm-based
    QCheckBox* flowBox() const { return flow_; }              // add the Flow column
    QCheckBox* sinkBox() const { return sink_; }              // hide the attention sink
    QCheckBox* wordsBox() const { return words_; }            // words, not tokens
    QProgressBar* flowProgress() const { return progress_; }  // visible while flow runs
    AblationPanel* ablationPanel() const { return ablation_; }
    DifferencePanel* differencePanel() const { return difference_; }
    GenerationPanel* generationPanel() const { return generation_; }

    // What the window's worker must compute: norm-based head maps, switched-off heads and
    // whether the first token (the attention sink) is hidden.
    SnapshotOptions snapshotOptions() const;
    void setSinkHidden(bool hidden);
    bool sinkHidden() const;
    void setNormBased(bool norm);
    bool normBased() const;
    void setFlowShown(bool shown);
    bool flowShown() const;
    // Rows and columns are words (the Words switch) instead of tokens; the byte pieces of one
    // character are joined either way.
    void setWordsShown(bool shown);
    bool wordsShown() const;

    void setModel(std::shared_ptr<const Model> model);
    // Every snapshot the window shows passes here: the panels follow the sentence, and the
    // flow starts for it when switched on.
    void snapshotShown(const std::shared_ptr<const AttentionSnapshot>& snapshot);
    // "Switch head off / on" for a head of the grid (nothing for other columns).
    void addHeadActions(QMenu& menu, int layer, int column);
    // Sets up a screenshot; screenshotReady follows once everything it needs is on screen.
    void prepareScreenshot(const AnalysisScreenshot& request);

  signals:
    // The worker must recompute with snapshotOptions().
    void snapshotOptionsChanged();
    // A snapshot to show in place of the current one: the sentence with its Flow column, or a
    // generation step.
    void showSnapshot(std::shared_ptr<const atlas::ui::AttentionSnapshot> snapshot);
    void screenshotReady();

  private:
    void startFlow();
    void screenshotPartDone(int part);

    int screenshotWaits_ = 0;  // bits of the screenshot parts still on their way

    std::shared_ptr<const Model> model_;
    std::shared_ptr<const AttentionSnapshot> base_;       // the sentence's snapshot (no flow)
    std::shared_ptr<const AttentionSnapshot> generated_;  // the generation step shown, if any
    FlowWorker flowWorker_;

    QComboBox* viewMode_ = nullptr;
    QCheckBox* flow_ = nullptr;
    QCheckBox* sink_ = nullptr;
    QCheckBox* words_ = nullptr;
    QProgressBar* progress_ = nullptr;
    AblationPanel* ablation_ = nullptr;
    DifferencePanel* difference_ = nullptr;
    GenerationPanel* generation_ = nullptr;
};

}  // namespace atlas::ui
