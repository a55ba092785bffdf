// Wiring only: the views compute nothing themselves on the GUI thread, and the two windows
// recompute only while they are open.
#include "classroom/ClassroomViews.h"

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include <QAction>
#include <QKeySequence>
#include <QMenu>
#include <QTimer>

#include "attribution/AttributionHooks.h"
#include "attribution/AttributionPage.h"
#include "classroom/ClassroomWindow.h"
#include "classroom/CompareView.h"
#include "classroom/Examples.h"
#include "classroom/Glossary.h"
#include "classroom/GlossaryDialog.h"
#include "classroom/LessonBar.h"
#include "classroom/PredictionsPanel.h"
#include "classroom/TrainingTimelineView.h"
#include "shell/MainWindow.h"
#include "shell/ViewTabs.h"
#include "training/TrainingSettingsForm.h"
#include "training/TrainingWindow.h"

namespace atlas::ui {

ClassroomViews::ClassroomViews(MainWindow* window, ViewTabs* tabs)
    : QObject(window), window_(window), tabs_(tabs), lessons_(lessons()) {
    predictions_ = new PredictionsPanel;
    tabs_->addView(ViewTabs::Group::Output, predictions_, tr("Predictions"));

    compare_ = new CompareView;
    compareWindow_ =
        new ClassroomWindow(compare_, tr("Compare sentences — Attention Atlas"), window);
    timeline_ = new TrainingTimelineView;
    timelineWindow_ =
        new ClassroomWindow(timeline_, tr("Training timeline — Attention Atlas"), window);

    lessonBar_ = new LessonBar;
    lessonBar_->hide();

    connect(window_, &MainWindow::snapshotShown, this, &ClassroomViews::onSnapshotShown);
    connect(window_, &MainWindow::modelReady, this, &ClassroomViews::onModelReady);
    connect(&window_->selection(), &AttentionSelection::currentChanged, this,
            &ClassroomViews::onCurrentChanged);
    connect(compare_, &CompareView::mapChosen, this,
            [this](int layer, int column) { window_->selection().setCurrent(layer, column); });
    connect(timeline_, &TrainingTimelineView::headSelected, this,
            [this](int layer, int column) { window_->selection().setCurrent(layer, column); });
    connect(lessonBar_, &LessonBar::backRequested, this, [this]() {
        if (lesson_ >= 0 && step_ > 0) {
            startLesson(lesson_, step_ - 1);
        }
    });
    connect(lessonBar_, &LessonBar::nextRequested, this, [this]() {
        if (lesson_ >= 0 && step_ + 1 < int(lessons_[lesson_].steps.size())) {
            startLesson(lesson_, step_ + 1);
        }
    });
    connect(lessonBar_, &LessonBar::closeRequested, this, &ClassroomViews::endLesson);
    connect(lessonBar_, &LessonBar::glossaryRequested, this,
            [this](const QString& id) { showGlossary(window_, id, window_->interfaceLanguage()); });
}

ClassroomViews::~ClassroomViews() = default;

QWidget* ClassroomViews::lessonBar() const {
    return lessonBar_;
}

QString ClassroomViews::lessonCaption() const {
    return lessonBar_->isVisible() ? lessonBar_->caption() : QString();
}

void ClassroomViews::setTextScale(double scale) {
    predictions_->setTextScale(scale);
    compare_->setTextScale(scale);
    timeline_->setTextScale(scale);
    compareWindow_->setTextScale(scale);
    timelineWindow_->setTextScale(scale);
    lessonBar_->setTextScale(scale);
}

void ClassroomViews::addExampleMenu(QMenu* examples) {
    for (const ExampleSentence& example : exampleSentences()) {
        QAction* action = examples->addAction(example.title);
        action->setToolTip(example.text);
        connect(action, &QAction::triggered, this,
                [this, text = example.text]() { window_->setText(text); });
    }
    examples->setToolTipsVisible(true);
    examples->addSection(tr("Lessons"));
    for (int l = 0; l < int(lessons_.size()); ++l) {
        QMenu* menu = examples->addMenu(lessons_[l].title);
        menu->setToolTipsVisible(true);
        for (int s = 0; s < int(lessons_[l].steps.size()); ++s) {
            const LessonStep& step = lessons_[l].steps[s];
            QAction* action = menu->addAction(tr("%1. %2").arg(s + 1).arg(step.caption));
            action->setToolTip(step.text);
            connect(action, &QAction::triggered, this, [this, l, s]() { startLesson(l, s); });
        }
    }
}

void ClassroomViews::addViewActions(QMenu* view) {
    view->addSeparator();
    QAction* predictions =
        view->addAction(tr("&Predictions"), this, &ClassroomViews::showPredictions);
    predictions->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_7));
    QAction* compare =
        view->addAction(tr("&Compare two sentences…"), this, &ClassroomViews::showCompare);
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_8));
    QAction* timeline =
        view->addAction(tr("&Training timeline…"), this, &ClassroomViews::showTimeline);
    timeline->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_9));
}

