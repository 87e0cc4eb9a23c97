import TrygEngine

/// The one-screen welcome of the interactive shell.
public enum Welcome {
    public static func text(catalog: Catalog, color: Bool) -> String {
        func bold(_ s: String) -> String { color ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        var lines = [bold(LaunchOptions.version) + " — safety figures for Copenhagen's libraries", ""]
        let tables = catalog.all
        if tables.isEmpty {
            lines.append("No tables loaded yet: .import FILE, or start with --data DIR.")
        } else {
            let width = tables.map { DisplayWidth.of($0.name) }.max() ?? 0
            lines.append("Tables:")
            for t in tables {
                lines.append("  " + DisplayWidth.pad(t.name, to: width) + "  \(t.rowCount) \(t.rowCount == 1 ? "row" : "rows")")
            }
        }
        lines.append("")
        if catalog.table("incidents") != nil {
            lines.append("Try:  " + bold(HelpText.firstQuery))
        }
        lines.append(".help for commands, stages and functions; Tab completes; .quit or Ctrl-D to leave.")
        return lines.joined(separator: "\n") + "\n\n"
    }
}
