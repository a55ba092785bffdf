// Reading a tokenizer file whole.
#include "text/TextFileReading.h"

#include <fstream>
#include <sstream>

#include "Error.h"

namespace atlas {

std::string readTokenizerFile(const std::filesystem::path& path) {
    std::ifstream stream(path, std::ios::binary);
    if (!stream) {
        throw AtlasError(path.filename().string() + ": cannot read " + path.string());
    }
    std::ostringstream bytes;
    bytes << stream.rdbuf();
    if (stream.bad()) {
        throw AtlasError(path.filename().string() + ": error while reading " + path.string());
    }
    return std::move(bytes).str();
}

}  // namespace atlas
