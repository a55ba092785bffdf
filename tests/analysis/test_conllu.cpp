// Tests the CoNLL-U reader: words, multiword tokens, empty nodes, reconstructed text, errors.
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

#include "Error.h"
#include "analysis/Conllu.h"

using namespace atlas;

namespace {

// "The dog didn't bark." with a multiword token (3-4) and an empty node (5.1).
const char* kDogSentence =
    "# newdoc id = test\n"
    "# sent_id = s1\n"
    "# text = The dog didn't bark.\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tdog\tdog\tNOUN\tNN\t_\t5\tnsubj\t_\t_\n"
    "3-4\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "3\tdid\tdo\tAUX\tVBD\t_\t5\taux\t_\t_\n"
    "4\tn't\tnot\tPART\tRB\t_\t5\tadvmod\t_\t_\n"
    "5\tbark\tbark\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5.1\tbarked\tbark\tVERB\tVB\t_\t_\t_\t5:conj\tCopyOf=5\n"
    "6\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_\n"
    "\n";

// A multiword token whose words do not spell it ("del" = "de" + "el"), and a subtyped relation.
const char* kDelSentence =
    "# sent_id = s2\n"
    "1-2\tdel\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "1\tde\tde\tADP\t_\t_\t3\tcase\t_\t_\n"
    "2\tel\tel\tDET\t_\t_\t3\tdet\t_\t_\n"
    "3\tmar\tmar\tNOUN\t_\t_\t0\troot\t_\t_\n"
    "4\tmío\tmío\tPRON\t_\t_\t3\tnmod:poss\t_\tSpaceAfter=No\n";  // no blank line at the end

}  // namespace

class TestConllu : public QObject {
    Q_OBJECT

  private slots:
    void readsWordsHeadsAndRelations() {
        auto sentences = parseConllu(kDogSentence, "dog.conllu");
        QCOMPARE(sentences.size(), std::size_t(1));
        const ConlluSentence& sentence = sentences[0];
        QCOMPARE(sentence.sent_id, std::string("s1"));
        QCOMPARE(sentence.line, 4);
        QCOMPARE(sentence.words.size(), std::size_t(6));  // 3-4 and 5.1 are not words
        QCOMPARE(sentence.words[0].form, std::string("The"));
        QCOMPARE(sentence.words[0].head, 2);
        QCOMPARE(sentence.words[0].deprel, std::string("det"));
        QCOMPARE(sentence.words[4].head, 0);
        QCOMPARE(sentence.words[5].form, std::string("."));
        QCOMPARE(sentence.words[5].line, 11);
        for (std::size_t k = 0; k < sentence.words.size(); ++k) {
            QCOMPARE(sentence.words[k].id, static_cast<int>(k + 1));
        }
    }

    void reconstructsTextAndByteSpans() {
        auto sentences = parseConllu(std::string(kDogSentence) + kDelSentence, "two.conllu");
        QCOMPARE(sentences.size(), std::size_t(2));
        const ConlluSentence& dog = sentences[0];
        QCOMPARE(dog.text, std::string("The dog didn't bark."));
        QCOMPARE(dog.text, dog.text_comment);
        // The [0,3) dog [4,7) did [8,11) n't [11,14) bark [15,19) . [19,20)
        const std::pair<std::size_t, std::size_t> spans[] = {{0, 3},   {4, 7},   {8, 11},
                                                             {11, 14}, {15, 19}, {19, 20}};
        for (std::size_t k = 0; k < 6; ++k) {
            QCOMPARE(dog.words[k].begin, spans[k].first);
            QCOMPARE(dog.words[k].end, spans[k].second);
            QCOMPARE(dog.text.substr(dog.words[k].begin, dog.words[k].end - dog.words[k].begin),
                     dog.words[k].form);
        }
        const ConlluSentence& del = sentences[1];
        QCOMPARE(del.text, std::string("del mar mío"));
        // "de" and "el" do not spell "del": both get the whole token [0,3).
        QCOMPARE(del.words[0].begin, std::size_t(0));
        QCOMPARE(del.words[0].end, std::size_t(3));
        QCOMPARE(del.words[1].begin, std::size_t(0));
        QCOMPARE(del.words[1].end, std::size_t(3));
        QCOMPARE(del.words[2].begin, std::size_t(4));
        QCOMPARE(del.words[3].begin, std::size_t(8));
        QCOMPARE(del.words[3].end, std::size_t(8 + std::string("mío").size()));
    }

