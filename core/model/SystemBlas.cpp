// Finding OpenBLAS with dlopen; its own threads are turned off, since each of our worker threads
// asks for its own band of a product.
#include "model/SystemBlas.h"

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <initializer_list>

namespace atlas {

namespace {

constexpr int kRowMajor = 101;
constexpr int kNoTrans = 111;
constexpr int kTrans = 112;

const SystemBlas* load() {
    const char* disabled = std::getenv("ATLAS_NO_BLAS");
    if (disabled != nullptr && std::strcmp(disabled, "0") != 0) {
        return nullptr;
    }
    for (const char* name : {"libopenblas.so.0", "libopenblas.so"}) {
        void* library = dlopen(name, RTLD_NOW | RTLD_LOCAL);
        if (library == nullptr) {
            continue;
        }
        void* sgemm = dlsym(library, "cblas_sgemm");
        auto* set_threads =
            reinterpret_cast<void (*)(int)>(dlsym(library, "openblas_set_num_threads"));
        if (sgemm == nullptr || set_threads == nullptr) {
            dlclose(library);
            continue;
        }
        set_threads(1);
        return new SystemBlas(
            reinterpret_cast<SystemBlas::Sgemm>(sgemm));  // lives as long as the process
    }
    return nullptr;
}

}  // namespace

const SystemBlas* SystemBlas::find() {
    static const SystemBlas* const blas = load();
    return blas;
}

void SystemBlas::multiply(int m, int n, int k, const float* a, int lda, const float* b, int ldb,
                          bool transposed_b, float* c, int ldc) const {
    sgemm_(kRowMajor, kNoTrans, transposed_b ? kTrans : kNoTrans, m, n, k, 1.0f, a, lda, b, ldb,
           0.0f, c, ldc);
}

}  // namespace atlas
