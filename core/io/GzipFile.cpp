#include "io/GzipFile.h"

#include <zlib.h>

#include <memory>

#include "Error.h"

namespace atlas {

std::string readGzipFile(const std::filesystem::path& file) {
    gzFile handle = gzopen(file.c_str(), "rb");
    if (handle == nullptr) {
        throw AtlasError(file.string() + ": cannot read");
    }
    std::unique_ptr<gzFile_s, int (*)(gzFile)> closer(handle, gzclose);
    std::string content;
    char buffer[1 << 16];
    while (true) {
        const int read = gzread(handle, buffer, sizeof buffer);
        if (read < 0) {
            int code = 0;
            const char* reason = gzerror(handle, &code);
            throw AtlasError(file.string() + ": not valid gzip data: " + reason);
        }
        if (read == 0) {
            break;
        }
        content.append(buffer, static_cast<std::size_t>(read));
    }
    // gzread stops silently at a truncated end; gzerror still reports it.
    int code = 0;
    const char* reason = gzerror(handle, &code);
    if (code != Z_OK && code != Z_STREAM_END) {
        throw AtlasError(file.string() + ": not valid gzip data: " + reason);
    }
    return content;
}

}  // namespace atlas
