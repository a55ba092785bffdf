# Cross-compiling for 64-bit Arm Linux with Debian's cross toolchain (g++-aarch64-linux-gnu).
# Used by scripts/check-arm64.sh:
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake ...
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(ATLAS_CROSS_TRIPLE aarch64-linux-gnu)
set(CMAKE_C_COMPILER ${ATLAS_CROSS_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${ATLAS_CROSS_TRIPLE}-g++)

# Target libraries come from the cross sysroot (libc6-dev-arm64-cross, libstdc++-12-dev-arm64-cross)
# and, for anything installed through Debian multiarch (foo-dev:arm64), from
# /usr/lib/aarch64-linux-gnu, found under "/" thanks to CMAKE_LIBRARY_ARCHITECTURE.
set(CMAKE_FIND_ROOT_PATH /usr/${ATLAS_CROSS_TRIPLE} /)
set(CMAKE_LIBRARY_ARCHITECTURE ${ATLAS_CROSS_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
# Eigen and nlohmann-json are header-only, architecture-independent (Arch: all) packages: the
# host's /usr/include and /usr/share/cmake configs serve the target as they are.
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE BOTH)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE BOTH)

# pkg-config reads the arm64 packages' .pc files, not the host's: the multiarch ones (PCRE2,
# utf8proc, ICU, zlib) and those of packages scripts/check-arm64.sh unpacked into a folder of
# their own (OpenCC), named by $ATLAS_ARM64_PKG_CONFIG_PATH.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${ATLAS_CROSS_TRIPLE}/pkgconfig:/usr/share/pkgconfig)
if(DEFINED ENV{ATLAS_ARM64_PKG_CONFIG_PATH})
    set(ENV{PKG_CONFIG_LIBDIR} $ENV{ATLAS_ARM64_PKG_CONFIG_PATH}:$ENV{PKG_CONFIG_LIBDIR})
    # The unpacked libraries' own dependencies are found beside them when linking.
    string(REPLACE "/pkgconfig" "" atlas_unpacked_libdir "$ENV{ATLAS_ARM64_PKG_CONFIG_PATH}")
    set(CMAKE_EXE_LINKER_FLAGS_INIT "-Wl,-rpath-link,${atlas_unpacked_libdir}")
endif()

# Run target programs (e.g. try_run, tests) under qemu-user when available.
find_program(ATLAS_QEMU_AARCH64 qemu-aarch64)
if(ATLAS_QEMU_AARCH64)
    set(CMAKE_CROSSCOMPILING_EMULATOR ${ATLAS_QEMU_AARCH64} -L /usr/${ATLAS_CROSS_TRIPLE})
endif()
