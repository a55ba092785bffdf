// Fixtures for the UI suites: tiny model folders and snapshots with known weights.
#pragma once

#include <memory>

#include <QString>

#include "AttentionSnapshot.h"
#include "analysis/HeadRoles.h"
#include "shell/MainWindow.h"

namespace atlas::test {

// Writes a tiny random GPT-2 folder (4 layers x 4 heads, 32 positions) into `folder`.
QString writeTinyGptFolder(const QString& folder, int layers = 4, int heads = 4);

// A causal snapshot of "The cat sat" (tokens "The", " cat", " sat") with 2 layers x 2 heads,
// built in memory. Layer 0, head 0 has A(1, 0) = 0.42 ("cat" -> "The"), A(1, 1) = 0.58.
std::shared_ptr<const ui::AttentionSnapshot> knownSnapshot();

// The main window on `model` and `text`, 1200 x 800 and shown, its settings in `settingsFile`
// (read back only with `restoreSettings`).
std::unique_ptr<ui::MainWindow> openWindow(const QString& settingsFile, const QString& model,
                                           const QString& text, bool restoreSettings = false);

// Writes `table` as head-roles.json into a model folder.
void writeHeadRoles(const QString& modelFolder, const HeadRoleTable& table);

}  // namespace atlas::test
