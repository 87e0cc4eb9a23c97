// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tryg",
    products: [
        .executable(name: "tryg", targets: ["tryg"]),
    ],
    dependencies: [],
    targets: [
        // The domain: half-years, libraries, districts, categories, survey scales, generator.
        .target(name: "TrygDomain"),

        // The language and the tables; no terminal code.
        .target(name: "TrygEngine", dependencies: ["TrygDomain", "CPCRE2", "CByteScan"]),

        // The candidate scan of text search, with AVX2 where the processor has it.
        .target(name: "CByteScan"),

        // PCRE2, the regular expressions of `matches`, with limits on their work: its
        // declarations, and libpcre2-8.so.0 loaded when the first pattern is compiled.
        .target(name: "CPCRE2", dependencies: ["CLazyLibrary"]),

        // The readers: CSV and .xlsx files into the engine's tables, with the load's report.
        .target(name: "TrygImport", dependencies: ["TrygEngine", "TrygDomain", "CZip", "CXML"]),

        // libzip and libxml2, for reading .xlsx workbooks (a zip of XML parts).
        // (libzip's declarations, and libzip.so.4 loaded when the first workbook is opened.)
        .target(name: "CZip", dependencies: ["CLazyLibrary"]),
        .systemLibrary(name: "CXML", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),

        // The REPL brain without readline: input buffer, dot commands, renderers, scripts.
        .target(name: "TrygShell", dependencies: ["TrygEngine", "TrygImport", "TrygDomain", "TrygPostgres", "CCairo", "CXLSX"]),

        // cairo, for charts exported as PNG and PDF images: its declarations, and libcairo.so.2
        // loaded when the first image is drawn rather than linked (see cairo_loader.c).
        .target(name: "CCairo", dependencies: ["CLazyLibrary"]),

        // libxlsxwriter, for results written as .xlsx workbooks: its declarations, and
        // libxlsxwriter.so.4 loaded when the first workbook is written (see xlsx_loader.c).
        .target(name: "CXLSX", dependencies: ["CLazyLibrary"]),

        // A connection to a PostgreSQL-protocol server: statements out, rows back.
        .target(name: "TrygPostgres", dependencies: ["TrygEngine", "CLibPQ"]),

        // libpq, the PostgreSQL client: its declarations, and libpq.so.5 loaded when tryg first
        // talks to a server (see libpq_loader.c).
        .target(name: "CLibPQ", dependencies: ["CLazyLibrary"]),

        // Opens a shared library when it is first needed (for CCairo, CZip, CPCRE2, CXLSX and CLibPQ).
        .target(name: "CLazyLibrary"),

        // GNU readline, seen only by the executable.
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),

        // glibc's mallopt, for the executable's malloc settings at start (see main.swift).
        .systemLibrary(name: "CMalloc"),

        // SQLite, linked only by the tests (the differential oracle).
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),

        // The command: arguments, then the terminal edge.
        .executableTarget(
            name: "tryg",
            dependencies: ["TrygShell", "TrygEngine", "TrygImport", "TrygDomain", "CReadline", "CMalloc"],
            resources: [.copy("Samples")]
        ),

        // Fuzzing: libFuzzer entry points, built by scripts/fuzz with --sanitize=fuzzer and
        // -DTRYG_FUZZ. A plain build gives each a main that replays files through the same
        // function; the tests replay the seed corpora that way.
        .target(name: "FuzzReplay", path: "Fuzz/Replay"),
        .executableTarget(name: "fuzz-query", dependencies: ["TrygEngine", "TrygDomain", "FuzzReplay"],
                          path: "Fuzz/Query", exclude: ["corpus"]),
        .executableTarget(name: "fuzz-csv", dependencies: ["TrygImport", "TrygEngine", "TrygDomain", "FuzzReplay"],
                          path: "Fuzz/CSV", exclude: ["corpus"]),
        .executableTarget(name: "fuzz-xlsx", dependencies: ["TrygImport", "TrygEngine", "FuzzReplay"],
                          path: "Fuzz/XLSX", exclude: ["corpus"]),

        // Tests
        .testTarget(name: "TrygDomainTests", dependencies: ["TrygDomain"]),
        .testTarget(
            name: "TrygEngineTests",
            dependencies: ["TrygEngine", "TrygImport", "TrygDomain", "CSQLite", "TrygPostgres", "TrygShell"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "TrygImportTests",
            dependencies: ["TrygImport", "TrygEngine", "TrygDomain", "CZip"],
            exclude: ["ImportFixtures"]
        ),
        .testTarget(name: "TrygShellTests", dependencies: ["TrygShell", "TrygImport", "TrygEngine", "TrygPostgres"],
                    exclude: ["QueryGoldens", "ChartGoldens"]),
    ]
)
