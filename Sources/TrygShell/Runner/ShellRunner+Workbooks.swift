import TrygEngine

extension ShellRunner {
    /// `QUERY to "FILE.xlsx"`: the result as a workbook of one sheet, instead of shown; false
    /// (reported) when it could not be written.
    func writeWorkbook(_ result: QueryResult, sheet: String?, to path: String, source: SourceText,
                       reportWarnings: Bool = true) -> Bool {
        if reportWarnings { result.warnings.forEach { report($0.withSource(source)) } }
        if let hint = result.chart, hint.file != nil, chart(result.table, hint: hint, source: source) == nil { return false }
        if let s = result.suppression { note("note: " + s.note + " (empty cells with a note)", elapsed: nil, always: true) }
        guard write([(sheet, result)], to: path) else { return false }
        let t = result.table
        note("\(t.rowCount) \(t.rowCount == 1 ? "row" : "rows") written to \(path)", elapsed: result.elapsed)
        return true
    }

    /// `--format xlsx`: the result is a sheet of the run's workbook (written when the run ends),
    /// or with `--output-dir` a workbook of its own, `DIR/result-N.xlsx`.
    func holdSheet(_ result: QueryResult, name: String?) -> Bool {
        resultsShown += 1
        if let dir = settings.outputDirectory {
            return write([(name, result)], to: (dir.hasSuffix("/") ? dir : dir + "/") + "result-\(resultsShown).xlsx")
        }
        heldSheets.append((name, result))
        return true
    }

    /// At the end of a run: writes the workbook of `--format xlsx --output FILE`; false (reported)
    /// when it could not be written. A run without results writes none, and says so.
    func writeHeldWorkbook() -> Bool {
        defer { heldSheets = [] }
        guard let path = settings.workbookPath, settings.outputDirectory == nil else { return true }
        guard !heldSheets.isEmpty else {
            report(Diagnostic(.warning, "no results, so no workbook was written to '\(path)'"))
            return true
        }
        return write(heldSheets, to: path)
    }

    /// `.export table FILE.xlsx`: the last result (shown or kept by `let`) as a workbook.
    func exportLastResult(to path: String, source: SourceText) throws(Diagnostic) {
        guard let (result, name) = lastResult else {
            throw Diagnostic(.error, "no result to export yet", span: argumentSpan(source, 1),
                             label: "run a query first")
        }
        do throws(WorkbookExportError) {
            try WorkbookExport.write(sheets([(name, result)]), to: path)
        } catch {
            throw Diagnostic(.error, "cannot write the workbook '\(path)': \(error.reason)", span: argumentSpan(source, 2))
        }
        let t = result.table
        note("\(t.rowCount) \(t.rowCount == 1 ? "row" : "rows") written to \(path)", elapsed: nil)
    }

    /// Results as sheets named as they asked (a `let` name, `-- sheet: NAME`) or `Resultat N`.
    private func sheets(_ results: [(name: String?, result: QueryResult)]) -> [WorkbookSheet] {
        let names = WorkbookExport.sheetNames(results.map(\.name))
        return zip(names, results).map { WorkbookSheet(name: $0, table: $1.result.table, suppression: $1.result.suppression) }
    }

    private func write(_ results: [(name: String?, result: QueryResult)], to path: String) -> Bool {
        do throws(WorkbookExportError) {
            try WorkbookExport.write(sheets(results), to: path)
            return true
        } catch {
            report(Diagnostic(.error, "cannot write the workbook '\(path)': \(error.reason)", file: FilePosition(path: path)))
            return false
        }
    }
}