void ClassroomViews::showPredictions() {
    tabs_->showView(predictions_);
}

void ClassroomViews::showCompare() {
    compareWindow_->show();
    compareWindow_->raise();
    compareWindow_->activateWindow();
    syncCompare();
}

void ClassroomViews::showTimeline() {
    timelineWindow_->show();
    timelineWindow_->raise();
    timelineWindow_->activateWindow();
    syncTimeline();
}

void ClassroomViews::syncCompare() {
    if (!compareWindow_->isVisible()) {
        return;
    }
    if (window_->model() && window_->model().get() != compareModel_) {
        compareModel_ = window_->model().get();
        compare_->setModel(window_->model());
    }
    compare_->setColorMap(window_->colorMap());
    compare_->setMap(window_->selection().currentLayer(), window_->selection().currentColumn());
}

void ClassroomViews::syncTimeline() {
    if (!timelineWindow_->isVisible()) {
        return;
    }
    const auto model = window_->model();
    timeline_->setModelFolder(model ? model->folder : std::filesystem::path());
    timeline_->setColorMap(window_->colorMap());
    timeline_->setSelectedMap(window_->selection().currentLayer(),
                              window_->selection().currentColumn());
    if (window_->snapshot()) {
        timeline_->setText(window_->snapshot()->text);
    }
}

void ClassroomViews::onSnapshotShown() {
    predictions_->setColorMap(window_->colorMap());
    predictions_->setSnapshot(window_->snapshot());
    predictions_->setMap(window_->selection().currentLayer(), window_->selection().currentColumn());
    syncCompare();
    syncTimeline();
    finishStep();
}

void ClassroomViews::onModelReady() {
    predictions_->setModel(window_->model());
    syncCompare();
    syncTimeline();
}

void ClassroomViews::onCurrentChanged(int layer, int column) {
    predictions_->setMap(layer, column);
    if (compareWindow_->isVisible()) {
        compare_->setMap(layer, column);
    }
    timeline_->setSelectedMap(layer, column);
}

// ---------------------------------------------------------------------------------------------
// Lessons

void ClassroomViews::startLesson(int lesson, int step) {
    if (lesson < 0 || lesson >= int(lessons_.size()) || step < 0 ||
        step >= int(lessons_[lesson].steps.size())) {
        return;
    }
    lesson_ = lesson;
    step_ = step;
    applyStep();
}

void ClassroomViews::endLesson() {
    lesson_ = -1;
    step_ = -1;
    pending_ = false;
    lessonBar_->hide();
    compareWindow_->setCaption({});
    timelineWindow_->setCaption({});
    if (training_) {
        training_->setCaption({});
    }
}

void ClassroomViews::applyStep() {
    const Lesson& lesson = lessons_[lesson_];
    const LessonStep& step = lesson.steps[step_];
    // The caption's terms link to the glossary; its tooltip says what the lesson test checks.
    QStringList claims;
    for (const LessonClaim& claim : step.claims) {
        claims << QStringLiteral("• ") + lessonClaimText(claim, step.layer, step.head);
    }
    const QString checked =
        claims.isEmpty()
            ? QString()
            : tr("Checked on the built-in %1 model:\n%2").arg(step.model, claims.join('\n'));
    lessonBar_->showStep(lesson.title, step_, int(lesson.steps.size()), step.caption,
                         linkGlossaryTerms(step.caption, window_->interfaceLanguage()), checked);
    // The other windows carry the caption only while they show the step.
    compareWindow_->setCaption(step.view == LessonView::Compare ? step.caption : QString());
    timelineWindow_->setCaption(step.view == LessonView::Timeline ? step.caption : QString());
    if (training_) {
        training_->setCaption(step.view == LessonView::Training ? step.caption : QString());
    }
    pending_ = true;
    if (window_->modelNameOrPath() != step.model) {
        window_->openModel(step.model);
    }
    if (window_->text() != step.text) {
        window_->setText(step.text);
    }
    finishStep();
}

