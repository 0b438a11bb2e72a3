/// One category of a grouped bar chart (e.g. one board) with one value per series
/// (e.g. CPU, accelerator); nil where that series has no value for this category.
public struct BarGroup: Sendable {
    public var label: String
    public var values: [Double?]

    public init(label: String, values: [Double?]) {
        self.label = label
        self.values = values
    }
}

/// Grouped vertical bars with value labels. The value axis is log when `Scale.auto` says the
/// values span two decades (CPU vs NPU energy per token often does), with bars rising from the
/// bottom decade.
public struct BarChart: Sendable {
    public var title: String
    public var series: [String]
    public var groups: [BarGroup]
    public var valueAxis: ChartAxis

    public init(title: String, series: [String], groups: [BarGroup], valueAxis: ChartAxis) {
        self.title = title
        self.series = series
        self.groups = groups
        self.valueAxis = valueAxis
    }

    public func svg(width: Double = 720, height: Double = 420) -> String {
        let values = groups.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
        guard !values.isEmpty, !series.isEmpty else {
            return ChartText.noData(title: title, message: "No data", width: width, height: height)
        }
        let scale = Scale.auto(values, includeZero: true)
        let rotateLabels = groups.count > 6
        let longest = groups.map { ChartText.truncated($0.label, maxCharacters: 22) }
            .map { ChartText.estimatedWidth($0) }.max() ?? 0
        let legend = ChartText.legend(series.enumerated().map { (label: $0.element, color: Palette.color($0.offset)) },
                                      x: 60, y: 44, maxWidth: width - 80)
        let margins = PlotArea.Margins(
            top: 34 + legend.height + 8, right: 16,
            bottom: (rotateLabels ? longest * 0.72 + 18 : 36) + 30,
            left: AxisRenderer.labelWidth(scale, axis: valueAxis) + 34)
        let area = PlotArea(chartWidth: width, chartHeight: height, margins: margins)
        let band = area.width / Double(groups.count)
        let barWidth = band * 0.8 / Double(series.count)
        let baseline = area.y(scale.kind == .log10 ? 0 : (scale.fraction(0) ?? 0))

        var children: [SVGElement] = [ChartText.chartTitle(title, width: width), legend.element]
        children.append(AxisRenderer.vertical(scale, axis: valueAxis, area: area, titleX: 14))
        var bars: [SVGElement] = []
        var labels: [SVGElement] = []
        for (groupIndex, group) in groups.enumerated() {
            let bandLeft = area.left + Double(groupIndex) * band + band * 0.1
            for (seriesIndex, name) in series.enumerated() {
                let x = bandLeft + Double(seriesIndex) * barWidth
                let value = seriesIndex < group.values.count ? group.values[seriesIndex] : nil
                guard let value, let fraction = scale.fraction(value) else {
                    // an absent bar must not read as a zero bar
                    labels.append(ChartText.text("–", x: x + barWidth / 2, y: baseline - 4, anchor: "middle", size: 10,
                                                 fill: Palette.mutedText))
                    continue
                }
                let top = area.y(min(max(fraction, 0), 1))
                bars.append(ChartText.rect(
                    x: x, y: min(top, baseline), width: max(barWidth - 1, 0.5), height: abs(baseline - top),
                    fill: Palette.color(seriesIndex),
                    title: "\(group.label), \(name): \(valueAxis.valueText(value))"))
                if barWidth >= ChartText.estimatedWidth(valueAxis.format(value), fontSize: 9) + 2 {
                    labels.append(ChartText.text(valueAxis.format(value), x: x + barWidth / 2, y: min(top, baseline) - 3,
                                                 anchor: "middle", size: 9))
                }
            }
            let centre = area.left + (Double(groupIndex) + 0.5) * band
            if rotateLabels {
                let label = ChartText.truncated(group.label, maxCharacters: 22)
                labels.append(ChartText.text(label, x: centre, y: area.bottom + 12, anchor: "end", size: 10, rotate: -45))
            } else {
                // "board · model" on two lines, each cut to its band, so neighbours never run into each other
                for (line, part) in group.label.components(separatedBy: " · ").prefix(2).enumerated() {
                    labels.append(ChartText.text(ChartText.fitted(part, width: band - 6, fontSize: 10), x: centre,
                                                 y: area.bottom + 15 + Double(line) * 12, anchor: "middle", size: 10))
                }
            }
        }
        children.append(.group([SVGAttribute("class", "bars")], bars))
        children.append(.group([SVGAttribute("class", "labels")], labels))
        children.append(ChartText.line(area.left, baseline, area.right, baseline, stroke: Palette.axis))
        return SVGDocument(width: width, height: height, label: title, children: children).render()
    }
}
