import TrygEngine

extension ShellRunner {
    /// Builds a result's chart, keeps it as the last chart, and returns its terminal drawing
    /// for table mode ("" in other modes or when it cannot be drawn).
    func chart(_ table: Table, hint: ChartHint, source: SourceText) -> String? {
        let context = ChartContext.of(source, hint: hint, session: session, dataSource: settings.dataSource)
        let model: ChartModel
        do throws(ChartProblem) {
            model = try ChartModel.build(table, hint: hint, context: context)
        } catch {
            if settings.mode == .table { errors.write("note: no chart: \(error.message)\n") }
            return ""
        }
        lastChart = model
        guard settings.mode == .table else { return "" }
        let toScreen = redirect == nil && screen.isTerminal
        let glyphs: ChartGlyphs = settings.asciiCharts ? .ascii : .unicode
        let height = settings.chartsReplaceTables && toScreen ? screenHeight() : nil
        return TerminalChart(width: (toScreen ? screenWidth() : nil) ?? 80, height: height, glyphs: glyphs,
                             color: settings.resultColor && toScreen).render(model)
    }
}
