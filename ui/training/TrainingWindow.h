// File ▸ Train a model…: choose a preset (or a custom shape and text), train in the background
// and watch it: the loss curve, every few seconds the grid of heads of the current weights on the
// text in the box with the preset's target head outlined, that head's score over the steps, and
// the timeline of snapshots. Pause, resume, stop; "Save model…" writes a model folder the app
// and the CLI open. A run stopped (or the app closed) resumes from its checkpoint.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>

#include <QString>
#include <QTimer>
#include <QWidget>

#include "AttentionSnapshot.h"
#include "common/BackgroundJob.h"
#include "common/ScaledFonts.h"
#include "train/TrainingPresets.h"
#include "training/TrainingSession.h"

class QCPGraph;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QDoubleSpinBox;

namespace atlas::ui {

class HeadGridView;
class TrainingSettingsForm;
class TrainingTimelineView;

// The live view's reading of one snapshot: the attention on the text and the target head.
struct LiveReading {
    std::int64_t step = 0;
    std::shared_ptr<const AttentionSnapshot> snapshot;
    int layer = -1;  // the target head: the best at the preset's measure
    int head = -1;
    double score = 0;  // its prev-token share on the text, or its induction score
};

// The target measure of every head of `snapshot`'s model: prev-token share (mean over queries
// i >= 1 of A(i, i-1)) on the snapshot's text, or the induction score of `model`. Returns the best
// head's (layer, head, score).
LiveReading readTargetHead(const Model& model, std::shared_ptr<const AttentionSnapshot> snapshot,
                           PresetTarget target);

class TrainingWindow : public QWidget {
    Q_OBJECT
  public:
    // `runsFolder`: where each preset's run lives (one subfolder each).
    explicit TrainingWindow(std::filesystem::path runsFolder, QWidget* parent = nullptr);
    ~TrainingWindow() override;  // stops a run (it writes its checkpoint) and waits

    TrainingSettingsForm* settings() const { return settings_; }
    QLineEdit* textEdit() const { return text_; }
    HeadGridView* gridView() const { return grid_; }
    TrainingTimelineView* timeline() const { return timeline_; }
    QCustomPlot* lossPlot() const { return lossPlot_; }
    QCustomPlot* scorePlot() const { return scorePlot_; }
    QPushButton* startButton() const { return start_; }
    QPushButton* pauseButton() const { return pause_; }
    QPushButton* stopButton() const { return stop_; }
    QPushButton* saveButton() const { return save_; }
    QPushButton* openButton() const { return open_; }
    QDoubleSpinBox* refreshSecondsBox() const { return refreshSeconds_; }
    QString statusText() const;
    bool training() const { return session_.running(); }
    const std::optional<LiveReading>& lastReading() const { return reading_; }

    // A lesson's caption in a strip above the tabs (empty: hidden).
    void setCaption(const QString& caption);
    // View ▸ Text size: the caption, the live grid, the timeline and the plots' type.
    void setTextScale(double scale);
    QString caption() const;

    void startTraining();  // or resume the chosen run from its checkpoint
    void setPaused(bool paused);
    void stopTraining();
    // Writes the latest weights (the newest snapshot, or the final model) to `folder`. Returns
    // an error message, empty on success.
    QString saveModel(const QString& folder);

  signals:
    void liveRefreshed(qint64 step);  // the grid and the score show a new snapshot
    void trainingEnded(bool finished);
    // "Open in the main window": the run's model folder.
    void openModelRequested(const QString& folder);

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    ScaledFonts fonts_;
    void buildWidgets();
    void poll();  // takes the session's report: plots, snapshots, notes, the end
    void refreshLive();
    void showReading(LiveReading reading);
    void onChoiceChanged();  // Start or Resume, and the curve of a run already on disk
    void loadLossCsv();
    void updateButtons();
    void setStatus(const QString& text);

    std::filesystem::path runsFolder_;
    std::filesystem::path output_;  // the run going on or last started
    PresetTarget target_ = PresetTarget::PreviousToken;
    TrainingSession session_;
    QTimer pollTimer_;
    std::optional<std::filesystem::path> latestSnapshot_;
    std::optional<LiveReading> reading_;
    BackgroundJob<LiveReading> liveJob_;
    bool waitingForFirstStep_ = false;

    TrainingSettingsForm* settings_ = nullptr;
    QDoubleSpinBox* refreshSeconds_ = nullptr;
    QPushButton* start_ = nullptr;
    QPushButton* pause_ = nullptr;
    QPushButton* stop_ = nullptr;
    QPushButton* save_ = nullptr;
    QPushButton* open_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* caption_ = nullptr;
    QProgressBar* busy_ = nullptr;
    QCustomPlot* lossPlot_ = nullptr;
    QCPGraph* trainLoss_ = nullptr;
    QCPGraph* validationLoss_ = nullptr;
    QCustomPlot* scorePlot_ = nullptr;
    QCPGraph* score_ = nullptr;
    QLineEdit* text_ = nullptr;
    QLabel* targetLabel_ = nullptr;
    HeadGridView* grid_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    TrainingTimelineView* timeline_ = nullptr;
};

}  // namespace atlas::ui
