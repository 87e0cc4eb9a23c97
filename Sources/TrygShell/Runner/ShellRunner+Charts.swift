import TrygEngine

extension ShellRunner {
    /// Builds a result's chart: keeps it for `.export chart`, writes it to the file of `to "FILE"`,
    /// and returns its terminal drawing for table mode ("" in other modes or when it cannot be drawn).
    /// Nil when the image file could not be written (the error is reported).
    func chart(_ table: Table, hint: ChartHint, source: SourceText) -> String? {
        let samples = readsOnlySamples(source) ? TrygProgram.samplesSource : nil
        let context = ChartContext.of(source, hint: hint, session: session, dataSource: settings.dataSource ?? samples)
        let model: ChartModel
        do throws(ChartProblem) {
            model = try ChartModel.build(table, hint: hint, context: context)
        } catch {
            if settings.mode == .table || hint.file != nil { writeMessage("note: no chart: \(error.message)") }
            return hint.file == nil ? "" : nil
        }
        lastChart = model
        if let file = hint.file {
            do throws(ChartExportError) {
                try ChartExport.write(model, to: file)
                note("chart written to \(file)", elapsed: nil)
            } catch {
                report(Diagnostic(.error, "cannot write the chart to '\(file)': \(error.reason)", file: FilePosition(path: file)))
                return nil
            }
        }
        guard settings.mode == .table else { return "" }
        let toScreen = redirect == nil && screen.isTerminal
        let glyphs: ChartGlyphs = settings.asciiCharts ? .ascii : .unicode
        let height = settings.chartsReplaceTables && toScreen ? screenHeight() : nil
        return TerminalChart(width: (toScreen ? screenWidth() : nil) ?? 80, height: height, glyphs: glyphs,
                             color: settings.resultColor && toScreen).render(model)
    }

    /// `.export chart FILE`: the last chart as an image.
    func exportLastChart(to path: String, source: SourceText) throws(Diagnostic) {
        guard let model = lastChart else {
            throw Diagnostic(.error, "no chart to export yet", span: argumentSpan(source, 1),
                             label: "run a query ending in 'chart bar' or 'chart line' first")
        }
        do throws(ChartExportError) {
            try ChartExport.write(model, to: path)
            note("chart written to \(path)", elapsed: nil)
        } catch {
            throw Diagnostic(.error, "cannot write the chart to '\(path)': \(error.reason)", span: argumentSpan(source, 2))
        }
    }
}
