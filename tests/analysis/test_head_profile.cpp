// Tests head profiles: positional measures of hand-set heads, and relation scores and baselines
// on a small CoNLL-U fixture against values worked out by hand (both directions, split words).
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "Error.h"
#include "analysis/Conllu.h"
#include "analysis/HeadProfile.h"
#include "analysis/RelationBaselines.h"
#include "analysis/WordAlignment.h"

using namespace atlas;

namespace {

// Row-wise softmax of `scores` [T, T].
Matrix softmaxRows(const Matrix& scores) {
    Matrix result = scores;
    for (Eigen::Index i = 0; i < result.rows(); ++i) {
        result.row(i) = (result.row(i).array() - result.row(i).maxCoeff()).exp();
        result.row(i) /= result.row(i).sum();
    }
    return result;
}

// Head h's scores: `sharpness` on the key `target(i)` of each query i, 0 elsewhere.
template <typename Target>
Matrix headAttending(int token_count, float sharpness, Target target) {
    Matrix scores = Matrix::Zero(token_count, token_count);
    for (int i = 0; i < token_count; ++i) {
        scores(i, target(i)) = sharpness;
    }
    return softmaxRows(scores);
}

Matrix rows(int token_count, std::initializer_list<float> values) {
    Matrix matrix(token_count, token_count);
    auto value = values.begin();
    for (int i = 0; i < token_count; ++i) {
        for (int j = 0; j < token_count; ++j) {
            matrix(i, j) = *value++;
        }
    }
    return matrix;
}

// A pattern that puts all of row i on i-1 (row 0 on itself): a previous-token head.
Matrix previousToken(int token_count) {
    Matrix matrix = Matrix::Zero(token_count, token_count);
    matrix(0, 0) = 1;
    for (int i = 1; i < token_count; ++i) {
        matrix(i, i - 1) = 1;
    }
    return matrix;
}

Token token(std::size_t begin, std::size_t end, bool special = false) {
    Token result;
    result.begin = begin;
    result.end = end;
    result.special = special;
    return result;
}

// Three sentences. Arcs (dependent -> head, head - dependent in words):
//   1 "the cat sat":        det the->cat +1, nsubj cat->sat +1
//   2 "a dog ran home":     det a->dog +1, nsubj dog->ran +1, obl:npmod home->ran -1
//   3 "the big dog barked": det the->dog +2, amod big->dog +1, nsubj dog->barked +1
const char* kFixture =
    "# sent_id = 1\n"
    "1\tthe\t_\tDET\t_\t_\t2\tdet\t_\t_\n"
    "2\tcat\t_\tNOUN\t_\t_\t3\tnsubj\t_\t_\n"
    "3\tsat\t_\tVERB\t_\t_\t0\troot\t_\t_\n"
    "\n"
    "# sent_id = 2\n"
    "1\ta\t_\tDET\t_\t_\t2\tdet\t_\t_\n"
    "2\tdog\t_\tNOUN\t_\t_\t3\tnsubj\t_\t_\n"
    "3\tran\t_\tVERB\t_\t_\t0\troot\t_\t_\n"
    "4\thome\t_\tADV\t_\t_\t3\tobl:npmod\t_\t_\n"
    "\n"
    "# sent_id = 3\n"
    "1\tthe\t_\tDET\t_\t_\t3\tdet\t_\t_\n"
    "2\tbig\t_\tADJ\t_\t_\t3\tamod\t_\t_\n"
    "3\tdog\t_\tNOUN\t_\t_\t4\tnsubj\t_\t_\n"
    "4\tbarked\t_\tVERB\t_\t_\t0\troot\t_\t_\n";

struct FixtureSentence {
    std::vector<Token> tokens;
    Forward forward;  // 1 layer, 2 heads: head 0 hand-set weights, head 1 previous-token
};

// Tokens and attention of the three sentences. Sentence 1 splits "cat" into "ca" + "t";
// sentence 2 starts with a special token (like [CLS]) that belongs to no word.
std::vector<FixtureSentence> fixtureForwards() {
    std::vector<FixtureSentence> sentences(3);
    // 1: "the cat sat": the [0,3) ca [4,6) t [6,7) sat [8,11)
    sentences[0].tokens = {token(0, 3), token(4, 6), token(6, 7), token(8, 11)};
    sentences[0].forward.attention = {{rows(4, {0.1f, 0.3f, 0.3f, 0.3f,    //
                                                0.5f, 0.1f, 0.1f, 0.3f,    //
                                                0.1f, 0.2f, 0.2f, 0.5f,    //
                                                0.6f, 0.2f, 0.1f, 0.1f}),  //
                                       previousToken(4)}};
    // 2: "a dog ran home": [S] a [0,1) dog [2,5) ran [6,9) home [10,14)
    sentences[1].tokens = {token(0, 0, true), token(0, 1), token(2, 5), token(6, 9), token(10, 14)};
    sentences[1].forward.attention = {{rows(5, {1.0f, 0.0f, 0.0f, 0.0f, 0.0f,    //
                                                0.4f, 0.1f, 0.3f, 0.1f, 0.1f,    //
                                                0.2f, 0.3f, 0.1f, 0.2f, 0.2f,    //
                                                0.2f, 0.1f, 0.5f, 0.1f, 0.1f,    //
                                                0.1f, 0.1f, 0.2f, 0.3f, 0.3f}),  //
                                       previousToken(5)}};
    // 3: "the big dog barked": one token per word
    sentences[2].tokens = {token(0, 3), token(4, 7), token(8, 11), token(12, 18)};
    sentences[2].forward.attention = {{rows(4, {0.1f, 0.2f, 0.6f, 0.1f,      //
                                                0.3f, 0.1f, 0.4f, 0.2f,      //
                                                0.25f, 0.25f, 0.25f, 0.25f,  //
                                                0.1f, 0.1f, 0.7f, 0.1f}),    //
                                       previousToken(4)}};
    return sentences;
}

bool near(double actual, double expected, double tolerance = 1e-6) {
    return std::abs(actual - expected) <= tolerance;
}

}  // namespace

