// The File menu: open a model folder, train a model, export the figure shown or the data, the
// head-role files, quit.
#pragma once

#include <functional>

#include <QMenu>

#include "export/ExportDialog.h"

namespace atlas::ui {

class ExportActions;
class HeadRolesHooks;
class ModelPicker;
class TrainingWindowOpener;

class FileMenu : public QMenu {
    Q_OBJECT
  public:
    struct Parts {
        QWidget* window = nullptr;  // Quit closes it
        ModelPicker* picker = nullptr;
        TrainingWindowOpener* training = nullptr;
        ExportActions* exports = nullptr;
        HeadRolesHooks* headRoles = nullptr;
    };
    // `shownFigure` answers which figure Export… offers first: the one the user looks at.
    FileMenu(const Parts& parts, std::function<ExportDialog::Target()> shownFigure,
             QWidget* parent = nullptr);
};

}  // namespace atlas::ui
