// What the model guesses. GPT: the five likeliest next tokens after the last token, or after a
// clicked one. BERT: a clicked token is hidden behind [MASK]; the panel shows the five likeliest
// fillers and the focused head's attention without and with the mask, on one colour scale.
#pragma once

#include <memory>
#include <vector>

#include <QWidget>

#include "AttentionSnapshot.h"
#include "AttentionWorker.h"
#include "common/ColorMaps.h"
#include "common/ScaledFonts.h"

class QLabel;

namespace atlas::ui {

class HeadHeatmapView;
class PredictionBarsView;
class TokenPickerView;

// Runs `model` on `text` with token `maskedToken` replaced by [MASK] (a BERT model), with the
// mask's fillers as the snapshot's predictions. Throws AtlasError on a causal model, an empty
// text or a token outside the text.
std::shared_ptr<const AttentionSnapshot> computeMaskedSnapshot(const Model& model,
                                                               const QString& text,
                                                               int maskedToken);

class PredictionsPanel : public QWidget {
    Q_OBJECT
  public:
    explicit PredictionsPanel(QWidget* parent = nullptr);
    ~PredictionsPanel() override;

    void setModel(std::shared_ptr<const Model> model);
    // The sentence as the main views show it (no mask); its predictions are GPT's guesses.
    void setSnapshot(std::shared_ptr<const AttentionSnapshot> snapshot);
    void setMap(int layer, int column);  // the head shown without and with the mask
    void setColorMap(ColorMapKind kind);
    // View ▸ Text size: the headline, the chips, the bars and the two heatmaps' type.
    void setTextScale(double scale);
    double textScale() const { return fonts_.scale(); }
    // GPT: predict the token after `token` (-1: after the last). BERT: mask `token`; choosing
    // the masked token again, or -1, removes the mask. Special tokens cannot be masked.
    void chooseToken(int token);

    int chosenToken() const { return chosen_; }
    bool masked() const;  // BERT with a masked token whose run has returned
    std::shared_ptr<const AttentionSnapshot> snapshot() const { return snapshot_; }
    std::shared_ptr<const AttentionSnapshot> maskedSnapshot() const { return masked_; }
    // The guesses on screen, probability descending (empty while none are shown).
    const std::vector<TopToken>& shownPredictions() const;
    QString headline() const;
    // The colour scale's top for the two heatmaps: the larger maximum of the two maps.
    float comparisonMaximum() const { return comparisonMaximum_; }
    HeadHeatmapView* unmaskedView() const { return before_; }
    HeadHeatmapView* maskedView() const { return after_; }

  signals:
    void predictionsShown();
    void failed(const QString& message);

  private:
    bool isBert() const;
    void refresh();
    void refreshHeatmaps();
    void onMaskedReady(std::shared_ptr<const AttentionSnapshot> snapshot, quint64 generation);

    std::shared_ptr<const Model> model_;
    std::shared_ptr<const AttentionSnapshot> snapshot_;
    std::shared_ptr<const AttentionSnapshot> masked_;
    AttentionWorker worker_;
    int chosen_ = -1;
    int layer_ = 0;
    int column_ = 0;
    float comparisonMaximum_ = 1.0f;

    ScaledFonts fonts_;
    QLabel* headline_ = nullptr;
    QLabel* hint_ = nullptr;
    TokenPickerView* picker_ = nullptr;
    PredictionBarsView* bars_ = nullptr;
    QWidget* changes_ = nullptr;
    QLabel* changesTitle_ = nullptr;
    QLabel* beforeTitle_ = nullptr;
    QLabel* afterTitle_ = nullptr;
    HeadHeatmapView* before_ = nullptr;
    HeadHeatmapView* after_ = nullptr;
};

}  // namespace atlas::ui
