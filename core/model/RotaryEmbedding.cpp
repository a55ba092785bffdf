// Rotary position embeddings: inverse frequencies, angle tables, the rotation.
#include "model/RotaryEmbedding.h"

#include <cmath>

namespace atlas {

std::vector<float> rotaryInverseFrequencies(const RotaryConfig& rotary) {
    const int half = rotary.dims / 2;
    std::vector<float> inverse(static_cast<std::size_t>(half));
    const auto theta = static_cast<float>(rotary.theta);
    for (int i = 0; i < half; ++i) {
        // Hugging Face: 1 / theta ** (arange(0, R, 2).float() / R), all in float32.
        const float exponent = static_cast<float>(2 * i) / static_cast<float>(rotary.dims);
        inverse[static_cast<std::size_t>(i)] = 1.0f / std::pow(theta, exponent);
    }
    const auto factor = static_cast<float>(rotary.factor);
    if (rotary.scaling == RotaryConfig::Scaling::Linear) {
        for (float& value : inverse) {
            value /= factor;
        }
    } else if (rotary.scaling == RotaryConfig::Scaling::Llama3) {
        // Wavelengths longer than the original context / low_freq_factor are slowed by the
        // factor, those shorter than context / high_freq_factor kept, the band between blended.
        const auto context = static_cast<float>(rotary.original_context);
        const auto low = static_cast<float>(rotary.low_freq_factor);
        const auto high = static_cast<float>(rotary.high_freq_factor);
        const float low_wavelength = context / low;
        const float high_wavelength = context / high;
        for (float& value : inverse) {
            const float wavelength = 2.0f * static_cast<float>(M_PI) / value;
            const float scaled = wavelength > low_wavelength ? value / factor : value;
            const bool medium = !(wavelength < high_wavelength) && !(wavelength > low_wavelength);
            if (medium) {
                const float smooth = (context / wavelength - low) / (high - low);
                value = (1.0f - smooth) * scaled / factor + smooth * scaled;
            } else {
                value = scaled;
            }
        }
    }
    return inverse;
}

RotaryTable rotaryTable(const std::vector<float>& inverse_frequencies, int first, int count) {
    const auto half = static_cast<Eigen::Index>(inverse_frequencies.size());
    RotaryTable table{Matrix(count, half), Matrix(count, half)};
    for (int t = 0; t < count; ++t) {
        const auto position = static_cast<float>(first + t);
        for (Eigen::Index i = 0; i < half; ++i) {
            const float angle = position * inverse_frequencies[static_cast<std::size_t>(i)];
            table.cos(t, i) = std::cos(angle);
            table.sin(t, i) = std::sin(angle);
        }
    }
    return table;
}

void applyRotary(const RotaryTable& table, float* data, Eigen::Index rows, Eigen::Index stride) {
    const Eigen::Index half = table.cos.cols();
    for (Eigen::Index r = 0; r < rows; ++r) {
        float* x = data + r * stride;
        const float* cos = &table.cos(r, 0);
        const float* sin = &table.sin(r, 0);
        for (Eigen::Index i = 0; i < half; ++i) {
            const float first = x[i];
            const float second = x[i + half];
            // [x1, x2] * cos + [-x2, x1] * sin
            x[i] = first * cos[i] - second * sin[i];
            x[i + half] = second * cos[i] + first * sin[i];
        }
    }
}

}  // namespace atlas
