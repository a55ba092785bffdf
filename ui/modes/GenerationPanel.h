// The generation tab: a causal model continues the sentence token by token (greedy, or sampled
// with a temperature and seed); a slider scrubs through the steps and the window's grid shows
// the attention of each step's input.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include <QString>
#include <QWidget>

#include "AttentionSnapshot.h"
#include "common/BackgroundJob.h"
#include "model/Generation.h"
#include "model/Model.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;

namespace atlas::ui {

// One step of a generation as the views show it: the attention of the step's input, and the
// token the model chose after it.
struct GenerationStepView {
    // Null when the generation was too long to keep every step's maps (snapshotFor builds it).
    std::shared_ptr<const AttentionSnapshot> snapshot;
    std::vector<int> ids;  // the step's input
    int chosenId = -1;
    QString chosenText;
    float chosenProbability = 0;
};

// Builds a snapshot per step from a finished generation (the spans index the prompt followed
// by the decoded new tokens). With options.norm the steps' forwards must hold internals; steps
// without a kept forward get a null snapshot.
std::vector<GenerationStepView> generationStepViews(const Model& model, const QString& prompt,
                                                    const Generation& generation,
                                                    const SnapshotOptions& options);

class GenerationPanel : public QWidget {
    Q_OBJECT
  public:
    explicit GenerationPanel(QWidget* parent = nullptr);
    ~GenerationPanel() override;  // cancels and waits for a running generation

    void setContext(std::shared_ptr<const Model> model, const QString& text,
                    const SnapshotOptions& options);
    void setTokenCount(int tokens);
    void setTemperature(double temperature);  // 0: greedy
    void setSeed(int seed);
    // Bytes of maps kept for scrubbing; longer generations rebuild a step when it is shown.
    void setKeptMapsBudget(double bytes) { keptMapsBudget_ = bytes; }
    void generate();  // continues the current sentence in the background
    bool busy() const { return job_.busy(); }

    int stepCount() const { return int(steps_.size()); }
    void setStep(int step);  // moves the slider
    int step() const;
    QSlider* slider() const { return slider_; }
    const std::vector<GenerationStepView>& steps() const { return steps_; }
    QString generatedText() const { return generatedText_; }
    QString statusText() const;

  signals:
    void generationFinished();  // steps are in place (or failed)
    void stepChosen(std::shared_ptr<const atlas::ui::AttentionSnapshot> snapshot);

  private:
    struct Outcome {
        std::vector<GenerationStepView> steps;
        QString generatedText;
    };
    void onFinished(Outcome outcome);
    void onFailed(const QString& message);
    void showStep(int step);
    void updateEnabled();

    std::shared_ptr<const Model> model_;
    QString text_;
    SnapshotOptions options_;
    std::vector<GenerationStepView> steps_;
    QString generatedText_;
    QString prompt_;  // the text the steps continue
    // A step's snapshot, rebuilt by a forward pass when it was not kept.
    std::shared_ptr<const AttentionSnapshot> snapshotFor(int step) const;
    // Keeping every step's maps costs about layers x (heads + 2) x T^2 floats per step; above
    // this many bytes the steps are recomputed when shown.
    double keptMapsBudget_ = 256.0 * 1024 * 1024;
    std::shared_ptr<const AttentionSnapshot> rebuilt_;  // the last step built on demand
    BackgroundJob<Outcome> job_;

    QSpinBox* tokens_ = nullptr;
    QDoubleSpinBox* temperature_ = nullptr;
    QSpinBox* seed_ = nullptr;
    QPushButton* generate_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QSlider* slider_ = nullptr;
    QLabel* stepLabel_ = nullptr;
    QLabel* textLabel_ = nullptr;
    QLabel* status_ = nullptr;
};

}  // namespace atlas::ui
