// The grid of heads for the current sentence at each training snapshot of a model (its
// snapshots/ folders, then the model itself), with a slider and play/pause, so a class can
// watch positional and syntactic heads appear as training goes on.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include <QString>
#include <QTimer>
#include <QWidget>

#include "AttentionSnapshot.h"
#include "common/BackgroundJob.h"
#include "common/ColorMaps.h"
#include "common/ScaledFonts.h"
#include "model/TrainingSnapshots.h"

class QLabel;
class QSlider;
class QToolButton;

namespace atlas::ui {

class FittedGridView;

class TrainingTimelineView : public QWidget {
    Q_OBJECT
  public:
    explicit TrainingTimelineView(QWidget* parent = nullptr);
    ~TrainingTimelineView() override;  // waits for a running load

    // Lists the folder's snapshots and loads them in the background (empty path: none).
    void setModelFolder(const std::filesystem::path& folder);
    void setText(const QString& text);
    void setPoint(int index);  // which snapshot the grid shows, 0 = earliest
    void setColorMap(ColorMapKind kind);
    // View ▸ Text size: the title, caption, play button, the stops' names and the grid's labels.
    void setTextScale(double scale);
    double textScale() const { return fonts_.scale(); }
    void setSelectedMap(int layer, int column);
    void play();
    void pause();
    bool playing() const;
    void setPlayIntervalMilliseconds(int milliseconds);

    int point() const { return point_; }
    int pointCount() const { return int(folders_.size()); }
    bool ready() const;  // every snapshot computed for the current text
    std::shared_ptr<const AttentionSnapshot> snapshotAt(int index) const;
    QString pointLabel(int index) const;  // "step 480", "final model"
    const std::vector<TrainingSnapshotFolder>& folders() const { return folders_; }
    FittedGridView* grid() const { return grid_; }

  signals:
    void timelineReady();  // every snapshot of the current text is computed
    void pointChanged(int index);
    void headSelected(int layer, int column);

  private:
    struct Outcome {
        std::vector<std::shared_ptr<const Model>> models;
        std::vector<std::shared_ptr<const AttentionSnapshot>> snapshots;
    };
    void start();
    void onFinished(Outcome outcome);
    void refresh();

    std::vector<TrainingSnapshotFolder> folders_;
    std::vector<std::shared_ptr<const Model>> models_;  // [points], once loaded
    std::vector<std::shared_ptr<const AttentionSnapshot>> snapshots_;
    QString text_;
    QString computedText_;
    int point_ = 0;
    BackgroundJob<Outcome> job_;
    QTimer playTimer_;

    ScaledFonts fonts_;
    QLabel* title_ = nullptr;
    QLabel* caption_ = nullptr;
    QToolButton* playButton_ = nullptr;
    QSlider* slider_ = nullptr;
    QWidget* ticks_ = nullptr;  // the snapshots' names under the slider's stops
    FittedGridView* grid_ = nullptr;
};

}  // namespace atlas::ui
