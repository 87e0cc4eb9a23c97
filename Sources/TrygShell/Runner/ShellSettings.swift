/// What the dot commands and the command line change about how the shell shows results.
public struct ShellSettings: Sendable {
    public var mode: OutputMode = .table
    /// Show each statement's time (`.timer on`).
    public var timer = false
    /// Colour the line as it is typed (`.highlight on|off`), where the terminal allows it.
    public var highlight = true
    /// Why the typed line is not coloured whatever `highlight` says (`NO_COLOR`, a terminal
    /// without colour, no terminal at all); nil when it can be.
    public var highlightUnavailable: String? = "not an interactive terminal"
    /// When results go through a pager (`.pager on|off|auto`).
    public var pager = PagerMode.auto
    /// Rows of a table shown on a terminal (never to a file or pipe); 0 shows all.
    public var maxRows = 40
    /// `--maxrows` or `.maxrows` was given: a script run on a terminal cuts too (by default
    /// only the interactive shell does).
    public var maxRowsGiven = false
    /// A person types the statements: notes such as "kept as table" are shown.
    public var interactive = false
    /// `--quiet`: loads report nothing but their errors.
    public var quiet = false
    /// Colour for results and for diagnostics; decided from the terminals and `NO_COLOR`.
    public var resultColor = false
    public var diagnosticColor = false
    /// Draw charts and tables in plain ASCII (`--ascii`, or a locale that is not UTF-8).
    public var asciiCharts = false
    /// Where the data came from, for the "Kilde: …" line under exported charts (`--source`);
    /// nil writes none, unless the chart's data are the bundled samples alone.
    public var dataSource: String?
    /// The folder the bundled samples were loaded from, when they were: a chart of a query that
    /// reads only its tables says "Kilde: syntetiske eksempeldata".
    public var samplesFolder: String?
    /// Show a result's chart instead of its table (demo mode); without a chart the table is shown.
    public var chartsReplaceTables = false

    /// How `csv` output is spelled (`--dialect excel-da`, `.mode csv excel-da`).
    public var csvDialect = CSVDialect()
    /// The table view writes numbers Danish style: `1.234,50` (`.numbers da`, `--numbers da`).
    public var danishNumbers = false
    /// JSON results are held until the run ends, so one result is written as an array and
    /// several as JSON Lines (scripts and `-c`; the interactive shell writes each at once).
    public var collectJSON = false
    /// `--output-dir DIR`: each result in a file of its own (`result-1.csv`, …) instead of the output.
    public var outputDirectory: String?
    /// `--format xlsx`: results go to workbooks, a sheet each, not to the output.
    public var workbook = false
    /// `--format xlsx --output FILE.xlsx`: the workbook every result of the run goes to, written at the end.
    public var workbookPath: String?

    public init() {}
}
