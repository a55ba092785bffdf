// Tests of UTF-8 decoding, the character classes, GPT-2's byte alphabet and its pre-tokenizer.
#include <QTest>
#include <string>
#include <vector>

#include "text/ByteLevelAlphabet.h"
#include "text/Gpt2PreTokenizer.h"
#include "text/Utf8.h"

using namespace atlas;

Q_DECLARE_METATYPE(std::string)
Q_DECLARE_METATYPE(std::vector<std::string>)

class Utf8Test : public QObject {
    Q_OBJECT

  private slots:
    void decodesWithByteOffsets() {
        // "aé中😀": 1 + 2 + 3 + 4 bytes.
        const std::string text = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80";
        const auto decoded = utf8::decode(text);
        QCOMPARE(decoded.size(), std::size_t(4));
        const char32_t expected[] = {U'a', U'\u00E9', U'\u4E2D', U'\U0001F600'};
        const std::size_t begins[] = {0, 1, 3, 6};
        for (std::size_t i = 0; i < 4; ++i) {
            QCOMPARE(decoded[i].code_point, expected[i]);
            QCOMPARE(decoded[i].begin, begins[i]);
            QVERIFY(decoded[i].valid);
        }
        QCOMPARE(decoded.back().end, text.size());
        QCOMPARE(utf8::encode(U"a\u00E9\u4E2D\U0001F600"), text);
    }

    void invalidBytesAreOneReplacementEach_data() {
        QTest::addColumn<std::string>("text");
        QTest::addColumn<int>("replacements");
        QTest::addRow("lone continuation") << std::string("a\x80z") << 1;
        QTest::addRow("overlong slash") << std::string("\xC0\xAF") << 2;
        QTest::addRow("surrogate") << std::string("\xED\xA0\x80") << 3;
        QTest::addRow("truncated emoji") << std::string("\xF0\x9F\x98") << 3;
        QTest::addRow("beyond U+10FFFF") << std::string("\xF4\x90\x80\x80") << 4;
        QTest::addRow("F5 and FF") << std::string("\xF5\xFF") << 2;
        QTest::addRow("cut by ASCII") << std::string(
                                             "\xE4\xB8"
                                             "a")
                                      << 2;
    }
    void invalidBytesAreOneReplacementEach() {
        QFETCH(std::string, text);
        QFETCH(int, replacements);
        const auto decoded = utf8::decode(text);
        int seen = 0;
        std::size_t expected_begin = 0;
        for (const auto& c : decoded) {
            QCOMPARE(c.begin, expected_begin);
            expected_begin = c.end;
            if (!c.valid) {
                QCOMPARE(c.code_point, utf8::kReplacementCharacter);
                QCOMPARE(c.end - c.begin, std::size_t(1));
                ++seen;
            }
        }
        QCOMPARE(expected_begin, text.size());
        QCOMPARE(seen, replacements);
        QVERIFY(!utf8::isValid(text));
        QVERIFY(utf8::isValid(utf8::sanitize(text)));
    }

    void characterClasses() {
        for (char32_t c : {U'a', U'Z', U'\u00E9', U'\u03A9', U'\u0416', U'\u4E2D', U'\u0627',
                           U'\u05D0', U'\u0915', U'\uD55C', U'\u30AB', U'\u3042'}) {
            QVERIFY2(unicode::isLetter(c), qPrintable(QString::number(c, 16)));
            QVERIFY(!unicode::isNumber(c));
        }
        for (char32_t c : {U'7', U'\u0663', U'\u00BD', U'\u216B', U'\u0967'}) {
            QVERIFY2(unicode::isNumber(c), qPrintable(QString::number(c, 16)));
            QVERIFY(!unicode::isLetter(c));
        }
        for (char32_t c : {U'\U0001F600', U'\u20AC', U'\u2764', U'!', U'\u0301', U'\u093F'}) {
            QVERIFY2(!unicode::isLetter(c) && !unicode::isNumber(c) && !unicode::isWhitespace(c),
                     qPrintable(QString::number(c, 16)));
        }
        for (char32_t c : {U' ', U'\t', U'\n', U'\v', U'\f', U'\r', U'\u00A0', U'\u3000', U'\u2003',
                           U'\u2028'}) {
            QVERIFY2(unicode::isWhitespace(c), qPrintable(QString::number(c, 16)));
        }
        QVERIFY(!unicode::isWhitespace(U'\u200B'));  // zero-width space is Cf, not White_Space

        QVERIFY(unicode::isBertPunctuation(U'$') && unicode::isBertPunctuation(U'~'));
        QVERIFY(unicode::isBertPunctuation(U'\u3002') && unicode::isBertPunctuation(U'\u00BF'));
        QVERIFY(!unicode::isBertPunctuation(U'\U0001F600') && !unicode::isBertPunctuation(U'a'));
        QVERIFY(unicode::isBertControl(U'\u0007') && unicode::isBertControl(U'\u200B'));
        QVERIFY(!unicode::isBertControl(U'\t') && !unicode::isBertControl(U'\n'));
        QVERIFY(unicode::isCjkIdeograph(U'\u4E2D') && !unicode::isCjkIdeograph(U'\u30AB'));
        QVERIFY(!unicode::isCjkIdeograph(U'\uD55C'));
    }

