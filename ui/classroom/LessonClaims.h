// What a lesson step claims about the model it runs on, as data that can be checked: "head
// L3.H5 puts most weight from 'barked' on 'dog'". lessons.json gives each step its claims; the
// lesson test runs every step on its built-in model and fails on a claim that does not hold, so
// a caption never describes a pattern the head on screen does not show.
#pragma once

#include <vector>

#include <QString>
#include <QStringList>

class QJsonArray;

namespace atlas {
class Model;
}

namespace atlas::ui {

struct LessonStep;

enum class LessonClaimKind {
    Attends,      // the head's row of token `from` has its largest weight on a token `to`
    Offset,       // in at least `share` of the rows, the largest weight is `offset` tokens away
    Causal,       // every weight of every head above the diagonal is 0
    LooksAhead,   // the mean weight on later tokens, over every head and row, is at least `share`
    Predicts,     // the top `top` predictions at `position` include one of `anyOf`
    Entropy,      // the mean attention entropy at this timeline point is above or below another's
    Induction,    // the model's best induction score is below `below` or at least `atLeast`
    Preset,       // the step's training preset has these settings (what the caption says of it)
    Lens,         // after the text, the lens's top-1 is first `word` after layer `fromLayer`
    Writes,       // the step's head is among the `top` heads adding most to the prediction
    Attribution,  // of the text's tokens, `to` is the `rank`-th that supports the prediction most
    // Training the step's preset: the loss is still above `lossAbove` at step `aboveUntil` and
    // below `lossBelow` by step `belowBy` (each the mean of 20 steps up to there; either level
    // -1: a blind guess, ln of the vocabulary); with `inductionAtLeast`, the model at `belowBy`
    // also has a head past layer 0 with at least that induction score
    Loss,
};

struct LessonClaim {
    LessonClaimKind kind = LessonClaimKind::Attends;
    QString from;                  // Attends: token texts as displayed, without the space marker
    QString to;                    //   (case does not matter)
    bool compareText = false;      // Attends: on the step's second sentence (compare view)
    bool masked = false;           // Attends: with the step's token replaced by [MASK] (BERT)
    int offset = 0;                // Offset
    double share = 0;              // Offset, LooksAhead
    int position = -1;             // Predicts: the step's token when -1
    QStringList anyOf;             // Predicts
    int top = 5;                   // Predicts
    int comparedWith = -1;         // Entropy: the other timeline point (-1: the final model)
    bool higher = true;            // Entropy: this point's entropy is higher than the other's
    double below = -1;             // Induction (-1: not compared)
    double atLeast = -1;           // Induction (-1: not compared)
    QString target;                // Preset: "induction" or "previous-token"
    QString data;                  // Preset: "repeated_spans" or "text"
    int layers = -1;               // Preset (-1: not compared)
    int steps = -1;                // Preset (-1: not compared)
    int vocabSize = -1;            // Preset: the tokenizer's entries (-1: not compared)
    QString word;                  // Lens: the model's prediction after the text
    int fromLayer = -1;            // Lens: the first layer whose read-out has it on top
    int aboveUntil = -1;           // Loss
    int belowBy = -1;              // Loss
    double lossAbove = -1;         // Loss (-1: a blind guess)
    double lossBelow = -1;         // Loss (-1: a blind guess)
    double inductionAtLeast = -1;  // Loss (-1: not compared)
    int rank = 1;                  // Attribution: `to` is the rank-th most supporting token
};

// Reads a step's "claims" array from lessons.json; an unknown kind is an error naming it.
std::vector<LessonClaim> lessonClaimsFromJson(const QJsonArray& claims, QString* error);

// The claim as a sentence for the class ("Head 3.5 puts most weight from 'barked' on 'dog'.").
QString lessonClaimText(const LessonClaim& claim, int layer, int head);

struct LessonClaimCheck {
    bool holds = false;
    QString observed;  // what the model did, in words and numbers, for a failure message
};

// Runs the step's model (already loaded, its head-roles table applied by the caller through
// `layer`, `head`) and checks the claim. Never throws: a claim that cannot be evaluated fails.
LessonClaimCheck checkLessonClaim(const LessonStep& step, const LessonClaim& claim,
                                  const Model& model, int layer, int head);

}  // namespace atlas::ui
