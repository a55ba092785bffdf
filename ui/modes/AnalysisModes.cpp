// Wiring of the norm switch, the flow column, ablation, differences and generation.
#include "modes/AnalysisModes.h"

#include <QCheckBox>
#include <QComboBox>
#include <QMenu>
#include <QProgressBar>
#include <QWidget>

#include "modes/AblationPanel.h"
#include "modes/DifferencePanel.h"
#include "modes/GenerationPanel.h"
#include "shell/ViewTabs.h"

namespace atlas::ui {

namespace {

enum ScreenshotPart {
    kSnapshotPart = 1,
    kAblationPart = 2,
    kDifferencePart = 4,
    kGenerationPart = 8
};

void showTab(QWidget* page) {
    ViewTabs::bringToFront(page);
}

}  // namespace

AnalysisModes::AnalysisModes(QWidget* parent) : QObject(parent) {
    viewMode_ = new QComboBox(parent);
    viewMode_->addItem(tr("Raw weights"), false);
    viewMode_->addItem(tr("Norm-based"), true);
    viewMode_->setToolTip(
        tr("Raw: the attention weights. Norm-based (Kobayashi et al. 2020): how much each token "
           "actually adds to the output, ‖α f(x)‖, for every head, the focused head and exports"));
    flow_ = new QCheckBox(tr("Flow"), parent);
    flow_->setToolTip(
        tr("Add the attention flow (Abnar and Zuidema 2020) beside the rollout; "
           "computed in the background"));
    sink_ = new QCheckBox(tr("Hide the first token (attention sink)"), parent);
    sink_->setObjectName(QStringLiteral("hideSinkBox"));
    // Whole wherever the top bar has room (1280 px and up); in a smaller window the label is
    // cut rather than the window kept wider than the screen (the tooltip says it all).
    sink_->setMinimumWidth(24);
    sink_->setToolTip(
        tr("Many heads put most of every row on the first token (the attention sink). Hide its "
           "column and spread each row over the other tokens, in the grid, the focused head, the "
           "token lines and exports"));
    words_ = new QCheckBox(tr("Words"), parent);
    words_->setToolTip(
        tr("Show attention between words instead of tokens: attention to a word is the sum "
           "over its tokens, from a word the mean (Clark et al. 2019). Chinese words come from "
           "ICU's dictionary; the pieces of one character are always joined"));
    progress_ = new QProgressBar(parent);
    progress_->setRange(0, 100);
    progress_->setMaximumWidth(160);
    progress_->setFormat(tr("flow %p%"));
    progress_->hide();
    ablation_ = new AblationPanel(parent);
    difference_ = new DifferencePanel(parent);
    generation_ = new GenerationPanel(parent);

    connect(viewMode_, &QComboBox::currentIndexChanged, this,
            [this](int) { emit snapshotOptionsChanged(); });
    connect(flow_, &QCheckBox::toggled, this, [this](bool on) {
        if (on) {
            startFlow();
        } else {
            flowWorker_.cancel();
            progress_->hide();
            if (base_) {
                emit showSnapshot(base_);
            }
        }
    });
    connect(sink_, &QCheckBox::toggled, this, [this](bool) { emit snapshotOptionsChanged(); });
    connect(words_, &QCheckBox::toggled, this, [this](bool) { emit snapshotOptionsChanged(); });
    connect(ablation_, &AblationPanel::ablatedHeadsChanged, this,
            [this]() { emit snapshotOptionsChanged(); });
    connect(&flowWorker_, &FlowWorker::progressed, this,
            [this](double fraction) { progress_->setValue(int(fraction * 100)); });
    connect(&flowWorker_, &FlowWorker::flowReady, this,
            [this](std::shared_ptr<const AttentionSnapshot> base,
                   std::shared_ptr<const AttentionSnapshot> withFlow) {
                progress_->hide();
                if (base == base_ && flow_->isChecked()) {
                    emit showSnapshot(withFlow);
                }
            });
    connect(&flowWorker_, &FlowWorker::failed, this, [this](const QString&) { progress_->hide(); });
    connect(generation_, &GenerationPanel::stepChosen, this,
            [this](std::shared_ptr<const AttentionSnapshot> snapshot) {
                generated_ = snapshot;
                emit showSnapshot(std::move(snapshot));
            });
}

SnapshotOptions AnalysisModes::snapshotOptions() const {
    SnapshotOptions options;
    options.norm = normBased();
    options.ablatedHeads = ablation_->ablatedHeads();
    options.hideSink = sinkHidden();
    options.units = words_->isChecked() ? UnitLevel::Words : UnitLevel::Characters;
    return options;
}

void AnalysisModes::setSinkHidden(bool hidden) {
    sink_->setChecked(hidden);
}

bool AnalysisModes::sinkHidden() const {
    return sink_->isChecked();
}

void AnalysisModes::setWordsShown(bool shown) {
    words_->setChecked(shown);
}

bool AnalysisModes::wordsShown() const {
    return words_->isChecked();
}

void AnalysisModes::setNormBased(bool norm) {
    viewMode_->setCurrentIndex(norm ? 1 : 0);
}

bool AnalysisModes::normBased() const {
    return viewMode_->currentData().toBool();
}

void AnalysisModes::setFlowShown(bool shown) {
    flow_->setChecked(shown);
}

bool AnalysisModes::flowShown() const {
    return flow_->isChecked();
}

void AnalysisModes::setModel(std::shared_ptr<const Model> model) {
    model_ = std::move(model);
    base_.reset();
    generated_.reset();
    flowWorker_.cancel();
    progress_->hide();
    // The panels learn the model with the next sentence; the ablation forgets the old heads now
    // so the window's worker never runs heads the new model lacks.
    ablation_->setContext(model_, QString(), normBased());
}

void AnalysisModes::snapshotShown(const std::shared_ptr<const AttentionSnapshot>& snapshot) {
    if (!snapshot || snapshot == generated_) {
        return;
    }
    for (const GridColumn& column : snapshot->columns) {
        if (column.kind == ColumnKind::Flow) {
            return;  // the flow copy of base_, which this class sent itself
        }
    }
    base_ = snapshot;
    generated_.reset();
    if (snapshot->normBased == normBased()) {
        screenshotPartDone(kSnapshotPart);
    }
    const SnapshotOptions options = snapshotOptions();
    ablation_->setContext(model_, snapshot->text, options.norm);
    difference_->setContext(model_, snapshot->text, options);
    generation_->setContext(model_, snapshot->text, options);
    if (flow_->isChecked()) {
        startFlow();
    }
}

void AnalysisModes::startFlow() {
    if (!model_ || !base_) {
        return;
    }
    progress_->setValue(0);
    progress_->show();
    flowWorker_.request(model_, base_, ablation_->ablatedHeads());
}

void AnalysisModes::prepareScreenshot(const AnalysisScreenshot& request) {
    screenshotWaits_ = 0;
    if (!request.ablatedHeads.empty()) {
        screenshotWaits_ |= kSnapshotPart | kAblationPart;
    }
    if (!request.differenceText.isEmpty() || request.snapshotsDifference) {
        screenshotWaits_ |= kDifferencePart;
    }
    if (request.generateTokens > 0) {
        screenshotWaits_ |= kGenerationPart;
    }
    if (request.view == QLatin1String("ablation")) {
        showTab(ablation_);
    } else if (request.view == QLatin1String("difference")) {
        showTab(difference_);
    } else if (request.view == QLatin1String("generation")) {
        showTab(generation_);
    }
    if (screenshotWaits_ == 0) {
        emit screenshotReady();
        return;
    }
    // Connected first, so the step is on screen when the generation part reports done.
    const int step = request.generationStep;
    connect(generation_, &GenerationPanel::generationFinished, this, [this, step]() {
        if (step >= 0) {
            generation_->setStep(step);
        }
    });
    connect(ablation_, &AblationPanel::differenceShown, this,
            [this]() { screenshotPartDone(kAblationPart); });
    connect(difference_, &DifferencePanel::differenceShown, this,
            [this]() { screenshotPartDone(kDifferencePart); });
    connect(generation_, &GenerationPanel::generationFinished, this,
            [this]() { screenshotPartDone(kGenerationPart); });
    for (const HeadIndex& head : request.ablatedHeads) {
        ablation_->setHeadOff(head.layer, head.head, true);
    }
    if (request.snapshotsDifference) {
        difference_->setMode(DifferencePanel::Mode::Snapshots);
        const QStringList folders = difference_->snapshotFolders();
        if (!folders.isEmpty()) {
            difference_->setSnapshots(folders.back(), folders.front());
        }
    } else if (!request.differenceText.isEmpty()) {
        difference_->setMode(DifferencePanel::Mode::Sentences);
        difference_->setOtherText(request.differenceText);
    }
    if (request.generateTokens > 0) {
        generation_->setTokenCount(request.generateTokens);
        generation_->generate();
    }
}

void AnalysisModes::screenshotPartDone(int part) {
    if (!(screenshotWaits_ & part)) {
        return;
    }
    screenshotWaits_ &= ~part;
    if (screenshotWaits_ == 0) {
        emit screenshotReady();
    }
}

void AnalysisModes::addHeadActions(QMenu& menu, int layer, int column) {
    if (!base_ || !base_->contains(layer, column) ||
        base_->columns[column].kind != ColumnKind::Head) {
        return;
    }
    const int head = base_->columns[column].head;
    const bool off = ablation_->isHeadOff(layer, head);
    menu.addAction(off ? tr("Switch head on (L%1 H%2)").arg(layer).arg(head)
                       : tr("Switch head off (L%1 H%2)").arg(layer).arg(head),
                   this, [this, layer, head, off]() { ablation_->setHeadOff(layer, head, !off); });
    if (!ablation_->ablatedHeads().empty()) {
        menu.addAction(tr("Switch all heads on"), this, [this]() { ablation_->clearHeads(); });
    }
    menu.addSeparator();
}

}  // namespace atlas::ui