class TestHeadProfile : public QObject {
    Q_OBJECT

  private slots:
    // One layer, four heads set by hand (softmax with a score of 10 on the target), T = 8,
    // non-causal: previous token, next token, first token, itself. Weight on the target:
    // e^10 / (e^10 + 7) = 0.99968.
    void handSetHeadsScoreCloseToOne() {
        const int T = 8;
        Forward forward;
        forward.attention = {{headAttending(T, 10, [](int i) { return std::max(i - 1, 0); }),
                              headAttending(T, 10, [T](int i) { return std::min(i + 1, T - 1); }),
                              headAttending(T, 10, [](int) { return 0; }),
                              headAttending(T, 10, [](int i) { return i; })}};
        HeadProfileAccumulator accumulator(1, 4);
        accumulator.addPositional(forward);
        accumulator.addPositional(forward);  // two sentences pool the same rows
        const std::vector<HeadProfile> profiles = accumulator.profiles();
        QCOMPARE(profiles.size(), std::size_t(4));
        QCOMPARE(accumulator.sentenceCount(), 2);
        const double on_target = std::exp(10.0) / (std::exp(10.0) + 7.0);
        QVERIFY(near(profiles[0].prev, on_target, 1e-5));
        QVERIFY(near(profiles[1].next, on_target, 1e-5));
        QVERIFY(near(profiles[2].first, on_target, 1e-5));
        QVERIFY(near(profiles[3].self, on_target, 1e-5));
        // Rows 0 and 1 of the previous-token head both land on token 0: first = 2/8.
        QVERIFY(profiles[0].prev > 0.99 && profiles[0].next < 0.01 && profiles[0].first < 0.26);
        QVERIFY(profiles[1].next > 0.99 && profiles[1].prev < 0.01 && profiles[1].self < 0.2);
        QVERIFY(profiles[2].first > 0.99 && profiles[2].next < 0.2 && profiles[2].self < 0.2);
        QVERIFY(profiles[3].self > 0.99 && profiles[3].prev < 0.01 && profiles[3].next < 0.01);
        for (const HeadProfile& profile : profiles) {
            QCOMPARE(profile.layer, 0);
            QVERIFY(profile.entropy < 0.01);
        }
        QCOMPARE(profiles[3].head, 3);
        // The self head's rows put ~1 at distance 0: mean distance near 0; the first head's
        // row i puts ~1 at distance i: mean (0 + 1 + ... + 7) / 8 = 3.5.
        QVERIFY(profiles[3].mean_distance < 0.01);
        QVERIFY(near(profiles[2].mean_distance, 3.5, 0.01));
    }

