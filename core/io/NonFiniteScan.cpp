// The NaN/Inf scan of stored tensors: a bit trick the compiler vectorizes on any CPU.
#include "io/NonFiniteScan.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

#include "Error.h"

namespace atlas {

namespace {

// A value is NaN or Inf when every exponent bit is set; adding the exponent's lowest bit then
// carries into the sign bit. So OR-ing (bits & exponent) + lowest over a block tells whether the
// block has one, with additions and ORs the compiler vectorizes on any CPU; only a block that has
// one is walked again to find it. (F32: exponent 0x7f800000; BF16: 0x7f80; F16: 0x7c00.)
template <typename Word>
std::size_t firstNonFiniteOf(const Word* words, std::size_t count, Word exponent, Word lowest,
                             Word sign) {
    constexpr std::size_t kBlock = 16384;
    for (std::size_t begin = 0; begin < count; begin += kBlock) {
        const std::size_t end = std::min(count, begin + kBlock);
        Word seen = 0;
        for (std::size_t i = begin; i < end; ++i) {
            seen |= static_cast<Word>((words[i] & exponent) + lowest);
        }
        if ((seen & sign) != 0) {
            for (std::size_t i = begin; i < end; ++i) {
                if ((words[i] & exponent) == exponent) {
                    return i;
                }
            }
        }
    }
    return count;
}

std::size_t firstNonFiniteInOneThread(const void* data, std::size_t count, DType dtype) {
    switch (dtype) {
        case DType::F32:
            return firstNonFiniteOf<std::uint32_t>(static_cast<const std::uint32_t*>(data), count,
                                                   0x7f800000u, 0x00800000u, 0x80000000u);
        case DType::BF16:
            return firstNonFiniteOf<std::uint16_t>(static_cast<const std::uint16_t*>(data), count,
                                                   0x7f80u, 0x0080u, 0x8000u);
        case DType::F16:
            break;
    }
    return firstNonFiniteOf<std::uint16_t>(static_cast<const std::uint16_t*>(data), count, 0x7c00u,
                                           0x0400u, 0x8000u);
}

}  // namespace

// One core alone does not reach the memory bandwidth of a virtual machine (GPT-2 small's
// 500 MB: 400 ms on one core here), so a large tensor is split over the hardware threads.
std::size_t firstNonFinite(const void* data, std::size_t count, DType dtype) {
    if (count < (std::size_t(1) << 22)) {
        return firstNonFiniteInOneThread(data, count, dtype);
    }
    const std::size_t parts = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
    if (parts == 1) {
        return firstNonFiniteInOneThread(data, count, dtype);
    }
    const std::size_t size = dtypeSize(dtype);
    const std::size_t step = (count + parts - 1) / parts;
    std::vector<std::size_t> found(parts, count);
    std::vector<std::thread> threads;
    for (std::size_t part = 1; part < parts; ++part) {
        threads.emplace_back([&, part] {
            const std::size_t begin = std::min(count, part * step);
            const std::size_t length = std::min(count, begin + step) - begin;
            const std::size_t at = firstNonFiniteInOneThread(
                static_cast<const char*>(data) + begin * size, length, dtype);
            found[part] = at == length ? count : begin + at;
        });
    }
    const std::size_t first = firstNonFiniteInOneThread(data, std::min(count, step), dtype);
    found[0] = first == std::min(count, step) ? count : first;
    for (std::thread& thread : threads) {
        thread.join();
    }
    return *std::min_element(found.begin(), found.end());
}

void throwIfNonFinite(const std::string& file, const std::string& name, const void* data,
                      std::size_t count, DType dtype) {
    const std::size_t bad = firstNonFinite(data, count, dtype);
    if (bad == count) {
        return;
    }
    float value = 0;
    if (dtype == DType::F32) {
        std::memcpy(&value, static_cast<const float*>(data) + bad, sizeof value);
    } else {
        std::uint16_t bits = 0;
        std::memcpy(&bits, static_cast<const std::uint16_t*>(data) + bad, sizeof bits);
        value = dtype == DType::BF16 ? bfloat16ToFloat(bits) : halfToFloat(bits);
    }
    throw AtlasError(file + ": tensor " + name + " contains " +
                     (std::isnan(value) ? "NaN" : "Inf") + " at element " + std::to_string(bad));
}

}  // namespace atlas
