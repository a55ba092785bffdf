#include "common/FreedMemory.h"

#include <cstdlib>  // defines __GLIBC__ where the C library is glibc

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ATLAS_ADDRESS_SANITIZER 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define ATLAS_ADDRESS_SANITIZER 1
#endif

#if defined(ATLAS_ADDRESS_SANITIZER)
// Declared here: GCC ships the sanitizer runtime's function but not its header.
extern "C" void __sanitizer_purge_allocator();
#elif defined(__GLIBC__)
#include <malloc.h>
#endif

namespace atlas::ui {

void returnFreedMemory() {
#if defined(ATLAS_ADDRESS_SANITIZER)
    __sanitizer_purge_allocator();
#elif defined(__GLIBC__)
    malloc_trim(0);
#endif
}

}  // namespace atlas::ui
