#include "byte_scan.h"

#if defined(__x86_64__)
#include <immintrin.h>

static size_t tail(const uint8_t *p, size_t i, size_t n, size_t d, uint8_t a, uint8_t ca, uint8_t b, uint8_t cb) {
    for (; i < n; i++) {
        if ((uint8_t)(p[i] | ca) == a && (uint8_t)(p[i + d] | cb) == b) return i;
    }
    return n;
}

__attribute__((target("avx2")))
static size_t next_pair_avx2(const uint8_t *p, size_t n, size_t d, uint8_t a, uint8_t ca, uint8_t b, uint8_t cb) {
    const __m256i va = _mm256_set1_epi8((char)a), vca = _mm256_set1_epi8((char)ca);
    const __m256i vb = _mm256_set1_epi8((char)b), vcb = _mm256_set1_epi8((char)cb);
    size_t i = 0;
    // 64 positions a step: two blocks, one test for both.
    while (i + 64 <= n) {
        __m256i x0 = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(p + i)), vca);
        __m256i y0 = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(p + i + d)), vcb);
        __m256i x1 = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(p + i + 32)), vca);
        __m256i y1 = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(p + i + 32 + d)), vcb);
        __m256i h0 = _mm256_and_si256(_mm256_cmpeq_epi8(x0, va), _mm256_cmpeq_epi8(y0, vb));
        __m256i h1 = _mm256_and_si256(_mm256_cmpeq_epi8(x1, va), _mm256_cmpeq_epi8(y1, vb));
        if (!_mm256_testz_si256(_mm256_or_si256(h0, h1), _mm256_or_si256(h0, h1))) {
            uint32_t m0 = (uint32_t)_mm256_movemask_epi8(h0);
            if (m0) return i + (size_t)__builtin_ctz(m0);
            return i + 32 + (size_t)__builtin_ctz((uint32_t)_mm256_movemask_epi8(h1));
        }
        i += 64;
    }
    while (i + 32 <= n) {
        __m256i x = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(p + i)), vca);
        __m256i y = _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(p + i + d)), vcb);
        uint32_t m = (uint32_t)_mm256_movemask_epi8(_mm256_and_si256(_mm256_cmpeq_epi8(x, va), _mm256_cmpeq_epi8(y, vb)));
        if (m) return i + (size_t)__builtin_ctz(m);
        i += 32;
    }
    return tail(p, i, n, d, a, ca, b, cb);
}

static size_t next_pair_sse2(const uint8_t *p, size_t n, size_t d, uint8_t a, uint8_t ca, uint8_t b, uint8_t cb) {
    const __m128i va = _mm_set1_epi8((char)a), vca = _mm_set1_epi8((char)ca);
    const __m128i vb = _mm_set1_epi8((char)b), vcb = _mm_set1_epi8((char)cb);
    size_t i = 0;
    while (i + 16 <= n) {
        __m128i x = _mm_or_si128(_mm_loadu_si128((const __m128i *)(p + i)), vca);
        __m128i y = _mm_or_si128(_mm_loadu_si128((const __m128i *)(p + i + d)), vcb);
        uint32_t m = (uint32_t)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(x, va), _mm_cmpeq_epi8(y, vb)));
        if (m) return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
    return tail(p, i, n, d, a, ca, b, cb);
}

/// 1 with AVX2, 0 without, -1 before the first call asked (racing first calls store the same answer).
static int has_avx2 = -1;

size_t tryg_next_pair(const uint8_t *bytes, size_t count, size_t distance,
                      uint8_t first, uint8_t firstCase, uint8_t second, uint8_t secondCase) {
    int avx2 = __atomic_load_n(&has_avx2, __ATOMIC_RELAXED);
    if (avx2 < 0) {
        __builtin_cpu_init();
        avx2 = __builtin_cpu_supports("avx2") ? 1 : 0;
        __atomic_store_n(&has_avx2, avx2, __ATOMIC_RELAXED);
    }
    return avx2 ? next_pair_avx2(bytes, count, distance, first, firstCase, second, secondCase)
                    : next_pair_sse2(bytes, count, distance, first, firstCase, second, secondCase);
}

#else

size_t tryg_next_pair(const uint8_t *bytes, size_t count, size_t distance,
                      uint8_t first, uint8_t firstCase, uint8_t second, uint8_t secondCase) {
    for (size_t i = 0; i < count; i++) {
        if ((uint8_t)(bytes[i] | firstCase) == first && (uint8_t)(bytes[i + distance] | secondCase) == second) return i;
    }
    return count;
}

#endif
