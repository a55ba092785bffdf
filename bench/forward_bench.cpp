// Forward benchmark: our GPT-2 forward against PyTorch's on the same weights, in the same run.
//
// A GPT-2-small-shaped model (12 layers, 12 heads, d_model 768, vocabulary 50257, context 1024,
// random weights) runs T = 16, 64, 256 tokens on 1 and 2 threads. Both sides compute the same
// things: every layer's attention probabilities, the logits at every position and the top 5 next
// tokens after each position. PyTorch runs in a child process (bench/torch_forward.py) that
// reads the weights this program saved; the two are timed alternately, run after run, so a
// busy machine slows both alike. Each figure is the median of the repeats. Our side runs on the
// weights as a loaded model holds them (used in place in the mapped file); --row-major runs
// the row-major weights instead (training's layout). --kernels picks the kernels to time
// (kernel/KernelChoice.h): every SIMD level the CPU has by default, so the AVX-512 and the AVX2
// kernel are compared in the same run, each against the FMA peak of its own vector width.
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "Error.h"
#include "FmaPeak.h"
#include "RandomWeights.h"
#include "TorchComparison.h"
#include "TorchProcess.h"
#include "io/Safetensors.h"
#include "model/HuggingFaceLayout.h"
#include "model/ModelFolderWriter.h"
#include "model/PanelProduct.h"
#include "model/TransformerForward.h"
#include "model/WeightPanels.h"

namespace {

using namespace atlas;
using atlas::bench::compareForwardWithTorch;
using atlas::bench::printComparisonHeader;
using atlas::bench::randomWeights;
using atlas::bench::TorchProcess;
namespace fs = std::filesystem;

struct BenchOptions {
    std::vector<int> tokens = {16, 64, 256};
    std::vector<int> threads = {1, 2};
    int repeats = 7;
    int layers = 12;
    std::string python = "/usr/bin/python3";
    std::string torch_script = ATLAS_BENCH_SOURCE_DIR "/torch_forward.py";
    bool torch = true;
    bool row_major = false;
    bool gemm_only = false;
    std::vector<Kernel> kernels;  // empty: simd at every level this CPU has
};

std::vector<int> parseList(const std::string& text) {
    std::vector<int> values;
    std::stringstream stream(text);
    std::string item;
    while (std::getline(stream, item, ','))
        values.push_back(std::stoi(item));
    return values;
}

BenchOptions parseOptions(int argc, char** argv) {
    BenchOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc)
                throw std::runtime_error(argument + " needs a value");
            return argv[++i];
        };
        if (argument == "--tokens")
            options.tokens = parseList(next());
        else if (argument == "--threads")
            options.threads = parseList(next());
        else if (argument == "--repeats")
            options.repeats = std::stoi(next());
        else if (argument == "--layers")
            options.layers = std::stoi(next());
        else if (argument == "--python")
            options.python = next();
        else if (argument == "--torch-script")
            options.torch_script = next();
        else if (argument == "--no-torch")
            options.torch = false;
        else if (argument == "--row-major")
            options.row_major = true;
        else if (argument == "--gemm-only")
            options.gemm_only = true;
        else if (argument == "--kernels") {
            std::stringstream stream(next());
            std::string item;
            while (std::getline(stream, item, ',')) {
                if (item == "generic" || item == "avx2" || item == "avx512") {
                    const SimdLevel level = item == "generic" ? SimdLevel::Generic
                                            : item == "avx2"  ? SimdLevel::Avx2
                                                              : SimdLevel::Avx512;
                    if (!simdLevelAvailable(level))
                        throw std::runtime_error("this CPU cannot run " + item);
                    options.kernels.push_back({KernelKind::Simd, level});
                } else {
                    options.kernels.push_back(parseKernel(item));
                }
            }
        } else
            throw std::runtime_error("unknown option " + argument +
                                     " (--tokens 16,64,256 --threads 1,2 --repeats 7 --layers 12"
                                     " --python PATH --torch-script PATH --no-torch --row-major"
                                     " --gemm-only --kernels avx2,avx512,eigen,reference)");
    }
    return options;
}

// GPT-2 small's shape (the weights: bench/RandomWeights.h).
ModelConfig gpt2SmallConfig(int layers) {
    ModelConfig config;
    config.architecture = Architecture::Gpt2;
    config.n_layer = layers;
    config.n_head = 12;
    config.d_model = 768;
    config.d_ff = 3072;
    config.n_ctx = 1024;
    config.vocab_size = 50257;
    config.layer_norm_epsilon = 1e-5f;
    config.gelu_tanh = true;
    return config;
}

// Floating-point operations of one pass over T tokens, counting each multiply-add as two: the
// products of every layer, the attention scores and their use on v as full T x T products (as
// PyTorch computes them), and the output projection at every position. LayerNorm, softmax, GELU
// and the top 5 are left out (under 1 % of the count at T = 16).
double passFlops(const ModelConfig& config, int T) {
    const double C = config.d_model, F = config.d_ff, V = config.vocab_size, t = T;
    const double per_layer =
        2 * t * C * (3 * C) + 2 * t * C * C + 2 * (2 * t * C * F) + 2 * (2 * t * t * C);
    return config.n_layer * per_layer + 2 * t * C * V;
}

