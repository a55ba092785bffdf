// When to offer the Chinese model, and the bar that offers it.
#include "shell/LanguageOffer.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include "model/Model.h"

namespace atlas::ui {

namespace {

bool isHan(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x20000 && c <= 0x2EBEF) || (c >= 0xF900 && c <= 0xFAFF);
}

}  // namespace

bool mostlyHan(const QString& text) {
    int han = 0;
    int letters = 0;
    for (const char32_t c : text.toUcs4()) {
        if (isHan(c)) {
            ++han;
            ++letters;
        } else if (QChar::isLetter(c)) {
            ++letters;
        }
    }
    return letters > 0 && 2 * han > letters;
}

QString shownModelLanguage(const Model* model, const QString& nameOrPath) {
    if (model && !model->config().language.empty()) {
        return QString::fromStdString(model->config().language);
    }
    for (const BuiltinModel& builtin : builtinModels()) {
        if (QString::fromStdString(builtin.name) == nameOrPath) {
            return QString::fromStdString(builtin.language);
        }
    }
    return {};
}

QString chineseModelToOffer(const ShownModel& shown, const QString& interfaceLanguage,
                            const QString& text, const std::vector<BuiltinModel>& builtins) {
    if (shown.language == QLatin1String("zh")) {
        return {};
    }
    if (!interfaceLanguage.startsWith(QLatin1String("zh")) && !mostlyHan(text)) {
        return {};
    }
    QString other;
    for (const BuiltinModel& builtin : builtins) {
        if (builtin.language != "zh" || builtin.folder.empty()) {
            continue;
        }
        const QString name = QString::fromStdString(builtin.name);
        if (name == shown.nameOrPath) {
            return {};
        }
        // Built-in names say the kind: "gpt-zh" is causal, "bert-zh" masked.
        const bool causal = !name.startsWith(QLatin1String("bert"));
        if (causal == shown.causal) {
            return name;
        }
        if (other.isEmpty()) {
            other = name;
        }
    }
    return other;
}

QString languageName(const QString& code) {
    if (code == QLatin1String("en")) {
        return QStringLiteral("English");
    }
    if (code == QLatin1String("zh")) {
        return QStringLiteral("中文");
    }
    return code;
}

QString modelSummary(const ModelConfig& config, const QString& language) {
    const QString kind =
        config.causal() ? LanguageOfferBar::tr("causal") : LanguageOfferBar::tr("masked");
    const QString shape =
        LanguageOfferBar::tr("%1 layers x %2 heads").arg(config.n_layer).arg(config.n_head);
    return language.isEmpty()
               ? QStringLiteral("%1, %2").arg(kind, shape)
               : QStringLiteral("%1, %2, %3").arg(languageName(language), kind, shape);
}

LanguageOfferBar::LanguageOfferBar(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("languageOffer"));
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 2, 2, 2);
    text_ = new QLabel(this);
    text_->setWordWrap(true);
    switch_ = new QPushButton(this);
    dismiss_ = new QPushButton(QStringLiteral("×"), this);
    dismiss_->setFlat(true);
    layout->addWidget(text_, 1);
    layout->addWidget(switch_);
    layout->addWidget(dismiss_);
    connect(switch_, &QPushButton::clicked, this, [this]() {
        const QString model = offered_;
        hide();
        emit switchRequested(model);
    });
    connect(dismiss_, &QPushButton::clicked, this, [this]() {
        dismissed_ << offered_;
        hide();
    });
    hide();
}

void LanguageOfferBar::offer(const QString& model, bool becauseOfText) {
    if (model.isEmpty() || dismissed_.contains(model)) {
        hide();
        return;
    }
    offered_ = model;
    becauseOfText_ = becauseOfText;
    retranslate();
    show();
}

void LanguageOfferBar::offerFor(const Model* model, const QString& nameOrPath,
                                const QString& interfaceLanguage, const QString& text) {
    if (!model) {
        offer({}, false);
        return;
    }
    const ShownModel shown{nameOrPath, shownModelLanguage(model, nameOrPath),
                           model->config().causal()};
    offer(chineseModelToOffer(shown, interfaceLanguage, text, builtinModels()), mostlyHan(text));
}

void LanguageOfferBar::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    }
    QFrame::changeEvent(event);
}

void LanguageOfferBar::retranslate() {
    text_->setText(becauseOfText_
                       ? tr("This sentence is Chinese, and the model shown was not trained on "
                            "Chinese: its heads show little. %1 was.")
                             .arg(offered_)
                       : tr("%1 was trained on Chinese text.").arg(offered_));
    switch_->setText(tr("Use %1").arg(offered_));
    dismiss_->setToolTip(tr("Close; not offered again until the app restarts"));
}

}  // namespace atlas::ui
