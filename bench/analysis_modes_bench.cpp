// Beyond raw attention, timed against the plain forward pass in the same run: norm-based maps of
// every head (a forward that captures internals, then normAttention) and attention flow, on the
// built-in models at 32 tokens (or --tokens N). Runs alternate, so a busy machine slows all
// alike; each figure is the median of the repeats.
//
//   build/bench/analysis_modes_bench [--tokens 32] [--repeats 21] [--threads 0]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "analysis/Aggregates.h"
#include "model/BuiltinModels.h"
#include "model/Model.h"

namespace {

using namespace atlas;
using Clock = std::chrono::steady_clock;

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

template <typename Work>
double seconds(Work&& work) {
    const auto start = Clock::now();
    work();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// A text long enough for `tokens`, cut to exactly that many ids.
std::vector<int> inputIds(const Model& model, int tokens) {
    std::string text;
    std::vector<Token> encoded;
    while (int(encoded.size()) < tokens) {
        text += "The quick brown fox jumps over the lazy dog while the cat sleeps on the mat. ";
        encoded = model.encode(text).tokens;
        if (text.size() > 20000)
            break;
    }
    std::vector<int> ids;
    for (int i = 0; i < tokens && i < int(encoded.size()); ++i)
        ids.push_back(encoded[i].id);
    return ids;
}

}  // namespace

int main(int argc, char** argv) {
    int tokens = 32;
    int repeats = 21;
    int threads = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--tokens"))
            tokens = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--repeats"))
            repeats = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--threads"))
            threads = std::atoi(argv[i + 1]);
    }
    std::printf(
        "| model | T | forward | forward + norm maps | norm / forward | flow | "
        "flow / forward |\n|---|---|---|---|---|---|---|\n");
    for (const char* name : {"gpt", "bert"}) {
        const auto model = Model::load(resolveModelFolder(name));
        const std::vector<int> ids = inputIds(*model, tokens);
        ForwardOptions plain;  // what the window computes for a sentence
        plain.threads = threads;
        ForwardOptions internals = plain;
        internals.capture_internals = true;
        std::vector<double> forwardTimes;
        std::vector<double> normTimes;
        std::vector<double> flowTimes;
        const Forward reference = model->forward(ids, plain);
        for (int r = 0; r < repeats + 1; ++r) {  // the first round warms caches, not counted
            const double forwardTime = seconds([&]() { (void)model->forward(ids, plain); });
            const double normTime = seconds([&]() {
                const Forward forward = model->forward(ids, internals);
                (void)normAttention(model->config(), model->weights(), forward);
            });
            const double flowTime = seconds([&]() { (void)attentionFlow(reference); });
            if (r > 0) {
                forwardTimes.push_back(forwardTime);
                normTimes.push_back(normTime);
                flowTimes.push_back(flowTime);
            }
        }
        const double forward = median(forwardTimes);
        const double norm = median(normTimes);
        const double flow = median(flowTimes);
        std::printf("| %s | %zu | %.3f ms | %.3f ms | %.2fx | %.3f ms | %.1fx |\n", name,
                    ids.size(), forward * 1e3, norm * 1e3, norm / forward, flow * 1e3,
                    flow / forward);
    }
    return 0;
}
