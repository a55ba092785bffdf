// The Chinese translation is complete: every entry of translations/attention-atlas_zh_CN.ts is
// translated, keeps its placeholders and accelerators, and lupdate finds no string in ui/ or
// app/ that the file lacks (so a string added later fails here until it is translated).
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include "shell/InterfaceLanguage.h"

namespace {

struct Entry {
    QString context;
    QString source;
    QStringList translations;  // one, or the plural forms
    QString type;              // "", "unfinished", "vanished" or "obsolete"
};

// Reads a .ts file with an XML reader of its own, not with Qt's translation classes.
QList<Entry> readTs(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + file.errorString();
        return {};
    }
    QList<Entry> entries;
    QXmlStreamReader xml(&file);
    QString context;
    Entry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            entry = Entry{context, {}, {}, {}};
        } else if (name == QLatin1String("source")) {
            entry.source = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            entry.type = xml.attributes().value(QLatin1String("type")).toString();
            // Either text, or <numerusform> children for plurals.
            QString text;
            while (!xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters()) {
                    text += xml.text();
                } else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform")) {
                    entry.translations << xml.readElementText();
                } else if (xml.isEndElement() && xml.name() == QLatin1String("translation")) {
                    break;
                }
            }
            if (entry.translations.isEmpty()) {
                entry.translations << text;
            }
            entries << entry;
        }
    }
    if (xml.hasError()) {
        *error = path + QStringLiteral(": ") + xml.errorString();
    }
    return entries;
}

QString describe(const Entry& entry) {
    return QStringLiteral("[%1] \"%2\"").arg(entry.context, entry.source);
}

QSet<QString> placeholders(const QString& text) {
    QSet<QString> result;
    static const QRegularExpression pattern(QStringLiteral("%L?(\\d+|n)"));
    for (auto match = pattern.globalMatch(text); match.hasNext();) {
        result << match.next().captured(0);
    }
    return result;
}

// "&File" has the accelerator F; "&&" is a literal ampersand, "&amp;" never reaches here.
bool hasAccelerator(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("(^|[^&])&[^&\\s]"));
    return !text.startsWith(QLatin1Char('<')) && pattern.match(text).hasMatch();
}

bool hasHan(const QString& text) {
    for (const char32_t c : text.toUcs4()) {
        if (QChar::script(c) == QChar::Script_Han) {
            return true;
        }
    }
    return false;
}

const QString kTsFile = QStringLiteral(ATLAS_SOURCE_DIR "/translations/attention-atlas_zh_CN.ts");

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT
  private slots:
    void everyEntryIsTranslated();
    void sourcesHaveNoUntranslatedStrings();
    void dataFilesAreTranslated();
    void theAppLoadsTheTranslation();
};

