// Loading the snapshots and computing the sentence for each runs off the GUI thread; the models
// stay loaded, so a new sentence only reruns them. Moving the slider only swaps snapshots.
#include "classroom/TrainingTimelineView.h"

#include <algorithm>

#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QSlider>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QToolButton>
#include <QVBoxLayout>

#include "common/FigureStyle.h"
#include "grid/FittedGridView.h"

namespace atlas::ui {

namespace {
constexpr int kPlayMilliseconds = 1400;

// The names of the slider's stops, each centred under its stop (a row of labels in a layout
// would drift away from the stops), the current one in bold.
class SliderLabels : public QWidget {
  public:
    SliderLabels(QSlider* slider, QWidget* parent) : QWidget(parent), slider_(slider) {
        setPixels(18);
    }
    void setPixels(double pixels) {
        pixels_ = pixels;
        setFixedHeight(int(QFontMetricsF(style::font(pixels_, true)).height()) + 6);
        update();
    }
    void setLabels(QStringList labels) {
        labels_ = std::move(labels);
        update();
    }

  protected:
    void paintEvent(QPaintEvent*) override {
        if (labels_.isEmpty()) {
            return;
        }
        QPainter painter(this);
        QStyleOptionSlider option;
        option.initFrom(slider_);
        option.orientation = Qt::Horizontal;
        const int handle = slider_->style()->pixelMetric(QStyle::PM_SliderLength, &option, slider_);
        const int span = slider_->width() - handle;
        const int left = slider_->mapTo(parentWidget(), QPoint(0, 0)).x() - x();
        for (int i = 0; i < labels_.size(); ++i) {
            const bool current = i == slider_->value();
            const QFont font = style::font(pixels_, current);
            painter.setFont(font);
            painter.setPen(current ? style::highlight() : style::text());
            const double centre =
                left + handle / 2.0 +
                QStyle::sliderPositionFromValue(slider_->minimum(), slider_->maximum(), i, span);
            const double textWidth = QFontMetricsF(font).horizontalAdvance(labels_[i]);
            // Keep the first and last names inside the widget.
            const double textLeft =
                std::clamp(centre - textWidth / 2, 0.0, std::max(0.0, width() - textWidth));
            painter.drawText(QRectF(textLeft, 0, textWidth + 2, height()), Qt::AlignVCenter,
                             labels_[i]);
        }
    }

  private:
    double pixels_ = 18;
    QSlider* slider_;
    QStringList labels_;
};
}  // namespace

TrainingTimelineView::TrainingTimelineView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);
    title_ = new QLabel(this);
    fonts_.set(title_, 24, true);
    title_->setWordWrap(true);
    caption_ = new QLabel(this);
    fonts_.set(caption_, 17);
    caption_->setWordWrap(true);
    caption_->setStyleSheet(QStringLiteral("color: #444444;"));
    layout->addWidget(title_);
    layout->addWidget(caption_);

    auto* controls = new QHBoxLayout;
    playButton_ = new QToolButton(this);
    playButton_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    fonts_.set(playButton_, 18, true);
    auto* track = new QVBoxLayout;
    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setTickPosition(QSlider::TicksBelow);
    slider_->setTickInterval(1);
    slider_->setPageStep(1);
    ticks_ = new SliderLabels(slider_, this);
    track->addWidget(slider_);
    track->addWidget(ticks_);
    controls->addWidget(playButton_, 0, Qt::AlignTop);
    controls->addSpacing(12);
    controls->addLayout(track, 1);
    layout->addLayout(controls);

    grid_ = new FittedGridView(this);
    setTextScale(1.0);
    layout->addWidget(grid_, 1);

    playTimer_.setInterval(kPlayMilliseconds);
    connect(&playTimer_, &QTimer::timeout, this, [this]() {
        if (point_ + 1 < pointCount()) {
            setPoint(point_ + 1);
        }
        if (point_ + 1 >= pointCount()) {
            pause();
        }
    });
    connect(playButton_, &QToolButton::clicked, this, [this]() {
        if (playing()) {
            pause();
        } else {
            play();
        }
    });
    connect(slider_, &QSlider::valueChanged, this, &TrainingTimelineView::setPoint);
    connect(slider_, &QSlider::valueChanged, ticks_, qOverload<>(&QWidget::update));
    connect(grid_, &FittedGridView::headSelected, this, &TrainingTimelineView::headSelected);
    job_.onResult([this](Outcome outcome) { onFinished(std::move(outcome)); });
    job_.onError([this](const QString& message) {
        snapshots_.clear();
        caption_->setText(message);
        grid_->setSnapshot(nullptr);
    });
    pause();
    refresh();
}

TrainingTimelineView::~TrainingTimelineView() = default;

void TrainingTimelineView::setModelFolder(const std::filesystem::path& folder) {
    std::vector<TrainingSnapshotFolder> folders;
    QString error;
    if (!folder.empty()) {
        try {
            folders = listTrainingSnapshots(folder);
        } catch (const std::exception& failure) {
            error = QString::fromUtf8(failure.what());
        }
    }
    const bool same = folders.size() == folders_.size() &&
                      std::equal(folders.begin(), folders.end(), folders_.begin(),
                                 [](const auto& a, const auto& b) { return a.folder == b.folder; });
    if (same && error.isEmpty()) {
        return;
    }
    pause();
    folders_ = std::move(folders);
    models_.clear();
    snapshots_.clear();
    computedText_.clear();
    point_ = std::max(0, pointCount() - 1);
    {
        const QSignalBlocker blocker(slider_);
        slider_->setRange(0, std::max(0, pointCount() - 1));
        slider_->setValue(point_);
    }
    QStringList labels;
    for (int i = 0; i < pointCount(); ++i) {
        labels << pointLabel(i);
    }
    static_cast<SliderLabels*>(ticks_)->setLabels(labels);
    job_.cancel();
    if (!error.isEmpty()) {
        caption_->setText(error);
    }
    start();
    refresh();
}

