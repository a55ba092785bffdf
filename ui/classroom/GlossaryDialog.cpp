// The glossary dialog: a list and a text browser; pictures are added to the browser's document
// as resources named "picture:NAME".
#include "classroom/GlossaryDialog.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QTextBrowser>
#include <QUrl>

#include "classroom/Glossary.h"
#include "classroom/GlossaryPictures.h"

namespace atlas::ui {

GlossaryDialog::GlossaryDialog(QWidget* parent) : QDialog(parent) {
    setObjectName(QStringLiteral("glossary"));
    setWindowTitle(tr("Glossary — Attention Atlas"));
    auto* layout = new QHBoxLayout(this);
    terms_ = new QListWidget(this);
    terms_->setMaximumWidth(220);
    text_ = new QTextBrowser(this);
    text_->setOpenLinks(false);
    layout->addWidget(terms_);
    layout->addWidget(text_, 1);
    resize(760, 460);
    connect(terms_, &QListWidget::currentRowChanged, this, &GlossaryDialog::showRow);
    // A term named inside a paragraph links to its own entry.
    connect(text_, &QTextBrowser::anchorClicked, this,
            [this](const QUrl& url) { showTerm(glossaryIdFromLink(url.toString())); });
    fill();
}

void GlossaryDialog::setLanguage(const QString& language) {
    if (language == language_) {
        return;
    }
    const QString current = currentTerm();
    language_ = language;
    fill();
    showTerm(current);
}

void GlossaryDialog::fill() {
    const QSignalBlocker blocker(terms_);
    terms_->clear();
    for (const GlossaryEntry& entry : glossaryEntries(language_)) {
        auto* item = new QListWidgetItem(entry.term, terms_);
        item->setData(Qt::UserRole, entry.id);
    }
    terms_->setCurrentRow(0);
    showRow(0);
}

void GlossaryDialog::showTerm(const QString& id) {
    for (int row = 0; row < terms_->count(); ++row) {
        if (terms_->item(row)->data(Qt::UserRole).toString() == id) {
            terms_->setCurrentRow(row);
            return;
        }
    }
}

QString GlossaryDialog::currentTerm() const {
    const QListWidgetItem* item = terms_->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

QString GlossaryDialog::shownText() const {
    return text_->toPlainText();
}

void GlossaryDialog::showRow(int row) {
    const std::vector<GlossaryEntry> entries = glossaryEntries(language_);
    if (row < 0 || row >= int(entries.size())) {
        text_->clear();
        return;
    }
    const GlossaryEntry& entry = entries[std::size_t(row)];
    QString html = QStringLiteral("<h2>%1</h2><p style=\"font-size: large\">%2</p>")
                       .arg(entry.term.toHtmlEscaped(), linkGlossaryTerms(entry.text, language_));
    const QImage picture = glossaryPicture(entry.picture);
    if (!picture.isNull()) {
        const QUrl name(QStringLiteral("picture:") + entry.picture);
        text_->document()->addResource(QTextDocument::ImageResource, name, picture);
        html += QStringLiteral("<p><img src=\"%1\"></p>").arg(name.toString());
    }
    text_->setHtml(html);
}

GlossaryDialog* showGlossary(QWidget* window, const QString& id, const QString& language) {
    auto* dialog =
        window->findChild<GlossaryDialog*>(QStringLiteral("glossary"), Qt::FindDirectChildrenOnly);
    if (!dialog) {
        dialog = new GlossaryDialog(window);
    }
    dialog->setLanguage(language);
    if (!id.isEmpty()) {
        dialog->showTerm(id);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

}  // namespace atlas::ui
