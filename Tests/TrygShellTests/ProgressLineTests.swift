import Foundation
import Testing
import TrygEngine
@testable import TrygShell

/// The progress bar's line: what it says for a load and for a query, and that it fits.
@Suite struct ProgressLineTests {
    typealias Snapshot = WorkProgress.Snapshot

    @Test func aLoadShowsItsFileBarAndBytes() {
        let s = Snapshot(label: "/data/export/incidents.csv", bytesDone: 612_000_000, bytesTotal: 1_280_000_000, rows: 4_700_000)
        let line = ProgressLine.render(s, elapsed: 2.34, width: 100, ascii: false)
        #expect(line.hasPrefix("incidents.csv ▕"))
        #expect(line.contains("█") && line.contains("░"))
        #expect(line.contains(" 47 %  612 MB of 1.28 GB · 4.70M rows · 2.3 s"), "\(line)")
        let ascii = ProgressLine.render(s, elapsed: 2.34, width: 100, ascii: true)
        #expect(ascii.contains("[#########..........."), "\(ascii)")
        #expect(ascii.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func aQueryShowsHowLongItHasRun() {
        let s = Snapshot(label: "", bytesDone: 0, bytesTotal: 0, rows: 0)
        #expect(ProgressLine.render(s, elapsed: 75.2, width: 80, ascii: false) == "running · 1 min 15 s · Ctrl-C cancels")
    }

    @Test(arguments: [0, 1, 10, 30, 45, 60, 79, 140])
    func theLineFitsTheWidth(width: Int) {
        let name = "en meget lang filnavn med æøå og flere ord end der er plads til i en smal terminal.csv"
        for (done, total) in [(0, 1), (1, 3), (999_999_999_999, 1_000_000_000_000), (5, 0)] {
            let s = Snapshot(label: name, bytesDone: done, bytesTotal: total, rows: done)
            let line = ProgressLine.render(s, elapsed: 3_700, width: width, ascii: false)
            #expect(DisplayWidth.of(line) <= width, "\(width): \(line)")
        }
    }

    @Test func sizesAndCountsRead() {
        #expect(ProgressLine.bytes(812) == "812 B")
        #expect(ProgressLine.bytes(61_240) == "61.2 KB")
        #expect(ProgressLine.bytes(999_600) == "1.00 MB")
        #expect(ProgressLine.rows(1) == "1 row")
        #expect(ProgressLine.rows(48_123) == "48.1K rows")
    }

    @Test func progressCountsFromEveryThread() {
        let p = WorkProgress()
        p.begin("x.csv", totalBytes: 4_000)
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            for _ in 0..<1_000 { p.advance(bytes: 1, rows: 2) }
        }
        #expect(p.snapshot == Snapshot(label: "x.csv", bytesDone: 4_000, bytesTotal: 4_000, rows: 8_000))
        p.reset()
        #expect(p.snapshot == Snapshot(label: "", bytesDone: 0, bytesTotal: 0, rows: 0))
    }
}