    // A uniform causal head: row i spreads 1/(i+1) over 0..i. T = 4, worked out by hand:
    //   prev  = mean over i=1..3 of 1/(i+1) = (1/2 + 1/3 + 1/4) / 3 = 13/36
    //   next  = 0 (causal)                  self = first = (1 + 1/2 + 1/3 + 1/4) / 4 = 25/48
    //   entropy = (ln 1 + ln 2 + ln 3 + ln 4) / 4 = ln(24) / 4
    //   mean_distance = (0 + 1/2 + (2+1)/3 + (3+2+1)/4) / 4 = (0 + 0.5 + 1 + 1.5) / 4 = 0.75
    void uniformCausalHeadMatchesHandValues() {
        Matrix attention = Matrix::Zero(4, 4);
        for (int i = 0; i < 4; ++i) {
            attention.row(i).head(i + 1).setConstant(1.0f / (i + 1));
        }
        Forward forward;
        forward.attention = {{attention}};
        HeadProfileAccumulator accumulator(1, 1);
        accumulator.addPositional(forward);
        const HeadProfile profile = accumulator.profiles()[0];
        QVERIFY(near(profile.prev, 13.0 / 36));
        QVERIFY(near(profile.next, 0));
        QVERIFY(near(profile.self, 25.0 / 48));
        QVERIFY(near(profile.first, 25.0 / 48));
        QVERIFY(near(profile.entropy, std::log(24.0) / 4));
        QVERIFY(near(profile.mean_distance, 0.75));
    }

