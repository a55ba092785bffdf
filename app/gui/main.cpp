// attention-atlas: the desktop app. A thin shell over atlas_ui's MainWindow; --screenshot
// renders the window once the first sentence is shown and exits (for docs and checks).
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

#include "AttentionSelection.h"
#include "HeadRolesPanel.h"
#include "MainWindow.h"

namespace {

// Parses "L:C" into a layer and a grid column.
bool parsePair(const QString& text, int& first, int& second) {
    const QStringList parts = text.split(QLatin1Char(':'));
    bool okFirst = false;
    bool okSecond = false;
    if (parts.size() == 2) {
        first = parts[0].toInt(&okFirst);
        second = parts[1].toInt(&okSecond);
    }
    return okFirst && okSecond;
}

}  // namespace

int main(int argc, char** argv) {
    // --help and --version print and quit: they must work without a display (over ssh, in
    // scripts), so pick the offscreen platform for them before QApplication looks for one.
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--help" || argument == "-h" || argument == "--version" ||
            argument == "-v" || argument == "--help-all") {
            if (qEnvironmentVariableIsEmpty("DISPLAY") &&
                qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
                qputenv("QT_QPA_PLATFORM", "offscreen");
            }
        }
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AttentionAtlas"));
    QApplication::setApplicationName(QStringLiteral("attention-atlas"));
    QApplication::setApplicationDisplayName(QStringLiteral("Attention Atlas"));
    QApplication::setApplicationVersion(QStringLiteral(ATLAS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("attention-atlas"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "See every attention head of a small Transformer."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption model(QStringLiteral("model"),
                                   QApplication::translate("main", "gpt, bert or a model folder."),
                                   QStringLiteral("M"));
    const QCommandLineOption text(QStringLiteral("text"),
                                  QApplication::translate("main", "The sentence to show."),
                                  QStringLiteral("T"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("main",
                                "Save a PNG of the window once it shows the text, then "
                                "quit (settings are neither read nor written)."),
        QStringLiteral("FILE"));
    const QCommandLineOption view(QStringLiteral("view"),
                                  QApplication::translate("main", "Right panel: head, lines or roles."),
                                  QStringLiteral("VIEW"));
    const QCommandLineOption focus(QStringLiteral("focus"),
                                   QApplication::translate("main", "Focus layer L, column C."),
                                   QStringLiteral("L:C"));
    const QCommandLineOption hover(QStringLiteral("hover"),
                                   QApplication::translate("main", "Hover token N (screenshots)."),
                                   QStringLiteral("N"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QApplication::translate("main", "Window size, WIDTHxHEIGHT."),
                                  QStringLiteral("WxH"));
    const QCommandLineOption lineHeads(
        QStringLiteral("line-heads"),
        QApplication::translate("main", "Also draw these columns in the line view (screenshots)."),
        QStringLiteral("C,C"));
    const QCommandLineOption role(
        QStringLiteral("role"),
        QApplication::translate("main",
                                "Outline the heads best at this relation or positional role "
                                "(screenshots)."),
        QStringLiteral("NAME"));
    parser.addOptions({model, text, screenshot, view, focus, hover, size, lineHeads, role});
    parser.process(app);

    const bool taking = parser.isSet(screenshot);
    QTemporaryDir scratch;  // screenshots use throwaway settings
    atlas::ui::MainWindowOptions options;
    options.model = parser.value(model);
    options.text = parser.value(text);
    if (taking) {
        options.settingsFile = scratch.filePath(QStringLiteral("settings.ini"));
        options.restoreSettings = false;
    }
    atlas::ui::MainWindow window(options);
    if (parser.isSet(size)) {
        const QStringList parts = parser.value(size).split(QLatin1Char('x'));
        if (parts.size() == 2) {
            window.resize(parts[0].toInt(), parts[1].toInt());
        }
    }
    if (parser.value(view) == QLatin1String("lines")) {
        window.showLineView(true);
    } else if (parser.value(view) == QLatin1String("roles")) {
        window.showRolesView();
    } else if (parser.isSet(view)) {
        window.showLineView(false);
    }
    window.show();

    // The screenshot callbacks run inside app.exec(), after the block that connects them: what
    // they read must live as long as main().
    const QString file = parser.value(screenshot);
    int layer = 0;
    int column = 0;
    const bool focused = parsePair(parser.value(focus), layer, column);
    const int hovered = parser.isSet(hover) ? parser.value(hover).toInt() : -1;
    if (taking) {
        auto take = [&]() {
            if (focused) {
                window.selection().setCurrent(layer, column);
            }
            for (const QString& column :
                 parser.value(lineHeads).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                window.selection().toggleLineColumn(column.toInt());
            }
            if (hovered >= 0) {
                window.selection().setHoveredToken(hovered);
            }
            if (parser.isSet(role)) {
                window.rolesPanel()->chooseMeasure(parser.value(role));
            }
            // Let queued replots and layouts settle before grabbing.
            QTimer::singleShot(400, &window, [&]() {
                const bool saved = window.grab().save(file);
                std::fprintf(saved ? stdout : stderr, "%s %s\n",
                             saved ? "saved" : "error: cannot write", qPrintable(file));
                QApplication::exit(saved ? 0 : 1);
            });
        };
        QObject::connect(&window, &atlas::ui::MainWindow::snapshotShown, &window, take,
                         Qt::SingleShotConnection);
        // An error (or a note such as "type a sentence") with nothing to show is worth a
        // screenshot too: it shows how the app reports it. The exit code says no map was drawn.
        auto takeWithoutSnapshot = [&]() {
            QTimer::singleShot(600, &window, [&]() {
                if (!window.snapshot()) {
                    window.grab().save(file);
                    std::fprintf(stderr, "error shown, saved %s\n", qPrintable(file));
                    QApplication::exit(1);
                }
            });
        };
        QObject::connect(&window, &atlas::ui::MainWindow::errorShown, &window,
                         takeWithoutSnapshot);
        QObject::connect(&window, &atlas::ui::MainWindow::warningShown, &window,
                         takeWithoutSnapshot);
    }
    return app.exec();
}
