import Foundation
import TrygEngine

extension ShellRunner {
    /// Checks that everything a statement wrote went out; false (the statement failed) when not.
    ///
    /// A file from `.output` that could not be written is closed and kept as `FILE.partial`
    /// (nothing already written is lost, and nobody mistakes it for a whole result); results go
    /// back to the screen. Standard output that cannot be written is an error, except a closed
    /// pipe (`tryg … | head`), which ends the run quietly.
    func checkWrites() -> Bool {
        if let file = redirect as? FileDescriptorOutput, let failure = file.takeFailure() {
            redirect = nil
            _ = file.close()
            report(Diagnostic(.error, "cannot write results to '\(file.name)': \(failure.reason)",
                              notes: keepPartial(file.path).map { ["what was written is kept as '\($0)'"] } ?? []))
            return false
        }
        if let failure = screen.takeFailure() {
            if failure.closedPipe {
                outputClosed = true
                quitRequested = true
            } else {
                report(Diagnostic(.error, "cannot write results to \(screen.name): \(failure.reason)"))
            }
            return false
        }
        if errors.takeFailure() != nil { errorsLost = true }
        return true
    }

    /// At the end of a run: closes a file from `.output`; false (reported) when it could not be written whole.
    public func finishOutput() -> Bool {
        writeHeldJSON()
        let workbookWritten = writeHeldWorkbook()
        do throws(Diagnostic) {
            try closeRedirect()
        } catch {
            report(error)
            return false
        }
        return checkWrites() && workbookWritten
    }

    /// Ends `.output` to a file: closes it, and reports a delayed write error from the close.
    func closeRedirect() throws(Diagnostic) {
        guard let file = redirect as? FileDescriptorOutput else {
            redirect = nil
            return
        }
        redirect = nil
        let failure = file.takeFailure() ?? file.close()
        _ = file.close()
        if let failure {
            throw Diagnostic(.error, "cannot write results to '\(file.name)': \(failure.reason)",
                             notes: keepPartial(file.path).map { ["what was written is kept as '\($0)'"] } ?? [])
        }
    }

    /// Renames a regular file that could not be written whole to `PATH.partial`; its new name.
    private func keepPartial(_ path: String?) -> String? {
        guard let path else { return nil }
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let partial = path + ".partial"
        return rename(path, partial) == 0 ? partial : nil
    }
}

extension ShellRunner {
    /// Writes the JSON results held back: one result as an array of objects, several as
    /// JSON Lines, one object per result.
    func writeHeldJSON() {
        defer { heldJSON = [] }
        if heldJSON.count == 1 { return output.write(JSONRenderer.render(heldJSON[0].table)) }
        for (i, held) in heldJSON.enumerated() {
            output.write(JSONRenderer.renderLine(held.table, statement: i + 1, suppression: held.suppression))
        }
    }
}

extension ShellRunner {
    /// `--output-dir`: the result in `DIR/result-N.EXT` (csv for table and csv mode, else the
    /// mode's own format); false, with an error naming the file, when it cannot be written.
    func writeResultFile(_ result: QueryResult, into dir: String) -> Bool {
        resultsShown += 1
        let (ext, text): (String, String)
        switch settings.mode {
        case .json: (ext, text) = ("json", JSONRenderer.render(result.table))
        case .markdown: (ext, text) = ("md", MarkdownRenderer.render(result.table, suppression: result.suppression))
        default: (ext, text) = ("csv", CSVRenderer.render(result.table, dialect: settings.csvDialect))
        }
        let path = (dir.hasSuffix("/") ? dir : dir + "/") + "result-\(resultsShown).\(ext)"
        return writeText(text, to: path, help: "--output-dir needs a folder that exists and can be written")
    }

    /// Writes a result's text to a file; false, with an error naming it (and `help` when the
    /// file cannot be opened), when it cannot be written whole.
    func writeText(_ text: String, to path: String, help: String) -> Bool {
        do {
            let file = try FileDescriptorOutput(path: path)
            file.write(text)
            if let failure = file.takeFailure() ?? file.close() {
                report(Diagnostic(.error, "cannot write the result to '\(path)': \(failure.reason)"))
                return false
            }
        } catch {
            report(Diagnostic(.error, "cannot write the result to '\(path)': \(error.reason)", notes: ["help: " + help]))
            return false
        }
        return true
    }
}

extension ShellRunner {
    /// `QUERY to "FILE"`: the result written as CSV (the current CSV dialect), JSON (an array
    /// of objects) or an Excel workbook, by the file's extension; suppressed cells are empty.
    /// False, with an error naming the file, when it cannot be written.
    func writeResultTo(_ path: String, _ result: QueryResult, sheet: String?, source: SourceText,
                       reportWarnings: Bool = true) -> Bool {
        guard let kind = QueryResult.resultFileKind(path), kind != "xlsx" else {
            return writeWorkbook(result, sheet: sheet, to: path, source: source, reportWarnings: reportWarnings)
        }
        if reportWarnings { result.warnings.forEach { report($0.withSource(source)) } }
        let text = kind == "json" ? JSONRenderer.render(result.table) : CSVRenderer.render(result.table, dialect: settings.csvDialect)
        guard writeText(text, to: path, help: "to \"FILE\" needs a folder that exists and can be written") else { return false }
        let t = result.table
        note("\(t.rowCount) \(t.rowCount == 1 ? "row" : "rows") written to \(path)", elapsed: nil)
        return true
    }
}
