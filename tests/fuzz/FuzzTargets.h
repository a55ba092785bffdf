// The fuzz entry points: one function per target, shared by libFuzzer and the replay test.
//
// Each takes arbitrary bytes, feeds them to one reader or tokenizer through its public API, and
// checks what came back. Bad input may only end in atlas::AtlasError, which the entry point
// catches; anything else (another exception type, a broken invariant reported as FuzzFinding, a
// sanitizer report, a crash or a hang) is a finding. Under libFuzzer an escaping exception ends
// the process, which libFuzzer records as a crash with the input that caused it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace atlas::fuzz {

// An invariant the code under test broke (a span outside the text, a row that does not sum to 1).
class FuzzFinding : public std::logic_error {
  public:
    explicit FuzzFinding(const std::string& message) : std::logic_error(message) {}
};

// Throws FuzzFinding with `what` unless `condition` holds.
void check(bool condition, const std::string& what);

using FuzzEntry = int (*)(const std::uint8_t* data, std::size_t size);

int fuzzSafetensors(const std::uint8_t* data, std::size_t size);
int fuzzConfig(const std::uint8_t* data, std::size_t size);
int fuzzTokenizerFiles(const std::uint8_t* data, std::size_t size);
int fuzzTokenizers(const std::uint8_t* data, std::size_t size);
int fuzzTokenizerJson(const std::uint8_t* data, std::size_t size);
int fuzzConllu(const std::uint8_t* data, std::size_t size);
int fuzzForward(const std::uint8_t* data, std::size_t size);

struct FuzzTarget {
    const char* name;  // also the folder of its seeds (corpus/NAME) and findings (regressions/NAME)
    FuzzEntry entry;
};

// Every target, in the order run-fuzzers.sh runs them.
const std::vector<FuzzTarget>& fuzzTargets();

}  // namespace atlas::fuzz
