// The remembering translator and the walk over a widget tree that uses it.
#include "shell/Retranslation.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMutexLocker>
#include <QTabWidget>
#include <QWidget>

namespace atlas::ui {

RememberingTranslator::RememberingTranslator(QObject* parent) : QTranslator(parent) {}

RememberingTranslator::~RememberingTranslator() = default;

void RememberingTranslator::setCatalog(std::unique_ptr<QTranslator> catalog) {
    QMutexLocker lock(&mutex_);
    catalog_ = std::move(catalog);
}

QString RememberingTranslator::translate(const char* context, const char* sourceText,
                                         const char* disambiguation, int n) const {
    QMutexLocker lock(&mutex_);
    QString result =
        catalog_ ? catalog_->translate(context, sourceText, disambiguation, n) : QString();
    // Plural forms (n >= 0) are always shown with their number filled in: nothing to find.
    if (n < 0 && context && sourceText && *sourceText) {
        const QString shown = result.isEmpty() ? QString::fromUtf8(sourceText) : result;
        if (!sources_.contains(shown)) {
            sources_.insert(shown, Source{QByteArray(context), QByteArray(sourceText),
                                          QByteArray(disambiguation)});
        }
    }
    return result;
}

QString RememberingTranslator::retranslated(const QString& shown) const {
    Source source;
    {
        QMutexLocker lock(&mutex_);
        const auto found = sources_.constFind(shown);
        if (found == sources_.cend()) {
            return shown;
        }
        source = *found;
    }
    return QCoreApplication::translate(
        source.context.constData(), source.text.constData(),
        source.disambiguation.isEmpty() ? nullptr : source.disambiguation.constData());
}

void retranslateTexts(QWidget* root, const RememberingTranslator& memory) {
    if (!root) {
        return;
    }
    auto again = [&memory](const QString& text) { return memory.retranslated(text); };
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* widget : widgets) {
        if (!widget->windowTitle().isEmpty()) {
            widget->setWindowTitle(again(widget->windowTitle()));
        }
        if (!widget->toolTip().isEmpty()) {
            widget->setToolTip(again(widget->toolTip()));
        }
        if (!widget->statusTip().isEmpty()) {
            widget->setStatusTip(again(widget->statusTip()));
        }
        if (auto* label = qobject_cast<QLabel*>(widget)) {
            if (!label->text().isEmpty()) {
                label->setText(again(label->text()));
            }
        } else if (auto* button = qobject_cast<QAbstractButton*>(widget)) {
            if (!button->text().isEmpty()) {
                button->setText(again(button->text()));
            }
        } else if (auto* edit = qobject_cast<QLineEdit*>(widget)) {
            // Only the placeholder: the text is the user's.
            edit->setPlaceholderText(again(edit->placeholderText()));
        } else if (auto* tabs = qobject_cast<QTabWidget*>(widget)) {
            for (int i = 0; i < tabs->count(); ++i) {
                tabs->setTabText(i, again(tabs->tabText(i)));
                tabs->setTabToolTip(i, again(tabs->tabToolTip(i)));
            }
        } else if (auto* combo = qobject_cast<QComboBox*>(widget)) {
            if (!combo->isEditable()) {
                for (int i = 0; i < combo->count(); ++i) {
                    combo->setItemText(i, again(combo->itemText(i)));
                    const QString tip = combo->itemData(i, Qt::ToolTipRole).toString();
                    if (!tip.isEmpty()) {
                        combo->setItemData(i, again(tip), Qt::ToolTipRole);
                    }
                }
            }
        } else if (auto* group = qobject_cast<QGroupBox*>(widget)) {
            group->setTitle(again(group->title()));
        } else if (auto* menu = qobject_cast<QMenu*>(widget)) {
            menu->setTitle(again(menu->title()));
        }
        // Actions belong to menus, tool bars and the widgets they act on (shortcuts).
        for (QAction* action : widget->actions()) {
            if (!action->text().isEmpty()) {
                action->setText(again(action->text()));
            }
            if (!action->statusTip().isEmpty()) {
                action->setStatusTip(again(action->statusTip()));
            }
        }
    }
}

}  // namespace atlas::ui