    // Relation scores on the fixture, by hand (word-level rows, argmax over the other words;
    // "-" a tie, which is a miss):
    //
    // Head 0, sentence 1 (the | ca t | sat):
    //   the: the 0.1, cat 0.3+0.3=0.6, sat 0.3          -> cat
    //   cat: mean(ca, t): the (0.5+0.1)/2=0.3, cat (0.2+0.4)/2=0.3, sat (0.3+0.5)/2=0.4 -> sat
    //   sat: the 0.6, cat 0.2+0.1=0.3, sat 0.1          -> the
    // Head 0, sentence 2 ([S] a dog ran home; the [S] column is no word):
    //   a -> dog (0.3), dog -> a (0.3 vs 0.2, 0.2), ran -> dog (0.5),
    //   home -> ran (0.3; itself 0.3 excluded)
    // Head 0, sentence 3: the -> dog (0.6), big -> dog (0.4), dog -> - (0.25 x 3), barked -> dog
    //
    //   det   (the->cat, a->dog, the->dog): dep->head 3/3; head->dep cat->sat no, dog->a yes,
    //         dog->- no: 1/3.                              det   = 1.0 dep->head
    //   nsubj (cat->sat, dog->ran, dog->barked): dep->head yes, no (a), no (-): 1/3;
    //         head->dep sat->the no, ran->dog yes, barked->dog yes: 2/3. nsubj = 2/3 head->dep
    //   amod  (big->dog): dep->head 1/1, head->dep 0/1.       amod  = 1.0 dep->head
    //   obl, obl:npmod (home->ran): dep->head 1/1; head->dep ran->dog 0/1.  = 1.0 dep->head
    //
    // Head 1 (previous token; a row that only sees itself or [S] is a tie, a miss):
    //   s1: the -> -, cat -> mean(ca->the, t->ca) = the 0.5, cat 0.5 -> the, sat -> cat
    //   s2: a -> - ([S] only), dog -> a, ran -> dog, home -> ran
    //   s3: the -> -, big -> the, dog -> big, barked -> dog
    //   det:   dep->head 0/3; head->dep cat->the yes, dog->a yes, dog->big no: 2/3 head->dep
    //   nsubj: dep->head 0/3; head->dep sat->cat, ran->dog, barked->dog: 3/3 head->dep
    //   amod:  dep->head big->the no; head->dep dog->big yes: 1.0 head->dep
    //   obl:   dep->head home->ran yes: 1.0 dep->head; head->dep ran->dog no
    // Dependents whose head lies to the right can never be found by this causal-like head, and
    // still count (det dep->head 0/3 over 3 arcs).
    void relationScoresMatchHandValues() {
        auto sentences = parseConllu(kFixture, "fixture.conllu");
        QCOMPARE(sentences.size(), std::size_t(3));
        QCOMPARE(sentences[2].text, std::string("the big dog barked"));
        auto forwards = fixtureForwards();
        HeadProfileAccumulator accumulator(1, 2);
        RelationBaselineAccumulator baselines;
        for (std::size_t s = 0; s < sentences.size(); ++s) {
            const WordAlignment alignment = alignTokensToWords(forwards[s].tokens, sentences[s]);
            accumulator.add(forwards[s].forward, sentences[s], alignment);
            baselines.add(sentences[s], alignment);
        }
        const std::vector<HeadProfile> profiles = accumulator.profiles();
        const HeadProfile& head0 = profiles[0];
        const HeadProfile& head1 = profiles[1];

        auto check = [](const HeadProfile& profile, const char* relation, double score,
                        RelationDirection direction, double dep_to_head, double head_to_dep,
                        int arcs) {
            auto found = profile.relations.find(relation);
            QVERIFY2(found != profile.relations.end(), relation);
            const RelationScore& actual = found->second;
            QVERIFY2(near(actual.score, score), relation);
            QVERIFY2(actual.direction == direction, relation);
            QVERIFY2(near(actual.dependent_to_head, dep_to_head), relation);
            QVERIFY2(near(actual.head_to_dependent, head_to_dep), relation);
            QCOMPARE(actual.arcs, arcs);
        };
        const auto DepHead = RelationDirection::DependentToHead;
        const auto HeadDep = RelationDirection::HeadToDependent;
        check(head0, "det", 1.0, DepHead, 1.0, 1.0 / 3, 3);
        check(head0, "nsubj", 2.0 / 3, HeadDep, 1.0 / 3, 2.0 / 3, 3);
        check(head0, "amod", 1.0, DepHead, 1.0, 0.0, 1);
        check(head0, "obl", 1.0, DepHead, 1.0, 0.0, 1);
        check(head0, "obl:npmod", 1.0, DepHead, 1.0, 0.0, 1);
        check(head1, "det", 2.0 / 3, HeadDep, 0.0, 2.0 / 3, 3);
        check(head1, "nsubj", 1.0, HeadDep, 0.0, 1.0, 3);
        check(head1, "amod", 1.0, HeadDep, 0.0, 1.0, 1);
        check(head1, "obl", 1.0, DepHead, 1.0, 0.0, 1);
        QVERIFY(head0.relations.count("root") == 0);
        QCOMPARE(std::string(directionName(HeadDep)), std::string("head->dep"));

        // Head 1's positional measures over the 4 + 5 + 4 = 13 rows: prev 1 on each of the 10
        // rows i >= 1; self only on the 3 rows 0; first on rows 0 and 1: 6/13; distance 10/13.
        QVERIFY(near(head1.prev, 1.0));
        QVERIFY(near(head1.next, 0.0));
        QVERIFY(near(head1.self, 3.0 / 13));
        QVERIFY(near(head1.first, 6.0 / 13));
        QVERIFY(near(head1.entropy, 0.0));
        QVERIFY(near(head1.mean_distance, 10.0 / 13));
        // Head 0's prev: (0.5 + 0.2 + 0.1) + (0.4 + 0.3 + 0.5 + 0.3) + (0.3 + 0.25 + 0.7) over 10.
        QVERIFY(near(head0.prev, 3.55 / 10));

        // Baselines: det offsets +1, +1, +2 -> best +1, 2/3; nsubj +1 x3 -> 1.0;
        // obl and obl:npmod -1 -> 1.0 at offset -1; amod +1 -> 1.0.
        const RelationBaselines table = baselines.baselines();
        QVERIFY(near(table.at("det").score, 2.0 / 3));
        QCOMPARE(table.at("det").offset, 1);
        QCOMPARE(table.at("det").arcs, 3);
        QVERIFY(near(table.at("nsubj").score, 1.0));
        QCOMPARE(table.at("obl").offset, -1);
        QVERIFY(near(table.at("obl:npmod").score, 1.0));
        QVERIFY(near(table.at("amod").score, 1.0));
        QVERIFY(table.count("root") == 0);
    }

