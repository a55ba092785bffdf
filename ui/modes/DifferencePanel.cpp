// The difference tab: inputs for sentence B or the two snapshots, and the difference grid.
#include "modes/DifferencePanel.h"

#include <filesystem>

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "modes/DifferenceView.h"

namespace atlas::ui {

DifferencePanel::DifferencePanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    mode_ = new QComboBox(this);
    mode_->addItem(tr("This sentence − another sentence"), int(Mode::Sentences));
    mode_->addItem(tr("Training snapshot A − snapshot B"), int(Mode::Snapshots));
    auto* modeLabel = new QLabel(tr("&Compare:"), this);
    modeLabel->setBuddy(mode_);
    top->addWidget(modeLabel);
    top->addWidget(mode_, 1);
    layout->addLayout(top);

    inputs_ = new QStackedWidget(this);
    otherText_ = new QLineEdit(inputs_);
    otherText_->setPlaceholderText(tr("Another sentence with the same number of tokens…"));
    inputs_->addWidget(otherText_);
    auto* snapshots = new QWidget(inputs_);
    auto* snapshotLayout = new QFormLayout(snapshots);
    snapshotLayout->setContentsMargins(0, 0, 0, 0);
    snapshotA_ = new QComboBox(snapshots);
    snapshotB_ = new QComboBox(snapshots);
    snapshotLayout->addRow(tr("A:"), snapshotA_);
    snapshotLayout->addRow(tr("B:"), snapshotB_);
    inputs_->addWidget(snapshots);
    layout->addWidget(inputs_);

    status_ = new QLabel(this);
    status_->setWordWrap(true);
    layout->addWidget(status_);
    view_ = new DifferenceView(this);
    layout->addWidget(view_, 1);

    connect(mode_, &QComboBox::currentIndexChanged, this, [this](int index) {
        inputs_->setCurrentIndex(index);
        refresh();
    });
    connect(otherText_, &QLineEdit::textChanged, this, &DifferencePanel::refresh);
    connect(snapshotA_, &QComboBox::currentIndexChanged, this, &DifferencePanel::refresh);
    connect(snapshotB_, &QComboBox::currentIndexChanged, this, &DifferencePanel::refresh);
    connect(&worker_, &DifferenceWorker::ready, this,
            [this](std::shared_ptr<const DifferenceMaps> difference) {
                status_->setText(tr("Largest difference: %1 (blue: A lower, red: A higher).")
                                     .arg(difference->maxMagnitude, 0, 'f', 3));
                view_->setDifference(std::move(difference));
                emit differenceShown();
            });
    connect(&worker_, &DifferenceWorker::failed, this, [this](const QString& message) {
        status_->setText(message);
        view_->setDifference(nullptr);
        emit differenceShown();
    });
}

void DifferencePanel::setContext(std::shared_ptr<const Model> model, const QString& text,
                                 const SnapshotOptions& options) {
    const bool newModel = model != model_;
    if (!newModel && text == text_ && options.norm == options_.norm &&
        options.ablatedHeads == options_.ablatedHeads) {
        return;
    }
    model_ = std::move(model);
    text_ = text;
    options_ = options;
    if (newModel) {
        rebuildSnapshotLists();
    }
    refresh();
}

void DifferencePanel::setMode(Mode mode) {
    mode_->setCurrentIndex(mode_->findData(int(mode)));
}

DifferencePanel::Mode DifferencePanel::mode() const {
    return Mode(mode_->currentData().toInt());
}

void DifferencePanel::setOtherText(const QString& text) {
    otherText_->setText(text);
}

void DifferencePanel::setSnapshots(const QString& folderA, const QString& folderB) {
    const QSignalBlocker blockA(snapshotA_);
    const QSignalBlocker blockB(snapshotB_);
    snapshotA_->setCurrentIndex(std::max(0, snapshotA_->findData(folderA)));
    snapshotB_->setCurrentIndex(std::max(0, snapshotB_->findData(folderB)));
    refresh();
}

QString DifferencePanel::statusText() const {
    return status_->text();
}

void DifferencePanel::rebuildSnapshotLists() {
    snapshotFolders_.clear();
    if (model_ && !model_->folder.empty()) {
        const QDir snapshots(QString::fromStdString((model_->folder / "snapshots").string()));
        for (const QFileInfo& entry :
             snapshots.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
            if (QFileInfo::exists(entry.filePath() + QStringLiteral("/config.json"))) {
                snapshotFolders_ << entry.filePath();
            }
        }
    }
    for (QComboBox* box : {snapshotA_, snapshotB_}) {
        const QSignalBlocker blocker(box);
        box->clear();
        box->addItem(tr("the model (final weights)"), QString());
        for (const QString& folder : snapshotFolders_) {
            box->addItem(QFileInfo(folder).fileName(), folder);
        }
    }
    // By default the latest snapshot against the earliest: what training changed.
    if (!snapshotFolders_.isEmpty()) {
        const QSignalBlocker blockB(snapshotB_);
        snapshotB_->setCurrentIndex(1);
    }
}

void DifferencePanel::refresh() {
    if (!model_ || text_.trimmed().isEmpty()) {
        worker_.cancel();
        view_->setDifference(nullptr);
        status_->setText(tr("Type a sentence to compare."));
        return;
    }
    DifferenceRequest request = DifferenceRequest::ofOneRun(model_, text_);
    request.optionsA = options_;
    request.optionsB = options_;
    if (mode() == Mode::Sentences) {
        if (otherText_->text().trimmed().isEmpty()) {
            worker_.cancel();
            view_->setDifference(nullptr);
            status_->setText(tr("Type a second sentence with the same number of tokens."));
            return;
        }
        request.textB = otherText_->text();
        request.titleA = tr("this sentence");
        request.titleB = tr("the other sentence");
    } else {
        if (snapshotFolders_.isEmpty()) {
            worker_.cancel();
            view_->setDifference(nullptr);
            status_->setText(
                tr("This model has no training snapshots (a snapshots folder "
                   "beside its weights)."));
            return;
        }
        request.folderA = snapshotA_->currentData().toString();
        request.folderB = snapshotB_->currentData().toString();
        request.titleA = snapshotA_->currentText();
        request.titleB = snapshotB_->currentText();
    }
    status_->setText(tr("Computing…"));
    worker_.request(std::move(request));
}

}  // namespace atlas::ui
