// The glossary: the words the app uses (query, key, value, head, softmax, mask, ...), each with
// one paragraph in English and Simplified Chinese (ui/classroom/glossary.json), and the links
// that captions make to it ("glossary:softmax").
#pragma once

#include <vector>

#include <QString>

namespace atlas::ui {

struct GlossaryEntry {
    QString id;       // "softmax": the link target and the picture's name
    QString term;     // in the language asked for
    QString text;     // one paragraph
    QString picture;  // GlossaryPictures.h: "attention", "mask", ...; empty for none
};

// Every entry, in the glossary's order, in `language` ("en" or "zh_CN"; others read English).
std::vector<GlossaryEntry> glossaryEntries(const QString& language);

// The entry `id` ("query"), or an empty entry.
GlossaryEntry glossaryEntry(const QString& id, const QString& language);

// `text` as rich text (escaped), each glossary term's first mention a link "glossary:ID":
// "This head looks…" -> "This <a href=\"glossary:head\">head</a> looks…".
QString linkGlossaryTerms(const QString& text, const QString& language);

// The id a "glossary:ID" link names, or empty for any other link.
QString glossaryIdFromLink(const QString& link);

}  // namespace atlas::ui
