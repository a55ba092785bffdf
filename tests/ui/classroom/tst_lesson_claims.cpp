// Every lesson caption is true for the model it runs on: each step states its claims as data
// (lessons.json), and this suite runs every step on its built-in model and checks every claim.
// A claim that does not hold fails the suite, with what the model did instead.
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include "classroom/LessonClaims.h"
#include "classroom/Lessons.h"
#include "model/BuiltinModels.h"
#include "model/Model.h"

using namespace atlas;
using namespace atlas::ui;

class TestLessonClaims : public QObject {
    Q_OBJECT
  private slots:
    void everyStepHasClaims();
    void everyClaimHoldsOnItsModel();
    void aFalseClaimFails();
    void falseInductionPresetAndAttributionClaimsFail();
    void claimsReadFromJson();
    void lessonsHaveNames();

  private:
    const Model& builtin(const QString& name);
    std::map<QString, std::unique_ptr<Model>> models_;
};

const Model& TestLessonClaims::builtin(const QString& name) {
    auto& model = models_[name];
    if (!model) {
        model = Model::load(resolveModelFolder(name.toStdString()));
    }
    return *model;
}

void TestLessonClaims::everyStepHasClaims() {
    const auto all = lessons();
    QVERIFY(all.size() >= 5);
    for (const Lesson& lesson : all) {
        for (std::size_t s = 0; s < lesson.steps.size(); ++s) {
            QVERIFY2(!lesson.steps[s].claims.empty(),
                     qPrintable(QStringLiteral("%1 step %2 states no claim")
                                    .arg(lesson.englishTitle)
                                    .arg(s + 1)));
        }
    }
}

void TestLessonClaims::everyClaimHoldsOnItsModel() {
    int checked = 0;
    QStringList failures;
    for (const Lesson& lesson : lessons()) {
        for (std::size_t s = 0; s < lesson.steps.size(); ++s) {
            const LessonStep& step = lesson.steps[s];
            const Model& model = builtin(step.model);
            const auto [layer, head] = lessonHead(step, modelHeadRoles(model));
            for (const LessonClaim& claim : step.claims) {
                const LessonClaimCheck check = checkLessonClaim(step, claim, model, layer, head);
                ++checked;
                if (!check.holds) {
                    failures << QStringLiteral("%1 step %2 (%3): %4 But %5.")
                                    .arg(lesson.englishTitle)
                                    .arg(s + 1)
                                    .arg(step.model, lessonClaimText(claim, layer, head),
                                         check.observed);
                }
            }
        }
    }
    QVERIFY(checked >= 14);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
}

void TestLessonClaims::aFalseClaimFails() {
    // The checks can fail: the opposite of true claims does not hold.
    LessonStep step;
    step.model = QStringLiteral("gpt");
    step.text = QStringLiteral("The man with the hat walked home.");
    const Model& gpt = builtin(step.model);
    LessonClaim attends;
    attends.from = QStringLiteral("walked");
    attends.to = QStringLiteral("hat");
    const auto [layer, head] = bestHeadFor(modelHeadRoles(gpt), QStringLiteral("nsubj")).value();
    LessonClaimCheck check = checkLessonClaim(step, attends, gpt, layer, head);
    QVERIFY(!check.holds);
    QVERIFY2(check.observed.contains(QStringLiteral("'man'")), qPrintable(check.observed));
    attends.to = QStringLiteral("man");
    QVERIFY(checkLessonClaim(step, attends, gpt, layer, head).holds);

    LessonClaim ahead;
    ahead.kind = LessonClaimKind::LooksAhead;
    ahead.share = 0.05;
    QVERIFY(!checkLessonClaim(step, ahead, gpt, 0, 0).holds);  // GPT never looks ahead
    LessonClaim causal;
    causal.kind = LessonClaimKind::Causal;
    step.model = QStringLiteral("bert");
    QVERIFY(!checkLessonClaim(step, causal, builtin(step.model), 0, 0).holds);

    LessonClaim offset;
    offset.kind = LessonClaimKind::Offset;
    offset.offset = 2;
    offset.share = 0.9;
    QVERIFY(!checkLessonClaim(step, offset, builtin(step.model), 0, 0).holds);

    LessonClaim missing;
    missing.from = QStringLiteral("zebra");
    missing.to = QStringLiteral("man");
    check = checkLessonClaim(step, missing, builtin(step.model), 0, 0);
    QVERIFY(!check.holds);
    QVERIFY(check.observed.contains(QStringLiteral("no token 'zebra'")));
}

