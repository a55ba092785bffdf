#include "training/TrainingWindow.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <qcustomplot.h>
#include <QApplication>
#include <QCloseEvent>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include "Error.h"
#include "analysis/InductionScore.h"
#include "classroom/TrainingTimelineView.h"
#include "common/FigureStyle.h"
#include "grid/HeadGridView.h"
#include "model/Model.h"
#include "model/TrainingSnapshots.h"
#include "training/SavedModelFolder.h"
#include "training/TrainingSettingsForm.h"

namespace atlas::ui {

namespace {

std::filesystem::path checkpointOf(const std::filesystem::path& output) {
    return output / "checkpoints" / "latest.safetensors";
}

bool pathExists(const std::filesystem::path& path) {
    std::error_code error;
    return std::filesystem::exists(path, error);
}

// The text a preset's grid shows first: a sentence for positional heads, a repeated one for an
// induction head (the second copy attends to the tokens after the first).
QString defaultText(PresetTarget target) {
    return target == PresetTarget::Induction
               ? QStringLiteral(
                     "The rabbit ran into the garden to find a carrot. The rabbit ran "
                     "into the garden to find a carrot.")
               : QStringLiteral("The little dog ran to the door and looked out at the garden.");
}

}  // namespace

LiveReading readTargetHead(const Model& model, std::shared_ptr<const AttentionSnapshot> snapshot,
                           PresetTarget target) {
    LiveReading reading;
    reading.snapshot = snapshot;
    const int layers = snapshot->layerCount();
    const int heads = snapshot->headCount();
    std::vector<std::vector<double>> scores(layers, std::vector<double>(heads, 0.0));
    if (target == PresetTarget::Induction) {
        scores = scoreInductionHeads(model).induction;
    } else {
        const int tokens = snapshot->tokenCount();
        for (int layer = 0; layer < layers; ++layer) {
            for (int head = 0; head < heads; ++head) {
                const MapView map = snapshot->map(layer, head);
                double sum = 0;
                for (int i = 1; i < tokens; ++i) {
                    sum += map(i, i - 1);
                }
                scores[layer][head] = tokens > 1 ? sum / (tokens - 1) : 0.0;
            }
        }
    }
    for (int layer = 0; layer < int(scores.size()); ++layer) {
        for (int head = 0; head < int(scores[layer].size()); ++head) {
            if (reading.layer < 0 || scores[layer][head] > reading.score) {
                reading.layer = layer;
                reading.head = head;
                reading.score = scores[layer][head];
            }
        }
    }
    return reading;
}

TrainingWindow::TrainingWindow(std::filesystem::path runsFolder, QWidget* parent)
    : QWidget(parent, Qt::Window), runsFolder_(std::move(runsFolder)) {
    setWindowTitle(tr("Train a model — Attention Atlas"));
    buildWidgets();
    pollTimer_.setInterval(200);
    connect(&pollTimer_, &QTimer::timeout, this, &TrainingWindow::poll);
    liveJob_.onResult([this](LiveReading reading) { showReading(std::move(reading)); });
    liveJob_.onError([this](const QString& message) { setStatus(message); });
    onChoiceChanged();
    resize(1200, 660);  // a 1280 x 720 screen less a title bar
}

TrainingWindow::~TrainingWindow() {
    session_.requestStop();
    session_.wait();
}

void TrainingWindow::buildWidgets() {
    settings_ = new TrainingSettingsForm(shippedTrainingText(), runsFolder_, this);
    refreshSeconds_ = new QDoubleSpinBox(this);
    refreshSeconds_->setRange(0.2, 600);
    refreshSeconds_->setDecimals(1);
    refreshSeconds_->setValue(5);
    refreshSeconds_->setSuffix(tr(" s"));
    auto* refreshRow = new QHBoxLayout;
    refreshRow->addWidget(new QLabel(tr("Show the current weights every"), this));
    refreshRow->addWidget(refreshSeconds_);
    refreshRow->addStretch(1);

    start_ = new QPushButton(tr("Start"), this);
    pause_ = new QPushButton(tr("Pause"), this);
    pause_->setCheckable(true);
    stop_ = new QPushButton(tr("Stop"), this);
    save_ = new QPushButton(tr("Save model…"), this);
    open_ = new QPushButton(tr("Open in the main window"), this);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* button : {start_, pause_, stop_, save_, open_}) {
        buttons->addWidget(button);
    }
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    busy_ = new QProgressBar(this);
    busy_->setRange(0, 0);  // the tokenizer and the corpus take a moment before the first step
    busy_->setMaximumHeight(10);
    busy_->setTextVisible(false);
    busy_->hide();

