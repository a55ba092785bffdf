// Help ▸ Glossary: the terms on the left, the chosen term's paragraph and picture on the right.
// One dialog per window; captions' term links and the walkthrough open it at a term.
#pragma once

#include <QDialog>
#include <QString>

class QListWidget;
class QTextBrowser;

namespace atlas::ui {

class GlossaryDialog : public QDialog {
    Q_OBJECT
  public:
    explicit GlossaryDialog(QWidget* parent = nullptr);

    void setLanguage(const QString& language);  // "en" or "zh_CN"
    void showTerm(const QString& id);           // "" keeps the current term
    QString currentTerm() const;
    QString shownText() const;  // the paragraph on show, as plain text (tests)

  private:
    void fill();
    void showRow(int row);

    QString language_ = QStringLiteral("en");
    QListWidget* terms_ = nullptr;
    QTextBrowser* text_ = nullptr;
};

// Opens `window`'s glossary (creating it once) at term `id`, in `language`.
GlossaryDialog* showGlossary(QWidget* window, const QString& id, const QString& language);

}  // namespace atlas::ui
