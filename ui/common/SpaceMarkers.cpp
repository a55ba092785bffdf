// Only the marks that occur are explained, so a sentence without them gets no legend.
#include "common/SpaceMarkers.h"

#include <QCoreApplication>

namespace atlas::ui {

namespace {

// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct SpaceMarkersText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::SpaceMarkers)
};

bool anyContains(const QStringList& texts, QChar mark) {
    for (const QString& text : texts) {
        if (text.contains(mark)) {
            return true;
        }
    }
    return false;
}

}  // namespace

QString spaceMarkerLegend(const QStringList& texts) {
    QStringList parts;
    if (anyContains(texts, QChar(0x00B7))) {
        parts << SpaceMarkersText::tr("· = a space before the word");
    }
    if (anyContains(texts, QChar(0x2423))) {
        parts << SpaceMarkersText::tr("␣ = a token that is only a space");
    }
    if (anyContains(texts, QChar(0x23CE))) {
        parts << SpaceMarkersText::tr("⏎ = a line break");
    }
    return parts.join(QStringLiteral("    "));
}

}  // namespace atlas::ui
