// vocab.json's fast reader: whatever it accepts, it reads as nlohmann's JSON document does;
// whatever is not the plain flat shape, it declines (the caller then uses the document).
#include <QTest>
#include <nlohmann/json.hpp>
#include <string>

#include "text/TokenStrings.h"
#include "text/VocabularyJson.h"

using namespace atlas;

Q_DECLARE_METATYPE(std::string)

namespace {

constexpr std::int64_t kIdLimit = 1000;

}  // namespace

class VocabularyJsonTest : public QObject {
    Q_OBJECT

  private slots:
    void acceptedTextsReadAsTheDocument_data() {
        QTest::addColumn<std::string>("json");
        QTest::newRow("empty") << std::string("{}");
        QTest::newRow("spaces") << std::string(" \t\r\n{ \"a\" : 0 ,\n\"b\":1 } \n");
        QTest::newRow("escapes") << std::string(
            "{\"\\\"\": 0, \"\\\\\": 1, \"\\/\": 2, \"\\b\\f\\n\\r\\t\": 3}");
        QTest::newRow("byte symbols")
            << std::string("{\"\\u0120the\": 7, \"\\u010a\": 8, \"é\": 9}");
        QTest::newRow("surrogate pair")
            << std::string("{\"\\ud83d\\ude00\": 0, \"\\uD83D\\uDE01\": 1}");
        QTest::newRow("raw UTF-8") << std::string("{\"\xe4\xb8\xad\xf0\x9f\x98\x80\": 5}");
        QTest::newRow("NUL escape") << std::string("{\"a\\u0000b\": 3}");
        QTest::newRow("gaps in ids") << std::string("{\"a\": 10, \"b\": 2}");
        QTest::newRow("largest id") << std::string("{\"a\": 999}");
    }
    void acceptedTextsReadAsTheDocument() {
        QFETCH(std::string, json);
        const std::optional<FlatVocabulary> flat = readFlatVocabulary(json, kIdLimit);
        QVERIFY(flat.has_value());
        const nlohmann::json document = nlohmann::json::parse(json);
        QCOMPARE(flat->entries.size(), document.size());
        std::size_t id_count = 0;
        for (const FlatVocabulary::Entry& entry : flat->entries) {
            const std::string spelling(flat->spelling(entry));
            QVERIFY2(document.contains(spelling), spelling.c_str());
            QCOMPARE(document[spelling].get<int>(), entry.id);
            id_count = std::max(id_count, static_cast<std::size_t>(entry.id) + 1);
        }
        QCOMPARE(flat->id_count, id_count);
    }

    void otherTextsAreDeclined_data() {
        QTest::addColumn<std::string>("json");
        QTest::newRow("not an object") << std::string("[1, 2]");
        QTest::newRow("no end") << std::string("{\"a\": 1,");
        QTest::newRow("trailing text") << std::string("{\"a\": 1} x");
        QTest::newRow("trailing comma") << std::string("{\"a\": 1,}");
        QTest::newRow("string id") << std::string("{\"a\": \"one\"}");
        QTest::newRow("negative id") << std::string("{\"a\": -1}");
        QTest::newRow("fraction") << std::string("{\"a\": 1.0}");
        QTest::newRow("exponent") << std::string("{\"a\": 1e2}");
        QTest::newRow("leading zero") << std::string("{\"a\": 01}");
        QTest::newRow("id too large") << std::string("{\"a\": 1000}");
        QTest::newRow("huge id") << std::string("{\"a\": 99999999999999999999999}");
        QTest::newRow("empty spelling") << std::string("{\"\": 1}");
        QTest::newRow("lone high surrogate") << std::string("{\"\\ud83d\": 1}");
        QTest::newRow("lone low surrogate") << std::string("{\"\\ude00\": 1}");
        QTest::newRow("bad escape") << std::string("{\"\\x\": 1}");
        QTest::newRow("short hex") << std::string("{\"\\u12\": 1}");
        QTest::newRow("control character") << std::string("{\"a\tb\": 1}");
        QTest::newRow("invalid UTF-8") << std::string("{\"\xff\": 1}");
        QTest::newRow("byte order mark") << std::string("\xef\xbb\xbf{\"a\": 1}");
        QTest::newRow("nested") << std::string("{\"a\": {\"b\": 1}}");
    }
    void otherTextsAreDeclined() {
        QFETCH(std::string, json);
        QVERIFY(!readFlatVocabulary(json, kIdLimit).has_value());
    }

    void tokenStringsFindWholeAndJoinedSpellings() {
        TokenStrings strings(5);
        QVERIFY(strings.setSpelling(0, "a"));
        QVERIFY(strings.setSpelling(1, "b"));
        QVERIFY(strings.setSpelling(3, "ab"));
        QVERIFY(!strings.setSpelling(2, "ab"));  // spelled by 3
        QVERIFY(!strings.setSpelling(3, "c"));   // 3 has a spelling
        QVERIFY(!strings.setSpelling(4, ""));
        QCOMPARE(strings.spelledBy("ab"), std::optional<int>(3));
        QCOMPARE(strings.spelledBy("a", "b"), std::optional<int>(3));
        QCOMPARE(strings.spelledBy("", "ab"), std::optional<int>(3));
        QCOMPARE(strings.spelledBy("b", "a"), std::nullopt);
        QCOMPARE(strings.spelledBy(""), std::nullopt);
        QCOMPARE(strings.spelling(2), std::string_view());
        strings.setBytes(3, "\xff");
        QCOMPARE(strings.display(3), std::string_view("\xff"));
        strings.setDisplay(3, "?");
        QCOMPARE(strings.bytes(3), std::string_view("\xff"));
        QCOMPARE(strings.display(3), std::string_view("?"));
        QCOMPARE(strings.spelling(3), std::string_view("ab"));
    }
};

QTEST_APPLESS_MAIN(VocabularyJsonTest)
#include "test_vocabulary_json.moc"
