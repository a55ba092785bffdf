// A label, a progress bar and a Cancel button in one row; hidden while no load runs.
#include "shell/LoadProgressStrip.h"

#include <algorithm>
#include <cmath>

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

#include "AttentionWorker.h"

namespace atlas::ui {

LoadProgressStrip::LoadProgressStrip(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    label_ = new QLabel(this);
    bar_ = new QProgressBar(this);
    bar_->setRange(0, 100);
    bar_->setFixedWidth(160);
    bar_->setTextVisible(true);
    cancel_ = new QToolButton(this);
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop loading; the model shown now stays open"));
    layout->addWidget(label_);
    layout->addWidget(bar_);
    layout->addWidget(cancel_);
    connect(cancel_, &QToolButton::clicked, this, &LoadProgressStrip::cancelRequested);
    hide();
}

void LoadProgressStrip::follow(ModelLoader& loader) {
    connect(&loader, &ModelLoader::progressChanged, this, &LoadProgressStrip::setFraction);
    connect(this, &LoadProgressStrip::cancelRequested, &loader, &ModelLoader::cancel);
}

void LoadProgressStrip::start(const QString& displayName) {
    label_->setText(tr("Loading %1…").arg(displayName));
    bar_->setValue(0);
    show();
}

void LoadProgressStrip::setFraction(double fraction) {
    bar_->setValue(int(std::lround(100 * std::clamp(fraction, 0.0, 1.0))));
}

void LoadProgressStrip::finish() {
    hide();
}

int LoadProgressStrip::percent() const {
    return bar_->value();
}

}  // namespace atlas::ui
