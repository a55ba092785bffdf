// The lazy NaN/Inf check of mapped weights: finite products, else a scan naming the tensor.
#include "model/MappedTensorCheck.h"

#include <unistd.h>

#include <vector>

#include "io/NonFiniteScan.h"

namespace atlas {

bool allFinite(const float* block, Eigen::Index rows, Eigen::Index cols, Eigen::Index ld) {
    const auto count = static_cast<std::size_t>(cols);
    for (Eigen::Index row = 0; row < rows; ++row) {
        if (firstNonFinite(block + row * ld, count, DType::F32) != count) {
            return false;
        }
    }
    return true;
}

void throwIfMappedTensorNonFinite(const MappedMatrices& mapped, const void* data) {
    for (const MappedMatrices::Tensor& tensor : mapped.tensors) {
        if (tensor.data == data) {
            throwIfNonFinite(tensor.file.empty() ? mapped.source : tensor.file, tensor.name,
                             tensor.data, tensor.count, tensor.dtype);
        }
    }
}

void checkMappedEmbeddingOnce(const MappedMatrices& mapped) {
    if (mapped.embedding_checked.load(std::memory_order_acquire)) {
        return;
    }
    // Two first forwards at once may both scan; either finding a NaN throws, and neither sets
    // the flag then, so every later forward throws too.
    throwIfMappedTensorNonFinite(mapped, mapped.output_projection.data);
    mapped.embedding_checked.store(true, std::memory_order_release);
}

void touchMappedPages(const MappedMatrices& mapped, const std::atomic<bool>& stop) {
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    std::vector<const MappedMatrices::Tensor*> order;
    for (const MappedMatrices::Tensor& tensor : mapped.tensors) {
        if (tensor.data != mapped.output_projection.data) {
            order.push_back(&tensor);
        }
    }
    for (const MappedMatrices::Tensor& tensor : mapped.tensors) {
        if (tensor.data == mapped.output_projection.data) {
            order.push_back(&tensor);
        }
    }
    unsigned char sum = 0;
    for (const MappedMatrices::Tensor* tensor : order) {
        const auto* bytes = static_cast<const unsigned char*>(tensor->data);
        const std::size_t size = tensor->count * dtypeSize(tensor->dtype);
        for (std::size_t offset = 0; offset < size; offset += page) {
            if (offset % (64 * page) == 0 && stop.load(std::memory_order_acquire)) {
                return;
            }
            sum += *static_cast<const volatile unsigned char*>(bytes + offset);
        }
    }
    static_cast<void>(sum);
}

}  // namespace atlas
