// The lessons: each step says one thing about attention, in a sentence a class can read.
#include "Lessons.h"

#include <QCoreApplication>

namespace atlas::ui {

namespace {
// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct LessonsText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::Lessons)
};

const QString kGpt = QStringLiteral("gpt");
const QString kBert = QStringLiteral("bert");
const QString kPrev = QStringLiteral("prev");
const QString kNext = QStringLiteral("next");
const QString kDet = QStringLiteral("det");
const QString kSubject = QStringLiteral("nsubj");
}  // namespace

// Each step names its field explicitly; the fixed layer and head are fall-backs for a model
// without a head-roles table.
std::vector<Lesson> lessons() {
    const QString fox = QStringLiteral("The quick brown fox jumps over the lazy dog.");
    const QString keys = QStringLiteral("The keys to the cabinet are on the table.");
    const QString dog = QStringLiteral("The dog that chased the cat barked loudly.");
    const QString cat = QStringLiteral("The cat sat on the mat.");
    const QString fisherman =
        QStringLiteral("The old fisherman walked to the village and sold the fish he caught.");

    return {
        {LessonsText::tr("Positional heads"),
         {
             {.caption =
                  LessonsText::tr("This head looks one word back: the bright cells sit just left "
                                  "of the diagonal."),
              .model = kBert,
              .text = fox,
              .role = kPrev,
              .layer = 1,
              .head = 4},
             {.caption =
                  LessonsText::tr("This head looks one word ahead: the bright cells sit just "
                                  "right of the diagonal."),
              .model = kBert,
              .text = fox,
              .role = kNext,
              .layer = 0,
              .head = 3},
             {.caption =
                  LessonsText::tr("The same head as lines: every word points at the word before "
                                  "it."),
              .model = kBert,
              .text = fox,
              .view = LessonView::Lines,
              .role = kPrev,
              .layer = 1,
              .head = 4},
         }},
        {LessonsText::tr("Syntactic heads"),
         {
             {.caption =
                  LessonsText::tr("Nouns look back at their determiner: “keys”, “cabinet” and "
                                  "“table” each find their “the”."),
              .model = kGpt,
              .text = keys,
              .role = kDet,
              .layer = 3,
              .head = 4},
             {.caption =
                  LessonsText::tr("A verb finds its subject: “barked” looks back to “dog”, past "
                                  "the clause in between."),
              .model = kGpt,
              .text = dog,
              .role = kSubject,
              .layer = 3,
              .head = 5},
             {.caption =
                  LessonsText::tr("The same head on two sentences: does the verb look at the "
                                  "noun it agrees with?"),
              .model = kGpt,
              .text = QStringLiteral("The keys to the cabinet are"),
              .view = LessonView::Compare,
              .role = kSubject,
              .layer = 3,
              .head = 5,
              .compareText = QStringLiteral("The key to the cabinets is")},
         }},
        {LessonsText::tr("The causal mask"),
         {
             {.caption =
                  LessonsText::tr("GPT reads left to right: above the diagonal every weight is "
                                  "zero, no token sees the tokens after it."),
              .model = kGpt,
              .text = cat},
             {.caption =
                  LessonsText::tr("BERT reads both ways: its attention fills the whole square."),
              .model = kBert,
              .text = cat},
             {.caption =
                  LessonsText::tr("Because it never sees what comes next, GPT can learn to guess "
                                  "it."),
              .model = kGpt,
              .text = cat,
              .view = LessonView::Predictions,
              .token = 4},  // after "The cat sat on the"
         }},
        {LessonsText::tr("The effect of masking"),
         {
             {.caption =
                  LessonsText::tr("Hide “cat” behind [MASK]: BERT guesses the word from both "
                                  "sides."),
              .model = kBert,
              .text = cat,
              .view = LessonView::Predictions,
              .role = kPrev,
              .layer = 1,
              .head = 4,
              .token = 2},  // [CLS] the cat
             {.caption =
                  LessonsText::tr("Hide “mat”: “sat on the …” narrows the guesses to places."),
              .model = kBert,
              .text = cat,
              .view = LessonView::Predictions,
              .role = kPrev,
              .layer = 1,
              .head = 4,
              .token = 6},  // [CLS] the cat sat on the mat
             {.caption =
                  LessonsText::tr("The next-word head without and with the mask: the word before "
                                  "the mask now looks at [MASK]."),
              .model = kBert,
              .text = cat,
              .view = LessonView::Predictions,
              .role = kNext,
              .layer = 0,
              .head = 3,
              .token = 2},
         }},
        {LessonsText::tr("Watching a model learn"),
         {
             {.caption =
                  LessonsText::tr("Early in training: attention is spread thin, no head has a job "
                                  "yet."),
              .model = kGpt,
              .text = fisherman,
              .view = LessonView::Timeline,
              .timelinePoint = 0},
             {.caption = LessonsText::tr("After training: heads have specialised into lines and "
                                         "columns. Press Play to watch it happen."),
              .model = kGpt,
              .text = fisherman,
              .view = LessonView::Timeline,
              .timelinePoint = -1},
         }},
    };
}

QString lessonViewName(LessonView view) {
    switch (view) {
        case LessonView::Head:
            return QStringLiteral("head");
        case LessonView::Lines:
            return QStringLiteral("lines");
        case LessonView::Predictions:
            return QStringLiteral("predictions");
        case LessonView::Compare:
            return QStringLiteral("compare");
        case LessonView::Timeline:
            return QStringLiteral("timeline");
    }
    return {};
}

std::optional<std::pair<int, int>> bestHeadFor(const HeadRoleTable& table, const QString& measure) {
    const std::string name = measure.toStdString();
    std::optional<std::pair<int, int>> best;
    double bestScore = -1;
    for (const HeadProfile& profile : table.heads) {
        double score = -1;
        if (name == "prev") {
            score = profile.prev;
        } else if (name == "next") {
            score = profile.next;
        } else if (name == "self") {
            score = profile.self;
        } else if (name == "first") {
            score = profile.first;
        } else if (auto found = profile.relations.find(name); found != profile.relations.end()) {
            score = found->second.score;
        }
        if (score > bestScore) {
            bestScore = score;
            best = std::make_pair(profile.layer, profile.head);
        }
    }
    return bestScore >= 0 ? best : std::nullopt;
}

std::pair<int, int> lessonHead(const LessonStep& step, const HeadRoleTable& table) {
    if (!step.role.isEmpty()) {
        if (auto best = bestHeadFor(table, step.role)) {
            return *best;
        }
    }
    return {step.layer, step.head};
}

}  // namespace atlas::ui
