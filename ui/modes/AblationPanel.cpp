// The ablation tab: heads off, predictions before and after, and the change of every head.
#include "modes/AblationPanel.h"

#include <algorithm>

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "modes/DifferenceView.h"

namespace atlas::ui {

namespace {

QString topPrediction(const PositionPredictions& prediction) {
    if (prediction.top.empty()) {
        return {};
    }
    const TopToken& top = prediction.top.front();
    return QCoreApplication::translate("atlas::ui::AblationPanel", "“%1” %2")
        .arg(QString::fromStdString(top.text).trimmed(), QString::number(top.probability, 'f', 2));
}

}  // namespace

AblationPanel::AblationPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("Switched-off heads have their output zeroed. Right-click a head in the grid and "
           "choose “Switch head off”. The grid then shows the ablated model; below, the "
           "predictions and every head's change."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* top = new QHBoxLayout;
    list_ = new QListWidget(this);
    list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    list_->setMaximumHeight(110);
    top->addWidget(list_, 1);
    auto* buttons = new QVBoxLayout;
    switchOn_ = new QPushButton(tr("Switch on"), this);
    switchOn_->setToolTip(tr("Switch the selected heads back on"));
    switchAllOn_ = new QPushButton(tr("Switch all on"), this);
    buttons->addWidget(switchOn_);
    buttons->addWidget(switchAllOn_);
    buttons->addStretch(1);
    top->addLayout(buttons);
    layout->addLayout(top);

    status_ = new QLabel(this);
    status_->setWordWrap(true);
    layout->addWidget(status_);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    predictions_ = new QTableWidget(0, 3, splitter);
    predictions_->setHorizontalHeaderLabels({tr("Token"), tr("Original"), tr("Ablated")});
    predictions_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    predictions_->verticalHeader()->hide();
    predictions_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_ = new DifferenceView(splitter);
    splitter->addWidget(predictions_);
    splitter->addWidget(view_);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(switchOn_, &QPushButton::clicked, this, [this]() {
        for (QListWidgetItem* item : list_->selectedItems()) {
            const int index = list_->row(item);
            if (index >= 0 && index < int(heads_.size())) {
                heads_[index].layer = -1;  // marked, removed below
            }
        }
        std::erase_if(heads_, [](const HeadIndex& head) { return head.layer < 0; });
        headsChanged();
    });
    connect(switchAllOn_, &QPushButton::clicked, this, &AblationPanel::clearHeads);
    connect(&worker_, &DifferenceWorker::ready, this, &AblationPanel::showDifference);
    connect(&worker_, &DifferenceWorker::failed, this, [this](const QString& message) {
        status_->setText(tr("Could not compute the ablation: %1").arg(message));
        emit differenceShown();
    });
    headsChanged();
}

void AblationPanel::setContext(std::shared_ptr<const Model> model, const QString& text, bool norm) {
    if (model == model_ && text == text_ && norm == norm_) {
        return;
    }
    if (model != model_) {
        heads_.clear();  // the old heads may not exist in the new model
        model_ = std::move(model);
        text_ = text;
        norm_ = norm;
        headsChanged();
        return;
    }
    text_ = text;
    norm_ = norm;
    refresh();
}

void AblationPanel::setHeadOff(int layer, int head, bool off) {
    const HeadIndex index{layer, head};
    const auto found = std::find(heads_.begin(), heads_.end(), index);
    if (off == (found != heads_.end())) {
        return;
    }
    if (off) {
        heads_.push_back(index);
    } else {
        heads_.erase(found);
    }
    headsChanged();
}

bool AblationPanel::isHeadOff(int layer, int head) const {
    return std::find(heads_.begin(), heads_.end(), HeadIndex{layer, head}) != heads_.end();
}

void AblationPanel::clearHeads() {
    if (heads_.empty()) {
        return;
    }
    heads_.clear();
    headsChanged();
}

void AblationPanel::headsChanged() {
    list_->clear();
    for (const HeadIndex& head : heads_) {
        list_->addItem(tr("Layer %1 · Head %2").arg(head.layer).arg(head.head));
    }
    switchOn_->setEnabled(!heads_.empty());
    switchAllOn_->setEnabled(!heads_.empty());
    refresh();
    emit ablatedHeadsChanged();
}

void AblationPanel::refresh() {
    if (heads_.empty() || !model_ || text_.trimmed().isEmpty()) {
        worker_.cancel();
        status_->setText(heads_.empty() ? tr("All heads are on.") : QString());
        predictions_->setRowCount(0);
        view_->setDifference(nullptr);
        emit differenceShown();
        return;
    }
    DifferenceRequest request = DifferenceRequest::ofOneRun(model_, text_);
    request.optionsA.norm = norm_;
    request.optionsA.ablatedHeads = heads_;
    request.optionsB.norm = norm_;
    request.titleA = tr("ablated");
    request.titleB = tr("original");
    status_->setText(tr("Running the model with %n head(s) off…", nullptr, int(heads_.size())));
    worker_.request(std::move(request));
}

void AblationPanel::showDifference(std::shared_ptr<const DifferenceMaps> difference) {
    status_->setText(tr("%n head(s) off. Largest change of an attention weight: %1.", nullptr,
                        int(heads_.size()))
                         .arg(difference->maxMagnitude, 0, 'f', 3));
    showPredictions(*difference);
    view_->setDifference(std::move(difference));
    emit differenceShown();
}

void AblationPanel::showPredictions(const DifferenceMaps& difference) {
    predictions_->setHorizontalHeaderLabels(
        {difference.causal ? tr("After token") : tr("At token"), tr("Original"), tr("Ablated")});
    const int rows = int(std::min(difference.predictionsA.size(), difference.predictionsB.size()));
    predictions_->setRowCount(rows);
    for (int row = 0; row < rows; ++row) {
        const PositionPredictions& ablated = difference.predictionsA[row];
        const PositionPredictions& original = difference.predictionsB[row];
        const QString token = difference.tokenLabelsA.value(ablated.position);
        const bool changed = !ablated.top.empty() && !original.top.empty() &&
                             ablated.top.front().id != original.top.front().id;
        const QStringList cells = {QStringLiteral("%1 %2").arg(ablated.position).arg(token),
                                   topPrediction(original), topPrediction(ablated)};
        for (int column = 0; column < 3; ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            if (changed) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
                item->setToolTip(tr("The most likely token changed"));
            }
            predictions_->setItem(row, column, item);
        }
    }
}

}  // namespace atlas::ui
