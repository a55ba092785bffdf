// The export dialog's widgets; the MainWindow turns its answers into an ExportRequest.
#include "export/ExportDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace atlas::ui {

ExportDialog::ExportDialog(Target target, const QString& suggestedPath, int widthPixels,
                           QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Export"));
    targetBox_ = new QComboBox(this);
    targetBox_->addItem(tr("Focused head"), int(Target::Head));
    targetBox_->addItem(tr("Current layer"), int(Target::Layer));
    targetBox_->addItem(tr("Whole grid"), int(Target::Grid));
    targetBox_->addItem(tr("Token line view"), int(Target::Lines));
    targetBox_->addItem(tr("Data of all heads (CSV or JSON)"), int(Target::Data));
    targetBox_->setCurrentIndex(targetBox_->findData(int(target)));

    pathEdit_ = new QLineEdit(suggestedPath, this);
    pathEdit_->setMinimumWidth(360);
    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(pathEdit_, 1);
    pathRow->addWidget(browse);

    widthBox_ = new QSpinBox(this);
    widthBox_->setRange(200, 12000);
    widthBox_->setSingleStep(100);
    widthBox_->setSuffix(tr(" px"));
    widthBox_->setValue(widthPixels);

    hint_ = new QLabel(this);
    hint_->setWordWrap(true);
    hint_->setStyleSheet(QStringLiteral("color: #666;"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));

    auto* form = new QFormLayout(this);
    form->addRow(tr("What:"), targetBox_);
    form->addRow(tr("File:"), pathRow);
    form->addRow(tr("PNG width:"), widthBox_);
    form->addRow(hint_);
    form->addRow(buttons);

    connect(browse, &QPushButton::clicked, this, &ExportDialog::onBrowse);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(pathEdit_, &QLineEdit::textChanged, this, &ExportDialog::onPathOrTargetChanged);
    connect(targetBox_, &QComboBox::currentIndexChanged, this,
            &ExportDialog::onPathOrTargetChanged);
    onPathOrTargetChanged();
}

ExportDialog::Target ExportDialog::target() const {
    return Target(targetBox_->currentData().toInt());
}

QString ExportDialog::path() const {
    return pathEdit_->text().trimmed();
}

int ExportDialog::widthPixels() const {
    return widthBox_->value();
}

void ExportDialog::onBrowse() {
    const bool data = target() == Target::Data;
    const QString filter = data ? tr("Data (*.json *.csv)")
                                : tr("Images (*.png *.svg *.pdf);;PNG (*.png);;SVG (*.svg);;"
                                     "PDF (*.pdf)");
    const QString chosen = QFileDialog::getSaveFileName(this, tr("Export to"), path(), filter);
    if (!chosen.isEmpty()) {
        pathEdit_->setText(chosen);
    }
}

void ExportDialog::onPathOrTargetChanged() {
    const auto format = exportFormatFromPath(path());
    const bool data = target() == Target::Data;
    widthBox_->setEnabled(!data && format == ExportFormat::Png);
    // Keep the path's extension in line with what is exported.
    if (data && format && *format != ExportFormat::Csv && *format != ExportFormat::Json) {
        pathEdit_->setText(QFileInfo(path()).path() + QLatin1Char('/') +
                           QFileInfo(path()).completeBaseName() + QStringLiteral(".json"));
        return;
    }
    if (!data && format && (*format == ExportFormat::Csv || *format == ExportFormat::Json)) {
        pathEdit_->setText(QFileInfo(path()).path() + QLatin1Char('/') +
                           QFileInfo(path()).completeBaseName() + QStringLiteral(".png"));
        return;
    }
    if (!format) {
        hint_->setText(data ? tr("Use a .json or .csv file name.")
                            : tr("Use a .png, .svg or .pdf file name."));
    } else {
        hint_->setText(data ? tr("JSON is the same as “attention-atlas-cli run” prints.")
                            : tr("Figures have a title, token labels and a colour scale."));
    }
}

}  // namespace atlas::ui
