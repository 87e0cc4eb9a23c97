#ifndef TRYG_BYTE_SCAN_H
#define TRYG_BYTE_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// The first position i in [0, count) where byte i and byte i + distance, each with its case bit
/// (0x20 or 0) set, equal `first` and `second`: the candidate filter of a case-insensitive
/// substring search over folded bytes. Returns `count` when there is none.
///
/// `bytes` must be readable from bytes[0] to bytes[count - 1 + distance]. The scan takes 32
/// positions a step with AVX2 where the processor has it (checked once), else 16 with SSE2.
size_t tryg_next_pair(const uint8_t *bytes, size_t count, size_t distance,
                      uint8_t first, uint8_t firstCase, uint8_t second, uint8_t secondCase);

#endif
