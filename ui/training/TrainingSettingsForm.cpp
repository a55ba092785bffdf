#include "training/TrainingSettingsForm.h"

#include <algorithm>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include "Error.h"

namespace atlas::ui {

namespace {

constexpr char kCustom[] = "custom";

QSpinBox* spinBox(int minimum, int maximum, QWidget* parent) {
    auto* box = new QSpinBox(parent);
    box->setRange(minimum, maximum);
    return box;
}

}  // namespace

TrainingSettingsForm::TrainingSettingsForm(std::filesystem::path shippedText,
                                           std::filesystem::path runsFolder, QWidget* parent)
    : QWidget(parent), shippedText_(std::move(shippedText)), runsFolder_(std::move(runsFolder)) {
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    preset_ = new QComboBox(this);
    for (const TrainingPreset& preset : trainingPresets(shippedText_)) {
        preset_->addItem(QString(), QString::fromStdString(preset.name));
    }
    preset_->addItem(QString(), QString::fromLatin1(kCustom));
    description_ = new QLabel(this);
    description_->setWordWrap(true);
    architecture_ = new QComboBox(this);
    architecture_->addItem(QString(), QStringLiteral("gpt"));
    architecture_->addItem(QString(), QStringLiteral("bert"));
    layers_ = spinBox(1, 12, this);
    heads_ = spinBox(1, 16, this);
    dModel_ = spinBox(8, 512, this);
    context_ = spinBox(8, 512, this);
    steps_ = spinBox(10, 1000000, this);
    learningRate_ = new QDoubleSpinBox(this);
    learningRate_->setDecimals(5);
    learningRate_->setRange(0.00001, 0.1);
    learningRate_->setSingleStep(0.0005);
    corpus_ = new QLineEdit(this);
    browse_ = new QPushButton(this);
    auto* corpusRow = new QHBoxLayout;
    corpusRow->addWidget(corpus_, 1);
    corpusRow->addWidget(browse_);
    output_ = new QLineEdit(this);

    form->addRow(tr("Preset"), preset_);
    form->addRow(QString(), description_);
    form->addRow(tr("Architecture"), architecture_);
    form->addRow(tr("Layers"), layers_);
    form->addRow(tr("Heads per layer"), heads_);
    form->addRow(tr("d_model"), dModel_);
    form->addRow(tr("Context (tokens)"), context_);
    form->addRow(tr("Steps"), steps_);
    form->addRow(tr("Learning rate"), learningRate_);
    form->addRow(tr("Text file"), corpusRow);
    form->addRow(tr("Run folder"), output_);
    retranslate();

    connect(preset_, &QComboBox::currentIndexChanged, this, [this]() {
        showChoice();
        emit changed();
    });
    connect(browse_, &QPushButton::clicked, this, [this]() {
        const QString file = QFileDialog::getOpenFileName(this, tr("Text to train on"), QString(),
                                                          tr("UTF-8 text (*.txt);;All files (*)"));
        if (!file.isEmpty()) {
            corpus_->setText(file);
        }
    });
    for (QSpinBox* box : {layers_, heads_, dModel_, context_, steps_}) {
        connect(box, &QSpinBox::valueChanged, this, &TrainingSettingsForm::changed);
    }
    connect(output_, &QLineEdit::textChanged, this, &TrainingSettingsForm::changed);
    showChoice();
}

void TrainingSettingsForm::retranslate() {
    preset_->setItemText(0, tr("Previous-token head"));
    preset_->setItemText(1, tr("Induction head"));
    preset_->setItemText(2, tr("Masked (BERT-style)"));
    preset_->setItemText(3, tr("Custom"));
    architecture_->setItemText(0, tr("GPT (causal: predicts the next token)"));
    architecture_->setItemText(1, tr("BERT (masked: fills in hidden tokens)"));
    browse_->setText(tr("Browse…"));
}

QString TrainingSettingsForm::choice() const {
    return preset_->currentData().toString();
}

void TrainingSettingsForm::setChoice(const QString& name) {
    const int index = preset_->findData(name);
    if (index >= 0) {
        preset_->setCurrentIndex(index);
    }
}

PresetTarget TrainingSettingsForm::target() const {
    if (choice() == QLatin1String(kCustom)) {
        return PresetTarget::PreviousToken;
    }
    return trainingPreset(choice().toStdString(), shippedText_).target;
}

std::filesystem::path TrainingSettingsForm::outputFolder() const {
    return std::filesystem::path(output_->text().toStdString());
}

void TrainingSettingsForm::showChoice() {
    const bool custom = choice() == QLatin1String(kCustom);
    if (!custom) {
        const TrainingPreset preset = trainingPreset(choice().toStdString(), shippedText_);
        const TrainingRunOptions& options = preset.options;
        architecture_->setCurrentIndex(options.architecture == Architecture::Bert ? 1 : 0);
        layers_->setValue(options.n_layer);
        heads_->setValue(options.n_head);
        dModel_->setValue(options.d_model);
        context_->setValue(options.n_ctx);
        steps_->setValue(static_cast<int>(options.training.steps));
        learningRate_->setValue(options.training.learning_rate);
        corpus_->setText(QString::fromStdString(options.corpus.string()));
        description_->setText(
            preset.name == "previous-token"
                ? tr("A two-layer causal model on ten public-domain books shipped with the app. "
                     "Watch a head in the first layer learn to look one token back.")
            : preset.name == "induction"
                ? tr("A two-layer causal model on spans of random tokens, each repeated. Watch a "
                     "head start to look at the token after the earlier copy of the current one.")
                : tr("A two-layer BERT-style model that fills in hidden words of the shipped "
                     "books."));
    } else {
        description_->setText(
            tr("Your own shape and text file (UTF-8, any language). A "
               "tokenizer is trained on the file first."));
        if (corpus_->text() == QString::fromStdString(shippedText_.string())) {
            corpus_->clear();
        }
    }
    output_->setText(QString::fromStdString((runsFolder_ / choice().toStdString()).string()));
    setEditable(editable_);
}

void TrainingSettingsForm::setEditable(bool editable) {
    editable_ = editable;
    const bool custom = choice() == QLatin1String(kCustom);
    preset_->setEnabled(editable);
    output_->setEnabled(editable);
    for (QWidget* field :
         std::initializer_list<QWidget*>{architecture_, layers_, heads_, dModel_, context_, steps_,
                                         learningRate_, corpus_, browse_}) {
        field->setEnabled(editable && custom);
    }
}

TrainingRunOptions TrainingSettingsForm::runOptions() const {
    const bool custom = choice() == QLatin1String(kCustom);
    TrainingRunOptions options;
    if (!custom) {
        options = trainingPreset(choice().toStdString(), shippedText_).options;
    } else {
        const bool bert = architecture_->currentData().toString() == QLatin1String("bert");
        options = trainingPreset(bert ? "masked" : "previous-token", shippedText_).options;
        options.n_layer = layers_->value();
        options.n_head = heads_->value();
        options.d_model = dModel_->value();
        options.n_ctx = context_->value();
        options.training.context = options.n_ctx;
        options.training.steps = steps_->value();
        options.training.warmup_steps = std::max<std::int64_t>(1, options.training.steps / 20);
        options.training.learning_rate = learningRate_->value();
        options.pack_length = options.n_ctx;
        const std::string corpus = corpus_->text().trimmed().toStdString();
        if (corpus.empty()) {
            throw AtlasError("Text file: choose a UTF-8 text file to train on");
        }
        std::error_code error;
        if (!std::filesystem::exists(corpus, error)) {
            throw AtlasError("Text file: " + corpus + " does not exist");
        }
        options.corpus = corpus;
        if (options.d_model % options.n_head != 0) {
            throw AtlasError("d_model: " + std::to_string(options.d_model) +
                             " is not a multiple of the heads (" + std::to_string(options.n_head) +
                             ")");
        }
    }
    const std::string output = output_->text().trimmed().toStdString();
    if (output.empty()) {
        throw AtlasError("Run folder: choose a folder for the run");
    }
    options.output = output;
    return options;
}

}  // namespace atlas::ui
