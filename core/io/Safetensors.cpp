// safetensors: a memory-mapped, fully validated reader and an atomic streaming writer.
#include "io/Safetensors.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <limits>
#include <set>

#include <nlohmann/json.hpp>

#include "Error.h"
#include "io/AtomicFile.h"

namespace atlas {

namespace {

// A header this long is not a header: refuse it before allocating or parsing anything.
constexpr std::uint64_t kMaxHeaderBytes = 100ull * 1024 * 1024;

// dtypes the format defines; all are validated, only F32/F16/BF16 are converted to float.
struct KnownDtype {
    const char* name;
    std::size_t size;
};
constexpr KnownDtype kKnownDtypes[] = {
    {"BOOL", 1}, {"U8", 1},  {"I8", 1},  {"F8_E5M2", 1}, {"F8_E4M3", 1},
    {"I16", 2},  {"U16", 2}, {"F16", 2}, {"BF16", 2},    {"I32", 4},
    {"U32", 4},  {"F32", 4}, {"F64", 8}, {"I64", 8},     {"U64", 8},
};

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        text += (i ? ", " : "") + std::to_string(shape[i]);
    }
    return text + "]";
}

// A non-negative integer from the header, or an error naming the tensor and the field.
std::uint64_t headerUnsigned(const nlohmann::json& value, const std::string& where) {
    if (value.is_number_unsigned()) {
        return value.get<std::uint64_t>();
    }
    if (value.is_number_integer() && value.get<std::int64_t>() >= 0) {
        return static_cast<std::uint64_t>(value.get<std::int64_t>());
    }
    throw AtlasError(where + " must be a non-negative integer, got " + value.dump());
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// dtypes and conversions

const char* dtypeName(DType dtype) {
    switch (dtype) {
        case DType::F32:
            return "F32";
        case DType::F16:
            return "F16";
        case DType::BF16:
            return "BF16";
    }
    return "?";
}

std::size_t dtypeSize(DType dtype) {
    return dtype == DType::F32 ? 4 : 2;
}

float halfToFloat(std::uint16_t half) {
    const std::uint32_t sign = static_cast<std::uint32_t>(half & 0x8000u) << 16;
    const std::uint32_t exponent = (half >> 10) & 0x1Fu;
    const std::uint32_t mantissa = half & 0x3FFu;
    if (exponent == 0) {
        // Zero or subnormal: mantissa * 2^-24, exact in float.
        const float magnitude = static_cast<float>(mantissa) * 0x1p-24f;
        return std::bit_cast<float>(sign | std::bit_cast<std::uint32_t>(magnitude));
    }
    if (exponent == 31) {
        return std::bit_cast<float>(sign | 0x7F800000u | (mantissa << 13));
    }
    return std::bit_cast<float>(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

float bfloat16ToFloat(std::uint16_t bfloat16) {
    return std::bit_cast<float>(static_cast<std::uint32_t>(bfloat16) << 16);
}

std::uint16_t floatToHalf(float value) {
    std::uint32_t bits = std::bit_cast<std::uint32_t>(value);
    const auto sign = static_cast<std::uint16_t>((bits >> 16) & 0x8000u);
    bits &= 0x7FFFFFFFu;
    if (bits >= 0x7F800000u) {  // Inf stays Inf; NaN stays a (quiet) NaN
        return sign | 0x7C00u | (bits > 0x7F800000u ? 0x200u : 0u);
    }
    if (bits >= 0x477FF000u) {  // >= 65520 rounds past the largest half (65504)
        return sign | 0x7C00u;
    }
    if (bits < 0x38800000u) {
        // Below the smallest normal half (2^-14): adding 0.5f lines the half's subnormal unit
        // (2^-24) up with float's last mantissa bit, so the FPU's own round-to-nearest-even does
        // the rounding.
        const float shifted = std::bit_cast<float>(bits) + 0.5f;
        return sign |
               static_cast<std::uint16_t>(std::bit_cast<std::uint32_t>(shifted) - 0x3F000000u);
    }
    const std::uint32_t mantissa_odd = (bits >> 13) & 1u;
    bits += 0xC8000FFFu + mantissa_odd;  // rebias the exponent (127 -> 15) and round half to even
    return sign | static_cast<std::uint16_t>(bits >> 13);
}

std::uint16_t floatToBfloat16(float value) {
    const std::uint32_t bits = std::bit_cast<std::uint32_t>(value);
    if ((bits & 0x7FFFFFFFu) > 0x7F800000u) {
        return static_cast<std::uint16_t>((bits >> 16) | 0x40u);  // keep NaN a NaN
    }
    const std::uint32_t rounding = 0x7FFFu + ((bits >> 16) & 1u);
    return static_cast<std::uint16_t>((bits + rounding) >> 16);
}

std::int64_t TensorInfo::elementCount() const {
    std::int64_t count = 1;
    for (std::int64_t dimension : shape) {
        count *= dimension;
    }
    return count;
}

// ---------------------------------------------------------------------------------------------
// Reader

struct SafetensorsFile::Mapping {
    void* address = nullptr;
    std::size_t size = 0;
    const unsigned char* data = nullptr;  // start of the data section
    std::size_t data_size = 0;

    ~Mapping() {
        if (address != nullptr) {
            ::munmap(address, size);
        }
    }
};

SafetensorsFile::SafetensorsFile(SafetensorsFile&&) noexcept = default;
SafetensorsFile& SafetensorsFile::operator=(SafetensorsFile&&) noexcept = default;
SafetensorsFile::~SafetensorsFile() = default;

SafetensorsFile SafetensorsFile::open(const std::filesystem::path& path) {
    const std::string file = path.string();
    SafetensorsFile result;
    result.path_ = path;
    result.mapping_ = std::make_unique<Mapping>();
    Mapping& mapping = *result.mapping_;

    // --- map the file
    {
        const int descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (descriptor < 0) {
            const int error = errno;
            throw AtlasError(file + ": cannot open: " + std::strerror(error));
        }
        struct stat status {};
        if (::fstat(descriptor, &status) != 0 || !S_ISREG(status.st_mode)) {
            ::close(descriptor);
            throw AtlasError(file + ": not a regular file");
        }
        const auto size = static_cast<std::size_t>(status.st_size);
        if (size < 8) {
            ::close(descriptor);
            throw AtlasError(file + ": file is " + std::to_string(size) +
                             " bytes, too short for a safetensors header (truncated?)");
        }
        // No MAP_POPULATE: opening reads none of the weights (their NaN check is the forward's,
        // model/MappedTensorCheck.h), so mapping every page here would only move the page-table
        // work from the first forward, spread over its threads, to the open, on one. HUGEPAGE
        // lets the kernel read a file that is not in the page cache yet into 2 MiB folios and
        // map them whole: mapping GPT-2 small's 475 MiB then costs about 10 ms of CPU on every
        // later open instead of about 250 ms for 4 KiB pages (measured on the project's VM).
        // WILLNEED starts that reading without waiting for it.
        void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, descriptor, 0);
        const int error = errno;
        ::close(descriptor);
        if (address == MAP_FAILED) {
            throw AtlasError(file + ": cannot map: " + std::strerror(error));
        }
        ::madvise(address, size, MADV_HUGEPAGE);
        ::madvise(address, size, MADV_WILLNEED);
        mapping.address = address;
        mapping.size = size;
    }
    const auto* bytes = static_cast<const unsigned char*>(mapping.address);

    // --- verify the header length
    std::uint64_t header_length = 0;
    for (int i = 7; i >= 0; --i) {
        header_length = (header_length << 8) | bytes[i];
    }
    if (header_length > kMaxHeaderBytes) {
        throw AtlasError(file + ": header length " + std::to_string(header_length) +
                         " bytes exceeds the 100 MB limit (not a safetensors file?)");
    }
    if (header_length > mapping.size - 8) {
        throw AtlasError(file + ": header length " + std::to_string(header_length) +
                         " bytes exceeds the file size " + std::to_string(mapping.size) +
                         " (truncated?)");
    }
    mapping.data = bytes + 8 + header_length;
    mapping.data_size = mapping.size - 8 - header_length;

    // --- parse the header
    const char* header = reinterpret_cast<const char*>(bytes + 8);
    const nlohmann::json json =
        nlohmann::json::parse(header, header + header_length, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded()) {
        throw AtlasError(file + ": header is not valid JSON (corrupt or not a safetensors file)");
    }
    if (!json.is_object()) {
        throw AtlasError(file + ": header must be a JSON object");
    }

    // --- read every tensor entry
    for (const auto& [name, entry] : json.items()) {
        if (name == "__metadata__") {
            if (!entry.is_object()) {
                throw AtlasError(file + ": __metadata__ must be an object of strings");
            }
            for (const auto& [key, value] : entry.items()) {
                if (!value.is_string()) {
                    throw AtlasError(file + ": __metadata__ key \"" + key + "\" must be a string");
                }
                result.metadata_[key] = value.get<std::string>();
            }
            continue;
        }
        const std::string where = file + ": tensor " + name;
        if (!entry.is_object()) {
            throw AtlasError(where + ": entry must be an object");
        }
        const auto dtype_it = entry.find("dtype");
        const auto shape_it = entry.find("shape");
        const auto offsets_it = entry.find("data_offsets");
        if (dtype_it == entry.end() || !dtype_it->is_string()) {
            throw AtlasError(where + ": \"dtype\" missing or not a string");
        }
        if (shape_it == entry.end() || !shape_it->is_array()) {
            throw AtlasError(where + ": \"shape\" missing or not an array");
        }
        if (offsets_it == entry.end() || !offsets_it->is_array() || offsets_it->size() != 2) {
            throw AtlasError(where + ": \"data_offsets\" missing or not [begin, end]");
        }

        const std::string dtype_name = dtype_it->get<std::string>();
        const KnownDtype* known = nullptr;
        for (const KnownDtype& candidate : kKnownDtypes) {
            if (dtype_name == candidate.name) {
                known = &candidate;
            }
        }
        if (known == nullptr) {
            throw AtlasError(where + " has unknown dtype \"" + dtype_name +
                             "\" (F32, F16 and BF16 are read)");
        }

        TensorInfo info;
        info.name = name;
        // Element count with an overflow guard: no valid tensor has more elements than the data
        // section has bytes, so anything larger is corrupt.
        std::uint64_t count = 1;
        bool too_large = false;
        for (const auto& dimension : *shape_it) {
            const std::uint64_t extent = headerUnsigned(dimension, where + ": shape entry");
            if (extent > std::numeric_limits<std::int64_t>::max()) {
                too_large = true;
                break;
            }
            info.shape.push_back(static_cast<std::int64_t>(extent));
            if (extent != 0 && count > mapping.data_size / extent) {
                too_large = true;
            }
            count = too_large ? count : count * extent;
        }
        const std::uint64_t begin = headerUnsigned((*offsets_it)[0], where + ": data_offsets");
        const std::uint64_t end = headerUnsigned((*offsets_it)[1], where + ": data_offsets");
        if (begin > end || end > mapping.data_size) {
            throw AtlasError(where + ": byte range [" + std::to_string(begin) + ", " +
                             std::to_string(end) + ") lies outside the data section of " +
                             std::to_string(mapping.data_size) + " bytes (truncated?)");
        }
        if (too_large || count * known->size != end - begin) {
            throw AtlasError(where + " has shape " + shapeText(info.shape) + " of " + dtype_name +
                             " but " + std::to_string(end - begin) + " bytes of data");
        }
        info.begin = static_cast<std::size_t>(begin);
        info.end = static_cast<std::size_t>(end);

        if (dtype_name == "F32") {
            info.dtype = DType::F32;
        } else if (dtype_name == "F16") {
            info.dtype = DType::F16;
        } else if (dtype_name == "BF16") {
            info.dtype = DType::BF16;
        } else {
            result.unread_tensors_[name] = dtype_name;
        }
        result.tensors_.push_back(std::move(info));
    }

    // --- byte ranges must not overlap (empty tensors occupy nothing)
    std::vector<const TensorInfo*> by_offset;
    for (const TensorInfo& info : result.tensors_) {
        if (info.end > info.begin) {
            by_offset.push_back(&info);
        }
    }
    std::sort(by_offset.begin(), by_offset.end(),
              [](const TensorInfo* a, const TensorInfo* b) { return a->begin < b->begin; });
    for (std::size_t i = 1; i < by_offset.size(); ++i) {
        if (by_offset[i]->begin < by_offset[i - 1]->end) {
            throw AtlasError(file + ": tensors " + by_offset[i - 1]->name + " and " +
                             by_offset[i]->name + " have overlapping byte ranges");
        }
    }

    // Readable tensors only in tensors(); the others are listed in unreadTensors().
    std::erase_if(result.tensors_, [&](const TensorInfo& info) {
        return result.unread_tensors_.count(info.name) != 0;
    });
    return result;
}

const TensorInfo* SafetensorsFile::find(const std::string& name) const {
    for (const TensorInfo& info : tensors_) {
        if (info.name == name) {
            return &info;
        }
    }
    return nullptr;
}

void SafetensorsFile::readFloat(const TensorInfo& tensor, float* out) const {
    const unsigned char* source = mapping_->data + tensor.begin;
    const std::size_t count = (tensor.end - tensor.begin) / dtypeSize(tensor.dtype);
    if (count == 0) {
        return;  // an empty tensor: `out` may be null
    }
    switch (tensor.dtype) {
        case DType::F32:
            std::memcpy(out, source, count * sizeof(float));
            return;
        case DType::F16:
            for (std::size_t i = 0; i < count; ++i) {
                std::uint16_t half;
                std::memcpy(&half, source + 2 * i, 2);
                out[i] = halfToFloat(half);
            }
            return;
        case DType::BF16:
            for (std::size_t i = 0; i < count; ++i) {
                std::uint16_t bfloat16;
                std::memcpy(&bfloat16, source + 2 * i, 2);
                out[i] = bfloat16ToFloat(bfloat16);
            }
            return;
    }
}

const void* SafetensorsFile::data(const TensorInfo& tensor) const {
    return mapping_->data + tensor.begin;
}

void SafetensorsFile::release(const TensorInfo& tensor) const {
    if (tensor.end <= tensor.begin) {
        return;
    }
    // Whole pages around the tensor: a neighbour sharing a page just faults it in again.
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto first =
        reinterpret_cast<std::uintptr_t>(mapping_->data + tensor.begin) & ~(page - 1);
    const auto last = reinterpret_cast<std::uintptr_t>(mapping_->data + tensor.end);
    ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

// ---------------------------------------------------------------------------------------------
// Writer

void writeSafetensors(const std::filesystem::path& path, const std::vector<TensorToWrite>& tensors,
                      DType storage, const std::map<std::string, std::string>& metadata) {
    const std::string file = path.string();
    const std::size_t element_size = dtypeSize(storage);

    // --- header: names, shapes and byte ranges in the order given
    nlohmann::json header = nlohmann::json::object();
    std::set<std::string> names;
    std::vector<std::size_t> counts;
    std::size_t offset = 0;
    for (const TensorToWrite& tensor : tensors) {
        if (tensor.name.empty() || tensor.name == "__metadata__" ||
            !names.insert(tensor.name).second) {
            throw AtlasError(file + ": cannot write tensor name \"" + tensor.name +
                             "\" (empty, reserved or duplicate)");
        }
        std::size_t count = 1;
        for (std::int64_t extent : tensor.shape) {
            if (extent < 0) {
                throw AtlasError(file + ": tensor " + tensor.name + " has a negative extent");
            }
            count *= static_cast<std::size_t>(extent);
        }
        if (count > 0 && tensor.data == nullptr) {
            throw AtlasError(file + ": tensor " + tensor.name + " has no data");
        }
        counts.push_back(count);
        header[tensor.name] = {{"dtype", dtypeName(storage)},
                               {"shape", tensor.shape},
                               {"data_offsets", {offset, offset + count * element_size}}};
        offset += count * element_size;
    }
    if (!metadata.empty()) {
        header["__metadata__"] = metadata;
    }
    std::string header_text = header.dump();
    // Pad with spaces to a multiple of 8 as Hugging Face does, so the data section is aligned.
    header_text.append((8 - header_text.size() % 8) % 8, ' ');

    // --- stream: length, header, then each tensor converted in chunks
    writeFileAtomicallyStreamed(path, [&](const ByteSink& write) {
        unsigned char length[8];
        std::uint64_t header_length = header_text.size();
        for (unsigned char& byte : length) {
            byte = static_cast<unsigned char>(header_length & 0xFF);
            header_length >>= 8;
        }
        write(length, sizeof length);
        write(header_text.data(), header_text.size());

        constexpr std::size_t kChunk = 1 << 16;
        std::vector<std::uint16_t> buffer;
        for (std::size_t t = 0; t < tensors.size(); ++t) {
            const float* data = tensors[t].data;
            const std::size_t count = counts[t];
            if (count == 0) {
                continue;
            }
            if (storage == DType::F32) {
                write(data, count * sizeof(float));
                continue;
            }
            for (std::size_t start = 0; start < count; start += kChunk) {
                const std::size_t size = std::min(kChunk, count - start);
                buffer.resize(size);
                for (std::size_t i = 0; i < size; ++i) {
                    buffer[i] = storage == DType::F16 ? floatToHalf(data[start + i])
                                                      : floatToBfloat16(data[start + i]);
                }
                write(buffer.data(), size * sizeof(std::uint16_t));
            }
        }
    });
}

}  // namespace atlas
