// Generation in the background, one snapshot per step, and the slider that scrubs through them.
#include "modes/GenerationPanel.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include "Error.h"
#include "analysis/Aggregates.h"
#include "common/ColorMaps.h"

namespace atlas::ui {

std::vector<GenerationStepView> generationStepViews(const Model& model, const QString& prompt,
                                                    const Generation& generation,
                                                    const SnapshotOptions& options) {
    // The text of the last step: the prompt, then each new token's bytes; spans index it.
    std::string text = prompt.toStdString();
    std::vector<Token> tokens = generation.prompt;
    for (const GenerationStep& step : generation.steps) {
        Token token;
        token.id = step.chosen_id;
        token.text = step.chosen_text;
        token.begin = text.size();
        text += model.tokenizer().decode({step.chosen_id});
        token.end = text.size();
        tokens.push_back(std::move(token));
    }
    const QString fullText = QString::fromStdString(text);
    std::vector<GenerationStepView> views;
    for (const GenerationStep& step : generation.steps) {
        if (step.forward.attention.empty()) {
            views.push_back({nullptr, step.ids, step.chosen_id,
                             QString::fromStdString(step.chosen_text), step.chosen_probability});
            continue;
        }
        EncodedText encoded;
        encoded.tokens.assign(tokens.begin(), tokens.begin() + std::ptrdiff_t(step.ids.size()));
        encoded.full_token_count = encoded.tokens.size();
        auto snapshot = std::make_shared<AttentionSnapshot>(makeSnapshot(
            QString::fromStdString(model.name()), true, fullText, encoded, step.forward, options));
        snapshot->ablatedHeads = options.ablatedHeads;
        if (options.norm && !step.forward.internals.empty()) {
            applyNormMaps(*snapshot, normAttention(model.config(), model.weights(), step.forward));
        }
        views.push_back({std::move(snapshot), step.ids, step.chosen_id,
                         QString::fromStdString(step.chosen_text), step.chosen_probability});
    }
    return views;
}

GenerationPanel::GenerationPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("The model continues the sentence one token at a time. Move the "
                                "slider to see the attention at each step in the grid."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    tokens_ = new QSpinBox(this);
    tokens_->setRange(1, 256);
    tokens_->setValue(12);
    temperature_ = new QDoubleSpinBox(this);
    temperature_->setRange(0.0, 5.0);
    temperature_->setSingleStep(0.1);
    temperature_->setDecimals(2);
    temperature_->setSpecialValueText(tr("0 (greedy)"));
    temperature_->setToolTip(
        tr("0 always takes the most probable token; higher values sample "
           "more freely"));
    seed_ = new QSpinBox(this);
    seed_->setRange(0, 1000000);
    seed_->setValue(1);
    seed_->setToolTip(tr("The same seed and temperature give the same text"));
    form->addRow(tr("New &tokens:"), tokens_);
    form->addRow(tr("T&emperature:"), temperature_);
    form->addRow(tr("&Seed:"), seed_);
    layout->addLayout(form);

    auto* buttons = new QHBoxLayout;
    generate_ = new QPushButton(tr("&Generate"), this);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1);
    progress_->setValue(0);
    progress_->setTextVisible(true);
    buttons->addWidget(generate_);
    buttons->addWidget(progress_, 1);
    layout->addLayout(buttons);

    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setRange(0, 0);
    slider_->setTickPosition(QSlider::TicksBelow);
    slider_->setEnabled(false);
    stepLabel_ = new QLabel(this);
    textLabel_ = new QLabel(this);
    textLabel_->setWordWrap(true);
    textLabel_->setTextFormat(Qt::RichText);
    textLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    layout->addWidget(slider_);
    layout->addWidget(stepLabel_);
    layout->addWidget(textLabel_);
    layout->addWidget(status_);
    layout->addStretch(1);

    connect(generate_, &QPushButton::clicked, this, &GenerationPanel::generate);
    connect(slider_, &QSlider::valueChanged, this, &GenerationPanel::showStep);
    job_.onResult([this](Outcome outcome) { onFinished(std::move(outcome)); });
    job_.onError([this](const QString& message) { onFailed(message); });
    job_.onProgress([this](qint64 done, qint64) { progress_->setValue(int(done)); });
    updateEnabled();
}

GenerationPanel::~GenerationPanel() = default;

void GenerationPanel::setContext(std::shared_ptr<const Model> model, const QString& text,
                                 const SnapshotOptions& options) {
    model_ = std::move(model);
    text_ = text;
    options_ = options;
    options_.flow = false;  // per step, the flow would cost far more than the generation
    updateEnabled();
}

void GenerationPanel::setTokenCount(int tokens) {
    tokens_->setValue(tokens);
}

void GenerationPanel::setTemperature(double temperature) {
    temperature_->setValue(temperature);
}

void GenerationPanel::setSeed(int seed) {
    seed_->setValue(seed);
}

void GenerationPanel::updateEnabled() {
    const bool causal = model_ && model_->config().causal();
    generate_->setEnabled(causal && !job_.busy() && !text_.trimmed().isEmpty());
    if (model_ && !causal) {
        status_->setText(
            tr("Generation needs a causal language model (GPT-2); this model fills "
               "masks instead."));
    } else if (!job_.busy() && steps_.empty()) {
        status_->clear();
    }
}