// Runs once the window shows the step's model and sentence (at once if it already does).
void ClassroomViews::finishStep() {
    if (!pending_ || lesson_ < 0) {
        return;
    }
    const LessonStep& step = lessons_[lesson_].steps[step_];
    const auto model = window_->model();
    const auto snapshot = window_->snapshot();
    if (!model || !snapshot || window_->modelNameOrPath() != step.model ||
        snapshot->modelName != QString::fromStdString(model->name()) ||
        snapshot->causal != model->config().causal() || snapshot->text != step.text) {
        return;
    }
    pending_ = false;
    const auto [layer, head] = lessonHead(step, modelHeadRoles(*model));
    window_->selection().setCurrent(layer, head);
    switch (step.view) {
        case LessonView::Head:
            window_->showLineView(false);
            break;
        case LessonView::Lines:
            window_->showLineView(true);
            break;
        case LessonView::Predictions:
            showPredictions();
            // Choosing the masked token again would unmask it (a click's meaning): a step that
            // keeps the previous step's token keeps its mask.
            if (predictions_->chosenToken() != step.token) {
                predictions_->chooseToken(step.token);
            }
            break;
        case LessonView::Compare:
            showCompare();
            compare_->setTexts(step.text, step.compareText);
            compare_->setMap(layer, head);
            break;
        case LessonView::Timeline:
            showTimeline();
            timeline_->setPoint(step.timelinePoint < 0 ? timeline_->pointCount() - 1
                                                       : step.timelinePoint);
            break;
        case LessonView::Lens:
        case LessonView::Contributions:
        case LessonView::Attribution:
            showAttributionView(step.view);
            break;
        case LessonView::Training:
            trainPreset(step);
            break;
    }
    emit stepApplied(lesson_, step_);
}

void ClassroomViews::showAttributionView(LessonView view) {
    auto* hooks = window_->findChild<AttributionHooks*>();
    if (hooks == nullptr) {
        return;
    }
    QWidget* page = view == LessonView::Lens            ? hooks->lensPage()
                    : view == LessonView::Contributions ? hooks->headsPage()
                                                        : hooks->tokensPage();
    ViewTabs::bringToFront(page);
}

// The training window with the step's preset, started unless a run is going on (a run of the
// preset already on disk resumes from its checkpoint, as Start does).
void ClassroomViews::trainPreset(const LessonStep& step) {
    training_ = window_->openTrainingWindow();
    if (!training_) {
        return;  // the window reported why (the shipped text is missing)
    }
    training_->setCaption(step.caption);
    if (!training_->training()) {
        training_->settings()->setChoice(step.preset);
        training_->startTraining();
    }
}

// ---------------------------------------------------------------------------------------------
// Screenshots

void ClassroomViews::prepareScreenshot(const ClassroomScreenshot& request) {
    auto ready = [this](QWidget* target) {
        QTimer::singleShot(0, this, [this, target]() { emit screenshotReady(target); });
    };
    if (request.view == QLatin1String("lesson")) {
        connect(
            this, &ClassroomViews::stepApplied, this,
            [this](int lesson, int step) {
                const LessonView view = lessons_[lesson].steps[step].view;
                QWidget* target = window_;
                if (view == LessonView::Compare) {
                    target = compareWindow_;
                } else if (view == LessonView::Timeline) {
                    target = timelineWindow_;
                } else if (view == LessonView::Training && training_) {
                    target = training_;
                }
                // The step's own computations (a masked run, the snapshots) are short; wait
                // them out rather than tracking each.
                QTimer::singleShot(3000, this, [this, target]() { emit screenshotReady(target); });
            },
            Qt::SingleShotConnection);
        compareWindow_->resize(window_->size());
        timelineWindow_->resize(window_->size());
        startLesson(request.lesson, request.step);
        return;
    }
    if (request.view == QLatin1String("compare")) {
        compareWindow_->resize(window_->size());
        showCompare();
        if (!request.compareText.isEmpty()) {
            compare_->setTexts(window_->text(), request.compareText);
        }
        if (compare_->ready()) {
            ready(compareWindow_);
        } else {
            connect(
                compare_, &CompareView::comparisonShown, this,
                [this, ready]() { ready(compareWindow_); }, Qt::SingleShotConnection);
        }
        return;
    }
    if (request.view == QLatin1String("timeline")) {
        timelineWindow_->resize(window_->size());
        showTimeline();
        auto atPoint = [this, request, ready]() {
            timeline_->setPoint(request.point < 0 ? timeline_->pointCount() - 1 : request.point);
            ready(timelineWindow_);
        };
        if (timeline_->ready() || timeline_->pointCount() == 0) {
            atPoint();
        } else {
            connect(timeline_, &TrainingTimelineView::timelineReady, this, atPoint,
                    Qt::SingleShotConnection);
        }
        return;
    }
    showPredictions();
    const bool waitForMask =
        request.token >= 0 && window_->snapshot() && !window_->snapshot()->causal;
    if (waitForMask) {
        connect(
            predictions_, &PredictionsPanel::predictionsShown, this,
            [this, ready]() { ready(window_); }, Qt::SingleShotConnection);
    }
    if (request.token >= 0) {
        predictions_->chooseToken(request.token);
    }
    if (!waitForMask) {
        ready(window_);
    }
}

}  // namespace atlas::ui
