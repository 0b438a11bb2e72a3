/// One configuration on the roofline chart: measured decode rate and its ceiling
/// (`decode_ceiling` = memory bandwidth / bytes read per token), both in tok/s.
public struct RooflineEntry: Sendable {
    public var label: String
    public var measured: Double?
    public var ceiling: Double?

    public init(label: String, measured: Double?, ceiling: Double?) {
        self.label = label
        self.measured = measured
        self.ceiling = ceiling
    }

    /// `roofline_efficiency` as defined in METRICS.md, shown as a label; nil without both values.
    public var efficiency: Double? {
        guard let measured, let ceiling, measured.isFinite, ceiling.isFinite, ceiling > 0 else { return nil }
        return measured / ceiling
    }
}

/// Horizontal bars, one row per configuration: the ceiling as a pale bar with a dark tick at its
/// end, the measured decode rate as a solid bar, and the efficiency percentage beside it.
public struct RooflineChart: Sendable {
    public var title: String
    public var entries: [RooflineEntry]
    public var valueAxis: ChartAxis

    public init(title: String, entries: [RooflineEntry],
                valueAxis: ChartAxis = ChartAxis(title: "Decode rate", unit: "tok/s")) {
        self.title = title
        self.entries = entries
        self.valueAxis = valueAxis
    }

    public func svg(width: Double = 720, height: Double? = nil) -> String {
        let height = height ?? Double(max(entries.count, 1)) * 24 + 110
        let values = entries.flatMap { [$0.measured, $0.ceiling] }.compactMap { $0 }.filter(\.isFinite)
        guard !values.isEmpty else {
            return ChartText.noData(title: title, message: "No data", width: width, height: height)
        }
        let scale = Scale.auto(values, includeZero: true)
        let labels = entries.map { ChartText.truncated($0.label, maxCharacters: 30) }
        let left = min((labels.map { ChartText.estimatedWidth($0) }.max() ?? 0) + 14, width * 0.4)
        let legend = ChartText.legend([(label: "measured", color: Palette.color(4)), (label: "ceiling", color: "#C8C8C8")],
                                      x: left, y: 44, maxWidth: width - left)
        let margins = PlotArea.Margins(top: 34 + legend.height + 4, right: 56, bottom: 48, left: left)
        let area = PlotArea(chartWidth: width, chartHeight: height, margins: margins)
        let band = area.height / Double(max(entries.count, 1))
        let origin = area.x(scale.kind == .log10 ? 0 : (scale.fraction(0) ?? 0))
        func px(_ value: Double) -> Double? { scale.fraction(value).map { area.x(min(max($0, 0), 1)) } }

        var children: [SVGElement] = [ChartText.chartTitle(title, width: width), legend.element]
        children.append(AxisRenderer.horizontal(scale, axis: valueAxis, area: area, titleY: area.bottom + 34))
        var rows: [SVGElement] = []
        for (index, entry) in entries.enumerated() {
            let top = area.top + Double(index) * band
            let barHeight = max(band * 0.6, 2)
            let barTop = top + (band - barHeight) / 2
            var parts: [SVGElement] = [
                ChartText.text(labels[index], x: area.left - 6, y: top + band / 2 + 4, anchor: "end", size: min(11, band * 0.7)),
            ]
            let hoverParts = [
                entry.measured.map { "measured \(valueAxis.valueText($0))" },
                entry.ceiling.map { "ceiling \(valueAxis.valueText($0))" },
                entry.efficiency.map { "efficiency \(TickFormats.percent($0))" },
            ].compactMap { $0 }
            let hover = entry.label + ": " + (hoverParts.isEmpty ? "no values" : hoverParts.joined(separator: ", "))
            if let ceiling = entry.ceiling, let end = px(ceiling) {
                parts.append(ChartText.rect(x: origin, y: barTop, width: end - origin, height: barHeight, fill: "#C8C8C8",
                                            title: hover))
                parts.append(ChartText.line(end, barTop - 2, end, barTop + barHeight + 2, stroke: "#000000", width: 2))
            }
            if let measured = entry.measured, let end = px(measured) {
                parts.append(ChartText.rect(x: origin, y: barTop + barHeight * 0.2, width: end - origin,
                                            height: barHeight * 0.6, fill: Palette.color(4), title: hover))
            }
            let labelX = max(entry.ceiling.flatMap(px) ?? origin, entry.measured.flatMap(px) ?? origin) + 6
            let text = entry.efficiency.map { TickFormats.percent($0) } ?? "–"
            parts.append(ChartText.text(text, x: labelX, y: top + band / 2 + 4, size: min(11, band * 0.7)))
            rows.append(.group([SVGAttribute("class", "row")], parts))
        }
        children.append(.group([SVGAttribute("class", "rows")], rows))
        return SVGDocument(width: width, height: height, label: title, children: children).render()
    }
}
