// Reads (memory-mapped, fully validated) and writes safetensors files.
//
// Format: 8-byte little-endian header length N, N bytes of JSON
// {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}},
// then the data section; offsets are relative to the data section.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace atlas {

enum class DType { F32, F16, BF16 };

const char* dtypeName(DType dtype);
std::size_t dtypeSize(DType dtype);

// IEEE half and bfloat16 conversions; float -> half / bfloat16 rounds to nearest even.
float halfToFloat(std::uint16_t half);
float bfloat16ToFloat(std::uint16_t bfloat16);
std::uint16_t floatToHalf(float value);
std::uint16_t floatToBfloat16(float value);

struct TensorInfo {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    std::size_t begin = 0;  // byte offsets in the data section
    std::size_t end = 0;
    std::int64_t elementCount() const;
};

class SafetensorsFile {
public:
    // Maps the file and checks: header length within the file and below 100 MB, JSON well
    // formed, known dtypes, every byte range inside the data section, ranges not overlapping,
    // size == product(shape) * dtype size. Throws AtlasError naming the file and the tensor.
    static SafetensorsFile open(const std::filesystem::path& path);

    SafetensorsFile(SafetensorsFile&&) noexcept;
    SafetensorsFile& operator=(SafetensorsFile&&) noexcept;
    ~SafetensorsFile();

    const std::filesystem::path& path() const { return path_; }
    const std::vector<TensorInfo>& tensors() const { return tensors_; }
    const TensorInfo* find(const std::string& name) const;
    const std::map<std::string, std::string>& metadata() const { return metadata_; }
    // Tensors whose dtype is valid safetensors but not F32/F16/BF16 (e.g. an I64 position_ids
    // buffer): validated like the others, listed here by name with their dtype, never converted.
    const std::map<std::string, std::string>& unreadTensors() const { return unread_tensors_; }

    // Converts a tensor to float32 into `out` (elementCount() floats), row-major as stored.
    void readFloat(const TensorInfo& tensor, float* out) const;
    // The tensor's bytes where they lie in the mapping, valid as long as this file is open.
    const void* data(const TensorInfo& tensor) const;
    // Tells the kernel the tensor's pages are no longer needed, so converting a large model
    // costs little more than its size in memory.
    void release(const TensorInfo& tensor) const;

private:
    SafetensorsFile() = default;
    struct Mapping;
    std::filesystem::path path_;
    std::unique_ptr<Mapping> mapping_;
    std::vector<TensorInfo> tensors_;
    std::map<std::string, std::string> metadata_;
    std::map<std::string, std::string> unread_tensors_;
};

struct TensorToWrite {
    std::string name;
    std::vector<std::int64_t> shape;
    const float* data = nullptr;  // product(shape) floats, row-major
};

// Writes atomically (temporary file in the same folder, then rename). Throws AtlasError.
void writeSafetensors(const std::filesystem::path& path, const std::vector<TensorToWrite>& tensors,
                      DType storage = DType::F32,
                      const std::map<std::string, std::string>& metadata = {});

}  // namespace atlas
