// The actions and their shortcuts; what they do belongs to the parts.
#include "shell/FileMenu.h"

#include <QKeySequence>

#include "export/ExportActions.h"
#include "roles/HeadRolesHooks.h"
#include "shell/ModelPicker.h"
#include "shell/TrainingWindowOpener.h"

namespace atlas::ui {

FileMenu::FileMenu(const Parts& parts, std::function<ExportDialog::Target()> shownFigure,
                   QWidget* parent)
    : QMenu(tr("&File"), parent) {
    addAction(tr("&Open model…"), parts.picker, &ModelPicker::chooseFolder)
        ->setShortcut(QKeySequence::Open);
    addAction(tr("&Train a model…"), parts.training, &TrainingWindowOpener::open);
    addSeparator();
    ExportActions* exports = parts.exports;
    addAction(tr("&Export…"), exports, [exports, shownFigure = std::move(shownFigure)]() {
        exports->openDialog(shownFigure());
    })->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    addAction(tr("Export &data (CSV or JSON)…"), exports,
              [exports]() { exports->openDialog(ExportDialog::Target::Data); });
    addSeparator();
    parts.headRoles->addFileActions(this);
    addSeparator();
    addAction(tr("&Quit"), parts.window, &QWidget::close)->setShortcut(QKeySequence::Quit);
}

}  // namespace atlas::ui
