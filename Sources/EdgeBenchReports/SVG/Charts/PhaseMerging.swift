/// Shaded intervals for a timeline of any length: thousands of requests must not become thousands of
/// SVG rects, and intervals closer than a pixel or two cannot be told apart anyway.
enum PhaseMerging {
    /// A phase as drawn, and how many of the given phases it covers.
    struct Merged: Equatable {
        var phase: TimelinePhase
        var count: Int
    }

    /// Per name (in first-seen order), intervals sorted by start, each joined with the next when the gap
    /// between them is at most `gap` (same unit as the phases). Overlapping intervals always join.
    static func merge(_ phases: [TimelinePhase], gap: Double) -> [Merged] {
        let names = phases.map(\.name).uniqued()
        var output: [Merged] = []
        for name in names {
            let sorted = phases.filter { $0.name == name }.sorted { $0.start < $1.start }
            var current: Merged?
            for phase in sorted {
                if var open = current, phase.start - open.phase.end <= gap {
                    open.phase.end = Swift.max(open.phase.end, phase.end)
                    open.count += 1
                    current = open
                } else {
                    if let current { output.append(current) }
                    current = Merged(phase: phase, count: 1)
                }
            }
            if let current { output.append(current) }
        }
        return output
    }
}
