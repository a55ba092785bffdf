// Lesson presets for a class: short named sequences of steps, each a sentence, a model, a view
// and a head with a one-line caption (the Examples menu's Lessons section).
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include <QString>

#include "analysis/HeadRoles.h"
#include "classroom/LessonClaims.h"

namespace atlas {
class Model;
}

namespace atlas::ui {

// Head and Lines: the attention views; Lens, Contributions (each head's share of the prediction)
// and Attribution (the input tokens that drive it): the attribution views; Training: the training
// window running the step's preset.
enum class LessonView {
    Head,
    Lines,
    Predictions,
    Compare,
    Timeline,
    Lens,
    Contributions,
    Attribution,
    Training
};

struct LessonStep {
    QString caption{};  // one line, said to the class (translated)
    QString model{};    // "gpt" or "bert"
    QString text{};     // the sentence (English: the built-in models read English)
    LessonView view = LessonView::Head;
    // The head: the model's best head at this measure in its head-roles.json ("prev", "next",
    // "det", "nsubj", ...), so a retrained model still shows the right head; else the fixed one.
    QString role{};
    int layer = 0;
    int head = 0;
    int token = -1;         // Predictions: GPT predicts after it (-1: the last), BERT masks it
    QString compareText{};  // Compare: the second sentence
    int timelinePoint = 0;  // Timeline: 0 the earliest snapshot, -1 the final model
    QString preset{};       // Training: the preset started ("induction")
    // What the caption says, as data the lesson test checks on the built-in model.
    std::vector<LessonClaim> claims{};
};

struct Lesson {
    QString name;  // untranslated, lower case with dashes: "positional-heads" (--lesson NAME)
    QString englishTitle;  // as lessons.json has it
    QString title;         // translated
    std::vector<LessonStep> steps;
};

std::vector<Lesson> lessons();

// The index of the lesson called `name` (its name, or its English title, any case), or -1.
int lessonIndex(const std::vector<Lesson>& all, const QString& name);

QString lessonViewName(LessonView view);  // "head", "lines", ... (tests, logs)

// The (layer, head) with the highest score at `measure`: prev / next / self / first / induction, or
// a relation's score. None when no head has it.
std::optional<std::pair<int, int>> bestHeadFor(const HeadRoleTable& table, const QString& measure);

// The model folder's head-roles.json, or an empty table (a lesson then uses its fixed head).
HeadRoleTable modelHeadRoles(const Model& model);

// The head a step shows on a model with this table (empty table: the step's fixed head).
std::pair<int, int> lessonHead(const LessonStep& step, const HeadRoleTable& table);

}  // namespace atlas::ui
