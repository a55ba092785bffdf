// OpenBLAS's single-precision matrix product, used when the system has it: on the layer shapes
// it is as fast as Eigen's or, depending on the CPU, up to 1.8x faster (docs/performance.md). It
// is loaded at run time (dlopen), so it is neither a build nor an install dependency: without
// it, or with ATLAS_NO_BLAS=1 in the environment, every product stays Eigen's.
#pragma once

namespace atlas {

class SystemBlas {
  public:
    // The library loaded once per process (it is process-wide anyway), or null when absent.
    static const SystemBlas* find();

    // Row-major C [m, n] = A [m, k] * B, with B [k, n] or, `transposed_b`, B stored [n, k].
    // Leading dimensions are row strides in floats. Runs on the calling thread only.
    void multiply(int m, int n, int k, const float* a, int lda, const float* b, int ldb,
                  bool transposed_b, float* c, int ldc) const;

    // cblas_sgemm's signature.
    using Sgemm = void (*)(int, int, int, int, int, int, float, const float*, int, const float*,
                           int, float, float*, int);
    explicit SystemBlas(Sgemm sgemm) : sgemm_(sgemm) {}

  private:
    Sgemm sgemm_;
};

}  // namespace atlas
