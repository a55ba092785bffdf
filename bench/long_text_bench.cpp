// Long texts on a 24 x 14 model: for each token count (1,024 and 4,096 by default), in a fresh
// child process,
//   - the time to compute the snapshot the window shows (the model run and every map), and the
//     resident memory then (VmRSS) and at its peak (VmHWM);
//   - scrolling the grid of 336 heads (+ 24 means and rollouts) in a 1200 x 800 viewport, once
//     its thumbnails are coloured: the time of one scroll step's repaint, median and worst;
//   - panning the focused head zoomed to 64 x 64 tokens: the time of one replot;
//   - focusing other heads (for a long text, each map made again from the kept queries and keys);
// each beside a reference in the same process: drawing one viewport-sized image.
// The model: GPT-2's layout with 24 layers of 14 heads (d_head 16, d_model 224, d_ff 896,
// context 4,096), random weights, the tiny test tokenizer (about one token per character): the
// maps, not the weights, are what a long text costs, and their size depends on layers x heads x
// tokens only. A child that runs out of the memory limit (--memory-limit-gb, default 12; the
// machine is shared) reports it instead of swapping.
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <new>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QTemporaryDir>

#include "AttentionSnapshot.h"
#include "RandomWeights.h"
#include "TinyModelFolder.h"
#include "grid/HeadGridView.h"
#include "head/HeadHeatmapView.h"
#include "model/Model.h"
#include "model/ModelFolderWriter.h"

