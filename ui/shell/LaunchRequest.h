// What `attention-atlas --layer L --head H --lesson NAME` asks the window to show once its first
// sentence is computed. The same request serves the screenshots' hidden --focus L:C and
// --lesson L:S forms.
#pragma once

#include <optional>

#include <QString>

namespace atlas::ui {

class MainWindow;

struct LaunchRequest {
    std::optional<int> layer;   // --layer
    std::optional<int> column;  // --head (a head is its grid column), or --focus's column
    QString lesson;             // --lesson: a lesson's name or title, or "L:S" (from 0)
};

// Reads --layer / --head values ("3"): nullopt and `error` set when not a whole number >= 0.
std::optional<int> parseLaunchIndex(const QString& text, const QString& option, QString* error);

// The lesson and step a --lesson value names: a name or title (step 0), or "L:S". False with
// `error` listing the lessons' names when none matches.
bool resolveLaunchLesson(const QString& value, int& lesson, int& step, QString* error);

// Applies the request to the window's current sentence: the head to focus, or the lesson to
// start. A layer or head the model does not have is reported in the window, not applied.
void applyLaunchRequest(MainWindow& window, const LaunchRequest& request);

}  // namespace atlas::ui
