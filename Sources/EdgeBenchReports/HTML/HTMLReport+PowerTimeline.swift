import EdgeBenchAnalysis
import EdgeBenchCore

extension HTMLReport {
    /// One power timeline per configuration that carries one (each on its own clock and boundary, so they
    /// are never overlaid), and "n/a — why" for the others. A manual meter's constant is said once in
    /// words: its timelines would be identical flat lines that measure nothing over time.
    static func powerTimelineFigure(_ entries: [ReportEntry]) -> String {
        var charts: [String] = []
        var missing: [String] = []
        var manual: [String: [String]] = [:]
        for entry in entries {
            if let power = entry.result?.power, power.isManual {
                let watts = entry.analysis.measured[.meanPower].map { DisplayValue.compact($0, significantDigits: 3) + " W" }
                    ?? "a constant"
                manual["\(watts) at \(power.boundary.rawValue)", default: []].append(entry.id)
                continue
            }
            guard let result = entry.result, let power = result.power, let timeline = power.timeline,
                  !timeline.points.isEmpty
            else {
                missing.append("\(entry.id): n/a — \(timelineMissingReason(entry.result))")
                continue
            }
            charts.append(timelineFigure(index: charts.count, id: entry.id, result: result, power: power, timeline: timeline))
        }
        var notDrawn = missing.isEmpty ? "" : " Not drawn: " + missing.joined(separator: "; ") + "."
        if !manual.isEmpty {
            notDrawn += " Manual meter (a constant read off a display, not a measurement over time), so no timeline: "
                + manual.keys.sorted().map { "\($0) for \(manual[$0, default: []].joined(separator: ", "))" }
                    .joined(separator: "; ") + "."
        }
        guard !charts.isEmpty else {
            return figure(id: "chart-power-timeline", svg: nil,
                          caption: (manual.isEmpty ? "No power timeline: no samples stored for any configuration."
                            : "No power timeline drawn.") + notDrawn)
        }
        let caption = "Power over time per configuration (s, W), each at the boundary of its own power channel: "
            + "the line is thinned to at most \(PowerTimeline.maxPoints) points keeping each bucket's minimum and "
            + "maximum (peaks survive); the dashed line is idle_power; grey = idle baseline window, shaded "
            + "prefill (request start → first token) and decode (first token → end); intervals of one kind closer "
            + "than 2 px are drawn as one." + notDrawn
        let definitions = [MetricID.idlePower, .meanPower, .peakPower].map { ($0.rawValue, $0.unit.rawValue, $0.definition) }
        return figure(id: "chart-power-timeline", svg: charts.joined(separator: "\n"), caption: caption,
                      definitions: definitions)
    }

    static func timelineMissingReason(_ result: ConfigurationResult?) -> String {
        guard let result else { return "no result in the bundle" }
        guard let power = result.power else {
            return result.status == .completed ? "no power source was read"
                : "no power source was read (the configuration \(result.status.rawValue))"
        }
        guard let timeline = power.timeline, !timeline.points.isEmpty else {
            return "energy statistics but no power samples kept (a bundle written before timelines, an import, "
                + "or samples that did not reach the measured phase)"
        }
        return "no timeline"
    }

    static func timelineFigure(
        index: Int, id: String, result: ConfigurationResult, power: PowerProvenance, timeline: PowerTimeline
    ) -> String {
        let boundary = power.boundary.rawValue
        // The bundle keeps the first `PowerTimeline.maxRequests`; the chart merges what a pixel cannot separate,
        // so the page grows with the chart's width, not with the run.
        let shown = timeline.requests
        var phases: [TimelinePhase] = timeline.idle.map { [TimelinePhase(name: "idle", start: $0.start, end: $0.end)] } ?? []
        for span in shown {
            phases.append(TimelinePhase(name: "prefill", start: span.start, end: span.firstToken ?? span.end))
            if let first = span.firstToken { phases.append(TimelinePhase(name: "decode", start: first, end: span.end)) }
        }
        let origin = timeline.origin == .idleStart ? "idle baseline start" : "first request"
        let points = timeline.points.map { TimePoint(time: $0.time, value: $0.watts) }
        // the end of what is shaded; with a cut request list the line goes on past it
        let end = timeline.requests.count < timeline.requestsTotal ? nil
            : ([timeline.idle?.end].compactMap { $0 } + timeline.requests.map(\.end)).max()
        let chart = TimelineChart(
            title: "Power over time: \(id)",
            series: [TimelineSeries(name: "\(boundary) power", points: clip(points, from: 0, to: end))],
            phases: phases, idleBaseline: result.summary[.idlePower]?.mean,
            xAxis: ChartAxis(title: "Time since \(origin)", unit: "s"),
            yAxis: ChartAxis(title: "Power, \(boundary)", unit: "W"),
            maxPointsPerSeries: PowerTimeline.maxPoints)
        var caption = "\(id): \(power.source)/\(power.channel) at \(boundary)"
        if power.isManual {
            caption += ", a constant read off a meter's display (manual: the flat line is not a measurement over time)"
        } else if power.isEstimate {
            caption += ", an estimate"
        }
        caption += "; \(timeline.points.count) points from \(timeline.samples) readings"
        caption += timeline.idle == nil ? "; no idle baseline was taken" : ""
        if shown.count < timeline.requestsTotal {
            caption += "; prefill/decode shaded for the first \(shown.count) of \(timeline.requestsTotal) requests"
        } else {
            caption += "; prefill/decode shaded for all \(timeline.requestsTotal) requests"
        }
        caption += "."
        return "<figure class=\"timeline\" id=\"chart-power-timeline-\(index)\">" + chart.svg()
            + "<figcaption>\(escape(caption))</figcaption></figure>"
    }

    /// The line from `lower` to `upper`, interpolated at both edges. The bundle keeps the readings just
    /// outside the window (its energy is interpolated from them); drawn, they would stretch the axis to the
    /// next round number below 0. Unchanged when the line does not reach into the window.
    static func clip(_ points: [TimePoint], from lower: Double, to upper: Double?) -> [TimePoint] {
        let upper = upper ?? .infinity
        guard let first = points.first, let last = points.last, first.time <= upper, last.time >= lower else {
            return points
        }
        func at(_ t: Double, _ a: TimePoint, _ b: TimePoint) -> TimePoint {
            TimePoint(time: t, value: a.value + (b.value - a.value) * (t - a.time) / (b.time - a.time))
        }
        var output: [TimePoint] = []
        for (index, point) in points.enumerated() {
            if index > 0 {
                let previous = points[index - 1]
                if previous.time < lower && point.time > lower { output.append(at(lower, previous, point)) }
            }
            if point.time >= lower && point.time <= upper { output.append(point) }
            if index > 0 {
                let previous = points[index - 1]
                if previous.time < upper && point.time > upper { output.append(at(upper, previous, point)) }
            }
        }
        return output
    }
}
