// Fixtures for the UI suites.
#include "UiFixtures.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include <QDir>

#include "TinyModelFolder.h"

namespace atlas::test {

QString writeTinyGptFolder(const QString& folder, int layers, int heads) {
    TinyModelOptions options;
    options.n_layer = layers;
    options.n_head = heads;
    options.d_model = 16;
    options.n_ctx = 32;
    writeTinyModelFolder(folder.toStdString(), options);
    return folder;
}

std::unique_ptr<ui::MainWindow> openWindow(const QString& settingsFile, const QString& model,
                                           const QString& text, bool restoreSettings) {
    ui::MainWindowOptions options;
    options.settingsFile = settingsFile;
    options.restoreSettings = restoreSettings;
    options.model = model;
    options.text = text;
    auto window = std::make_unique<ui::MainWindow>(options);
    window->resize(1200, 800);
    window->show();
    return window;
}

void writeHeadRoles(const QString& modelFolder, const HeadRoleTable& table) {
    std::ofstream out(QDir(modelFolder).filePath(QStringLiteral("head-roles.json")).toStdString());
    out << headRolesToJson(table).dump(1);
}

std::shared_ptr<const ui::AttentionSnapshot> knownSnapshot() {
    const QString text = QStringLiteral("The cat sat");
    EncodedText encoded;
    encoded.tokens = {{10, "The", 0, 3, false, false},
                      {11, " cat", 3, 7, false, false},
                      {12, " sat", 7, 11, false, false}};
    encoded.full_token_count = 3;
    Forward forward;
    forward.attention.assign(2, std::vector<Matrix>(2, Matrix::Zero(3, 3)));
    for (int l = 0; l < 2; ++l) {
        for (int h = 0; h < 2; ++h) {
            Matrix& map = forward.attention[l][h];  // [3, 3], causal, rows sum to 1
            map(0, 0) = 1.0f;
            map(1, 0) = 0.42f;
            map(1, 1) = 0.58f;
            map(2, 0) = 0.1f + 0.1f * float(h);
            map(2, 1) = 0.2f;
            map(2, 2) = 0.7f - 0.1f * float(h);
        }
    }
    return std::make_shared<ui::AttentionSnapshot>(
        ui::makeSnapshot(QStringLiteral("known"), true, text, encoded, forward));
}

}  // namespace atlas::test
