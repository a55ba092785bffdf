// A small deterministic random generator whose stream is a pure function of (seed, step, stream).
//
// Training draws all its randomness (window starts, masks, initial weights) from generators made
// for one purpose and one step, so a resumed run needs no saved generator state and the data
// order never depends on how many steps ran before in this process.
#pragma once

#include <cmath>
#include <cstdint>

namespace atlas {

class TrainingRandom {
  public:
    TrainingRandom(std::uint64_t seed, std::uint64_t step = 0, std::uint64_t stream = 0)
        : state_(mix(mix(mix(seed) ^ (step + 0x632BE59BD9B4E019ULL)) ^
                     (stream * 0x9E3779B97F4A7C15ULL + 0x85157AF5ULL))) {}

    // splitmix64: passes BigCrush, one add and three multiplies per draw.
    std::uint64_t next() {
        state_ += 0x9E3779B97F4A7C15ULL;
        return mix(state_);
    }
    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    // Uniform integer in [0, bound), bound > 0 (Lemire's multiply-shift; bias below 2^-32).
    std::uint64_t below(std::uint64_t bound) {
        return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * bound) >> 64);
    }
    // Standard normal (Box-Muller; one of the pair is dropped to keep the state simple).
    double normal() {
        const double u1 = 1.0 - uniform();  // (0, 1]
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }

  private:
    static std::uint64_t mix(std::uint64_t z) {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::uint64_t state_;
};

}  // namespace atlas