namespace {

using namespace atlas;
using Clock = std::chrono::steady_clock;

double millisecondsSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of the whole process (all threads), in ms: unlike elapsed time it does not grow when
// other programs share the cores.
double processCpuMilliseconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n == 0 ? 0 : n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// A field of /proc/self/status in MiB ("VmHWM", "VmRSS").
double statusMegabytes(const char* field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(field) + ":";
    while (std::getline(status, line)) {
        if (line.rfind(prefix, 0) == 0) {
            return std::stod(line.substr(prefix.size())) / 1024.0;
        }
    }
    return 0;
}

// Words of the tiny tokenizer's alphabet, cut to exactly `count` tokens.
QString textOfTokens(const Model& model, int count) {
    std::mt19937 generator(11);
    const char* words[] = {"the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "far"};
    std::string text;
    while (true) {
        text += words[generator() % 10];
        text += ' ';
        if (text.size() > std::size_t(count) * 8) {
            break;
        }
    }
    const EncodedText encoded = model.encode(text);
    std::size_t end = 0;
    for (int i = 0; i < count && i < int(encoded.tokens.size()); ++i) {
        end = std::max(end, encoded.tokens[std::size_t(i)].end);
    }
    return QString::fromStdString(text.substr(0, end));
}

int measureInChild(const std::filesystem::path& folder, int tokens, int repeats) {
    int argc = 1;
    char name[] = "long_text_bench";
    char* argv[] = {name, nullptr};
    QApplication application(argc, argv);
    try {
        const auto model = std::shared_ptr<const Model>(Model::load(folder));
        const QString text = textOfTokens(*model, tokens);
        auto start = Clock::now();
        double cpu = processCpuMilliseconds();
        const auto snapshot = ui::computeSnapshot(*model, text);
        const double compute = millisecondsSince(start);
        const double computeCpu = processCpuMilliseconds() - cpu;
        std::printf(
            "%d tokens (%d shown): snapshot computed in %.0f ms (%.0f ms CPU); RSS %.0f MiB, "
            "peak %.0f MiB\n",
            tokens, snapshot->tokenCount(), compute, computeCpu, statusMegabytes("VmRSS"),
            statusMegabytes("VmHWM"));
        if (snapshot->onDemand) {
            double thumbnailBytes = 0;
            for (const auto& layer : snapshot->thumbnails) {
                for (const Matrix& thumbnail : layer) {
                    thumbnailBytes += double(thumbnail.size()) * sizeof(float);
                }
            }
            std::printf(
                "  maps made on demand: queries and keys kept %.0f MiB, thumbnails %.0f MiB%s\n",
                double(snapshot->onDemand->bytes()) / (1 << 20), thumbnailBytes / (1 << 20),
                snapshot->rolloutLeftOut ? ", rollout left out" : "");
        } else {
            std::printf("  every map kept\n");
        }

        // The grid in a scroll area, as the window holds it.
        QScrollArea area;
        area.resize(1200, 800);
        auto* grid = new ui::HeadGridView;
        area.setWidget(grid);
        area.setWidgetResizable(true);
        area.show();
        start = Clock::now();
        grid->setSnapshot(snapshot);
        while (grid->thumbnailsPending()) {
            QApplication::processEvents(QEventLoop::AllEvents, 50);
        }
        QApplication::processEvents();
        const double thumbnails = millisecondsSince(start);
        QScrollBar* bar = area.verticalScrollBar();
        std::vector<double> scrolls;
        std::vector<double> scrollCpu;
        for (int r = 0; r < repeats; ++r) {
            const auto step = Clock::now();
            cpu = processCpuMilliseconds();
            bar->setValue((bar->value() + 120) % std::max(1, bar->maximum()));
            area.viewport()->repaint();
            scrolls.push_back(millisecondsSince(step));
            scrollCpu.push_back(processCpuMilliseconds() - cpu);
        }
        // Reference: one viewport-sized image drawn.
        QImage source(area.viewport()->size(), QImage::Format_RGB32);
        source.fill(Qt::gray);
        QImage target(area.viewport()->size(), QImage::Format_RGB32);
        std::vector<double> references;
        for (int r = 0; r < repeats; ++r) {
            const auto step = Clock::now();
            QPainter painter(&target);
            painter.drawImage(0, 0, source);
            painter.end();
            references.push_back(millisecondsSince(step));
        }
        std::printf(
            "  grid (24 x 16 maps, 1200 x 800 viewport): thumbnails coloured in %.0f ms; scroll "
            "step repaint median %.2f ms (%.2f ms CPU), worst %.2f ms over %d (reference: one "
            "viewport image drawn, %.3f ms; ratio %.0fx)\n",
            thumbnails, median(scrolls), median(scrollCpu),
            *std::max_element(scrolls.begin(), scrolls.end()), repeats, median(references),
            median(scrolls) / std::max(1e-6, median(references)));

        // The focused head, zoomed in to 64 x 64 tokens and panned along the diagonal.
        ui::HeadHeatmapView heatmap;
        heatmap.resize(800, 800);
        heatmap.show();
        start = Clock::now();
        heatmap.setSnapshot(snapshot);
        heatmap.setMap(12, 7);
        heatmap.replot(QCustomPlot::rpImmediateRefresh);
        const double focus = millisecondsSince(start);
        std::vector<double> pans;
        for (int r = 0; r < repeats; ++r) {
            const double first = double((r * 16) % std::max(1, snapshot->tokenCount() - 64));
            const auto step = Clock::now();
            heatmap.zoomTo(QCPRange(first - 0.5, first + 63.5),
                           QCPRange(first - 0.5, first + 63.5));
            heatmap.replot(QCustomPlot::rpImmediateRefresh);
            pans.push_back(millisecondsSince(step));
        }
        std::printf(
            "  focused head (800 x 800): shown in %.0f ms; pan step at 64 x 64 tokens median "
            "%.2f ms, worst %.2f ms over %d\n",
            focus, median(pans), *std::max_element(pans.begin(), pans.end()), repeats);
        // Another head focused (made on demand for a long text), then its first hover readout.
        std::vector<double> switches;
        std::vector<double> switchCpu;
        for (int r = 0; r < std::min(repeats, 8); ++r) {
            const auto step = Clock::now();
            cpu = processCpuMilliseconds();
            heatmap.setMap((r * 5) % 24, (r * 3) % 14);
            heatmap.replot(QCustomPlot::rpImmediateRefresh);
            switches.push_back(millisecondsSince(step));
            switchCpu.push_back(processCpuMilliseconds() - cpu);
        }
        std::printf(
            "  another head focused: median %.0f ms (%.0f ms CPU), worst %.0f ms over %d; RSS "
            "%.0f MiB\n",
            median(switches), median(switchCpu),
            *std::max_element(switches.begin(), switches.end()), int(switches.size()),
            statusMegabytes("VmRSS"));
        std::printf("  peak RSS of the process: %.0f MiB\n", statusMegabytes("VmHWM"));
    } catch (const std::bad_alloc&) {
        std::printf("%d tokens: out of memory under the limit (peak %.0f MiB before it)\n", tokens,
                    statusMegabytes("VmHWM"));
        return 3;
    } catch (const std::exception& error) {
        std::printf("%d tokens: failed: %s\n", tokens, error.what());
        return 1;
    }
    std::fflush(stdout);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<int> counts = {1024, 4096};
    int repeats = 30;
    double limitGb = 12;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string option = argv[i];
        if (option == "--tokens") {
            counts.clear();
            std::stringstream list(argv[i + 1]);
            std::string item;
            while (std::getline(list, item, ',')) {
                counts.push_back(std::stoi(item));
            }
        } else if (option == "--repeats") {
            repeats = std::stoi(argv[i + 1]);
        } else if (option == "--memory-limit-gb") {
            limitGb = std::stod(argv[i + 1]);
        } else {
            std::fprintf(stderr,
                         "usage: long_text_bench [--tokens 1024,4096] [--repeats 30] "
                         "[--memory-limit-gb 12]\n");
            return 2;
        }
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QTemporaryDir scratch;
    const std::filesystem::path folder = scratch.filePath(QStringLiteral("24x14")).toStdString();
    ModelConfig config;
    config.architecture = Architecture::Gpt2;
    config.n_layer = 24;
    config.n_head = 14;
    config.d_model = 224;
    config.d_ff = 896;
    config.n_ctx = 4096;
    config.vocab_size = int(test::tinyGpt2Vocab().size());
    saveModelFolder(folder, config, bench::randomWeights(config));
    test::writeTinyTokenizerFiles(folder, config.architecture);
    std::printf("24 x 14 model (d_model 224), memory limit %.0f GB per child\n", limitGb);
    std::fflush(stdout);
    int failures = 0;
    for (int tokens : counts) {
        const pid_t child = fork();
        if (child == 0) {
            const rlim_t bytes = rlim_t(limitGb * 1024 * 1024 * 1024);
            const rlimit limit{bytes, bytes};
            setrlimit(RLIMIT_AS, &limit);
            std::_Exit(measureInChild(folder, tokens, repeats));
        }
        int status = 0;
        waitpid(child, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            ++failures;
            if (WIFSIGNALED(status)) {
                std::printf("%d tokens: the child ended by signal %d\n", tokens, WTERMSIG(status));
            }
        }
        std::fflush(stdout);
    }
    return failures == 0 ? 0 : 1;
}
