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
        .target(name: "TrygEngine", dependencies: ["TrygDomain"]),

        // The REPL brain without readline: input buffer, dot commands, renderers, scripts.
        .target(name: "TrygShell", dependencies: ["TrygEngine", "TrygDomain", "CCairo"]),

        // cairo, for charts exported as PNG and PDF images.
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),

        // GNU readline, seen only by the executable.
        .systemLibrary(name: "CReadline", providers: [.apt(["libreadline-dev"])]),

        // SQLite, linked only by the tests (the differential oracle).
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),

        // The command: arguments, then the terminal edge.
        .executableTarget(
            name: "tryg",
            dependencies: ["TrygShell", "TrygEngine", "TrygDomain", "CReadline"],
            resources: [.copy("Samples")]
        ),

        // Tests
        .testTarget(name: "TrygDomainTests", dependencies: ["TrygDomain"]),
        .testTarget(
            name: "TrygEngineTests",
            dependencies: ["TrygEngine", "TrygDomain", "CSQLite"],
            exclude: ["Golden"]
        ),
        .testTarget(name: "TrygShellTests", dependencies: ["TrygShell", "TrygEngine"],
                    exclude: ["QueryGoldens", "ChartGoldens"]),
    ]
)