    void lowerCaseAndAccents() {
        QCOMPARE(unicode::toLower(U'A'), U'a');
        QCOMPARE(unicode::toLower(U'\u00C4'), U'\u00E4');
        QCOMPARE(unicode::toLower(U'\u0100'), U'\u0101');
        QCOMPARE(unicode::toLower(U'\u0101'), U'\u0101');
        QCOMPARE(unicode::toLower(U'\u03A9'), U'\u03C9');
        QCOMPARE(unicode::toLower(U'\u0416'), U'\u0436');
        QCOMPARE(unicode::toLower(U'\u4E2D'), U'\u4E2D');
        const auto stripped = [](std::u32string_view text) {
            std::u32string out;
            for (char32_t c : text) {
                unicode::appendStrippedOfAccents(c, out);
            }
            return out;
        };
        QVERIFY(stripped(U"caf\u00E9 na\u00EFve \u00C5ngstr\u00F6m") == U"cafe naive Angstrom");
        QVERIFY(stripped(U"\u0151\u0107\u1EC7") == U"oce");  // ő ć ệ
        QVERIFY(stripped(U"e\u0301") == U"e");
        QVERIFY(stripped(U"\u00DF\u00F8") == U"\u00DF\u00F8");  // ß and ø do not decompose
        QVERIFY(stripped(U"\u03AC") == U"\u03B1");              // ά -> α
        QVERIFY(stripped(U"\u0439") == U"\u0438");              // й -> и, as NFD does
        QVERIFY(stripped(U"\uD55C") == U"\u1112\u1161\u11AB");  // 한 -> its jamo
    }

    void byteAlphabet() {
        QCOMPARE(byte_level::symbolOf(' '), U'\u0120');
        QCOMPARE(byte_level::symbolOf('\n'), U'\u010A');
        QCOMPARE(byte_level::symbolOf('A'), U'A');
        QCOMPARE(byte_level::symbolOf(0xAD), U'\u0143');
        QCOMPARE(byte_level::gpt2ByteOrder()[0], std::uint8_t('!'));
        QCOMPARE(byte_level::gpt2ByteOrder()[255], std::uint8_t(0xAD));
        for (int byte = 0; byte < 256; ++byte) {
            QCOMPARE(byte_level::byteOf(byte_level::symbolOf(std::uint8_t(byte))),
                     std::optional<std::uint8_t>(std::uint8_t(byte)));
        }
        std::string all_bytes;
        for (int byte = 0; byte < 256; ++byte) {
            all_bytes.push_back(static_cast<char>(byte));
        }
        QCOMPARE(byte_level::fromSymbols(byte_level::toSymbols(all_bytes)).value(), all_bytes);
        QVERIFY(!byte_level::fromSymbols(" ").has_value());  // space is not a symbol: 'Ġ' is
    }

    // Expected pieces checked against JavaScript's engine with GPT-2's pattern (node, /gu).
    void gpt2PreTokenizer_data() {
        QTest::addColumn<std::string>("text");
        QTest::addColumn<std::vector<std::string>>("pieces");
        using Pieces = std::vector<std::string>;
        QTest::addRow("words") << std::string("Hello world") << Pieces{"Hello", " world"};
        QTest::addRow("contraction") << std::string("I'm here") << Pieces{"I", "'m", " here"};
        QTest::addRow("n't") << std::string("don't") << Pieces{"don", "'t"};
        QTest::addRow("'ll and ' re")
            << std::string("you'll  're") << Pieces{"you", "'ll", " ", " '", "re"};
        QTest::addRow("upper 'S") << std::string("'S") << Pieces{"'", "S"};
        QTest::addRow("two spaces") << std::string("a  b") << Pieces{"a", " ", " b"};
        QTest::addRow("newlines") << std::string("a\n\nb") << Pieces{"a", "\n", "\n", "b"};
        QTest::addRow("trailing spaces") << std::string("end   ") << Pieces{"end", "   "};
        QTest::addRow("only spaces") << std::string("  ") << Pieces{"  "};
        QTest::addRow("tab then space")
            << std::string("hi\t there") << Pieces{"hi", "\t", " there"};
        QTest::addRow("punctuation run") << std::string("x !!?") << Pieces{"x", " !!?"};
        QTest::addRow("number") << std::string("12,345.67") << Pieces{"12", ",", "345", ".", "67"};
        QTest::addRow("other numbers")
            << std::string("\u216B\u00BD\u0663 42") << Pieces{"\u216B\u00BD\u0663", " 42"};
        QTest::addRow("accent") << std::string("caf\u00E9") << Pieces{"caf\u00E9"};
        QTest::addRow("combining mark") << std::string("e\u0301t") << Pieces{"e", "\u0301", "t"};
        QTest::addRow("emoji") << std::string(" \U0001F600\U0001F600")
                               << Pieces{" \U0001F600\U0001F600"};
        QTest::addRow("ideographic spaces")
            << std::string("x\u3000\u3000y") << Pieces{"x", "\u3000", "\u3000", "y"};
        QTest::addRow("empty") << std::string() << Pieces{};
        QTest::addRow("invalid byte") << std::string(
                                             "ab\xFF"
                                             "cd")
                                      << Pieces{"ab", "\xFF", "cd"};
        QTest::addRow("space then invalid") << std::string("a \xC3") << Pieces{"a", " \xC3"};
    }
    void gpt2PreTokenizer() {
        QFETCH(std::string, text);
        QFETCH(std::vector<std::string>, pieces);
        std::vector<std::string> got;
        for (const ByteRange& range : splitGpt2Words(text)) {
            got.push_back(text.substr(range.begin, range.end - range.begin));
        }
        QCOMPARE(got, pieces);
    }
};

QTEST_APPLESS_MAIN(Utf8Test)
#include "test_utf8.moc"
