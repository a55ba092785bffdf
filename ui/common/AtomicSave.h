// Writing a file so that it is either wholly new or untouched: the exports' one way to save.
#pragma once

#include <QCoreApplication>
#include <QSaveFile>
#include <QString>

namespace atlas::ui {

// lupdate reads the context from the macro, so the .ts file and the lookup agree.
struct AtomicSaveText {
    Q_DECLARE_TR_FUNCTIONS(atlas::ui::AtomicSave)
};

// Lets `write` (QSaveFile& -> QString, empty on success) fill a QSaveFile at `path` and commits
// it. Returns an empty string on success, else write's error or "PATH: cannot write (reason)";
// on any failure the temporary is discarded and a file already at `path` stays as it was.
template <typename Write>
QString saveAtomically(const QString& path, Write&& write) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return AtomicSaveText::tr("%1: cannot write (%2)").arg(path, file.errorString());
    }
    const QString error = write(file);
    if (!error.isEmpty()) {
        file.cancelWriting();
        return error;
    }
    if (!file.commit()) {
        return AtomicSaveText::tr("%1: cannot write (%2)").arg(path, file.errorString());
    }
    return {};
}

}  // namespace atlas::ui
