// The picker's items; the recent folders live in the settings under "recentModels".
#include "shell/ModelPicker.h"

#include <algorithm>

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

#include "model/BuiltinModels.h"
#include "model/ModelConfig.h"
#include "shell/LanguageOffer.h"

namespace atlas::ui {

namespace {
constexpr int kRecentModels = 6;
const QString kOpenModelItem = QStringLiteral("\x01open");
}  // namespace

bool isBuiltinModelName(const QString& nameOrPath) {
    if (nameOrPath == QLatin1String("gpt") || nameOrPath == QLatin1String("bert")) {
        return true;
    }
    for (const BuiltinModel& builtin : builtinModels()) {
        if (QString::fromStdString(builtin.name) == nameOrPath) {
            return true;
        }
    }
    return false;
}

QString builtinModelItemText(const BuiltinModel& builtin) {
    const QString name = QString::fromStdString(builtin.name);
    if (builtin.folder.empty()) {
        return name;
    }
    try {
        const ModelConfig config = ModelConfig::fromFile(builtin.folder / "config.json");
        const QString language = config.language.empty() ? QString::fromStdString(builtin.language)
                                                         : QString::fromStdString(config.language);
        return QStringLiteral("%1: %2").arg(name, modelSummary(config, language));
    } catch (const std::exception&) {
        return name;  // opening it will say what is wrong
    }
}

QString modelDisplayName(const QString& nameOrPath) {
    return isBuiltinModelName(nameOrPath) ? nameOrPath : QFileInfo(nameOrPath).fileName();
}

ModelPicker::ModelPicker(QSettings& settings, QWidget* parent)
    : QComboBox(parent), settings_(settings) {
    setMinimumContentsLength(10);
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setToolTip(tr("The model that reads the sentence"));
    connect(this, &QComboBox::activated, this, &ModelPicker::onActivated);
}

void ModelPicker::showModel(const QString& nameOrPath) {
    shown_ = nameOrPath;
    const QSignalBlocker blocker(this);
    clear();
    for (const BuiltinModel& builtin : builtinModels()) {
        const QString name = QString::fromStdString(builtin.name);
        addItem(builtinModelItemText(builtin), name);
        setItemData(count() - 1, QString::fromStdString(builtin.description), Qt::ToolTipRole);
    }
    for (const QString& name : {QStringLiteral("gpt"), QStringLiteral("bert")}) {
        if (findData(name) < 0) {
            addItem(name, name);
        }
    }
    const QStringList recent = settings_.value("recentModels").toStringList();
    if (!recent.isEmpty()) {
        insertSeparator(count());
        for (const QString& folder : recent) {
            addItem(modelDisplayName(folder), folder);
            setItemData(count() - 1, folder, Qt::ToolTipRole);
        }
    }
    if (!isBuiltinModelName(nameOrPath) && findData(nameOrPath) < 0) {
        addItem(modelDisplayName(nameOrPath), nameOrPath);
    }
    insertSeparator(count());
    addItem(tr("Open model…"), kOpenModelItem);
    setCurrentIndex(std::max(0, findData(nameOrPath)));
}

void ModelPicker::showShownModel() {
    const QSignalBlocker blocker(this);
    setCurrentIndex(std::max(0, findData(shown_)));
}

void ModelPicker::remember(const QString& nameOrPath) {
    if (isBuiltinModelName(nameOrPath)) {
        return;
    }
    QStringList recent = settings_.value("recentModels").toStringList();
    recent.removeAll(nameOrPath);
    recent.prepend(nameOrPath);
    while (recent.size() > kRecentModels) {
        recent.removeLast();
    }
    settings_.setValue("recentModels", recent);
}

void ModelPicker::chooseFolder() {
    const QString folder = QFileDialog::getExistingDirectory(
        window(), tr("Open a model folder (config.json, model.safetensors, tokenizer files)"),
        isBuiltinModelName(shown_) ? QDir::homePath() : shown_);
    if (folder.isEmpty()) {
        showShownModel();
    } else {
        emit modelChosen(folder);
    }
}

void ModelPicker::onActivated(int index) {
    const QString choice = itemData(index).toString();
    if (choice == kOpenModelItem) {
        chooseFolder();
    } else if (!choice.isEmpty()) {
        emit modelChosen(choice);
    }
}

}  // namespace atlas::ui
