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
    // One read into a buffer of the file's size: growing a stream buffer copies a 10 MB
    // tokenizer.json several times over.
    stream.seekg(0, std::ios::end);
    const std::streamoff size = stream.tellg();
    stream.seekg(0, std::ios::beg);
    if (size < 0 || !stream) {
        std::ostringstream bytes;
        stream.clear();
        bytes << stream.rdbuf();
        return std::move(bytes).str();
    }
    std::string bytes(static_cast<std::size_t>(size), '\0');
    stream.read(bytes.data(), size);
    if (stream.bad() || stream.gcount() != size) {
        throw AtlasError(path.filename().string() + ": error while reading " + path.string());
    }
    return bytes;
}

}  // namespace atlas
