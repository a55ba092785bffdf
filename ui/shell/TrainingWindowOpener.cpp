// Making the training window can fail (its shipped text missing): the error goes to the window.
#include "shell/TrainingWindowOpener.h"

#include <QStandardPaths>

#include "training/TrainingWindow.h"

namespace atlas::ui {

TrainingWindowOpener::TrainingWindowOpener(QWidget* window) : QObject(window), window_(window) {}

TrainingWindow* TrainingWindowOpener::open() {
    if (training_ == nullptr) {
        const QString runs =
            QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
            QStringLiteral("/training");
        try {
            training_ = new TrainingWindow(runs.toStdString(), window_);
        } catch (const std::exception& error) {
            emit failed(QString::fromUtf8(error.what()));
            return nullptr;
        }
        connect(training_, &TrainingWindow::openModelRequested, this,
                &TrainingWindowOpener::openModelRequested);
        emit created(training_);
    }
    training_->show();
    training_->raise();
    training_->activateWindow();
    return training_;
}

}  // namespace atlas::ui
