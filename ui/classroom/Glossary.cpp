// Reading glossary.json and linking terms in running text.
#include "classroom/Glossary.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include "classroom/ClassroomData.h"

namespace atlas::ui {

std::vector<GlossaryEntry> glossaryEntries(const QString& language) {
    const QString key = language == QLatin1String("zh_CN") ? language : QStringLiteral("en");
    std::vector<GlossaryEntry> entries;
    for (const QJsonValue value :
         readClassroomData(QStringLiteral("glossary.json"))["terms"].toArray()) {
        const QJsonObject json = value.toObject();
        const QJsonObject words = json.value(key).toObject();
        GlossaryEntry entry;
        entry.id = json.value("id").toString();
        entry.term = words.value("term").toString();
        entry.text = words.value("text").toString();
        entry.picture = json.value("picture").toString();
        entries.push_back(entry);
    }
    return entries;
}

GlossaryEntry glossaryEntry(const QString& id, const QString& language) {
    for (const GlossaryEntry& entry : glossaryEntries(language)) {
        if (entry.id == id) {
            return entry;
        }
    }
    return {};
}

QString linkGlossaryTerms(const QString& text, const QString& language) {
    // Find each term's first mention; longer terms first so "Residual stream" wins over a
    // shorter term inside it, and no two links overlap.
    std::vector<GlossaryEntry> entries = glossaryEntries(language);
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto& a, const auto& b) { return a.term.size() > b.term.size(); });
    struct Link {
        qsizetype begin = 0;
        qsizetype length = 0;
        QString id;
    };
    std::vector<Link> links;
    const bool chinese = language == QLatin1String("zh_CN");
    for (const GlossaryEntry& entry : entries) {
        // English: whole words, an optional plural "s"; Chinese has no spaces between words.
        const QString pattern =
            chinese ? QRegularExpression::escape(entry.term)
                    : QStringLiteral("\\b%1s?\\b").arg(QRegularExpression::escape(entry.term));
        const QRegularExpression expression(pattern, QRegularExpression::CaseInsensitiveOption);
        for (auto match = expression.globalMatch(text); match.hasNext();) {
            const QRegularExpressionMatch found = match.next();
            const bool overlaps = std::any_of(links.begin(), links.end(), [&](const Link& link) {
                return found.capturedStart() < link.begin + link.length &&
                       link.begin < found.capturedEnd();
            });
            if (!overlaps) {
                links.push_back({found.capturedStart(), found.capturedLength(), entry.id});
                break;
            }
        }
    }
    std::sort(links.begin(), links.end(),
              [](const Link& a, const Link& b) { return a.begin < b.begin; });
    QString html;
    qsizetype at = 0;
    for (const Link& link : links) {
        html += text.mid(at, link.begin - at).toHtmlEscaped();
        html += QStringLiteral("<a href=\"glossary:%1\">%2</a>")
                    .arg(link.id, text.mid(link.begin, link.length).toHtmlEscaped());
        at = link.begin + link.length;
    }
    html += text.mid(at).toHtmlEscaped();
    return html;
}

QString glossaryIdFromLink(const QString& link) {
    return link.startsWith(QLatin1String("glossary:")) ? link.mid(9) : QString();
}

}  // namespace atlas::ui
