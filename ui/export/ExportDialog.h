// The export dialog: which view (or the data), where to, and the PNG width.
#pragma once

#include <optional>

#include <QDialog>

#include "export/ExportRenderer.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace atlas::ui {

class ExportDialog : public QDialog {
    Q_OBJECT
  public:
    // What the dialog offers: a figure of one view, or every head's data (CSV / JSON).
    enum class Target { Head, Layer, Grid, Lines, Data };

    ExportDialog(Target target, const QString& suggestedPath, int widthPixels,
                 QWidget* parent = nullptr);

    Target target() const;
    QString path() const;
    int widthPixels() const;

  private:
    void onBrowse();
    void onPathOrTargetChanged();

    QComboBox* targetBox_ = nullptr;
    QLineEdit* pathEdit_ = nullptr;
    QSpinBox* widthBox_ = nullptr;
    QLabel* hint_ = nullptr;
};

}  // namespace atlas::ui