std::vector<int> benchIds(int T, int vocab_size) {
    std::vector<int> ids(T);
    for (int t = 0; t < T; ++t)
        ids[t] = (t * 7919 + 13) % vocab_size;  // as torch_forward.py
    return ids;
}

// Our attention and predictions against PyTorch's dump for T tokens.
void compareWithTorch(TorchProcess& torch, const ModelConfig& config,
                      const TransformerWeights& weights, int T, const fs::path& folder) {
    const fs::path dump = folder / "torch-dump.bin";
    if (torch.ask("dump " + std::to_string(T) + " " + dump.string()) != "ok") {
        throw std::runtime_error("torch_forward.py could not dump");
    }
    const int NH = config.n_head, k = 5;
    std::vector<float> values(static_cast<std::size_t>(NH) * T * T + 2 * T * k);
    std::ifstream(dump, std::ios::binary)
        .read(reinterpret_cast<char*>(values.data()), values.size() * sizeof(float));
    ForwardOptions options;
    const Forward ours =
        transformerForward(config, weights, benchIds(T, config.vocab_size), options);
    double attention_difference = 0, probability_difference = 0;
    int same_top = 0;
    for (int h = 0; h < NH; ++h) {
        const Matrix& map = ours.attention.back()[h];
        for (int i = 0; i < T; ++i)
            for (int j = 0; j < T; ++j)
                attention_difference = std::max<double>(
                    attention_difference, std::abs(map(i, j) - values[(h * T + i) * T + j]));
    }
    const float* top_ids = values.data() + NH * T * T;
    const float* top_probabilities = top_ids + T * k;
    for (int t = 0; t < T; ++t) {
        same_top += ours.predictions[t].top[0].id == static_cast<int>(top_ids[t * k]);
        probability_difference = std::max<double>(
            probability_difference,
            std::abs(ours.predictions[t].top[0].probability - top_probabilities[t * k]));
    }
    std::printf(
        "check T=%d against PyTorch: max |attention difference| (last layer) %.2g, "
        "same top-1 next token at %d of %d positions, max |top-1 probability "
        "difference| %.2g\n",
        T, attention_difference, same_top, T, probability_difference);
}

