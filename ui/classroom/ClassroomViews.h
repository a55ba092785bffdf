// The classroom views hooked into the main window: the Predictions tab, the Compare and
// Training timeline windows, and the lessons (Examples ▸ Lessons) with their caption strip.
// They follow the window's model, sentence, focused head and colour map.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include <QObject>
#include <QPointer>
#include <QString>

#include "classroom/Lessons.h"

class QMenu;
class QWidget;

namespace atlas {
class Model;
}

namespace atlas::ui {

class ClassroomWindow;
class CompareView;
class LessonBar;
class MainWindow;
class ViewTabs;
class PredictionsPanel;
class TrainingTimelineView;
class TrainingWindow;

// What the --screenshot flags of the app ask of the classroom views.
struct ClassroomScreenshot {
    QString view;         // "predictions", "compare", "timeline" or "lesson"
    QString compareText;  // compare: the second sentence (the first is the window's)
    int point = -1;       // timeline: the snapshot, 0 the earliest, -1 the final model
    int token = -1;       // predictions: GPT predicts after it, BERT masks it
    int lesson = -1;      // "lesson": this lesson's step `step`, with its caption strip
    int step = 0;
};

class ClassroomViews : public QObject {
    Q_OBJECT
  public:
    // Adds the Predictions view to `tabs`; the lesson strip is placed by the window.
    ClassroomViews(MainWindow* window, ViewTabs* tabs);
    ~ClassroomViews() override;

    // The example sentences, then the lessons with their steps.
    void addExampleMenu(QMenu* examples);
    void addViewActions(QMenu* view);
    QWidget* lessonBar() const;

    PredictionsPanel* predictions() const { return predictions_; }
    CompareView* compareView() const { return compare_; }
    TrainingTimelineView* timelineView() const { return timeline_; }
    ClassroomWindow* compareWindow() const { return compareWindow_; }
    ClassroomWindow* timelineWindow() const { return timelineWindow_; }
    void showPredictions();
    void showCompare();
    void showTimeline();

    // View ▸ Text size: the predictions, the compare and timeline windows and the lesson strip.
    void setTextScale(double scale);

    void startLesson(int lesson, int step = 0);
    void endLesson();
    int currentStep() const { return step_; }
    QString lessonCaption() const;  // the caption strip's text, empty without a lesson

    // Sets the views up as asked and emits screenshotReady with the widget to grab once
    // everything it shows has been computed.
    void prepareScreenshot(const ClassroomScreenshot& request);

  signals:
    void stepApplied(int lesson, int step);
    void screenshotReady(QWidget* target);

  private:
    void onSnapshotShown();
    void onModelReady();
    void onCurrentChanged(int layer, int column);
    void syncCompare();
    void syncTimeline();
    void applyStep();
    void finishStep();
    void showAttributionView(LessonView view);
    void trainPreset(const LessonStep& step);

    MainWindow* window_;
    ViewTabs* tabs_;
    PredictionsPanel* predictions_ = nullptr;
    CompareView* compare_ = nullptr;
    TrainingTimelineView* timeline_ = nullptr;
    ClassroomWindow* compareWindow_ = nullptr;
    ClassroomWindow* timelineWindow_ = nullptr;
    LessonBar* lessonBar_ = nullptr;
    QPointer<TrainingWindow> training_;    // the window a Training step opened
    const Model* compareModel_ = nullptr;  // the model the compare view runs (identity only)
    std::vector<Lesson> lessons_;
    int lesson_ = -1;
    int step_ = -1;
    bool pending_ = false;
};

}  // namespace atlas::ui
