// Offering the Chinese built-in model: when the interface speaks Chinese, or the sentence is
// mostly Han characters while the model shown was trained on another language, a bar under the
// sentence box offers a one-click switch (never a dialog). Also the one-line summary of what a
// model is, for the model picker.
#pragma once

#include <vector>

#include <QFrame>
#include <QString>

#include "model/BuiltinModels.h"
#include "model/ModelConfig.h"

class QLabel;
class QPushButton;

namespace atlas {
class Model;
}

namespace atlas::ui {

// More than half of the text's letters (spaces, digits and punctuation not counted) are Han.
bool mostlyHan(const QString& text);

// What is known about the model on screen.
struct ShownModel {
    QString nameOrPath;  // "gpt", or a folder
    QString language;    // config.json's "language", else the built-in list's; may be empty
    bool causal = true;
};

// config.json's "language" of `model`, else the built-in list's for `nameOrPath`; may be empty.
// `model` may be null (still loading).
QString shownModelLanguage(const Model* model, const QString& nameOrPath);

// The built-in Chinese model to offer, or empty: none when the shown model is Chinese already,
// when neither the interface is Chinese nor the text mostly Han, or when no Chinese model is
// installed. Of the Chinese models, the one of the shown model's kind (causal or masked) first.
QString chineseModelToOffer(const ShownModel& shown, const QString& interfaceLanguage,
                            const QString& text, const std::vector<BuiltinModel>& builtins);

// "中文, causal, 4 layers x 6 heads": the language as its speakers write it (when known), the
// kind and the shape.
QString modelSummary(const ModelConfig& config, const QString& language);
// "English", "中文", or the code itself.
QString languageName(const QString& code);

// The bar: "This sentence is Chinese: gpt-zh was trained on Chinese. [Use gpt-zh] [×]".
class LanguageOfferBar : public QFrame {
    Q_OBJECT
  public:
    explicit LanguageOfferBar(QWidget* parent = nullptr);

    // Shows the offer of `model`, or hides the bar when `model` is empty or was dismissed.
    void offer(const QString& model, bool becauseOfText);
    // Offers what chineseModelToOffer() picks for the model shown (null: none, the bar hides)
    // and the sentence typed.
    void offerFor(const Model* model, const QString& nameOrPath, const QString& interfaceLanguage,
                  const QString& text);
    QString offeredModel() const { return isVisibleTo(parentWidget()) ? offered_ : QString(); }
    QPushButton* switchButton() const { return switch_; }
    QPushButton* dismissButton() const { return dismiss_; }

  signals:
    void switchRequested(const QString& model);

  protected:
    void changeEvent(QEvent* event) override;

  private:
    void retranslate();

    QString offered_;
    bool becauseOfText_ = false;
    QStringList dismissed_;  // offers closed with ×: not made again while the window is open
    QLabel* text_ = nullptr;
    QPushButton* switch_ = nullptr;
    QPushButton* dismiss_ = nullptr;
};

}  // namespace atlas::ui
