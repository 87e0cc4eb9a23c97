import TrygDomain

/// Chooses the timeline's events a chart marks and merges them into legend entries.
///
/// An event is marked when it happened at one of the chart's libraries and starts within its
/// axis (the first to the last day of its periods). Events on the same days become one entry
/// (`indsats, relationsmedarbejder Vesterbro`), and so do events of one kind at the same
/// libraries on other days (three spells of restricted opening hours are one entry).
enum TimelineMarks {
    static func place(_ entries: [TimelineEntry], on model: ChartModel, libraries: [String]) -> [TimelineMark] {
        guard let periods = model.periods, let first = periods.map(\.first).min(),
              let last = periods.map(\.last).max(), !libraries.isEmpty else { return [] }
        let shown = entries.filter { libraries.contains($0.library) && (first...last).contains($0.starts.dayNumber) }

        // The same kind on the same days at several libraries: one event.
        struct Event { var kinds: [String]; var libraries: [String]; let span: TimelineMark.Span }
        var events: [Event] = []
        for e in shown {
            let span = TimelineMark.Span(start: e.starts.dayNumber, end: e.ends?.dayNumber)
            if let i = events.firstIndex(where: { $0.span == span && $0.kinds == [e.kind] }) {
                if !events[i].libraries.contains(e.library) { events[i].libraries.append(e.library) }
            } else {
                events.append(Event(kinds: [e.kind], libraries: [e.library], span: span))
            }
        }
        // Different kinds on the same days at the same libraries: one event.
        var merged: [Event] = []
        for e in events {
            if let i = merged.firstIndex(where: { $0.span == e.span && $0.libraries == e.libraries }) {
                merged[i].kinds += e.kinds.filter { !merged[i].kinds.contains($0) }
            } else {
                merged.append(e)
            }
        }
        // One kind at the same libraries on other days: one legend entry with several spans.
        var marks: [TimelineMark] = []
        for e in merged {
            let label = e.kinds.joined(separator: ", ") + " " + e.libraries.joined(separator: ", ")
            if let i = marks.firstIndex(where: { $0.label == label }) {
                let m = marks[i]
                marks[i] = TimelineMark(number: nil, label: label, spans: m.spans + [e.span], libraries: m.libraries,
                                        isEffortStart: m.isEffortStart)
            } else {
                marks.append(TimelineMark(number: nil, label: label, spans: [e.span], libraries: e.libraries,
                                          isEffortStart: e.kinds.contains(TimelineKind.effort)))
            }
        }
        marks.sort { ($0.spans.first?.start ?? 0) < ($1.spans.first?.start ?? 0) }
        if marks.count > 1 {
            for i in marks.indices { marks[i].number = i + 1 }
        }
        return marks
    }

    /// Where a day falls on an axis of periods, in category units: period i runs from i - 0.5 to
    /// i + 0.5; a day between two periods sits on their border. Nil outside the axis.
    static func position(of day: Int, in periods: [PeriodSpan]) -> Double? {
        for (i, p) in periods.enumerated() {
            if (p.first...p.last).contains(day) {
                return Double(i) - 0.5 + Double(day - p.first) / Double(p.last + 1 - p.first)
            }
            if day < p.first { return i == 0 ? nil : Double(i) - 0.5 }
        }
        return nil
    }

    /// The categories (bars) a mark belongs to: the period holding its start, at one of its libraries.
    static func categories(of mark: TimelineMark, in model: ChartModel) -> [Int] {
        guard let periods = model.periods else { return [] }
        return periods.indices.filter { i in
            let p = periods[i]
            let library = model.categoryLibraries?[i] ?? nil
            guard library == nil || mark.libraries.contains(library ?? "") else { return false }
            return mark.spans.contains { (p.first...p.last).contains($0.start) }
        }
    }
}
