# Cross-compiling for 64-bit ARM (a Raspberry Pi 3, 4, 5 or Zero 2 with a 64-bit
# OS) on a Debian amd64 machine with crossbuild-essential-arm64 and the :arm64
# -dev packages (multiarch). Used by scripts/cross-arm64:
#   cmake -S . -B build-arm64 -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake
# The tests run under qemu-user (qemu-aarch64-static, with / as the root where the
# arm64 libraries are), called directly: no binfmt_misc needed.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
find_program(LANYARD_QEMU NAMES qemu-aarch64-static qemu-aarch64)
if(LANYARD_QEMU)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${LANYARD_QEMU} -L /)
endif()
# pkg-config reads the arm64 .pc files only.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)
set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE arm64 CACHE STRING "")