void TestLessonClaims::falseInductionPresetAndAttributionClaimsFail() {
    LessonStep step;
    step.model = QStringLiteral("gpt");
    step.text = QStringLiteral("The keys to the cabinet");
    step.preset = QStringLiteral("induction");
    const Model& gpt = builtin(step.model);

    LessonClaim induction;
    induction.kind = LessonClaimKind::Induction;
    induction.atLeast = 0.5;  // the built-in gpt never learned to copy
    LessonClaimCheck check = checkLessonClaim(step, induction, gpt, 0, 0);
    QVERIFY(!check.holds);
    QVERIFY2(check.observed.contains(QStringLiteral("induction score")),
             qPrintable(check.observed));

    LessonClaim preset;
    preset.kind = LessonClaimKind::Preset;
    preset.target = QStringLiteral("induction");
    preset.data = QStringLiteral("repeated_spans");
    preset.layers = 2;
    QVERIFY(checkLessonClaim(step, preset, gpt, 0, 0).holds);
    preset.layers = 3;
    QVERIFY(!checkLessonClaim(step, preset, gpt, 0, 0).holds);
    preset.layers = 2;
    preset.data = QStringLiteral("text");
    QVERIFY(!checkLessonClaim(step, preset, gpt, 0, 0).holds);
    step.preset = QStringLiteral("no-such-preset");
    QVERIFY(!checkLessonClaim(step, preset, gpt, 0, 0).holds);  // an error, not a crash

    LessonClaim lens;
    lens.kind = LessonClaimKind::Lens;
    lens.word = QStringLiteral("zebra");
    lens.fromLayer = 3;
    check = checkLessonClaim(step, lens, gpt, 0, 0);
    QVERIFY(!check.holds);
    QVERIFY2(check.observed.contains(QStringLiteral("after each layer")),
             qPrintable(check.observed));

    // Exactly one head is the largest writer; every head is among all of them.
    LessonClaim writes;
    writes.kind = LessonClaimKind::Writes;
    writes.top = 1;
    int leaders = 0;
    const int layers = gpt.config().n_layer;
    const int heads = gpt.config().n_head;
    for (int layer = 0; layer < layers; ++layer) {
        for (int head = 0; head < heads; ++head) {
            leaders += checkLessonClaim(step, writes, gpt, layer, head).holds ? 1 : 0;
        }
    }
    QCOMPARE(leaders, 1);
    writes.top = layers * heads;
    QVERIFY(checkLessonClaim(step, writes, gpt, 0, 0).holds);

    LessonClaim attribution;
    attribution.kind = LessonClaimKind::Attribution;
    attribution.to = QStringLiteral("zebra");
    check = checkLessonClaim(step, attribution, gpt, 0, 0);
    QVERIFY(!check.holds);
    QVERIFY2(check.observed.contains(QStringLiteral("help most")), qPrintable(check.observed));
}

void TestLessonClaims::claimsReadFromJson() {
    const QJsonArray json = QJsonDocument::fromJson(R"([
        {"kind": "attends", "from": "it", "to": "animal"},
        {"kind": "predicts", "any_of": ["mat", "floor"], "top": 3, "position": 4},
        {"kind": "entropy", "compared_with": 0, "is": "lower"},
        {"kind": "sparkles"},
        {"kind": "lens", "word": "are", "from_layer": 2},
        {"kind": "preset", "target": "induction", "layers": 2, "steps": 2000},
        {"kind": "induction", "below": 0.1}])")
                                .array();
    QString error;
    const std::vector<LessonClaim> claims = lessonClaimsFromJson(json, &error);
    QCOMPARE(claims.size(), std::size_t(6));
    QVERIFY(error.contains(QStringLiteral("'sparkles'")));
    QCOMPARE(claims[0].from, QStringLiteral("it"));
    QCOMPARE(lessonClaimText(claims[0], 3, 5),
             QStringLiteral("Head 3.5 puts most weight from “it” on “animal”."));
    QCOMPARE(claims[1].anyOf, (QStringList{"mat", "floor"}));
    QCOMPARE(claims[1].top, 3);
    QCOMPARE(claims[1].position, 4);
    QVERIFY(!claims[2].higher);
    QCOMPARE(claims[2].comparedWith, 0);
    QCOMPARE(claims[3].kind, LessonClaimKind::Lens);
    QCOMPARE(claims[3].word, QStringLiteral("are"));
    QCOMPARE(claims[3].fromLayer, 2);
    QCOMPARE(claims[4].kind, LessonClaimKind::Preset);
    QCOMPARE(claims[4].steps, 2000);
    QCOMPARE(claims[5].kind, LessonClaimKind::Induction);
    QCOMPARE(claims[5].below, 0.1);
    QCOMPARE(claims[5].atLeast, -1.0);
}

void TestLessonClaims::lessonsHaveNames() {
    const auto all = lessons();
    QCOMPARE(lessonIndex(all, QStringLiteral("syntactic-heads")), 1);
    QCOMPARE(lessonIndex(all, QStringLiteral("Syntactic heads")), 1);
    QCOMPARE(lessonIndex(all, QStringLiteral("no such lesson")), -1);
    for (const Lesson& lesson : all) {
        QVERIFY2(!lesson.name.isEmpty() && !lesson.name.contains(QLatin1Char(' ')),
                 qPrintable(lesson.englishTitle));
    }
}

QTEST_MAIN(TestLessonClaims)
#include "tst_lesson_claims.moc"
