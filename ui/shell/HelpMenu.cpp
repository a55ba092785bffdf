// The glossary action (found by its object name in tests) and the About box.
#include "shell/HelpMenu.h"

#include <QKeySequence>
#include <QMessageBox>

#include "classroom/GlossaryDialog.h"

namespace atlas::ui {

HelpMenu::HelpMenu(QWidget* window, std::function<QString()> interfaceLanguage, QWidget* parent)
    : QMenu(tr("&Help"), parent) {
    QAction* glossary =
        addAction(tr("&Glossary"), this, [window, language = std::move(interfaceLanguage)]() {
            showGlossary(window, {}, language());
        });
    glossary->setObjectName(QStringLiteral("glossaryAction"));
    glossary->setShortcut(QKeySequence::HelpContents);
    addAction(tr("&About Attention Atlas"), this, [window]() {
        QMessageBox::about(
            window, tr("About Attention Atlas"),
            tr("<p><b>Attention Atlas</b></p><p>Type a sentence and see every attention head "
               "of a small Transformer: the grid of all heads, one head in detail, and the "
               "token lines.</p><p>Rows are queries (the token attending), columns are keys "
               "(the token attended to). Rollout follows Abnar and Zuidema (2020).</p>"));
    });
}

}  // namespace atlas::ui
