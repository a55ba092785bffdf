// The settings part of File ▸ Train a model…: a preset (previous-token, induction, masked) or
// Custom (architecture, layers, heads, d_model, context, steps, learning rate, a text file), and
// the folder the run writes. A preset shows its values read-only; Custom makes them editable.
#pragma once

#include <filesystem>

#include <QString>
#include <QWidget>

#include "train/TrainingPresets.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace atlas::ui {

class TrainingSettingsForm : public QWidget {
    Q_OBJECT
  public:
    // `shippedText`: the presets' corpus (normally shippedTrainingText()); `runsFolder`: where
    // each preset's run folder goes by default (one subfolder per preset or "custom").
    TrainingSettingsForm(std::filesystem::path shippedText, std::filesystem::path runsFolder,
                         QWidget* parent = nullptr);

    // "previous-token", "induction", "masked" or "custom".
    QString choice() const;
    void setChoice(const QString& name);
    // The run the form describes (output included); throws AtlasError when Custom lacks a
    // readable text file or the shape is inconsistent, with a message naming the field.
    TrainingRunOptions runOptions() const;
    // What the live view scores: the preset's target; Custom: the previous-token head.
    PresetTarget target() const;
    std::filesystem::path outputFolder() const;

    // Custom fields (tests fill them).
    QComboBox* presetBox() const { return preset_; }
    QComboBox* architectureBox() const { return architecture_; }
    QSpinBox* layersBox() const { return layers_; }
    QSpinBox* headsBox() const { return heads_; }
    QSpinBox* dModelBox() const { return dModel_; }
    QSpinBox* contextBox() const { return context_; }
    QSpinBox* stepsBox() const { return steps_; }
    QDoubleSpinBox* learningRateBox() const { return learningRate_; }
    QLineEdit* corpusEdit() const { return corpus_; }
    QLineEdit* outputEdit() const { return output_; }

    void setEditable(bool editable);  // false while a run is going on

  signals:
    void changed();  // the choice or a field changed

  private:
    void showChoice();  // fills the fields from the preset, or unlocks them for Custom
    void retranslate();

    std::filesystem::path shippedText_;
    std::filesystem::path runsFolder_;
    bool editable_ = true;
    QComboBox* preset_ = nullptr;
    QLabel* description_ = nullptr;
    QComboBox* architecture_ = nullptr;
    QSpinBox* layers_ = nullptr;
    QSpinBox* heads_ = nullptr;
    QSpinBox* dModel_ = nullptr;
    QSpinBox* context_ = nullptr;
    QSpinBox* steps_ = nullptr;
    QDoubleSpinBox* learningRate_ = nullptr;
    QLineEdit* corpus_ = nullptr;
    QPushButton* browse_ = nullptr;
    QLineEdit* output_ = nullptr;
};

}  // namespace atlas::ui
