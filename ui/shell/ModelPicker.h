// The model picker beside the sentence box: the built-in models, the model folders opened
// lately (remembered in the settings), and "Open model…" at the end.
#pragma once

#include <QComboBox>

class QSettings;

namespace atlas {
struct BuiltinModel;
}

namespace atlas::ui {

bool isBuiltinModelName(const QString& nameOrPath);  // "gpt", "bert", "gpt-zh", ...
// The picker's item of a built-in model: "gpt: English, causal, 4 layers x 5 heads".
QString builtinModelItemText(const BuiltinModel& builtin);
// The name a user knows a model by: a built-in's name, else its folder's name.
QString modelDisplayName(const QString& nameOrPath);

class ModelPicker : public QComboBox {
    Q_OBJECT
  public:
    ModelPicker(QSettings& settings, QWidget* parent = nullptr);

    // Lists the models again with `nameOrPath` chosen (added if it is a folder not listed).
    void showModel(const QString& nameOrPath);
    // Back to the model on screen (a load failed or was cancelled, a dialog was closed).
    void showShownModel();
    // Puts a folder first among the recent ones (built-in names are not remembered).
    void remember(const QString& nameOrPath);

    // "Open model…": asks for a model folder and chooses it.
    void chooseFolder();

  signals:
    void modelChosen(const QString& nameOrPath);

  private:
    void onActivated(int index);

    QSettings& settings_;
    QString shown_;
};

}  // namespace atlas::ui