    lossPlot_ = new QCustomPlot(this);
    trainLoss_ = lossPlot_->addGraph();
    trainLoss_->setName(tr("training loss"));
    trainLoss_->setPen(QPen(QColor(31, 119, 180), 1.2));
    validationLoss_ = lossPlot_->addGraph();
    validationLoss_->setName(tr("validation loss"));
    validationLoss_->setPen(QPen(QColor(214, 39, 40), 1.5));
    validationLoss_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    lossPlot_->xAxis->setLabel(tr("step"));
    lossPlot_->yAxis->setLabel(tr("loss (nats, log scale)"));
    // The first losses of PyTorch's initialisation are near 100 and the later ones near 5: on a
    // linear axis the curve that matters would be a flat line at the bottom.
    lossPlot_->yAxis->setScaleType(QCPAxis::stLogarithmic);
    // Base 2 puts a label at 2, 4, 8, ... 64, where a loss in nats falls; base 10 left most
    // of the curve without one.
    auto logTicker = QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog);
    logTicker->setLogBase(2);
    logTicker->setSubTickCount(0);
    lossPlot_->yAxis->setTicker(logTicker);
    lossPlot_->yAxis->setNumberFormat(QStringLiteral("gb"));
    lossPlot_->legend->setVisible(true);
    // The legend in a row of its own above the plot: inside, every corner hid some run's curve
    // (the previous-token loss falls from 88 along the left, the induction loss plateaus along
    // the top and ends at the lower right).
    lossPlot_->axisRect()->insetLayout()->take(lossPlot_->legend);
    lossPlot_->plotLayout()->insertRow(0);
    lossPlot_->plotLayout()->addElement(0, 0, lossPlot_->legend);
    lossPlot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    lossPlot_->legend->setBorderPen(Qt::NoPen);
    lossPlot_->plotLayout()->setRowStretchFactor(0, 0.001);
    lossPlot_->setMinimumHeight(140);
    scorePlot_ = new QCustomPlot(this);
    score_ = scorePlot_->addGraph();
    score_->setPen(QPen(QColor(44, 160, 44), 2));
    score_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    scorePlot_->xAxis->setLabel(tr("step"));
    // The measure's name is in the legend: along a short y axis it was cut.
    scorePlot_->yAxis->setLabel(tr("score"));
    scorePlot_->yAxis->setRange(0, 1);
    scorePlot_->legend->setVisible(true);
    scorePlot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    scorePlot_->setMinimumHeight(140);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(settings_);
    leftLayout->addLayout(refreshRow);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(status_);
    leftLayout->addWidget(busy_);
    leftLayout->addWidget(lossPlot_, 1);

    text_ = new QLineEdit(this);
    text_->setPlaceholderText(tr("Text the current weights run on"));
    targetLabel_ = new QLabel(this);
    targetLabel_->setWordWrap(true);
    grid_ = new HeadGridView(this);
    auto* gridScroll = new QScrollArea(this);
    gridScroll->setWidget(grid_);
    gridScroll->setWidgetResizable(true);
    auto* live = new QWidget(this);
    auto* liveLayout = new QVBoxLayout(live);
    liveLayout->addWidget(text_);
    liveLayout->addWidget(targetLabel_);
    // The score sits under the grid whose outlined head it follows; with the loss alone on the
    // left, the window fits a 1280 x 720 screen.
    liveLayout->addWidget(gridScroll, 3);
    liveLayout->addWidget(scorePlot_, 2);
    timeline_ = new TrainingTimelineView(this);
    tabs_ = new QTabWidget(this);
    tabs_->addTab(live, tr("Live"));
    tabs_->addTab(timeline_, tr("Timeline"));

    // A lesson's caption sits above the tabs: the left column sets the window's least height.
    caption_ = new QLabel(this);
    fonts_.set(caption_, 16);
    caption_->setWordWrap(true);
    caption_->setStyleSheet(
        QStringLiteral("QLabel { background: #e8f1fb; color: #1b1b1b;"
                       " border: 1px solid #a9c7ea; border-radius: 6px; padding: 6px 10px; }"));
    caption_->hide();
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(caption_);
    rightLayout->addWidget(tabs_, 1);

    // The settings, buttons and loss scroll when a large text size makes them taller than the
    // screen.
    auto* leftScroll = new QScrollArea(this);
    leftScroll->setFrameShape(QFrame::NoFrame);
    leftScroll->setWidgetResizable(true);
    leftScroll->setWidget(left);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(leftScroll);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(start_, &QPushButton::clicked, this, &TrainingWindow::startTraining);
    connect(pause_, &QPushButton::toggled, this, &TrainingWindow::setPaused);
    connect(stop_, &QPushButton::clicked, this, &TrainingWindow::stopTraining);
    connect(save_, &QPushButton::clicked, this, [this]() {
        const QString folder = QFileDialog::getSaveFileName(
            this, tr("Save the model as a folder"),
            QString::fromStdString((runsFolder_ / "saved-model").string()));
        if (!folder.isEmpty()) {
            const QString error = saveModel(folder);
            setStatus(error.isEmpty() ? tr("Saved to %1").arg(folder) : error);
        }
    });
    connect(open_, &QPushButton::clicked, this,
            [this]() { emit openModelRequested(QString::fromStdString(output_.string())); });
    connect(settings_, &TrainingSettingsForm::changed, this, &TrainingWindow::onChoiceChanged);
    connect(text_, &QLineEdit::textEdited, this, &TrainingWindow::refreshLive);
    connect(tabs_, &QTabWidget::currentChanged, this, [this]() {
        if (tabs_->currentWidget() == timeline_ && pathExists(output_ / "snapshots")) {
            timeline_->setModelFolder(output_);
            timeline_->setText(text_->text());
        }
    });
    connect(grid_, &HeadGridView::headSelected, grid_, &HeadGridView::setSelectedMap);
}