void TestTranslations::everyEntryIsTranslated() {
    QString error;
    const QList<Entry> entries = readTs(kTsFile, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(entries.size() > 150, qPrintable(QString::number(entries.size())));
    QStringList problems;
    int english = 0;
    for (const Entry& entry : entries) {
        if (!entry.type.isEmpty()) {
            problems << describe(entry) + QStringLiteral(" is ") + entry.type;
            continue;
        }
        for (const QString& translation : entry.translations) {
            if (translation.trimmed().isEmpty()) {
                problems << describe(entry) + QStringLiteral(" has an empty translation");
                continue;
            }
            // %n may be dropped in a Chinese plural form only if the source has no number to
            // show otherwise; keep it simple: the same placeholders, always.
            if (placeholders(translation) != placeholders(entry.source)) {
                problems << describe(entry) +
                                QStringLiteral(" -> \"%1\": placeholders differ").arg(translation);
            }
            if (hasAccelerator(entry.source) && !hasAccelerator(translation)) {
                problems << describe(entry) + QStringLiteral(" -> \"%1\": the accelerator is lost")
                                                  .arg(translation);
            }
            if (hasHan(translation)) {
                continue;
            }
            // Left in English: only names, formats and symbols may be (no English sentence).
            static const QRegularExpression words(QStringLiteral("[A-Za-z]{3,}\\s+[A-Za-z]{3,}"));
            // The app's name stays English, as in its icon and window title.
            QString withoutName = translation;
            withoutName.remove(QLatin1String("Attention Atlas"));
            if (words.match(withoutName).hasMatch()) {
                problems << describe(entry) +
                                QStringLiteral(" -> \"%1\" looks untranslated").arg(translation);
            }
            ++english;
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    // Most entries are Chinese sentences; a handful are names (Viridis) or formats.
    QVERIFY2(english * 10 < entries.size(), qPrintable(QString::number(english)));
}

void TestTranslations::sourcesHaveNoUntranslatedStrings() {
    // lupdate over today's sources, into a copy: strings new since the .ts was last updated
    // arrive there as "unfinished".
    QTemporaryDir scratch;
    QVERIFY(scratch.isValid());
    const QString copy = scratch.filePath(QStringLiteral("attention-atlas_zh_CN.ts"));
    QVERIFY(QFile::copy(kTsFile, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QProcess lupdate;
    lupdate.setWorkingDirectory(QStringLiteral(ATLAS_SOURCE_DIR));
    lupdate.start(
        QStringLiteral(ATLAS_LUPDATE),
        {QStringLiteral("-recursive"), QStringLiteral("ui"), QStringLiteral("app"),
         QStringLiteral("-extensions"), QStringLiteral("cpp,h"), QStringLiteral("-locations"),
         QStringLiteral("none"), QStringLiteral("-no-obsolete"), QStringLiteral("-ts"), copy});
    QVERIFY2(lupdate.waitForFinished(120000), qPrintable(lupdate.errorString()));
    const QString output =
        QString::fromLocal8Bit(lupdate.readAllStandardOutput() + lupdate.readAllStandardError());
    QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
             qPrintable(output));

    QString error;
    const QList<Entry> original = readTs(kTsFile, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QList<Entry> current = readTs(copy, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QSet<QString> known;
    for (const Entry& entry : original) {
        known << entry.context + QLatin1Char('\x1f') + entry.source;
    }
    QStringList missing;
    for (const Entry& entry : current) {
        if (!known.contains(entry.context + QLatin1Char('\x1f') + entry.source) ||
            !entry.type.isEmpty()) {
            missing << describe(entry);
        }
    }
    QVERIFY2(!current.isEmpty(), qPrintable(output));
    QVERIFY2(missing.isEmpty(),
             qPrintable(QStringLiteral("%1 string(s) in ui/ or app/ lack a Chinese translation; "
                                       "run scripts/update-translations.sh and translate:\n%2")
                            .arg(missing.size())
                            .arg(missing.join(QLatin1Char('\n')))));
    // lupdate warns about tr() it cannot place in a context (the lookup would then miss).
    QVERIFY2(!output.contains(QLatin1String("lacks Q_OBJECT")), qPrintable(output));
}

// lupdate does not read the classroom's JSON files: their titles and captions must each have a
// translation under the context the app looks them up in.
void TestTranslations::dataFilesAreTranslated() {
    QString error;
    QSet<QString> translated;
    for (const Entry& entry : readTs(kTsFile, &error)) {
        if (entry.type.isEmpty()) {
            translated << entry.context + QLatin1Char('|') + entry.source;
        }
    }
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto read = [](const QString& name) {
        QFile file(QStringLiteral(ATLAS_SOURCE_DIR "/ui/classroom/") + name);
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                              : QJsonObject();
    };
    QStringList needed;
    for (const QJsonValue lesson : read(QStringLiteral("lessons.json"))["lessons"].toArray()) {
        needed << QStringLiteral("atlas::ui::Lessons|") + lesson["title"].toString();
        for (const QJsonValue step : lesson["steps"].toArray()) {
            needed << QStringLiteral("atlas::ui::Lessons|") + step["caption"].toString();
        }
    }
    for (const QJsonValue example : read(QStringLiteral("examples.json"))["examples"].toArray()) {
        needed << QStringLiteral("atlas::ui::Examples|") + example["title"].toString();
    }
    QVERIFY(needed.size() > 20);
    QStringList missing;
    for (const QString& text : needed) {
        if (!translated.contains(text)) {
            missing << text;
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
}

void TestTranslations::theAppLoadsTheTranslation() {
    // The .qm compiled into the app answers with what the .ts file says.
    QString error;
    const QList<Entry> entries = readTs(kTsFile, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    atlas::ui::Translators translators;
    QVERIFY(translators.use(QStringLiteral("zh_CN")));
    QCOMPARE(translators.current(), QStringLiteral("zh_CN"));
    int checked = 0;
    for (const Entry& entry : entries) {
        if (entry.translations.size() != 1) {
            continue;
        }
        const QByteArray context = entry.context.toUtf8();
        const QByteArray source = entry.source.toUtf8();
        QCOMPARE(QCoreApplication::translate(context.constData(), source.constData()),
                 entry.translations.first());
        ++checked;
    }
    QVERIFY(checked > 150);
    QVERIFY(translators.use(QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate("atlas::ui::FileMenu", "&File"), QStringLiteral("&File"));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
