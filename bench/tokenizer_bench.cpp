// tokenizer.json speed: load time against parsing the same file into a JSON tree (nlohmann, the
// reference a plain reader would pay), and encoding a 4,096-token English text against the
// built-in GPT-2 tokenizer (ByteLevelBpe, vocab.json + merges.txt) on the same text. Medians of
// alternating runs in one process, in CPU time of the process (all of it is single-threaded), so
// that other work on a shared machine does not count.
//
//   build/bench/tokenizer_bench [--repeats N] [--gpt2 FOLDER] [FOLDER...]
//
// Each FOLDER holds a tokenizer.json (and optionally tokenizer_config.json). The English text is
// docs/*.md of this repository, cut at 4,096 tokens of each tokenizer. --gpt2 FOLDER (vocab.json
// and merges.txt, e.g. GPT-2's real 50,257-entry files) times ByteLevelBpe::load, what opening a
// GPT-2 model waits for, against parsing the same vocab.json into a JSON tree.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "Error.h"
#include "text/ByteLevelBpe.h"
#include "text/HuggingFaceTokenizer.h"

using namespace atlas;

namespace {

struct Clock {
    using time_point = std::clock_t;
    static time_point now() { return std::clock(); }
};

double millisecondsSince(Clock::time_point start) {
    return 1000.0 * double(std::clock() - start) / CLOCKS_PER_SEC;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << stream.rdbuf();
    return bytes.str();
}

// The English docs of the repository, concatenated in name order.
std::string englishText() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry :
         std::filesystem::directory_iterator(std::filesystem::path(ATLAS_SOURCE_DIR) / "docs")) {
        if (entry.path().extension() == ".md") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::string text;
    for (const auto& file : files) {
        text += readFile(file);
    }
    return text;
}

// The longest prefix of `text` (cut at a line end) that encodes to at most `tokens` tokens.
std::string prefixOfTokens(const Tokenizer& tokenizer, const std::string& text,
                           std::size_t tokens) {
    const std::vector<Token> all = tokenizer.encode(text);
    const std::size_t end = all.size() > tokens ? all[tokens].begin : text.size();
    const std::size_t line_end = text.rfind('\n', end);
    return text.substr(0, line_end == std::string::npos ? end : line_end + 1);
}

// ByteLevelBpe::load (read both files, build the tables) against parsing vocab.json into a JSON
// tree, alternated; medians in CPU time.
void timeGpt2Load(const std::filesystem::path& folder, int repeats) {
    std::vector<double> load_times;
    std::vector<double> tree_times;
    int vocab_size = 0;
    std::size_t merge_count = 0;
    for (int run = 0; run < repeats; ++run) {
        auto start = Clock::now();
        {
            const ByteLevelBpe tokenizer = ByteLevelBpe::load(folder);
            vocab_size = tokenizer.vocabSize();
            merge_count = tokenizer.merges().size();
        }
        load_times.push_back(millisecondsSince(start));
        start = Clock::now();
        { const nlohmann::json tree = nlohmann::json::parse(readFile(folder / "vocab.json")); }
        tree_times.push_back(millisecondsSince(start));
    }
    const double load = median(load_times);
    const double tree = median(tree_times);
    std::printf(
        "| vocab.json + merges.txt | entries | merges | load | vocab.json as a JSON tree "
        "(reference) | ratio |\n|---|---|---|---|---|---|\n");
    std::printf("| %s | %d | %zu | %.1f ms | %.1f ms | %.2fx |\n\n", folder.filename().c_str(),
                vocab_size, merge_count, load, tree, load / tree);
}

}  // namespace

int main(int argc, char** argv) {
    int repeats = 9;
    std::vector<std::filesystem::path> folders;
    std::filesystem::path gpt2_folder;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--repeats") == 0 && i + 1 < argc) {
            repeats = std::max(1, std::atoi(argv[++i]));
        } else if (std::strcmp(argv[i], "--gpt2") == 0 && i + 1 < argc) {
            gpt2_folder = argv[++i];
        } else {
            folders.emplace_back(argv[i]);
        }
    }
    if (folders.empty() && gpt2_folder.empty()) {
        std::fprintf(stderr, "usage: tokenizer_bench [--repeats N] [--gpt2 FOLDER] [FOLDER...]\n");
        return 2;
    }
    try {
        if (!gpt2_folder.empty()) {
            timeGpt2Load(gpt2_folder, repeats);
        }
        if (folders.empty()) {
            return 0;
        }
        const ByteLevelBpe gpt2 = ByteLevelBpe::load(std::filesystem::path(ATLAS_SOURCE_DIR) /
                                                     "resources" / "models" / "gpt");
        const std::string english = englishText();
        std::printf(
            "| tokenizer.json | MB | load | JSON tree (reference) | ratio | tokens | encode "
            "| GPT-2 ByteLevelBpe (reference) | ratio |\n|---|---|---|---|---|---|---|---|"
            "---|\n");
        for (const auto& folder : folders) {
            const std::string file_text = readFile(folder / "tokenizer.json");
            const std::string config_text =
                std::filesystem::exists(folder / "tokenizer_config.json")
                    ? readFile(folder / "tokenizer_config.json")
                    : std::string();
            std::vector<double> load_times;
            std::vector<double> tree_times;
            std::unique_ptr<HuggingFaceTokenizer> tokenizer;
            for (int run = 0; run < repeats; ++run) {
                auto start = Clock::now();
                tokenizer = HuggingFaceTokenizer::fromText(file_text, config_text);
                load_times.push_back(millisecondsSince(start));
                start = Clock::now();
                const nlohmann::json tree = nlohmann::json::parse(file_text);
                tree_times.push_back(millisecondsSince(start));
            }
            const std::string text = prefixOfTokens(*tokenizer, english, 4096);
            std::vector<double> encode_times;
            std::vector<double> gpt2_times;
            std::size_t token_count = 0;
            for (int run = 0; run < repeats; ++run) {
                auto start = Clock::now();
                token_count = tokenizer->encode(text).size();
                encode_times.push_back(millisecondsSince(start));
                start = Clock::now();
                (void)gpt2.encode(text);
                gpt2_times.push_back(millisecondsSince(start));
            }
            const double load = median(load_times);
            const double tree = median(tree_times);
            const double encode = median(encode_times);
            const double reference = median(gpt2_times);
            std::printf(
                "| %s | %.2f | %.1f ms | %.1f ms | %.2fx | %zu | %.1f ms | %.1f ms | %.2fx |\n",
                folder.filename() == "models" ? folder.parent_path().filename().c_str()
                                              : folder.filename().c_str(),
                double(file_text.size()) / 1e6, load, tree, load / tree, token_count, encode,
                reference, encode / reference);
        }
    } catch (const AtlasError& error) {
        std::fprintf(stderr, "error: %s\n", error.what());
        return 1;
    }
    return 0;
}