void TrainingWindow::setTextScale(double scale) {
    fonts_.setScale(scale);
    grid_->setTextScale(scale);
    timeline_->setTextScale(scale);
    // The plots took the application font when they were made; give them the new one.
    for (QCustomPlot* plot : {lossPlot_, scorePlot_}) {
        for (QCPAxis* axis : plot->axisRect()->axes()) {
            axis->setLabelFont(QApplication::font());
            axis->setTickLabelFont(QApplication::font());
        }
        plot->legend->setFont(QApplication::font());
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void TrainingWindow::setCaption(const QString& caption) {
    caption_->setText(caption);
    caption_->setVisible(!caption.isEmpty());
}

QString TrainingWindow::caption() const {
    return caption_->text();
}

QString TrainingWindow::statusText() const {
    return status_->text();
}

void TrainingWindow::setStatus(const QString& text) {
    status_->setText(text);
}

void TrainingWindow::updateButtons() {
    const bool running = session_.running();
    settings_->setEditable(!running);
    refreshSeconds_->setEnabled(!running);
    start_->setEnabled(!running);
    pause_->setEnabled(running);
    stop_->setEnabled(running);
    save_->setEnabled(latestSnapshot_.has_value());
    open_->setEnabled(!running && pathExists(output_ / "config.json"));
    start_->setText(pathExists(checkpointOf(settings_->outputFolder())) ? tr("Resume")
                                                                        : tr("Start"));
    if (!running && pause_->isChecked()) {
        const QSignalBlocker blocker(pause_);
        pause_->setChecked(false);
    }
}

void TrainingWindow::onChoiceChanged() {
    if (session_.running()) {
        return;
    }
    const PresetTarget previousTarget = target_;
    output_ = settings_->outputFolder();
    try {
        target_ = settings_->target();
    } catch (const std::exception&) {
        target_ = PresetTarget::PreviousToken;
    }
    if (text_->text().isEmpty() || text_->text() == defaultText(previousTarget)) {
        text_->setText(defaultText(target_));
    }
    score_->setName(target_ == PresetTarget::Induction ? tr("best induction score")
                                                       : tr("best previous-token share"));
    trainLoss_->data()->clear();
    validationLoss_->data()->clear();
    score_->data()->clear();
    reading_.reset();
    grid_->setSnapshot(nullptr);
    targetLabel_->clear();
    loadLossCsv();
    // A run already on disk: show its newest weights.
    latestSnapshot_.reset();
    if (pathExists(output_)) {
        try {
            const auto folders = listTrainingSnapshots(output_);
            if (!folders.empty() && pathExists(folders.back().folder / "config.json")) {
                latestSnapshot_ = folders.back().folder;
            }
        } catch (const std::exception&) {
        }
    }
    timeline_->setModelFolder(latestSnapshot_ ? output_ : std::filesystem::path());
    timeline_->setText(text_->text());
    refreshLive();
    updateButtons();
}

void TrainingWindow::loadLossCsv() {
    std::ifstream in(output_ / "loss.csv");
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::stringstream fields(line);
        std::string step, train, validation;
        std::getline(fields, step, ',');
        std::getline(fields, train, ',');
        std::getline(fields, validation, ',');
        try {
            trainLoss_->addData(std::stod(step), std::stod(train));
            if (!validation.empty()) {
                validationLoss_->addData(std::stod(step), std::stod(validation));
            }
        } catch (const std::exception&) {
            break;  // a damaged file: show what was read
        }
    }
    lossPlot_->rescaleAxes();
    lossPlot_->replot();
    scorePlot_->replot();
}

void TrainingWindow::startTraining() {
    if (session_.running()) {
        return;
    }
    TrainingRunOptions options;
    try {
        options = settings_->runOptions();
        target_ = settings_->target();
    } catch (const std::exception& error) {
        setStatus(QString::fromUtf8(error.what()));
        return;
    }
    output_ = options.output;
    options.snapshot_seconds = refreshSeconds_->value();
    const bool resuming = pathExists(checkpointOf(output_));
    if (resuming) {
        options.resume = output_;
    }
    onChoiceChanged();  // the curve so far (a resumed run continues it)
    session_.start(options);
    waitingForFirstStep_ = true;
    busy_->show();
    setStatus(resuming ? tr("Resuming from the checkpoint…")
                       : (settings_->choice() == QLatin1String("custom")
                              ? tr("Training a tokenizer on the text file, then the model…")
                              : tr("Preparing the tokenizer and the text…")));
    pollTimer_.start();
    updateButtons();
}

void TrainingWindow::setPaused(bool paused) {
    if (!session_.running()) {
        return;
    }
    session_.setPaused(paused);
    pause_->setText(paused ? tr("Resume") : tr("Pause"));
    if (pause_->isChecked() != paused) {
        const QSignalBlocker blocker(pause_);
        pause_->setChecked(paused);
    }
    setStatus(paused ? tr("Paused") : tr("Training…"));
}

void TrainingWindow::stopTraining() {
    if (session_.running()) {
        session_.requestStop();
        setStatus(tr("Stopping: saving a checkpoint…"));
    }
}

void TrainingWindow::poll() {
    TrainingSession::Report report = session_.take();
    for (const StepRecord& record : report.steps) {
        trainLoss_->addData(double(record.step + 1), record.train_loss);
        if (record.val_loss >= 0) {
            validationLoss_->addData(double(record.step + 1), record.val_loss);
        }
    }
    if (!report.steps.empty()) {
        const StepRecord& last = report.steps.back();
        if (waitingForFirstStep_) {
            waitingForFirstStep_ = false;
            busy_->hide();
        }
        if (!session_.paused()) {
            setStatus(tr("Step %1 · loss %2 · %3 tokens/s")
                          .arg(last.step + 1)
                          .arg(last.train_loss, 0, 'f', 3)
                          .arg(last.tokens_per_second, 0, 'f', 0));
        }
        lossPlot_->rescaleAxes();
        lossPlot_->replot(QCustomPlot::rpQueuedReplot);
    }
    if (waitingForFirstStep_ && !report.notes.empty()) {
        setStatus(report.notes.back());
    }
    if (!report.snapshots.empty()) {
        latestSnapshot_ = report.snapshots.back();
        refreshLive();
        if (tabs_->currentWidget() == timeline_) {
            timeline_->setModelFolder(output_);
            timeline_->setText(text_->text());
        }
    }
    if (report.ended) {
        pollTimer_.stop();
        busy_->hide();
        waitingForFirstStep_ = false;
        session_.wait();
        if (!report.error.isEmpty()) {
            setStatus(tr("Training failed: %1").arg(report.error));
        } else {
            // The run saved its model folder: the newest weights.
            if (pathExists(output_ / "config.json")) {
                latestSnapshot_ = output_;
                refreshLive();
            }
            setStatus(report.finished
                          ? tr("Finished. The model is in %1.")
                                .arg(QString::fromStdString(output_.string()))
                          : tr("Stopped with a checkpoint: Resume continues from here."));
        }
        timeline_->setModelFolder(output_);
        timeline_->setText(text_->text());
        updateButtons();
        emit trainingEnded(report.finished);
    }
}

void TrainingWindow::refreshLive() {
    if (!latestSnapshot_ || text_->text().trimmed().isEmpty()) {
        return;
    }
    const std::filesystem::path folder = *latestSnapshot_;
    const QString text = text_->text();
    const PresetTarget target = target_;
    std::int64_t step =
        trainLoss_->data()->isEmpty() ? 0 : std::int64_t((trainLoss_->data()->constEnd() - 1)->key);
    const std::string name = folder.filename().string();
    if (name.rfind("step-", 0) == 0) {
        try {
            step = std::stoll(name.substr(5));
        } catch (const std::exception&) {
        }
    }
    liveJob_.start([folder, text, target, step](const JobControl&) {
        const std::unique_ptr<Model> model = Model::load(folder);
        LiveReading reading = readTargetHead(*model, computeSnapshot(*model, text), target);
        reading.step = step;
        return reading;
    });
}

void TrainingWindow::showReading(LiveReading reading) {
    grid_->setSnapshot(reading.snapshot);
    if (reading.layer >= 0) {
        grid_->setHighlightedHeads({{reading.layer, reading.head}});
        grid_->setSelectedMap(reading.layer, reading.head);
        const bool newStep = score_->data()->isEmpty() ||
                             (score_->data()->constEnd() - 1)->key < double(reading.step);
        if (newStep) {
            score_->addData(double(reading.step), reading.score);
            scorePlot_->xAxis->setRange(0, std::max(1.0, double(reading.step)));
            scorePlot_->replot(QCustomPlot::rpQueuedReplot);
        }
        targetLabel_->setText(
            (target_ == PresetTarget::Induction
                 ? tr("Target head: layer %1, head %2 — induction score %3 (step %4)")
                 : tr("Target head: layer %1, head %2 — previous-token share %3 on this text "
                      "(step %4)"))
                .arg(reading.layer)
                .arg(reading.head)
                .arg(reading.score, 0, 'f', 2)
                .arg(reading.step));
    }
    reading_ = std::move(reading);
    updateButtons();
    emit liveRefreshed(reading_->step);
}

QString TrainingWindow::saveModel(const QString& folder) {
    if (!latestSnapshot_) {
        return tr("Nothing to save yet: the first snapshot comes a few seconds into training.");
    }
    try {
        saveModelFolderCopy(*latestSnapshot_, folder.toStdString());
    } catch (const std::exception& error) {
        return QString::fromUtf8(error.what());
    }
    return QString();
}

void TrainingWindow::closeEvent(QCloseEvent* event) {
    if (session_.running()) {
        session_.requestStop();
        session_.wait();
        poll();
    }
    event->accept();
}

}  // namespace atlas::ui