    // Splitting the work over two accumulators and merging gives the same profiles.
    void mergeEqualsOneAccumulator() {
        auto sentences = parseConllu(kFixture, "fixture.conllu");
        auto forwards = fixtureForwards();
        HeadProfileAccumulator whole(1, 2), first(1, 2), second(1, 2);
        for (std::size_t s = 0; s < 3; ++s) {
            const WordAlignment alignment = alignTokensToWords(forwards[s].tokens, sentences[s]);
            whole.add(forwards[s].forward, sentences[s], alignment);
            (s == 0 ? first : second).add(forwards[s].forward, sentences[s], alignment);
        }
        first.merge(second);
        const auto a = whole.profiles();
        const auto b = first.profiles();
        for (int h = 0; h < 2; ++h) {
            QVERIFY(near(a[h].prev, b[h].prev));
            QVERIFY(near(a[h].entropy, b[h].entropy));
            QCOMPARE(a[h].relations.size(), b[h].relations.size());
            for (const auto& [name, score] : a[h].relations) {
                QVERIFY(near(score.score, b[h].relations.at(name).score));
                QCOMPARE(score.arcs, b[h].relations.at(name).arcs);
            }
        }
    }

    // Words without tokens (cut off at the context) drop their arcs from scores and baselines.
    void wordsWithoutTokensAreSkipped() {
        auto sentences = parseConllu(kFixture, "fixture.conllu");
        // Sentence 3 cut after "big": "dog" and "barked" have no tokens.
        const std::vector<Token> tokens = {token(0, 3), token(4, 7)};
        Forward forward;
        forward.attention = {{rows(2, {1.0f, 0.0f, 0.3f, 0.7f}), previousToken(2)}};
        const WordAlignment alignment = alignTokensToWords(tokens, sentences[2]);
        HeadProfileAccumulator accumulator(1, 2);
        accumulator.add(forward, sentences[2], alignment);
        RelationBaselineAccumulator baselines;
        baselines.add(sentences[2], alignment);
        QVERIFY(accumulator.profiles()[0].relations.empty());
        QVERIFY(baselines.baselines().empty());
    }

    void mismatchedShapesThrow() {
        HeadProfileAccumulator accumulator(2, 2);
        Forward forward;
        forward.attention = {{previousToken(3)}};
        QVERIFY_THROWS_EXCEPTION(AtlasError, accumulator.addPositional(forward));
    }
};

QTEST_GUILESS_MAIN(TestHeadProfile)
#include "test_head_profile.moc"