    void acceptsWindowsLineEndingsAndUnannotatedHeads() {
        auto sentences = parseConllu(
            "1\tHello\t_\t_\t_\t_\t_\t_\t_\t_\r\n2\tworld\t_\t_\t_\t_\t_\t_\t_\t_\r\n\r\n", "crlf");
        QCOMPARE(sentences.size(), std::size_t(1));
        QCOMPARE(sentences[0].text, std::string("Hello world"));
        QCOMPARE(sentences[0].words[1].form, std::string("world"));
        QCOMPARE(sentences[0].words[1].head, -1);
        QVERIFY(relationNames(sentences[0].words[1]).empty());
    }

    void relationNamesKeepSubtypes() {
        auto sentences = parseConllu(kDelSentence, "del");
        const auto& words = sentences[0].words;
        QCOMPARE(relationNames(words[0]), std::vector<std::string>{"case"});
        QVERIFY(relationNames(words[2]).empty());  // root has no head word
        QCOMPARE(relationNames(words[3]), (std::vector<std::string>{"nmod", "nmod:poss"}));
    }

    void malformedLinesNameTheLine_data() {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("expected");
        const QString good = "1\tA\t_\t_\t_\t_\t0\troot\t_\t_\n";
        QTest::addRow("nine columns") << good + "2\tB\t_\t_\t_\t_\t1\tdep\t_\n"
                                      << "bad.conllu:2: expected 10 tab-separated columns, found 9";
        QTest::addRow("spaces, not tabs") << "# c\n1 A _ _ _ _ 0 root _ _\n"
                                          << "bad.conllu:2: expected 10";
        QTest::addRow("id not a number") << good + "x\tB\t_\t_\t_\t_\t1\tdep\t_\t_\n"
                                         << "bad.conllu:2: ID 'x' is not a positive integer";
        QTest::addRow("id out of sequence")
            << good + "3\tB\t_\t_\t_\t_\t1\tdep\t_\t_\n"
            << "bad.conllu:2: word ID 3 out of sequence, expected 2";
        QTest::addRow("bad range") << good + "2-x\tBC\t_\t_\t_\t_\t_\t_\t_\t_\n"
                                   << "bad.conllu:2: ID '2-x' is not a valid range";
        QTest::addRow("bad empty node") << good + "1.x\tB\t_\t_\t_\t_\t_\t_\t_\t_\n"
                                        << "bad.conllu:2: ID '1.x' is not a valid empty-node ID";
        QTest::addRow("empty form") << good + "2\t\t_\t_\t_\t_\t1\tdep\t_\t_\n"
                                    << "bad.conllu:2: FORM is empty";
        QTest::addRow("head not a number") << good + "2\tB\t_\t_\t_\t_\tone\tdep\t_\t_\n"
                                           << "bad.conllu:2: HEAD 'one' is not a word ID or 0";
        QTest::addRow("head outside")
            << good + "2\tB\t_\t_\t_\t_\t7\tdep\t_\t_\n\n"
            << "bad.conllu:2: HEAD 7 points outside the sentence of 2 words";
        QTest::addRow("head is itself") << good + "2\tB\t_\t_\t_\t_\t2\tdep\t_\t_\n"
                                        << "bad.conllu:2: HEAD 2 is the word itself";
        QTest::addRow("deprel missing") << good + "2\tB\t_\t_\t_\t_\t1\t_\t_\t_\n"
                                        << "bad.conllu:2: DEPREL missing";
        QTest::addRow("deprel only a subtype") << good + "2\tB\t_\t_\t_\t_\t1\t:poss\t_\t_\n"
                                               << "bad.conllu:2: DEPREL ':poss'";
        QTest::addRow("deprel ends in a colon") << good + "2\tB\t_\t_\t_\t_\t1\tnmod:\t_\t_\n"
                                                << "bad.conllu:2: DEPREL 'nmod:'";
        QTest::addRow("range without words")
            << good + "2-3\tBC\t_\t_\t_\t_\t_\t_\t_\t_\n2\tB\t_\t_\t_\t_\t1\tdep\t_\t_\n\n"
            << "bad.conllu:2: multiword token 2-3 is not followed by all of its words";
        QTest::addRow("range not at next word")
            << good + "3-4\tBC\t_\t_\t_\t_\t_\t_\t_\t_\n"
            << "bad.conllu:2: multiword token range 3-4 does not start at the next word ID 2";
        QTest::addRow("error in second sentence")
            << good + "\n# sent_id = 2\n1\tA\t_\t_\t_\t_\t0\troot\t_\t_\n2\tB\t_\t_\t_\t_\t0\n"
            << "bad.conllu:5: expected 10 tab-separated columns, found 7";
    }

