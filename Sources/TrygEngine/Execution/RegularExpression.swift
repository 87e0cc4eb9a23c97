import CPCRE2
import Synchronization

/// A compiled pattern of `matches`, run by PCRE2 with bounds on its work.
///
/// A pattern such as `(a+)+$` backtracks exponentially on a value that almost matches; with a
/// match limit, a depth limit and a heap limit PCRE2 stops and says so, and the statement ends
/// with an error, never "no match". Any other failure inside PCRE2 is an error too.
/// A value matches when the pattern is found anywhere in it (anchor with `^` and `$`); the
/// pattern is case-sensitive unless it asks otherwise (`(?i)`), and `\w`, `\d`, `[[:alpha:]]`
/// and `(?i)` know Unicode letters (`(?i)blågården` finds `BLÅGÅRDEN`).
final class RegularExpression: @unchecked Sendable {
    /// Backtracking steps one value may take (PCRE2's own default is ten million; a million
    /// take a few hundredths of a second).
    static let matchLimit: UInt32 = 1_000_000
    /// How deeply backtracking may nest on one value.
    static let depthLimit: UInt32 = 100_000
    /// Memory one value's backtracking may use, in KiB (64 MiB).
    static let heapLimitKiB: UInt32 = 65_536
    /// The limits on one value's work, as the manual and `.help matches` state them.
    static let limitsInWords = "a million backtracking steps, a nesting depth of 100,000 and 64 MiB of memory"

    /// How many patterns were compiled in this process (tests check it does not grow per row).
    static let compilations = Atomic<Int>(0)

    let pattern: String
    /// Read-only once compiled, so shared by threads; each thread matches with its own `Matcher`.
    private let code: OpaquePointer

    /// Why a pattern cannot be compiled: PCRE2's message and where in the pattern (in Unicode
    /// scalars, from 0).
    struct CompileError: Error, Sendable {
        let message: String
        let offset: Int
    }

    /// Compiles `pattern` for UTF-8 text with Unicode character classes.
    init(_ pattern: String) throws(CompileError) {
        if let failure = tryg_pcre2_load() {
            throw CompileError(message: "PCRE2 cannot be loaded (\(String(cString: failure))); install libpcre2-8-0", offset: 0)
        }
        self.pattern = pattern
        var errorCode: Int32 = 0
        var errorOffset = 0
        let options = UInt32(PCRE2_UTF) | UInt32(PCRE2_UCP)
        var text = pattern
        let compiled = text.withUTF8 { bytes in
            withUnsafePointer(to: UInt8(0)) { empty in
                pcre2_compile_8(bytes.baseAddress ?? empty, bytes.count, options, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            let prefix = pattern.utf8.prefix(errorOffset)
            throw CompileError(message: RegularExpression.message(errorCode),
                               offset: String(decoding: prefix, as: UTF8.self).unicodeScalars.count)
        }
        code = compiled
        RegularExpression.compilations.add(1, ordering: .relaxed)
    }

    deinit { pcre2_code_free_8(code) }

    /// PCRE2's text for one of its error codes.
    static func message(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, $0.count) }
        return n > 0 ? String(decoding: buffer[0..<Int(n)], as: UTF8.self) : "PCRE2 error \(code)"
    }

    /// Matches one compiled pattern against values one at a time, with the limits set; it owns
    /// PCRE2's match data, so each thread makes its own.
    final class Matcher {
        /// Why a value could not be decided.
        enum Failure: Error {
            /// Past the match, depth or heap limit.
            case tooMuchWork
            /// Any other failure inside PCRE2, with its message.
            case engine(String)
        }

        let expression: RegularExpression
        private let data: OpaquePointer
        private let context: OpaquePointer

        init(_ expression: RegularExpression) throws(Failure) {
            guard let data = pcre2_match_data_create_from_pattern_8(expression.code, nil) else {
                throw Failure.engine("PCRE2 could not allocate its match data")
            }
            guard let context = pcre2_match_context_create_8(nil) else {
                pcre2_match_data_free_8(data)
                throw Failure.engine("PCRE2 could not allocate its match context")
            }
            _ = pcre2_set_match_limit_8(context, RegularExpression.matchLimit)
            _ = pcre2_set_depth_limit_8(context, RegularExpression.depthLimit)
            _ = pcre2_set_heap_limit_8(context, RegularExpression.heapLimitKiB)
            self.expression = expression
            self.data = data
            self.context = context
        }

        deinit {
            pcre2_match_data_free_8(data)
            pcre2_match_context_free_8(context)
        }

        /// Whether the pattern is found in `text`; a failure past the limits or on any other
        /// error of PCRE2, never a silent false.
        func matches(_ text: String) throws(Failure) -> Bool {
            var text = text
            let code = expression.code
            let rc = text.withUTF8 { bytes in
                // PCRE2 takes no null subject, not even an empty one.
                withUnsafePointer(to: UInt8(0)) { empty in
                    pcre2_match_8(code, bytes.baseAddress ?? empty, bytes.count, 0, 0, data, context)
                }
            }
            if rc >= 0 { return true }
            switch rc {
            case PCRE2_ERROR_NOMATCH: return false
            case PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT: throw Failure.tooMuchWork
            default: throw Failure.engine(RegularExpression.message(rc))
            }
        }
    }
}
