// The PyTorch side of the benchmarks: bench/torch_forward.py in a child process, driven over
// pipes (one command a line, one answer line each), with the same thread count as ours.
#pragma once

#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace atlas::bench {

class TorchProcess {
  public:
    TorchProcess(const std::string& python, const std::string& script,
                 const std::filesystem::path& folder, int threads) {
        int to_child[2], from_child[2];
        if (pipe(to_child) != 0 || pipe(from_child) != 0)
            throw std::runtime_error("pipe failed");
        pid_ = fork();
        if (pid_ < 0)
            throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            dup2(to_child[0], STDIN_FILENO);
            dup2(from_child[1], STDOUT_FILENO);
            close(to_child[1]);
            close(from_child[0]);
            // OpenBLAS (pthreads) and PyTorch's OpenMP pool get the same thread count as ours.
            const std::string count = std::to_string(threads);
            setenv("OMP_NUM_THREADS", count.c_str(), 1);
            setenv("OPENBLAS_NUM_THREADS", count.c_str(), 1);
            setenv("MKL_NUM_THREADS", count.c_str(), 1);
            execl(python.c_str(), python.c_str(), script.c_str(), folder.c_str(), count.c_str(),
                  static_cast<char*>(nullptr));
            std::perror("exec python");
            _exit(127);
        }
        close(to_child[0]);
        close(from_child[1]);
        to_ = fdopen(to_child[1], "w");
        from_ = fdopen(from_child[0], "r");
        if (readLine() != "ready")
            throw std::runtime_error("torch_forward.py did not start");
    }
    ~TorchProcess() {
        std::fputs("quit\n", to_);
        std::fclose(to_);
        std::fclose(from_);
        waitpid(pid_, nullptr, 0);
    }

    std::string ask(const std::string& command) {
        std::fputs((command + "\n").c_str(), to_);
        std::fflush(to_);
        return readLine();
    }

  private:
    std::string readLine() {
        std::string line;
        for (int c = std::fgetc(from_); c != EOF && c != '\n'; c = std::fgetc(from_))
            line += c;
        return line;
    }
    pid_t pid_ = -1;
    std::FILE* to_ = nullptr;
    std::FILE* from_ = nullptr;
};

}  // namespace atlas::bench