    void malformedLinesNameTheLine() {
        QFETCH(QString, content);
        QFETCH(QString, expected);
        try {
            parseConllu(content.toStdString(), "bad.conllu");
            QFAIL("no error thrown");
        } catch (const AtlasError& error) {
            const QString message = QString::fromStdString(error.what());
            QVERIFY2(message.startsWith(expected), qPrintable(message));
        }
    }

    void unreadableFileNamesThePath() {
        QTemporaryDir folder;
        const std::filesystem::path missing =
            std::filesystem::path(folder.path().toStdString()) / "missing.conllu";
        try {
            readConllu(missing);
            QFAIL("no error thrown");
        } catch (const AtlasError& error) {
            QVERIFY(std::string(error.what()).find("missing.conllu") != std::string::npos);
        }
        QVERIFY_THROWS_EXCEPTION(AtlasError, readConllu(folder.path().toStdString()));
    }

    void readsAFile() {
        QTemporaryDir folder;
        const std::filesystem::path path =
            std::filesystem::path(folder.path().toStdString()) / "dog.conllu";
        std::ofstream(path, std::ios::binary) << kDogSentence << kDelSentence;
        auto sentences = readConllu(path);
        QCOMPARE(sentences.size(), std::size_t(2));
        QCOMPARE(sentences[1].words.size(), std::size_t(4));
        QVERIFY(parseConllu("", "empty").empty());
        QVERIFY(parseConllu("# only a comment\n\n\n", "comments").empty());
    }

    // The UD English dev set: every sentence's text rebuilt from the forms matches "# text =".
    void devSetTextMatchesItsComments() {
        const std::filesystem::path path =
            std::filesystem::path(ATLAS_SHARED_DIR) / "data/ud/en_ewt-ud-dev.conllu";
        if (!std::filesystem::exists(path)) {
            QSKIP("the UD dev set is not present");
        }
        auto sentences = readConllu(path);
        QCOMPARE(sentences.size(), std::size_t(2001));
        int mismatches = 0;
        for (const ConlluSentence& sentence : sentences) {
            if (sentence.text != sentence.text_comment) {
                if (++mismatches <= 3) {
                    qWarning("line %d: '%s' vs '%s'", sentence.line, sentence.text.c_str(),
                             sentence.text_comment.c_str());
                }
            }
            for (const ConlluWord& word : sentence.words) {
                QVERIFY(word.end <= sentence.text.size());
                QVERIFY(word.begin < word.end);
            }
        }
        QCOMPARE(mismatches, 0);
    }
};

QTEST_GUILESS_MAIN(TestConllu)
#include "test_conllu.moc"
