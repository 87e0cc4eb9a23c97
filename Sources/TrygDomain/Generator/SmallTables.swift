/// The two tables that are the domain's own lists written out: libraries and timeline.
enum SmallTables {
    static func writeLibraries(_ directory: LibraryDirectory, into out: inout CSVOutput) throws {
        try out.row(["name", "full_name", "district", "effort_start"])
        for library in directory.libraries {
            try out.row([library.name, library.fullName, library.district, library.effortStart?.iso ?? ""])
        }
    }

    static func writeTimeline(_ timeline: Timeline, into out: inout CSVOutput) throws {
        try out.row(["library", "kind", "starts", "ends", "note"])
        for entry in timeline.entries {
            try out.row([entry.library, entry.kind, entry.starts.iso, entry.ends?.iso ?? "", entry.note])
        }
    }
}