void TrainingTimelineView::setText(const QString& text) {
    if (text == text_) {
        return;
    }
    text_ = text;
    job_.cancel();
    start();
}

void TrainingTimelineView::setPoint(int index) {
    index = std::clamp(index, 0, std::max(0, pointCount() - 1));
    if (index != slider_->value()) {
        const QSignalBlocker blocker(slider_);
        slider_->setValue(index);
    }
    if (index == point_ && grid_->snapshot() == snapshotAt(index)) {
        return;
    }
    point_ = index;
    refresh();
    emit pointChanged(point_);
}

void TrainingTimelineView::setTextScale(double scale) {
    fonts_.setScale(scale);
    const int icon = int(fonts_.scaled(28));
    playButton_->setIconSize(QSize(icon, icon));
    playButton_->setMinimumWidth(int(fonts_.scaled(120)));
    slider_->setMinimumHeight(int(fonts_.scaled(36)));
    static_cast<SliderLabels*>(ticks_)->setPixels(fonts_.scaled(18));
    grid_->setLabelPixelSize(fonts_.scaled(20));
}

void TrainingTimelineView::setColorMap(ColorMapKind kind) {
    grid_->setColorMap(kind);
}

void TrainingTimelineView::setSelectedMap(int layer, int column) {
    grid_->setSelectedMap(layer, column);
}

void TrainingTimelineView::play() {
    if (pointCount() < 2) {
        return;
    }
    if (point_ + 1 >= pointCount()) {
        setPoint(0);  // from the start again
    }
    playTimer_.start();
    playButton_->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    playButton_->setText(tr("Pause"));
}

void TrainingTimelineView::pause() {
    playTimer_.stop();
    playButton_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    playButton_->setText(tr("Play"));
}

bool TrainingTimelineView::playing() const {
    return playTimer_.isActive();
}

void TrainingTimelineView::setPlayIntervalMilliseconds(int milliseconds) {
    playTimer_.setInterval(milliseconds);
}

bool TrainingTimelineView::ready() const {
    return pointCount() > 0 && int(snapshots_.size()) == pointCount() && computedText_ == text_ &&
           !text_.trimmed().isEmpty();
}

std::shared_ptr<const AttentionSnapshot> TrainingTimelineView::snapshotAt(int index) const {
    if (!ready() || index < 0 || index >= int(snapshots_.size())) {
        return nullptr;
    }
    return snapshots_[index];
}

QString TrainingTimelineView::pointLabel(int index) const {
    if (index < 0 || index >= pointCount()) {
        return {};
    }
    const TrainingSnapshotFolder& folder = folders_[index];
    if (folder.final) {
        return tr("final");
    }
    if (folder.step) {
        return tr("step %1").arg(*folder.step);
    }
    return QString::fromStdString(folder.folder.filename().string());
}

void TrainingTimelineView::start() {
    if (folders_.empty() || text_.trimmed().isEmpty()) {
        return;
    }
    std::vector<std::filesystem::path> paths;
    for (const TrainingSnapshotFolder& folder : folders_) {
        paths.push_back(folder.folder);
    }
    job_.start([paths, models = models_, text = text_](const JobControl&) {
        Outcome outcome{models, {}};
        if (outcome.models.size() != paths.size()) {
            outcome.models.clear();
            for (const auto& path : paths) {
                outcome.models.push_back(Model::load(path));
            }
        }
        SnapshotOptions options;  // heads only: the grid of heads, as large as it fits
        options.mean = false;
        options.rollout = false;
        for (const auto& model : outcome.models) {
            outcome.snapshots.push_back(computeSnapshot(*model, text, options));
        }
        return outcome;
    });
}

void TrainingTimelineView::onFinished(Outcome outcome) {
    models_ = std::move(outcome.models);
    snapshots_ = std::move(outcome.snapshots);
    computedText_ = text_;
    refresh();
    emit timelineReady();
}

void TrainingTimelineView::refresh() {
    if (folders_.empty()) {
        title_->setText(tr("Training timeline"));
        caption_->setText(
            tr("This model has no training snapshots (model folders in its "
               "snapshots/ folder). The built-in gpt model has them."));
        grid_->setSnapshot(nullptr);
        playButton_->setEnabled(false);
        slider_->setEnabled(false);
        return;
    }
    playButton_->setEnabled(pointCount() > 1);
    slider_->setEnabled(pointCount() > 1);
    const QString where = pointLabel(point_);
    const QString sentence = text_.size() > 60 ? text_.left(59) + QStringLiteral("…") : text_;
    title_->setText(
        folders_[point_].final
            ? tr("The final model (%1 of %2): “%3”").arg(point_ + 1).arg(pointCount()).arg(sentence)
            : tr("Training %1 (%2 of %3): “%4”")
                  .arg(where)
                  .arg(point_ + 1)
                  .arg(pointCount())
                  .arg(sentence));
    caption_->setText(
        pointCount() == 1
            ? tr("This model has no training snapshots (model folders in its snapshots/ "
                 "folder), so only the final model is shown. The built-in gpt model has them.")
            : tr("Each square is one head (rows: layers). Early on, attention is spread thin; "
                 "watch lines just below the diagonal (heads that look one token back) and "
                 "bright columns appear as training goes on."));
    grid_->setEmptyText(tr("Running the sentence through every snapshot…"));
    grid_->setSnapshot(ready() ? snapshots_[point_] : nullptr);
}

}  // namespace atlas::ui
