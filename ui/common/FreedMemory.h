// Giving memory that work has freed back to the system.
//
// The model runs on pool threads, and glibc keeps what each thread frees in that thread's arena
// for reuse: after a few hundred sentences a long session's resident size has grown well above
// the heap it actually uses, though nothing leaks. BackgroundJob calls this once its work has
// been quiet for a moment, so the cost (a walk over the free lists) is never paid while typing.
#pragma once

namespace atlas::ui {

// Returns the free pages of every allocator arena to the system; a no-op where the C library
// has no such call. Under AddressSanitizer it purges the sanitizer's allocator instead, whose
// freed blocks would otherwise stay resident for the process's life.
void returnFreedMemory();

}  // namespace atlas::ui
