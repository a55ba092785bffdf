// Big-model benchmark: a GPT-2-small-shaped and a BERT-base-shaped model with random weights,
// written by this program as Hugging Face folders, then
//   - opened as the app opens them (Model::load) in a fresh child process each time: the time
//     to open and the peak resident memory (VmHWM) after opening, against the weights' float32
//     size;
//   - run at 128 and 512 tokens (every layer's attention and the top 5 predictions at every
//     position, as the app computes them) against PyTorch on the same weights
//     (bench/torch_forward.py), alternately, run after run, medians.
// Shapes: GPT-2 small 12 x 12, d_model 768, vocabulary 50257, context 1024; BERT base 12 x 12,
// d_model 768, vocabulary 30522, context 512. The tokenizers are the tiny test ones (the
// weights are what costs; ids are fed directly for the forward).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "RandomWeights.h"
#include "TinyModelFolder.h"
#include "TorchComparison.h"
#include "TorchProcess.h"
#include "model/Model.h"
#include "model/ModelFolderWriter.h"

namespace {

using namespace atlas;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using bench::median;
using bench::randomWeights;
using bench::secondsSince;

struct BenchOptions {
    std::vector<std::string> models = {"gpt2", "bert"};
    std::vector<int> tokens = {128, 512};
    std::vector<int> threads = {1};
    int repeats = 5;
    int opens = 3;
    bool torch = true;
    std::string write_only;  // --write DIR: write the folders there and stop (screenshots)
    std::string python = "/usr/bin/python3";
    std::string torch_script = ATLAS_BENCH_SOURCE_DIR "/torch_forward.py";
};

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> parts;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ',')) {
        parts.push_back(item);
    }
    return parts;
}

std::vector<int> parseInts(const std::string& text) {
    std::vector<int> values;
    for (const std::string& part : split(text)) {
        values.push_back(std::stoi(part));
    }
    return values;
}

// A field of /proc/self/status in kB ("VmHWM", "VmRSS").
long statusKilobytes(const std::string& field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(field + ":", 0) == 0) {
            return std::stol(line.substr(field.size() + 1));
        }
    }
    return -1;
}

ModelConfig configFor(const std::string& name) {
    ModelConfig config;
    config.n_layer = 12;
    config.n_head = 12;
    config.d_model = 768;
    config.d_ff = 3072;
    if (name == "gpt2") {
        config.architecture = Architecture::Gpt2;
        config.n_ctx = 1024;
        config.vocab_size = 50257;
        config.layer_norm_epsilon = 1e-5f;
        config.gelu_tanh = true;
    } else if (name == "bert") {
        config.architecture = Architecture::Bert;
        config.n_ctx = 512;
        config.vocab_size = 30522;
        config.type_vocab_size = 2;
        config.layer_norm_epsilon = 1e-12f;
        config.gelu_tanh = false;
    } else {
        throw std::runtime_error("unknown model " + name + " (gpt2, bert)");
    }
    return config;
}

std::vector<int> benchIds(int T, int vocab_size) {
    std::vector<int> ids(T);
    for (int t = 0; t < T; ++t) {
        ids[t] = (t * 7919 + 13) % vocab_size;  // as torch_forward.py
    }
    return ids;
}

// Child mode: open the folder as the app does and report time and memory.
int openChild(const std::string& folder) {
    const auto start = Clock::now();
    const auto model = Model::load(folder);
    const double seconds = secondsSince(start);
    std::printf("open %.6f %ld %ld %zu\n", seconds, statusKilobytes("VmHWM"),
                statusKilobytes("VmRSS"), model->weights().parameterCount(model->config()));
    return 0;
}

struct OpenFigures {
    double seconds = 0;
    long peak_kb = 0;
    long rss_kb = 0;
};

