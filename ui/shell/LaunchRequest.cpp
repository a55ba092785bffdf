// Applying the launch flags once the window shows its first sentence.
#include "shell/LaunchRequest.h"

#include <QCoreApplication>
#include <QStringList>

#include "AttentionSelection.h"
#include "classroom/ClassroomViews.h"
#include "classroom/Lessons.h"
#include "shell/MainWindow.h"

namespace atlas::ui {

namespace {

// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct LaunchText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::LaunchRequest)
};

}  // namespace

std::optional<int> parseLaunchIndex(const QString& text, const QString& option, QString* error) {
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < 0) {
        if (error) {
            *error = LaunchText::tr("%1 expects a number from 0, got '%2'").arg(option, text);
        }
        return std::nullopt;
    }
    return value;
}

bool resolveLaunchLesson(const QString& value, int& lesson, int& step, QString* error) {
    const std::vector<Lesson> all = lessons();
    const QStringList parts = value.split(QLatin1Char(':'));
    bool lessonOk = false;
    bool stepOk = false;
    if (parts.size() == 2) {
        lesson = parts[0].toInt(&lessonOk);
        step = parts[1].toInt(&stepOk);
        if (lessonOk && stepOk && lesson >= 0 && lesson < int(all.size()) && step >= 0 &&
            step < int(all[std::size_t(lesson)].steps.size())) {
            return true;
        }
    }
    lesson = lessonIndex(all, value);
    step = 0;
    if (lesson >= 0) {
        return true;
    }
    if (error) {
        QStringList names;
        for (const Lesson& known : all) {
            names << known.name;
        }
        *error = LaunchText::tr("--lesson: no lesson '%1' (the lessons are %2)")
                     .arg(value, names.join(QStringLiteral(", ")));
    }
    return false;
}

void applyLaunchRequest(MainWindow& window, const LaunchRequest& request) {
    if (!request.lesson.isEmpty()) {
        int lesson = 0;
        int step = 0;
        QString error;
        if (resolveLaunchLesson(request.lesson, lesson, step, &error)) {
            window.classroom()->startLesson(lesson, step);
        } else {
            window.showError(error);
        }
        return;
    }
    if (!request.layer && !request.column) {
        return;
    }
    const auto snapshot = window.snapshot();
    if (!snapshot) {
        return;
    }
    const int layer = request.layer.value_or(window.selection().currentLayer());
    const int column = request.column.value_or(window.selection().currentColumn());
    if (layer >= snapshot->layerCount()) {
        window.showError(LaunchText::tr("--layer %1: the model has layers 0–%2")
                             .arg(layer)
                             .arg(snapshot->layerCount() - 1));
        return;
    }
    if (column >= snapshot->columnCount()) {
        window.showError(LaunchText::tr("--head %1: the model has heads 0–%2")
                             .arg(column)
                             .arg(snapshot->headCount() - 1));
        return;
    }
    window.selection().setCurrent(layer, column);
}

}  // namespace atlas::ui
