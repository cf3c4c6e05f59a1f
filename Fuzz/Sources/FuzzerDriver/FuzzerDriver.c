// The declaration of libFuzzer's driver is all this module holds; its definition comes with
// -sanitize=fuzzer.
#include "FuzzerDriver.h"
