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

LessonStep makeStep(const QString& caption, const QString& model, const QString& text) {
    LessonStep step;
    step.caption = caption;
    step.model = model;
    step.text = text;
    return step;
}
}  // namespace

std::vector<Lesson> lessons() {
    const QString fox = QStringLiteral("The quick brown fox jumps over the lazy dog.");
    const QString keys = QStringLiteral("The keys to the cabinet are on the table.");
    const QString dog = QStringLiteral("The dog that chased the cat barked loudly.");
    const QString cat = QStringLiteral("The cat sat on the mat.");
    const QString fisherman =
        QStringLiteral("The old fisherman walked to the village and sold the fish he caught.");

    std::vector<Lesson> result;
    {
        Lesson lesson{LessonsText::tr("Positional heads"), {}};
        LessonStep back = makeStep(
            LessonsText::tr("This head looks one word back: the bright cells sit just left of "
                            "the diagonal."),
            kBert, fox);
        back.role = QStringLiteral("prev");
        back.layer = 1;
        back.head = 4;
        LessonStep ahead = makeStep(
            LessonsText::tr("This head looks one word ahead: the bright cells sit just right of "
                            "the diagonal."),
            kBert, fox);
        ahead.role = QStringLiteral("next");
        ahead.layer = 0;
        ahead.head = 3;
        LessonStep lines = back;
        lines.caption =
            LessonsText::tr("The same head as lines: every word points at the word before it.");
        lines.view = LessonView::Lines;
        lesson.steps = {back, ahead, lines};
        result.push_back(lesson);
    }
    {
        Lesson lesson{LessonsText::tr("Syntactic heads"), {}};
        LessonStep det = makeStep(
            LessonsText::tr("Nouns look back at their determiner: “keys”, “cabinet” and “table” "
                            "each find their “the”."),
            kGpt, keys);
        det.role = QStringLiteral("det");
        det.layer = 3;
        det.head = 4;
        LessonStep subject = makeStep(
            LessonsText::tr("A verb finds its subject: “barked” looks back to “dog”, past the "
                            "clause in between."),
            kGpt, dog);
        subject.role = QStringLiteral("nsubj");
        subject.layer = 3;
        subject.head = 5;
        LessonStep agreement = makeStep(
            LessonsText::tr("The same head on two sentences: does the verb look at the noun "
                            "it agrees with?"),
            kGpt, QStringLiteral("The keys to the cabinet are"));
        agreement.view = LessonView::Compare;
        agreement.compareText = QStringLiteral("The key to the cabinets is");
        agreement.role = QStringLiteral("nsubj");
        agreement.layer = 3;
        agreement.head = 5;
        lesson.steps = {det, subject, agreement};
        result.push_back(lesson);
    }
    {
        Lesson lesson{LessonsText::tr("The causal mask"), {}};
        LessonStep gpt = makeStep(
            LessonsText::tr("GPT reads left to right: above the diagonal every weight is zero, no "
                            "token sees the tokens after it."),
            kGpt, cat);
        LessonStep bert =
            makeStep(LessonsText::tr("BERT reads both ways: its attention fills the whole square."),
                     kBert, cat);
        LessonStep guess = makeStep(
            LessonsText::tr("Because it never sees what comes next, GPT can learn to guess it."),
            kGpt, cat);
        guess.view = LessonView::Predictions;
        guess.token = 4;  // after "The cat sat on the"
        lesson.steps = {gpt, bert, guess};
        result.push_back(lesson);
    }
    {
        Lesson lesson{LessonsText::tr("The effect of masking"), {}};
        LessonStep cat1 = makeStep(
            LessonsText::tr("Hide “cat” behind [MASK]: BERT guesses the word from both sides."),
            kBert, cat);
        cat1.view = LessonView::Predictions;
        cat1.token = 2;  // [CLS] the cat
        cat1.role = QStringLiteral("prev");
        cat1.layer = 1;
        cat1.head = 4;
        LessonStep mat = cat1;
        mat.caption = LessonsText::tr("Hide “mat”: “sat on the …” narrows the guesses to places.");
        mat.token = 6;  // [CLS] the cat sat on the mat
        LessonStep next = cat1;
        next.caption = LessonsText::tr(
            "The next-word head without and with the mask: the word before the "
            "mask now looks at [MASK].");
        next.role = QStringLiteral("next");
        next.layer = 0;
        next.head = 3;
        lesson.steps = {cat1, mat, next};
        result.push_back(lesson);
    }
    {
        Lesson lesson{LessonsText::tr("Watching a model learn"), {}};
        LessonStep start = makeStep(
            LessonsText::tr("Early in training: attention is spread thin, no head has a job yet."),
            kGpt, fisherman);
        start.view = LessonView::Timeline;
        start.timelinePoint = 0;
        LessonStep end = start;
        end.caption = LessonsText::tr(
            "After training: heads have specialised into lines and columns. Press "
            "Play to watch it happen.");
        end.timelinePoint = -1;
        lesson.steps = {start, end};
        result.push_back(lesson);
    }
    return result;
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