OpenFigures openInChild(const fs::path& folder) {
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) {
        throw std::runtime_error("pipe failed");
    }
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(pipe_fds[1], STDOUT_FILENO);
        close(pipe_fds[0]);
        execl("/proc/self/exe", "big_model_bench", "--open-child", folder.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    close(pipe_fds[1]);
    std::string output;
    char buffer[256];
    for (ssize_t n; (n = read(pipe_fds[0], buffer, sizeof buffer)) > 0;) {
        output.append(buffer, std::size_t(n));
    }
    close(pipe_fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    std::istringstream line(output);
    std::string word;
    OpenFigures figures;
    line >> word >> figures.seconds >> figures.peak_kb >> figures.rss_kb;
    if (word != "open") {
        throw std::runtime_error("the open child failed: " + output);
    }
    return figures;
}

void checkAgainstTorch(bench::TorchProcess& torch, const Model& model, int T,
                       const fs::path& scratch) {
    const fs::path dump = scratch / "torch-dump.bin";
    if (torch.ask("dump " + std::to_string(T) + " " + dump.string()) != "ok") {
        throw std::runtime_error("torch_forward.py could not dump");
    }
    const ModelConfig& config = model.config();
    const int NH = config.n_head, k = 5;
    std::vector<float> values(std::size_t(NH) * T * T + 2 * T * k);
    std::ifstream(dump, std::ios::binary)
        .read(reinterpret_cast<char*>(values.data()), std::streamsize(values.size() * 4));
    ForwardOptions options;
    const Forward ours = model.forward(benchIds(T, config.vocab_size), options);
    double attention = 0, probability = 0;
    int same = 0;
    for (int h = 0; h < NH; ++h) {
        const Matrix& map = ours.attention.back()[h];
        for (int i = 0; i < T; ++i) {
            for (int j = 0; j < T; ++j) {
                attention =
                    std::max<double>(attention, std::abs(map(i, j) - values[(h * T + i) * T + j]));
            }
        }
    }
    const float* ids = values.data() + NH * T * T;
    const float* probabilities = ids + T * k;
    for (int t = 0; t < T; ++t) {
        same += ours.predictions[t].top[0].id == int(ids[t * k]);
        probability = std::max<double>(
            probability, std::abs(ours.predictions[t].top[0].probability - probabilities[t * k]));
    }
    std::printf(
        "  check T=%d against PyTorch: max |attention difference| (last layer) %.2g, same top-1 "
        "at %d of %d positions, max |top-1 probability difference| %.2g\n",
        T, attention, same, T, probability);
}

// Writes the model folder `name` into `folder`; returns its parameter count.
std::size_t writeModel(const std::string& name, const fs::path& folder) {
    const ModelConfig config = configFor(name);
    const TransformerWeights weights = randomWeights(config);
    saveModelFolder(folder, config, weights);
    test::writeTinyTokenizerFiles(folder, config.architecture);
    return weights.parameterCount(config);
}

void measure(const std::string& name, const BenchOptions& options, const fs::path& scratch) {
    const ModelConfig config = configFor(name);
    const fs::path folder = scratch / name;
    const std::size_t parameters = writeModel(name, folder);
    const double f32_mb = parameters * 4.0 / (1 << 20);
    std::printf(
        "\n%s shape: %d layers x %d heads, d_model %d, vocabulary %d, context %d; %zu "
        "parameters = %.1f MiB as float32\n",
        name.c_str(), config.n_layer, config.n_head, config.d_model, config.vocab_size,
        config.n_ctx, parameters, f32_mb);

    // Open, each time in a fresh process (the file is in the page cache after the first).
    std::vector<double> opens;
    long peak = 0, rss = 0;
    for (int i = 0; i < options.opens; ++i) {
        const OpenFigures figures = openInChild(folder);
        opens.push_back(figures.seconds);
        peak = std::max(peak, figures.peak_kb);
        rss = std::max(rss, figures.rss_kb);
    }
    std::printf("  open (Model::load, fresh process): median %.0f ms over %d\n",
                1e3 * median(opens), options.opens);
    std::printf(
        "  peak RSS after open (VmHWM, whole process): %.1f MiB = %.2fx the float32 "
        "weights (target < 1.3x); resident after open %.1f MiB\n",
        peak / 1024.0, peak / 1024.0 / f32_mb, rss / 1024.0);

    const auto model = Model::load(folder);
    bench::printComparisonHeader("  ");
    for (int threads : options.threads) {
        std::unique_ptr<bench::TorchProcess> torch;
        if (options.torch) {
            torch = std::make_unique<bench::TorchProcess>(options.python, options.torch_script,
                                                          folder, threads);
        }
        ForwardOptions forward_options;
        forward_options.threads = threads;
        for (int T : options.tokens) {
            if (T > config.n_ctx) {
                continue;
            }
            const std::vector<int> ids = benchIds(T, config.vocab_size);
            bench::compareForwardWithTorch(torch.get(), T, threads, options.repeats, "  ",
                                           [&] { model->forward(ids, forward_options); });
        }
        if (torch && threads == options.threads.front()) {
            checkAgainstTorch(*torch, *model, 16, scratch);
            std::printf("  torch: %s\n", torch->ask("config").c_str());
        }
    }
}

BenchOptions parseOptions(int argc, char** argv) {
    BenchOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                throw std::runtime_error(argument + " needs a value");
            }
            return argv[++i];
        };
        if (argument == "--models") {
            options.models = split(next());
        } else if (argument == "--tokens") {
            options.tokens = parseInts(next());
        } else if (argument == "--threads") {
            options.threads = parseInts(next());
        } else if (argument == "--repeats") {
            options.repeats = std::stoi(next());
        } else if (argument == "--opens") {
            options.opens = std::stoi(next());
        } else if (argument == "--write") {
            options.write_only = next();
        } else if (argument == "--no-torch") {
            options.torch = false;
        } else if (argument == "--python") {
            options.python = next();
        } else if (argument == "--torch-script") {
            options.torch_script = next();
        } else {
            throw std::runtime_error(
                "unknown option " + argument +
                " (--models gpt2,bert --tokens 128,512 --threads 1 --repeats 5 --opens 3 "
                "--no-torch --python PATH --torch-script PATH --write DIR)");
        }
    }
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc == 3 && std::string(argv[1]) == "--open-child") {
            return openChild(argv[2]);
        }
        const BenchOptions options = parseOptions(argc, argv);
        if (!options.write_only.empty()) {
            for (const std::string& name : options.models) {
                writeModel(name, fs::path(options.write_only) / name);
                std::printf("wrote %s\n", (fs::path(options.write_only) / name).c_str());
            }
            return 0;
        }
        const fs::path scratch =
            fs::temp_directory_path() / ("atlas-big-model-bench-" + std::to_string(getpid()));
        fs::create_directories(scratch);
        std::printf("wall: elapsed time; cpu: CPU time of the process, all threads (medians)\n");
        for (const std::string& name : options.models) {
            measure(name, options, scratch);
        }
        std::error_code ignored;
        fs::remove_all(scratch, ignored);
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "error: %s\n", error.what());
        return 1;
    }
}
