// Attention by relative distance, and the rotary frequencies of a head's dimension pairs.
#include "analysis/DistanceProfile.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "model/RotaryEmbedding.h"

namespace atlas {

void DistanceProfileAccumulator::add(const Matrix& map) {
    const int T = static_cast<int>(std::min(map.rows(), map.cols()));
    if (T <= 0) {
        return;
    }
    if (T > longest_) {
        // Re-centre the sums on the new longest map: distance d sits at d + T_max - 1.
        std::vector<double> sums(std::size_t(2 * T - 1), 0.0);
        std::vector<long long> cells(std::size_t(2 * T - 1), 0);
        const int shift = T - longest_;
        for (std::size_t k = 0; k < sums_.size(); ++k) {
            sums[k + std::size_t(shift)] = sums_[k];
            cells[k + std::size_t(shift)] = cells_[k];
        }
        sums_ = std::move(sums);
        cells_ = std::move(cells);
        longest_ = T;
    }
    for (int i = 0; i < T; ++i) {
        for (int j = 0; j < T; ++j) {
            const std::size_t at = std::size_t(i - j + longest_ - 1);
            sums_[at] += map(i, j);
            ++cells_[at];
        }
    }
    ++maps_;
}

DistanceProfile DistanceProfileAccumulator::profile() const {
    DistanceProfile result;
    for (std::size_t k = 0; k < sums_.size(); ++k) {
        result.distances.push_back(int(k) - (longest_ - 1));
        result.mean_attention.push_back(cells_[k] > 0 ? sums_[k] / double(cells_[k]) : 0.0);
        result.cells.push_back(cells_[k]);
    }
    return result;
}

DistanceProfile distanceProfile(const Matrix& map) {
    DistanceProfileAccumulator accumulator;
    accumulator.add(map);
    return accumulator.profile();
}

std::vector<RotaryBand> rotaryBands(const ModelConfig& config, const Matrix& q, const Matrix& k) {
    if (!config.decoder() || config.rotary.dims <= 0) {
        return {};
    }
    const std::vector<float> inverse = rotaryInverseFrequencies(config.rotary);
    const int half = config.rotary.dims / 2;
    std::vector<RotaryBand> bands;
    const bool measured = q.rows() > 0 && k.rows() > 0 && q.cols() >= config.rotary.dims &&
                          k.cols() >= config.rotary.dims;
    for (int i = 0; i < half && i < int(inverse.size()); ++i) {
        RotaryBand band;
        band.pair = i;
        band.inverse_frequency = inverse[std::size_t(i)];
        band.wavelength = inverse[std::size_t(i)] > 0
                              ? 2 * std::numbers::pi / inverse[std::size_t(i)]
                              : std::numeric_limits<double>::infinity();
        if (measured) {
            // mean_i |q_i| * mean_j |k_j| = mean over (i, j) of |q_i| |k_j|.
            double q_length = 0;
            for (Eigen::Index t = 0; t < q.rows(); ++t) {
                q_length += std::hypot(double(q(t, i)), double(q(t, i + half)));
            }
            double k_length = 0;
            for (Eigen::Index t = 0; t < k.rows(); ++t) {
                k_length += std::hypot(double(k(t, i)), double(k(t, i + half)));
            }
            band.weight = (q_length / double(q.rows())) * (k_length / double(k.rows()));
        }
        bands.push_back(band);
    }
    return bands;
}

}  // namespace atlas