void GenerationPanel::generate() {
    if (!model_ || !model_->config().causal() || job_.busy() || text_.trimmed().isEmpty()) {
        return;
    }
    GenerationOptions options;
    options.tokens = tokens_->value();
    options.temperature = temperature_->value();
    options.seed = std::uint64_t(seed_->value());
    options.forward.ablated_heads = options_.ablatedHeads;
    options.forward.capture_internals = options_.norm;
    {
        const ModelConfig& config = model_->config();
        const QByteArray utf8 = text_.toUtf8();
        const double prompt =
            double(model_->encode(std::string_view(utf8.constData(), std::size_t(utf8.size())))
                       .tokens.size());
        double bytes = 0;
        for (int step = 0; step < options.tokens; ++step) {
            const double tokens = std::min(prompt + step, double(config.n_ctx));
            bytes += double(config.n_layer) * (config.n_head + 2) * tokens * tokens * sizeof(float);
        }
        options.keep_forwards = bytes <= keptMapsBudget_;
    }
    progress_->setRange(0, options.tokens);
    progress_->setValue(0);
    status_->setText(tr("Generating…"));
    prompt_ = text_;
    const SnapshotOptions snapshotOptions = options_;
    job_.start([model = model_, prompt = text_, options, snapshotOptions](const JobControl& job) {
        const QByteArray utf8 = prompt.toUtf8();
        const Generation generation = atlas::generate(
            *model, std::string_view(utf8.constData(), std::size_t(utf8.size())), options,
            [&job](int done, int total) { job.reportProgress(done, total); }, job.stopFlag());
        return Outcome{generationStepViews(*model, prompt, generation, snapshotOptions),
                       QString::fromStdString(generation.generatedText)};
    });
    updateEnabled();
}

void GenerationPanel::onFailed(const QString& message) {
    updateEnabled();
    status_->setText(tr("Could not generate: %1").arg(message));
    emit generationFinished();
}

void GenerationPanel::onFinished(Outcome outcome) {
    steps_ = std::move(outcome.steps);
    generatedText_ = outcome.generatedText;
    progress_->setRange(0, std::max(1, int(steps_.size())));
    progress_->setValue(int(steps_.size()));
    status_->setText(steps_.empty() ? tr("The context is full: no token was added.")
                                    : tr("%n new token(s).", nullptr, int(steps_.size())));
    {
        const QSignalBlocker blocker(slider_);
        slider_->setRange(0, std::max(0, int(steps_.size()) - 1));
        slider_->setValue(int(steps_.size()) - 1);
    }
    slider_->setEnabled(steps_.size() > 1);
    updateEnabled();
    if (!steps_.empty()) {
        showStep(slider_->value());
    }
    emit generationFinished();
}

void GenerationPanel::setStep(int step) {
    slider_->setValue(step);
}

int GenerationPanel::step() const {
    return slider_->value();
}

QString GenerationPanel::statusText() const {
    return status_->text();
}

std::shared_ptr<const AttentionSnapshot> GenerationPanel::snapshotFor(int step) const {
    const GenerationStepView& view = steps_[step];
    if (view.snapshot || !model_) {
        return view.snapshot;
    }
    // Rebuild the step from the generation's tokens: a forward pass over its input.
    Generation one;
    one.prompt.clear();
    GenerationStep again;
    again.ids = view.ids;
    ForwardOptions forward;
    forward.ablated_heads = options_.ablatedHeads;
    forward.capture_internals = options_.norm;
    again.forward = model_->forward(view.ids, forward);
    again.chosen_id = view.chosenId;
    // The tokens and spans of the earlier steps come from the kept chosen texts.
    const QByteArray utf8 = prompt_.toUtf8();
    one.prompt =
        model_->encode(std::string_view(utf8.constData(), std::size_t(utf8.size()))).tokens;
    for (int earlier = 0; earlier < step; ++earlier) {
        GenerationStep previous;
        previous.ids = steps_[earlier].ids;
        previous.chosen_id = steps_[earlier].chosenId;
        previous.chosen_text = steps_[earlier].chosenText.toStdString();
        one.steps.push_back(std::move(previous));
    }
    again.chosen_text = view.chosenText.toStdString();
    one.steps.push_back(std::move(again));
    SnapshotOptions options = options_;
    options.flow = false;
    return generationStepViews(*model_, prompt_, one, options).back().snapshot;
}

void GenerationPanel::showStep(int step) {
    if (step < 0 || step >= int(steps_.size())) {
        return;
    }
    GenerationStepView view = steps_[step];
    if (!view.snapshot) {
        try {
            rebuilt_ = snapshotFor(step);
        } catch (const std::exception& error) {
            status_->setText(tr("Could not show step %1: %2")
                                 .arg(step + 1)
                                 .arg(QString::fromUtf8(error.what())));
            return;
        }
        view.snapshot = rebuilt_;
    }
    stepLabel_->setText(tr("Step %1 of %2: reads %3 tokens, chooses “%4” (p = %5)")
                            .arg(step + 1)
                            .arg(steps_.size())
                            .arg(view.snapshot->tokenCount())
                            .arg(view.chosenText.toHtmlEscaped())
                            .arg(double(view.chosenProbability), 0, 'f', 2));
    // The text read so far, then the chosen token highlighted, then the rest in grey.
    QString html = QStringLiteral("<span>");
    const auto& tokens = view.snapshot->tokens;
    for (const Token& token : tokens) {
        html += QString::fromStdString(token.text).toHtmlEscaped();
    }
    html += QStringLiteral("</span><span style=\"background:#ffe08a;\"><b>%1</b></span>")
                .arg(view.chosenText.toHtmlEscaped());
    html += QStringLiteral("<span style=\"color:gray;\">");
    for (std::size_t later = std::size_t(step) + 1; later < steps_.size(); ++later) {
        html += steps_[later].chosenText.toHtmlEscaped();
    }
    html += QStringLiteral("</span>");
    textLabel_->setText(html);
    emit stepChosen(view.snapshot);
}

}  // namespace atlas::ui