// The panel GEMM alone, one thread, at the shapes of the model's layer products: x [T, K] @ W
// [K, N] with W the first layer's weight as the forward reads it (in place in the mapped file,
// or row-major in memory with --row-major), x random. GFLOP/s (2 T K N per product, median of
// the repeats) and its share of the one-thread FMA peak of the kernel's vector width and of the
// widest unit, measured now.
void printGemmRates(const TransformerWeights& weights, const std::vector<Kernel>& kernels, int T,
                    int repeats) {
    struct Shape {
        const char* name;
        const Matrix* weight;
    };
    const LayerWeights& layer = weights.layers.front();
    const Shape shapes[] = {{"attn_qkv", &layer.attn_qkv_weight},
                            {"attn_out", &layer.attn_out_weight},
                            {"mlp_in", &layer.mlp_in_weight},
                            {"mlp_out", &layer.mlp_out_weight}};
    const double widest = atlas::bench::fmaPeakGflops(1, bestSimdLevel());
    std::printf(
        "\npanel GEMM alone, 1 thread, T = %d, the weights %s; GFLOP/s (median of %d) and share\n"
        "of the one-thread FMA peak of the kernel's vector width and of the widest unit "
        "(%.1f GFLOP/s)\n",
        T,
        weights.layout == WeightLayout::Mapped ? "in place in the mapped file"
                                               : "row-major in memory",
        repeats, widest);
    std::printf("%16s %10s %14s %10s %9s %9s\n", "kernel", "product", "[K, N]", "GFLOP/s",
                "of width", "of widest");
    std::mt19937 generator(7);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (const Kernel& kernel : kernels) {
        const SimdLevel width = kernel.kind == KernelKind::Simd ? kernel.level : bestSimdLevel();
        const double peak = atlas::bench::fmaPeakGflops(1, width);
        for (const Shape& shape : shapes) {
            const std::vector<PanelView> blocks = layerBlocks(weights, *shape.weight);
            const PanelView& view = blocks.front();
            Matrix x(T, view.rows);
            for (Eigen::Index i = 0; i < x.size(); ++i) {
                x.data()[i] = normal(generator);
            }
            Matrix out(T, view.cols);
            const PackedRows packed(x.data(), T, view.rows, view.rows, kernel);
            const auto once = [&] {
                multiplyPanels(packed, view, 0, view.cols, out.data(), view.cols);
            };
            once();  // pages mapped, caches warm
            std::vector<double> seconds;
            for (int repeat = 0; repeat < repeats; ++repeat) {
                const auto start = std::chrono::steady_clock::now();
                once();
                seconds.push_back(atlas::bench::secondsSince(start));
            }
            const double gflops =
                2.0 * T * view.rows * view.cols / atlas::bench::median(seconds) / 1e9;
            char dimensions[32];
            std::snprintf(dimensions, sizeof dimensions, "[%ld, %ld]", static_cast<long>(view.rows),
                          static_cast<long>(view.cols));
            std::printf("%16s %10s %14s %10.1f %8.0f%% %8.0f%%\n", kernel.name().c_str(),
                        shape.name, dimensions, gflops, peak > 0 ? 100 * gflops / peak : 0,
                        widest > 0 ? 100 * gflops / widest : 0);
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const BenchOptions options = parseOptions(argc, argv);
        const ModelConfig config = gpt2SmallConfig(options.layers);
        std::printf(
            "model: GPT-2 small shape, %d layers x %d heads, d_model %d, vocabulary %d, "
            "random weights; Eigen %d.%d.%d, SIMD %s\n",
            config.n_layer, config.n_head, config.d_model, config.vocab_size, EIGEN_WORLD_VERSION,
            EIGEN_MAJOR_VERSION, EIGEN_MINOR_VERSION, Eigen::SimdInstructionSetsInUse());
        TransformerWeights weights = randomWeights(config);

        const fs::path folder =
            fs::temp_directory_path() / ("atlas-forward-bench-" + std::to_string(getpid()));
        saveModelFolder(folder, config, weights);  // F32, Hugging Face names
        if (!options.row_major) {
            // As Model::load holds them: used in place in the mapped file.
            weights =
                mapHuggingFaceWeights(std::make_shared<const SafetensorsFile>(
                                          SafetensorsFile::open(folder / "model.safetensors")),
                                      config);
        }
        std::printf("our weights: %s\n", options.row_major
                                             ? "row-major in memory (as training holds them)"
                                             : "mapped from model.safetensors (as a loaded model)");
        std::vector<Kernel> kernels = options.kernels;
        if (kernels.empty()) {
            for (SimdLevel level : availableSimdLevels()) {
                if (level != SimdLevel::Generic) {
                    kernels.push_back({KernelKind::Simd, level});
                }
            }
        }

        if (options.gemm_only) {
            printGemmRates(weights, kernels, options.tokens.back(), options.repeats);
            std::error_code ignored;
            fs::remove_all(folder, ignored);
            return 0;
        }
        std::printf("\nwall: elapsed time; cpu: CPU time of the process, all threads (medians)\n");
        printComparisonHeader("");
        struct Row {
            Kernel kernel;
            int T, threads;
            atlas::bench::ComparisonTimes times;
        };
        std::vector<Row> rows;
        for (const Kernel& kernel : kernels) {
            std::printf("kernel %s\n", kernel.name().c_str());
            for (int threads : options.threads) {
                std::unique_ptr<TorchProcess> torch;
                if (options.torch) {
                    torch = std::make_unique<TorchProcess>(options.python, options.torch_script,
                                                           folder, threads);
                }
                ForwardOptions forward_options;
                forward_options.threads = threads;
                forward_options.kernel = kernel;
                for (int T : options.tokens) {
                    const std::vector<int> ids = benchIds(T, config.vocab_size);
                    const auto times = compareForwardWithTorch(
                        torch.get(), T, threads, options.repeats, "",
                        [&] { transformerForward(config, weights, ids, forward_options); });
                    rows.push_back({kernel, T, threads, times});
                }
                if (torch && threads == options.threads.front() && &kernel == &kernels.front()) {
                    compareWithTorch(*torch, config, weights, options.tokens.front(), folder);
                    std::printf("torch: %s\n", torch->ask("config").c_str());
                }
            }
        }

        // The same rows as arithmetic rates, against the FMA peak of as many threads measured now.
        std::printf(
            "\nGFLOP/s (elapsed) and share of the FMA peak of as many threads at the kernel's\n"
            "vector width (the widest for eigen, reference and torch), measured now "
            "(bench/FmaPeak.h)\n");
        std::printf("%16s %6s %8s %10s %10s %11s %11s\n", "kernel", "T", "threads", "GFLOP", "peak",
                    "ours", "torch");
        for (const Row& row : rows) {
            const double gflop = passFlops(config, row.T) / 1e9;
            const SimdLevel width =
                row.kernel.kind == KernelKind::Simd ? row.kernel.level : bestSimdLevel();
            const double peak = atlas::bench::fmaPeakGflops(row.threads, width);
            const double ours = gflop / (row.times.ours_ms / 1e3);
            const double theirs = row.times.torch_ms > 0 ? gflop / (row.times.torch_ms / 1e3) : 0;
            std::printf("%16s %6d %8d %10.2f %10.1f %5.1f (%2.0f%%)", row.kernel.name().c_str(),
                        row.T, row.threads, gflop, peak, ours, peak > 0 ? 100 * ours / peak : 0);
            if (theirs > 0) {
                std::printf(" %5.1f (%2.0f%%)", theirs, peak > 0 ? 100 * theirs / peak : 0);
            }
            std::printf("\n");
        }
        printGemmRates(weights, kernels, options.tokens.back(), options.repeats);
        std::error_code ignored;
        fs::remove_all(folder, ignored);
        return 0;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "error: %s\n", error.what());
        return 1;
    }
}
