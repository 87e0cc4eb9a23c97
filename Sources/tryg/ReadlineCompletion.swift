import Foundation
import Synchronization
import TrygDomain
import TrygEngine
import TrygShell
@preconcurrency import CReadline

/// The catalog completion reads, and the candidates readline is handing out one by one.
private let completionCatalog = Mutex<Catalog?>(nil)
/// The session whose connected server completion asks for its columns' values.
private let completionSession = Mutex<Session?>(nil)
private let pendingCandidates = Mutex<[String]>([])
/// How the pending candidates are shown in the list, where that differs (`Completion.shown`).
private let pendingShown = Mutex<[String: String]>([:])
/// Word breaks for dot-command lines and for the language, kept for the process's life.
nonisolated(unsafe) private let dotWordBreaks = strdup(Completion.dotWordBreaks)
nonisolated(unsafe) private let languageWordBreaks = strdup(Vocabulary.wordBreakCharacters)

/// Connects readline's Tab to the shell's `Completer`.
enum ReadlineCompletion {
    static func install(session: Session) {
        completionCatalog.withLock { $0 = session.catalog }
        completionSession.withLock { $0 = session }
        tryg_rl_set_completion({ _, _, end in
            tryg_rl_set_attempted_over(1)   // no fallback to file names of the working folder
            guard let buffer = tryg_rl_line_buffer(), let catalog = completionCatalog.withLock({ $0 }) else { return nil }
            // `end` counts bytes; the line up to the cursor is what the completer reads.
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                                            count: Int(end))
            let before = String(decoding: bytes, as: UTF8.self)
            var completer = Completer(catalog: catalog)
            if let session = completionSession.withLock({ $0 }) {
                completer.serverValues = { session.serverValues(table: $0, column: $1) }
            }
            let completion = completer.complete(before)
            guard !completion.candidates.isEmpty else { return nil }
            tryg_rl_set_filename_completion(completion.isPath ? 1 : 0)
            pendingCandidates.withLock { $0 = completion.candidates }
            pendingShown.withLock { $0 = completion.shown }
            tryg_rl_set_display_matches_hook(completion.shown.isEmpty ? nil : { matches, count, _ in
                ReadlineCompletion.showList(matches, Int(count))
            })
            let onlyFolder = completion.candidates.count == 1 && completion.candidates[0].hasSuffix("/")
            tryg_rl_set_append_character(onlyFolder ? 0 : 32)
            return rl_completion_matches(completion.word, { _, state in
                pendingCandidates.withLock { candidates -> UnsafeMutablePointer<CChar>? in
                    guard Int(state) < candidates.count else { return nil }
                    return strdup(candidates[Int(state)])
                }
            })
        }, languageWordBreaks)
        tryg_rl_set_word_break_hook {
            guard let buffer = tryg_rl_line_buffer() else { return languageWordBreaks }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                                            count: Int(max(0, tryg_rl_point())))
            let breaks = Completion.wordBreaks(forLine: String(decoding: bytes, as: UTF8.self))
            return breaks == Completion.dotWordBreaks ? dotWordBreaks : languageWordBreaks
        }
    }
}

extension ReadlineCompletion {
    /// Lists the candidates (`matches[1…count]`; `matches[0]` is their common start) each in
    /// its shown form, laid out by readline, then redraws the line.
    static func showList(_ matches: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ count: Int) {
        guard let matches, count > 0 else { return }
        let shown = pendingShown.withLock { $0 }
        var list: [UnsafeMutablePointer<CChar>?] = [strdup("")]
        var widest = 0
        for i in 1...count {
            guard let match = matches[i] else { continue }
            let text = String(cString: match)
            let form = shown[text] ?? text
            widest = max(widest, form.count)
            list.append(strdup(form))
        }
        let n = list.count - 1
        list.append(nil)
        list.withUnsafeMutableBufferPointer { tryg_rl_display_match_list($0.baseAddress, Int32(n), Int32(widest)) }
        for p in list { free(p) }
    }
}
