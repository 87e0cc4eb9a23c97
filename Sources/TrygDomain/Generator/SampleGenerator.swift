import Foundation

/// The tables of the bundled samples, each written to a CSV file named after it.
public enum SampleTable: String, CaseIterable, Sendable {
    case incidents, survey, libraries, timeline

    /// `incidents.csv` and so on.
    public var fileName: String { "\(rawValue).csv" }
}

/// Makes the synthetic sample tables, byte for byte the same for the same seed and scale.
///
/// The incident counts are calibrated so that the report's figures F4–F9 come out exactly
/// from the rows at scale 1 (see `IncidentPlan` and `SurveyPlan`). `scale` multiplies the
/// incidents, keeping their shape; the survey (one row per staff answer), the libraries and
/// the timeline keep their size. Incidents stream to disk a day at a time, so a scale of
/// 1000 (about ten million rows) needs little memory.
public struct SampleGenerator: Sendable {
    public let seed: UInt64
    /// How many times the scale-1 incident volume to make (at least 1).
    public let scale: Int
    /// How incidents are described (free text unless asked otherwise).
    public let descriptions: DescriptionStyle

    public init(seed: UInt64 = 2025, scale: Int = 1, descriptions: DescriptionStyle = .freeText) {
        self.seed = seed
        self.scale = max(1, scale)
        self.descriptions = descriptions
    }

    /// Writes every table as `<table>.csv` into a directory, creating it when missing.
    public func write(to directory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw SampleWriteError(path: directory, reason: "cannot create the directory (\(error.localizedDescription))")
        }
        for table in SampleTable.allCases {
            let path = directory.hasSuffix("/") ? directory + table.fileName : "\(directory)/\(table.fileName)"
            try write(table, toFile: path)
        }
    }

    /// Writes one table to a file, replacing it.
    public func write(_ table: SampleTable, toFile path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw SampleWriteError(path: path, reason: "cannot create the file")
        }
        do {
            try stream(table) { chunk in try handle.write(contentsOf: Data(chunk)) }
            try handle.close()
        } catch {
            try? handle.close()
            throw SampleWriteError(path: path, reason: error.localizedDescription)
        }
    }

    /// Hands a table's CSV bytes to `sink` in chunks of about a megabyte, header first.
    public func stream(_ table: SampleTable, into sink: @escaping ([UInt8]) throws -> Void) throws {
        var out = CSVOutput(sink: sink)
        switch table {
        case .incidents:
            var writer = IncidentWriter(plan: IncidentPlan(seed: seed, scale: scale),
                                        timeline: .copenhagen,
                                        random: SampleRandom(seed: seed, stream: 1),
                                        descriptions: descriptions,
                                        narrativeRandom: SampleRandom(seed: seed, stream: 4))
            try writer.write(into: &out)
        case .survey:
            var random = SampleRandom(seed: seed, stream: 2)
            try SurveyPlan.write(into: &out, random: &random)
        case .libraries:
            try SmallTables.writeLibraries(LibraryDirectory.copenhagen, into: &out)
        case .timeline:
            try SmallTables.writeTimeline(Timeline.copenhagen, into: &out)
        }
        try out.flush()
    }

    /// A table's whole CSV text; for tests and small scales.
    public func csv(_ table: SampleTable) -> String {
        final class Collected { var bytes: [UInt8] = [] }
        let collected = Collected()
        // The in-memory sink never throws, so neither does the stream.
        try? stream(table) { collected.bytes.append(contentsOf: $0) }
        return String(decoding: collected.bytes, as: UTF8.self)
    }

    /// `incidents.csv` as text.
    public func incidentsCSV() -> String { csv(.incidents) }
    /// `survey.csv` as text.
    public func surveyCSV() -> String { csv(.survey) }
    /// `libraries.csv` as text.
    public func librariesCSV() -> String { csv(.libraries) }
    /// `timeline.csv` as text.
    public func timelineCSV() -> String { csv(.timeline) }
}

/// How the generator writes the incidents' `description` column.
public enum DescriptionStyle: String, CaseIterable, Sendable {
    /// Free text as staff write it, nearly every one different, with a unique `case_no` column.
    case freeText = "free"
    /// The short templates of the first samples: a few hundred distinct values at any scale,
    /// and no `case_no` (the earlier files, byte for byte; the benchmark's second data set).
    case templates
}

/// A sample file that could not be written.
public struct SampleWriteError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "cannot write \(path): \(reason)" }
}
