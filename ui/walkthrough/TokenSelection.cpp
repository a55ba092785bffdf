// Parsing token lists and ranges.
#include "walkthrough/TokenSelection.h"

#include <algorithm>

#include <QCoreApplication>
#include <QStringList>

namespace atlas::ui {

namespace {

// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct TokenSelectionText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::TokenSelection)
};

std::optional<int> tokenIndex(const QString& text) {
    bool ok = false;
    const int value = text.trimmed().toInt(&ok);
    if (!ok || value < 0 || text.trimmed().startsWith(QLatin1Char('+'))) {
        return std::nullopt;
    }
    return value;
}

}  // namespace

std::optional<std::vector<int>> parseTokenIndices(const QString& text, int tokenCount,
                                                  const QString& option, QString* error) {
    auto fail = [&](const QString& message) -> std::optional<std::vector<int>> {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    std::vector<int> indices;
    QString normalized = text;
    normalized.replace(QChar(0x2013), QLatin1Char('-'));  // "0–12" as the figures print it
    if (normalized.trimmed().isEmpty()) {
        return indices;
    }
    for (const QString& part : normalized.split(QLatin1Char(','))) {
        if (part.trimmed().isEmpty()) {
            return fail(TokenSelectionText::tr("%1: an empty item in '%2' (write e.g. 8 or 0-12 "
                                               "or 1,3,5-8)")
                            .arg(option, text));
        }
        const QStringList ends = part.split(QLatin1Char('-'));
        if (ends.size() > 2) {
            return fail(TokenSelectionText::tr("%1: '%2' is not a token index or a range such "
                                               "as 0-12")
                            .arg(option, part.trimmed()));
        }
        const std::optional<int> first = tokenIndex(ends.first());
        const std::optional<int> last = tokenIndex(ends.last());
        if (!first || !last) {
            return fail(TokenSelectionText::tr("%1: '%2' is not a token index or a range such "
                                               "as 0-12")
                            .arg(option, part.trimmed()));
        }
        if (*last < *first) {
            return fail(TokenSelectionText::tr("%1: the range '%2' runs backwards")
                            .arg(option, part.trimmed()));
        }
        if (tokenCount >= 0 && *last >= tokenCount) {
            return fail(TokenSelectionText::tr("%1: token %2 is out of range: the text has "
                                               "tokens 0-%3")
                            .arg(option)
                            .arg(*last)
                            .arg(tokenCount - 1));
        }
        if (*last - *first > 100000) {
            return fail(TokenSelectionText::tr("%1: the range '%2' is too long")
                            .arg(option, part.trimmed()));
        }
        for (int i = *first; i <= *last; ++i) {
            indices.push_back(i);
        }
    }
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    return indices;
}

QString tokenIndicesText(const std::vector<int>& indices) {
    QStringList parts;
    for (std::size_t i = 0; i < indices.size();) {
        std::size_t j = i;
        while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1) {
            ++j;
        }
        parts << (j == i ? QString::number(indices[i])
                         : QStringLiteral("%1–%2").arg(indices[i]).arg(indices[j]));
        i = j + 1;
    }
    return parts.join(QStringLiteral(", "));
}

}  // namespace atlas::ui
