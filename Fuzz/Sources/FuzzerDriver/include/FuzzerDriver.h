#ifndef LOUPE_FUZZER_DRIVER_H
#define LOUPE_FUZZER_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt, FuzzerInterface.h): runs the fuzzing loop over `callback` with
/// libFuzzer's command line. Linked in by -sanitize=fuzzer.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
