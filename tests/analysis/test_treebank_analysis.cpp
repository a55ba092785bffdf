// Tests the in-process analysis the app runs: cancelling it, its progress, and the ranking of
// heads by the weight between two chosen tokens.
#include <QTemporaryDir>
#include <QTest>

#include "Error.h"
#include "TinyModelFolder.h"
#include "analysis/Conllu.h"
#include "analysis/TokenPairRanking.h"
#include "analysis/TreebankAnalysis.h"
#include "model/Model.h"

using namespace atlas;

namespace {

const char* const kTreebank =
    "# text = the cat sat\n"
    "1\tthe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n"
    "2\tcat\tcat\tNOUN\t_\t_\t3\tnsubj\t_\t_\n"
    "3\tsat\tsit\tVERB\t_\t_\t0\troot\t_\t_\n"
    "\n"
    "# text = a dog ran\n"
    "1\ta\ta\tDET\t_\t_\t2\tdet\t_\t_\n"
    "2\tdog\tdog\tNOUN\t_\t_\t3\tnsubj\t_\t_\n"
    "3\tran\trun\tVERB\t_\t_\t0\troot\t_\t_\n"
    "\n";

Matrix filled(int size, float value) {
    return Matrix::Constant(size, size, value);
}

}  // namespace

class TestTreebankAnalysis : public QObject {
    Q_OBJECT
  private slots:
    void rankingIsByWeightBetweenTheTwoTokens() {
        // Two layers of two heads over three tokens; the (2 -> 0) weights are set by hand.
        std::vector<std::vector<Matrix>> attention(2, std::vector<Matrix>(2, filled(3, 0.1f)));
        attention[0][0](2, 0) = 0.2f;
        attention[0][1](2, 0) = 0.7f;
        attention[1][0](2, 0) = 0.5f;
        attention[1][1](2, 0) = 0.2f;
        const std::vector<RankedHead> ranked = rankHeadsByPairWeight(attention, 2, 0);
        QCOMPARE(int(ranked.size()), 4);
        QCOMPARE(ranked[0].layer, 0);
        QCOMPARE(ranked[0].head, 1);
        QCOMPARE(ranked[0].weight, 0.7f);
        QCOMPARE(ranked[1].layer, 1);
        QCOMPARE(ranked[1].head, 0);
        // A tie keeps layer-then-head order.
        QCOMPARE(ranked[2].layer, 0);
        QCOMPARE(ranked[2].head, 0);
        QCOMPARE(ranked[3].layer, 1);
        QCOMPARE(ranked[3].head, 1);
        // The other direction reads the other cell.
        QCOMPARE(rankHeadsByPairWeight(attention, 0, 2)[0].weight, 0.1f);
    }

    void rankingRefusesTokensOutsideTheMaps() {
        std::vector<std::vector<Matrix>> attention(1, std::vector<Matrix>(1, filled(3, 0.3f)));
        QVERIFY_THROWS_EXCEPTION(AtlasError, rankHeadsByPairWeight(attention, 3, 0));
        QVERIFY_THROWS_EXCEPTION(AtlasError, rankHeadsByPairWeight(attention, 0, -1));
    }

    void progressReportsEverySentence() {
        QTemporaryDir dir;
        test::writeTinyModelFolder(dir.filePath("gpt").toStdString());
        const auto model = Model::load(dir.filePath("gpt").toStdString());
        const auto sentences = parseConllu(kTreebank, "fixture.conllu");
        std::vector<std::pair<int, int>> reports;
        TreebankAnalysisOptions options;
        options.induction = false;
        options.progress = [&](int done, int total) { reports.emplace_back(done, total); };
        const HeadRoleTable table = analyzeTreebank(*model, sentences, options);
        QCOMPARE(table.sentences, 2);
        QCOMPARE(reports, (std::vector<std::pair<int, int>>{{1, 2}, {2, 2}}));
    }

    void cancellingStopsBeforeTheNextSentence() {
        QTemporaryDir dir;
        test::writeTinyModelFolder(dir.filePath("gpt").toStdString());
        const auto model = Model::load(dir.filePath("gpt").toStdString());
        const auto sentences = parseConllu(kTreebank, "fixture.conllu");
        int done = 0;
        TreebankAnalysisOptions options;
        options.progress = [&](int sentencesDone, int) { done = sentencesDone; };
        options.cancelled = [&]() { return done >= 1; };
        QVERIFY_THROWS_EXCEPTION(AnalysisCancelled, analyzeTreebank(*model, sentences, options));
        QCOMPARE(done, 1);
    }
};

QTEST_GUILESS_MAIN(TestTreebankAnalysis)
#include "test_treebank_analysis.moc"
