// Write-to-temporary-then-rename, so a crash or a full disk never leaves half a file behind.
#include "io/AtomicFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "Error.h"

namespace atlas {

namespace {

std::string describeErrno(int error) {
    return std::strerror(error);
}

// Owns the temporary file until it is renamed into place; removes it otherwise.
class TemporaryFile {
  public:
    explicit TemporaryFile(const std::filesystem::path& target) : target_(target) {
        std::filesystem::path folder = target.parent_path();
        if (folder.empty()) {
            folder = ".";
        }
        // A hidden name beside the target, so the rename stays within one file system.
        std::string hidden_name = ".";
        hidden_name += target.filename().string();
        hidden_name += ".tmp-XXXXXX";
        const std::string pattern = (folder / hidden_name).string();
        std::vector<char> name(pattern.begin(), pattern.end());
        name.push_back('\0');
        descriptor_ = ::mkstemp(name.data());
        if (descriptor_ < 0) {
            const int error = errno;
            throw AtlasError("cannot write " + target.string() + ": " + describeErrno(error));
        }
        temporary_ = name.data();
    }

    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    ~TemporaryFile() {
        if (descriptor_ >= 0) {
            ::close(descriptor_);
        }
        if (!committed_) {
            ::unlink(temporary_.c_str());
        }
    }

    void write(const void* data, std::size_t size) {
        const char* bytes = static_cast<const char*>(data);
        while (size > 0) {
            const ssize_t written = ::write(descriptor_, bytes, size);
            if (written < 0) {
                if (errno == EINTR) {
                    continue;
                }
                fail(errno);
            }
            bytes += written;
            size -= static_cast<std::size_t>(written);
        }
    }

    void commit() {
        // mkstemp creates the file 0600; give it the usual permissions (0666 minus the umask).
        const mode_t mask = ::umask(0);
        ::umask(mask);
        ::fchmod(descriptor_, 0666 & ~mask);
        if (::fsync(descriptor_) != 0) {
            fail(errno);
        }
        const int descriptor = descriptor_;
        descriptor_ = -1;
        if (::close(descriptor) != 0) {
            fail(errno);
        }
        if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
            fail(errno);
        }
        committed_ = true;
    }

  private:
    [[noreturn]] void fail(int error) const {
        throw AtlasError("cannot write " + target_.string() + ": " + describeErrno(error));
    }

    std::filesystem::path target_;
    std::string temporary_;
    int descriptor_ = -1;
    bool committed_ = false;
};

}  // namespace

void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes) {
    TemporaryFile file(path);
    file.write(bytes.data(), bytes.size());
    file.commit();
}

void writeFileAtomicallyStreamed(const std::filesystem::path& path,
                                 const std::function<void(const ByteSink& write)>& produce) {
    TemporaryFile file(path);
    produce([&file](const void* data, std::size_t size) { file.write(data, size); });
    file.commit();
}

}  // namespace atlas
