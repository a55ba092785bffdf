// Switching the language of widgets that set their texts once, when they were built.
//
// A Qt widget keeps only the translated text it was given; after a language switch every text
// has to be set again. Instead of each class listing its texts a second time, the translator
// below remembers which source string every translation it handed out came from, and
// retranslateTexts() sets each remembered text of a widget tree again in the new language.
// Texts built with arg() ("Layer 3 · Head 2") are not remembered; their owners rebuild them.
#pragma once

#include <memory>

#include <QHash>
#include <QMutex>
#include <QString>
#include <QTranslator>

class QWidget;

namespace atlas::ui {

class RememberingTranslator : public QTranslator {
    Q_OBJECT
  public:
    explicit RememberingTranslator(QObject* parent = nullptr);
    ~RememberingTranslator() override;

    // The catalog asked first (nullptr: the source language, English). Owned.
    void setCatalog(std::unique_ptr<QTranslator> catalog);

    QString translate(const char* context, const char* sourceText,
                      const char* disambiguation = nullptr, int n = -1) const override;
    bool isEmpty() const override { return false; }  // installed even when English

    // `shown` in the current language, if it is a text this translator handed out (in any
    // language) without arguments; otherwise `shown` unchanged.
    QString retranslated(const QString& shown) const;

  private:
    struct Source {
        QByteArray context;
        QByteArray text;
        QByteArray disambiguation;
    };
    std::unique_ptr<QTranslator> catalog_;
    mutable QMutex mutex_;                    // tr() is also called from worker threads
    mutable QHash<QString, Source> sources_;  // shown text -> where it came from
};

// Sets every remembered text under `root` again: window titles, tooltips, status tips, labels,
// buttons, tab titles, combo box items, line edit placeholders, group boxes, menus and actions.
void retranslateTexts(QWidget* root, const RememberingTranslator& memory);

}  // namespace atlas::ui
