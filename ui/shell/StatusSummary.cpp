// Three labels, rebuilt from the model and snapshot whenever either or the focus changes.
#include "shell/StatusSummary.h"

#include <QApplication>
#include <QLabel>
#include <QStatusBar>

#include "AttentionSnapshot.h"
#include "model/Model.h"
#include "shell/ModelPicker.h"

namespace atlas::ui {

StatusSummary::StatusSummary(QStatusBar* bar)
    : QObject(bar), focus_(new QLabel(bar)), tokens_(new QLabel(bar)), model_(new QLabel(bar)) {
    for (QLabel* label : {focus_, tokens_, model_}) {
        label->setContentsMargins(10, 0, 10, 0);
        bar->addPermanentWidget(label);
    }
}

void StatusSummary::show(const Model* model, const QString& modelName,
                         const AttentionSnapshot* snapshot, int layer, int column) {
    if (model) {
        model_->setText(tr("%1 · %2 layers × %3 heads")
                            .arg(modelDisplayName(modelName))
                            .arg(model->config().n_layer)
                            .arg(model->config().n_head));
    }
    if (!snapshot) {
        tokens_->clear();
        focus_->clear();
        return;
    }
    // The model's tokens, also when the views show characters or words.
    const int tokenCount = snapshot->tokenLevel().tokenCount();
    if (snapshot->truncated) {
        tokens_->setText(
            tr("truncated to %1 of %2 tokens").arg(tokenCount).arg(snapshot->fullTokenCount));
        tokens_->setStyleSheet(QStringLiteral("color: #b35c00; font-weight: bold;"));
    } else {
        tokens_->setText(tokenCountText(tokenCount));
        tokens_->setStyleSheet(QString());
    }
    focus_->setText(snapshot->mapTitle(layer, column));
}

void StatusSummary::showModelNote(const QString& note) {
    model_->setText(note);
}

QString StatusSummary::modelNote() const {
    return model_->text();
}

void StatusSummary::followApplicationFont() {
    auto* bar = static_cast<QStatusBar*>(parent());
    bar->setFont(QApplication::font());
    for (QWidget* widget : bar->findChildren<QWidget*>()) {
        widget->setFont(QApplication::font(widget));
    }
}

QStringList StatusSummary::texts() const {
    QStringList shown;
    for (QLabel* label : {focus_, tokens_, model_}) {
        if (!label->text().isEmpty()) {
            shown << label->text();
        }
    }
    return shown;
}

}  // namespace atlas::ui
