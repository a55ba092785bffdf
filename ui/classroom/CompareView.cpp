// The compare view: one worker per sentence (each drops its own stale runs); the heatmaps are
// redrawn only when both sentences have come back for the texts in the boxes.
#include "classroom/CompareView.h"

#include <algorithm>

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include "common/FigureStyle.h"
#include "common/SideBySide.h"
#include "head/HeadHeatmapView.h"

namespace atlas::ui {

std::vector<ComparePair> comparePairs() {
    return {
        {CompareView::tr("Who chased whom"), QStringLiteral("The dog chased the cat"),
         QStringLiteral("The cat chased the dog")},
        {CompareView::tr("Agreement: keys … are / key … is"),
         QStringLiteral("The keys to the cabinet are"),
         QStringLiteral("The key to the cabinets is")},
        {CompareView::tr("What the pronoun means"),
         QStringLiteral("The trophy did not fit in the suitcase because it was too big."),
         QStringLiteral("The trophy did not fit in the suitcase because it was too small.")},
        {CompareView::tr("Where the telescope is"),
         QStringLiteral("She saw the man with the telescope."),
         QStringLiteral("She saw the man with the hat.")},
    };
}

namespace {
constexpr double kHeatmapScale = 1.6;  // the heatmaps' type, of a heatmap's normal size
}  // namespace

CompareView::CompareView(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(8);

    auto* controls = new QHBoxLayout;
    auto* pairLabel = new QLabel(tr("Pair:"), this);
    pairs_ = new QComboBox(this);
    pairs_->addItem(tr("Your own sentences"));
    for (const ComparePair& pair : comparePairs()) {
        pairs_->addItem(pair.title);
    }
    auto* layerLabel = new QLabel(tr("Layer:"), this);
    layerBox_ = new QSpinBox(this);
    auto* headLabel = new QLabel(tr("Head:"), this);
    headBox_ = new QSpinBox(this);
    for (QWidget* widget : std::initializer_list<QWidget*>{pairLabel, pairs_, layerLabel, layerBox_,
                                                           headLabel, headBox_}) {
        fonts_.set(widget, 17);
    }
    controls->addWidget(pairLabel);
    controls->addWidget(pairs_, 1);
    controls->addSpacing(16);
    controls->addWidget(layerLabel);
    controls->addWidget(layerBox_);
    controls->addWidget(headLabel);
    controls->addWidget(headBox_);
    layout->addLayout(controls);

    auto* sides = new QGridLayout;
    sides->setHorizontalSpacing(16);
    int side = 0;
    for (auto [edit, title, view] : {std::tuple{&firstEdit_, &firstTitle_, &firstView_},
                                     std::tuple{&secondEdit_, &secondTitle_, &secondView_}}) {
        *edit = new QLineEdit(this);
        fonts_.set(*edit, 20);
        (*edit)->setPlaceholderText(side == 0 ? tr("First sentence") : tr("Second sentence"));
        *title = new QLabel(this);
        fonts_.set(*title, 18, true);
        (*title)->setAlignment(Qt::AlignCenter);
        *view = new HeadHeatmapView(this);
        (*view)->setTextScale(kHeatmapScale);
        sides->addWidget(*edit, 0, side);
        sides->addWidget(*title, 1, side);
        sides->addWidget(*view, 2, side);
        sides->setColumnStretch(side, 1);
        ++side;
    }
    sides->setRowStretch(2, 1);
    layout->addLayout(sides, 1);

    scaleNote_ = new QLabel(this);
    fonts_.set(scaleNote_, 17);
    scaleNote_->setAlignment(Qt::AlignCenter);
    scaleNote_->setWordWrap(true);
    error_ = new QLabel(this);
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #611a15;"));
    error_->hide();
    layout->addWidget(scaleNote_);
    layout->addWidget(error_);

    connect(pairs_, &QComboBox::activated, this, [this](int index) {
        const auto pairs = comparePairs();
        if (index >= 1 && index <= int(pairs.size())) {
            setTexts(pairs[index - 1].first, pairs[index - 1].second);
        }
    });
    connect(firstEdit_, &QLineEdit::textEdited, this, [this]() {
        pairs_->setCurrentIndex(0);
        request();
    });
    connect(secondEdit_, &QLineEdit::textEdited, this, [this]() {
        pairs_->setCurrentIndex(0);
        request();
    });
    auto picked = [this]() {
        if (layerBox_->value() != layer_ || headBox_->value() != column_) {
            setMap(layerBox_->value(), headBox_->value());
            emit mapChosen(layer_, column_);
        }
    };
    connect(layerBox_, &QSpinBox::valueChanged, this, picked);
    connect(headBox_, &QSpinBox::valueChanged, this, picked);
    for (AttentionWorker* worker : {&firstWorker_, &secondWorker_}) {
        const int which = worker == &firstWorker_ ? 0 : 1;
        connect(worker, &AttentionWorker::snapshotReady, this,
                [this, which](std::shared_ptr<const AttentionSnapshot> snapshot, quint64) {
                    onReady(which, std::move(snapshot));
                });
        connect(worker, &AttentionWorker::computeFailed, this,
                [this](const QString& message, quint64) {
                    error_->setText(message);
                    error_->show();
                });
    }
    const auto pairs = comparePairs();
    firstEdit_->setText(pairs.front().first);
    secondEdit_->setText(pairs.front().second);
    pairs_->setCurrentIndex(1);
    refresh();
}

CompareView::~CompareView() = default;

void CompareView::setModel(std::shared_ptr<const Model> model) {
    model_ = std::move(model);
    first_.reset();
    second_.reset();
    firstWorker_.setModel(model_);
    secondWorker_.setModel(model_);
    request();
}

void CompareView::setTexts(const QString& first, const QString& second) {
    firstEdit_->setText(first);
    secondEdit_->setText(second);
    const auto pairs = comparePairs();
    const auto match = std::find_if(pairs.begin(), pairs.end(), [&](const ComparePair& pair) {
        return pair.first == first && pair.second == second;
    });
    pairs_->setCurrentIndex(match == pairs.end() ? 0 : int(match - pairs.begin()) + 1);
    request();
}

void CompareView::setFirstText(const QString& text) {
    setTexts(text, secondText());
}

void CompareView::setSecondText(const QString& text) {
    setTexts(firstText(), text);
}

QString CompareView::firstText() const {
    return firstEdit_->text();
}

QString CompareView::secondText() const {
    return secondEdit_->text();
}

void CompareView::setMap(int layer, int column) {
    layer_ = std::max(0, layer);
    column_ = std::max(0, column);
    refresh();
}

void CompareView::setTextScale(double scale) {
    fonts_.setScale(scale);
    firstView_->setTextScale(fonts_.scaled(kHeatmapScale));
    secondView_->setTextScale(fonts_.scaled(kHeatmapScale));
}

void CompareView::setColorMap(ColorMapKind kind) {
    firstView_->setColorMap(kind);
    secondView_->setColorMap(kind);
}

bool CompareView::ready() const {
    return first_ && second_ && first_->text == firstText() && second_->text == secondText();
}

void CompareView::request() {
    error_->hide();
    if (!model_) {
        return;
    }
    if (firstText().trimmed().isEmpty() || secondText().trimmed().isEmpty()) {
        error_->setText(tr("Type two sentences to compare."));
        error_->show();
        return;
    }
    if (!first_ || first_->text != firstText()) {
        firstWorker_.request(firstText());
    }
    if (!second_ || second_->text != secondText()) {
        secondWorker_.request(secondText());
    }
    if (ready()) {
        refresh();
        emit comparisonShown();
    }
}

void CompareView::onReady(int side, std::shared_ptr<const AttentionSnapshot> snapshot) {
    if (side == 0) {
        first_ = std::move(snapshot);
    } else {
        second_ = std::move(snapshot);
    }
    if (ready()) {
        refresh();
        emit comparisonShown();
    }
}

void CompareView::updatePickers() {
    const QSignalBlocker layerBlocker(layerBox_);
    const QSignalBlocker headBlocker(headBox_);
    const AttentionSnapshot* any = first_ ? first_.get() : second_.get();
    if (any) {
        layerBox_->setRange(0, std::max(0, any->layerCount() - 1));
        headBox_->setRange(0, std::max(0, any->headCount() - 1));
    }
    layerBox_->setValue(layer_);
    headBox_->setValue(column_);
}

void CompareView::refresh() {
    updatePickers();
    const bool both =
        ready() && first_->contains(layer_, column_) && second_->contains(layer_, column_);
    if (!both) {
        scaleNote_->setText(model_ ? tr("Computing…") : tr("No model yet."));
        return;
    }
    const SideBySide shown = onOneScale(*first_, *second_, layer_, column_);
    sharedMaximum_ = shown.maximum;
    firstView_->setSnapshot(shown.first);
    secondView_->setSnapshot(shown.second);
    firstView_->setMap(layer_, column_);
    secondView_->setMap(layer_, column_);
    firstTitle_->setText(tr("Sentence A"));
    secondTitle_->setText(tr("Sentence B"));
    scaleNote_->setText(tr("One colour scale for both maps: 0 to %1, the largest weight in "
                           "either.")
                            .arg(double(sharedMaximum_), 0, 'f', 2));
}

}  // namespace atlas::ui
