// attention-atlas-cli analyze: every head's role measured over a CoNLL-U treebank (docs/cli.md).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "CliArguments.h"
#include "Commands.h"
#include "Error.h"
#include "analysis/Conllu.h"
#include "analysis/HeadRoles.h"
#include "analysis/HeadRolesCsv.h"
#include "analysis/TreebankAnalysis.h"
#include "analysis/TreebankDistance.h"
#include "io/AtomicFile.h"
#include "model/BuiltinModels.h"
#include "model/Model.h"

namespace atlas::cli {

namespace {

const char* kAnalyzeUsage =
    "usage: attention-atlas-cli analyze --model M --conllu FILE [--limit N]\n"
    "                                   [--format json|md|csv|distance]\n"
    "                                   [--out FILE]\n"
    "\n"
    "Runs the model over every sentence of a CoNLL-U treebank and measures what each head\n"
    "does: mean attention to the previous, next, first token and itself, entropy, mean\n"
    "distance, and per dependency relation the share of arcs whose word attends most to its\n"
    "partner (Clark et al. 2019), against the best fixed-offset baseline; also induction and\n"
    "duplicate-token scores.\n"
    "  --model M      'gpt' or 'bert' (built in) or the path of a Hugging Face model folder\n"
    "  --conllu FILE  the treebank (UTF-8 CoNLL-U; multiword tokens and empty nodes skipped)\n"
    "  --limit N      analyse only the first N sentences\n"
    "  --format F     json (default): {\"heads\": [...], \"baselines\": {...}}; md: Markdown\n"
    "                 tables; csv: one row per head for a spreadsheet, with its best relation\n"
    "                 in plain words (\"determiner → noun\"); distance: instead of the roles,\n"
    "                 every head's mean attention at each relative distance i - j over the\n"
    "                 sentences, as CSV: layer,head,distance,mean_attention,cells\n"
    "  --out FILE     write to FILE (atomically) instead of standard output\n"
    "Progress goes to standard error when the analysis takes more than a second.\n"
    "Exit codes: 0 success, 1 bad input, 2 usage error.\n";

// A progress bar on stderr that stays silent for the first second. On a terminal it redraws
// one line at most ten times a second; into a file or pipe it writes a line per tenth done.
class ProgressBar {
  public:
    ProgressBar() : start_(Clock::now()), terminal_(isatty(fileno(stderr)) != 0) {}

    void update(int done, int total) {
        const double elapsed = seconds(Clock::now() - start_);
        if (elapsed < 1.0 && done < total) {
            return;
        }
        if (elapsed < 1.0 && !shown_) {
            return;  // finished within the second: nothing was shown, nothing to close
        }
        if (terminal_) {
            if (done < total && elapsed - last_draw_ < 0.1) {
                return;
            }
            last_draw_ = elapsed;
            constexpr int kWidth = 30;
            const int filled = total > 0 ? done * kWidth / total : kWidth;
            std::fprintf(stderr, "\ranalyze [%s%s] %d/%d sentences, %.0f s",
                         std::string(filled, '#').c_str(),
                         std::string(kWidth - filled, '.').c_str(), done, total, elapsed);
            shown_ = true;
            if (done == total) {
                std::fputc('\n', stderr);
            }
        } else {
            const int tenth = total > 0 ? done * 10 / total : 10;
            if (tenth <= last_tenth_) {
                return;
            }
            last_tenth_ = tenth;
            std::fprintf(stderr, "analyze: %d/%d sentences (%d%%), %.0f s\n", done, total,
                         tenth * 10, elapsed);
            shown_ = true;
        }
        std::fflush(stderr);
    }

  private:
    using Clock = std::chrono::steady_clock;
    static double seconds(Clock::duration duration) {
        return std::chrono::duration<double>(duration).count();
    }
    Clock::time_point start_;
    bool terminal_;
    bool shown_ = false;
    double last_draw_ = -1;
    int last_tenth_ = 0;
};

}  // namespace

int analyzeCommand(const std::vector<std::string>& arguments) {
    const CliArguments options(arguments, {"model", "conllu", "limit", "format", "out"}, {"help"});
    if (options.has("help")) {
        std::cout << kAnalyzeUsage;
        return 0;
    }
    // Usage first: every mistake in the command line is reported before anything is read.
    const std::string model_argument = options.value("model");
    const std::string conllu_argument = options.value("conllu");
    const std::string format = options.choice("format", {"json", "md", "csv", "distance"}, "json");
    const int limit = options.intValue("limit", -1);
    if (options.has("limit") && limit < 1) {
        throw UsageError("option --limit expects a positive number of sentences, got " +
                         options.value("limit"));
    }
    if (options.has("out") && options.value("out").empty()) {
        throw UsageError("option --out needs a file name");
    }
    if (options.has("out")) {
        // Fail before a long analysis, not after it, when the output cannot be written there.
        const std::filesystem::path out = std::filesystem::absolute(options.value("out"));
        std::error_code error;
        if (!std::filesystem::is_directory(out.parent_path(), error)) {
            throw AtlasError(options.value("out") + ": folder " + out.parent_path().string() +
                             " does not exist");
        }
    }

    const std::vector<ConlluSentence> sentences = readConllu(conllu_argument);
    if (sentences.empty()) {
        throw AtlasError(conllu_argument + ": no sentences");
    }
    const std::unique_ptr<Model> model = Model::load(resolveModelFolder(model_argument));

    ProgressBar progress;
    TreebankAnalysisOptions analysis_options;
    analysis_options.limit = limit;
    analysis_options.progress = [&progress](int done, int total) { progress.update(done, total); };
    if (format == "distance") {
        const TreebankDistanceProfiles profiles =
            treebankDistanceProfiles(*model, sentences, analysis_options);
        const std::string csv = distanceProfilesCsv(profiles);
        if (options.has("out")) {
            writeFileAtomically(options.value("out"), csv);
        } else {
            std::cout.write(csv.data(), static_cast<std::streamsize>(csv.size()));
            std::cout.flush();
        }
        if (profiles.truncated_sentences > 0) {
            std::cerr << "warning: " << profiles.truncated_sentences << " of " << profiles.sentences
                      << " sentences were longer than the model's context and were cut\n";
        }
        return 0;
    }
    HeadRoleTable table = analyzeTreebank(*model, sentences, analysis_options);
    table.treebank = std::filesystem::path(conllu_argument).filename().string();

    const std::string output = format == "json"  ? headRolesToJson(table).dump(1) + "\n"
                               : format == "csv" ? headRolesToCsv(table)
                                                 : headRolesToMarkdown(table);
    if (options.has("out")) {
        writeFileAtomically(options.value("out"), output);
    } else {
        std::cout.write(output.data(), static_cast<std::streamsize>(output.size()));
        std::cout.flush();
    }
    if (table.truncated_sentences > 0) {
        std::cerr << "warning: " << table.truncated_sentences << " of " << table.sentences
                  << " sentences were longer than the model's context and were cut\n";
    }
    return 0;
}

}  // namespace atlas::cli
