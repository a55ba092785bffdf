// Checks every tokenizer suite applies to encode's output: spans in order and inside the text.
#pragma once

#include <QTest>
#include <string>
#include <string_view>
#include <vector>

#include "text/Token.h"
#include "text/Utf8.h"

namespace atlas::test {

// Spans lie inside the text, in order, without overlap. Returns false (after QVERIFY's message)
// on the first violation; use as `if (!checkSpansOrdered(...)) return;`.
inline bool checkSpansOrdered(const std::vector<Token>& tokens, std::string_view text) {
    std::size_t previous_end = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        const QByteArray where = "token " + QByteArray::number(qulonglong(i)) + " [" +
                                 QByteArray::number(qulonglong(token.begin)) + ", " +
                                 QByteArray::number(qulonglong(token.end)) + ")";
        if (token.begin > token.end || token.end > text.size() || token.begin < previous_end) {
            QTest::qFail(where.constData(), __FILE__, __LINE__);
            return false;
        }
        previous_end = token.end;
    }
    return true;
}

// Byte-level tokens tile the text: consecutive spans, the first at 0, the last at the end, and
// each token's display text is its bytes with invalid UTF-8 shown as U+FFFD.
inline bool checkSpansTile(const std::vector<Token>& tokens, std::string_view text) {
    std::size_t expected_begin = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token& token = tokens[i];
        const QByteArray where = "token " + QByteArray::number(qulonglong(i)) + " [" +
                                 QByteArray::number(qulonglong(token.begin)) + ", " +
                                 QByteArray::number(qulonglong(token.end)) + ") of text size " +
                                 QByteArray::number(qulonglong(text.size()));
        if (token.begin != expected_begin || token.end <= token.begin || token.end > text.size()) {
            QTest::qFail(("spans do not tile the text at " + where).constData(), __FILE__,
                         __LINE__);
            return false;
        }
        if (!token.special &&
            token.text != utf8::sanitize(text.substr(token.begin, token.end - token.begin))) {
            QTest::qFail(("display text differs from the span's bytes at " + where).constData(),
                         __FILE__, __LINE__);
            return false;
        }
        expected_begin = token.end;
    }
    if (expected_begin != text.size()) {
        QTest::qFail("spans stop before the end of the text", __FILE__, __LINE__);
        return false;
    }
    return true;
}

inline std::vector<int> idsOf(const std::vector<Token>& tokens) {
    std::vector<int> ids;
    for (const Token& token : tokens) {
        ids.push_back(token.id);
    }
    return ids;
}

}  // namespace atlas::test
