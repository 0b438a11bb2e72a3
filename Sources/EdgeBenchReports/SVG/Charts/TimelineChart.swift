/// One line of a timeline (e.g. board power of one configuration).
public struct TimelineSeries: Sendable {
    public var name: String
    public var points: [TimePoint]

    public init(name: String, points: [TimePoint]) {
        self.name = name
        self.points = points
    }
}

/// A named interval of the timeline (prefill, decode), shaded behind the lines. Times in s.
public struct TimelinePhase: Sendable, Equatable {
    public var name: String
    public var start: Double
    public var end: Double

    public init(name: String, start: Double, end: Double) {
        self.name = name
        self.start = start
        self.end = end
    }
}

/// Power vs time: lines (min/max-downsampled), a dashed idle baseline, shaded phases (intervals of one
/// name closer than `phaseMergePixels` are drawn as one rect, so the page stays small for any run length).
public struct TimelineChart: Sendable {
    public var title: String
    public var series: [TimelineSeries]
    public var phases: [TimelinePhase]
    /// Idle power, drawn as a dashed horizontal line (same unit as the y axis).
    public var idleBaseline: Double?
    public var xAxis: ChartAxis
    public var yAxis: ChartAxis
    public var maxPointsPerSeries: Int
    public var phaseMergePixels: Double

    public init(
        title: String, series: [TimelineSeries], phases: [TimelinePhase] = [], idleBaseline: Double? = nil,
        xAxis: ChartAxis = ChartAxis(title: "Time", unit: "s"), yAxis: ChartAxis = ChartAxis(title: "Power", unit: "W"),
        maxPointsPerSeries: Int = 2_000, phaseMergePixels: Double = 2
    ) {
        self.title = title
        self.series = series
        self.phases = phases
        self.idleBaseline = idleBaseline
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.maxPointsPerSeries = maxPointsPerSeries
        self.phaseMergePixels = phaseMergePixels
    }

    public func svg(width: Double = 720, height: Double = 360) -> String {
        let lines = series.map { item in
            TimelineSeries(
                name: item.name,
                points: Downsampler.minMax(item.points.filter { $0.time.isFinite && $0.value.isFinite }
                    .sorted { $0.time < $1.time }, limit: maxPointsPerSeries))
        }
        let points = lines.flatMap(\.points)
        guard !points.isEmpty else {
            return ChartText.noData(title: title, message: "No data", width: width, height: height)
        }
        let validPhases = phases.filter { $0.start.isFinite && $0.end.isFinite && $0.end > $0.start }
        let xScale = Scale.linear(points.map(\.time) + validPhases.flatMap { [$0.start, $0.end] })
        let yValues = points.map(\.value) + [idleBaseline].compactMap { $0 }.filter(\.isFinite)
        let yScale = Scale.linear(yValues, includeZero: true)
        let legendEntries = lines.enumerated().map { (label: $0.element.name, color: lineColor($0.offset)) }
            + validPhases.map(\.name).uniqued().map { (label: $0, color: phaseColor($0)) }
        let legend = ChartText.legend(legendEntries, x: 60, y: 44, maxWidth: width - 80)
        let margins = PlotArea.Margins(top: 34 + legend.height + 4, right: 16, bottom: 48,
                                       left: AxisRenderer.labelWidth(yScale, axis: yAxis) + 34)
        let area = PlotArea(chartWidth: width, chartHeight: height, margins: margins)
        func px(_ t: Double) -> Double { area.x(xScale.fraction(t) ?? 0) }
        func py(_ v: Double) -> Double { area.y(yScale.fraction(v) ?? 0) }

        var children: [SVGElement] = [ChartText.chartTitle(title, width: width), legend.element]
        let secondsPerPixel = area.width > 0 ? (xScale.upper - xScale.lower) / area.width : 0
        let shaded = PhaseMerging.merge(validPhases, gap: phaseMergePixels * secondsPerPixel)
        children.append(.group([SVGAttribute("class", "phases")], shaded.map { merged in
            let phase = merged.phase
            let times = "\(xAxis.valueText(phase.start)) – \(xAxis.valueText(phase.end))"
            // at least a pixel wide: a 5 ms prefill on a minute-long axis would otherwise vanish
            return ChartText.rect(x: px(phase.start), y: area.top, width: Swift.max(1, px(phase.end) - px(phase.start)),
                                  height: area.height, fill: phaseColor(phase.name),
                                  extra: [SVGAttribute("fill-opacity", 0.18)],
                                  title: "\(phase.name): \(times)" + (merged.count > 1 ? " (\(merged.count) intervals)" : ""))
        }))
        children.append(AxisRenderer.vertical(yScale, axis: yAxis, area: area, titleX: 14))
        children.append(AxisRenderer.horizontal(xScale, axis: xAxis, area: area, titleY: area.bottom + 34))
        for (index, line) in lines.enumerated() where !line.points.isEmpty {
            let path = line.points.enumerated().map { offset, point in
                (offset == 0 ? "M" : "L") + SVGNumber.text(px(point.time)) + " " + SVGNumber.text(py(point.value))
            }.joined(separator: " ")
            let peak = line.points.map(\.value).max() ?? 0
            children.append(SVGElement("path", [
                SVGAttribute("d", path), SVGAttribute("fill", "none"), SVGAttribute("stroke", lineColor(index)),
                SVGAttribute("stroke-width", 1.5), SVGAttribute("stroke-linejoin", "round"),
            ], children: [.element(.title("\(line.name): peak \(yAxis.valueText(peak))"))]))
        }
        if let idle = idleBaseline, idle.isFinite {
            let y = py(idle)
            var line = ChartText.line(area.left, y, area.right, y, stroke: "#000000", width: 1.5, dash: "6 4")
            line.children = [.element(.title("Idle baseline: \(yAxis.valueText(idle))"))]
            children.append(line)
            children.append(ChartText.text("idle \(yAxis.valueText(idle))", x: area.right - 4, y: y - 4, anchor: "end",
                                           size: 10))
        }
        return SVGDocument(width: width, height: height, label: title, children: children).render()
    }

    /// Lines skip the two phase colours (a line the colour of the prefill shading reads as part of it).
    func lineColor(_ index: Int) -> String { Palette.color(4 + index) }

    /// Prefill and decode get fixed colours so every timeline in a report shades them alike.
    func phaseColor(_ name: String) -> String {
        switch name.lowercased() {
        case "prefill": return Palette.color(0)
        case "decode": return Palette.color(1)
        case "idle": return "#999999"
        // a stable colour per name (hashValue is seeded per process, output must be reproducible)
        default: return Palette.color(2 + name.unicodeScalars.reduce(0) { $0 + Int($1.value) } % 5)
        }
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
