/// One line of a line chart: a name and its points in x order. A point without a y (not measured) breaks
/// the line there and is named in a footnote, never drawn at 0.
public struct LineSeries: Sendable {
    public var label: String
    public var points: [(x: Double, y: Double?)]

    public init(label: String, points: [(x: Double, y: Double?)]) {
        self.label = label
        self.points = points
    }
}

/// Values against a quantity that was varied on purpose (prompt length): a line with a marker per point,
/// one colour per series, named in a legend; every marker's hover title gives both values with units.
public struct LineChart: Sendable {
    public var title: String
    public var series: [LineSeries]
    public var xAxis: ChartAxis
    public var yAxis: ChartAxis
    /// Logarithmic x: a varied quantity is usually doubled or quadrupled (prompts of 128 … 8192 tokens),
    /// which a linear axis crowds into its left end.
    public var logarithmicX: Bool

    public init(title: String, series: [LineSeries], xAxis: ChartAxis, yAxis: ChartAxis, logarithmicX: Bool = false) {
        self.title = title
        self.series = series
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.logarithmicX = logarithmicX
    }

    public func svg(width: Double = 720, height: Double = 400) -> String {
        let drawn = series.flatMap { line in line.points.compactMap { point in point.y.map { (point.x, $0) } } }
            .filter { $0.0.isFinite && $0.1.isFinite }
        guard !drawn.isEmpty else { return ChartText.noData(title: title, message: "No data", width: width, height: height) }
        let missing = series.flatMap { line in
            line.points.filter { $0.y?.isFinite != true }.map { "\(line.label) at \(xAxis.valueText($0.x))" }
        }
        let xScale = logarithmicX ? Scale.log10(drawn.map(\.0)) : Scale.auto(drawn.map(\.0), padding: 0.04)
        // rates and latencies start at zero: a line's slope then reads as a ratio
        let yScale = Scale.prefersLog(drawn.map(\.1)) ? Scale.log10(drawn.map(\.1)) : Scale.linear(drawn.map(\.1), includeZero: true)

        let left = AxisRenderer.labelWidth(yScale, axis: yAxis) + 34
        let legend = ChartText.legend(
            series.enumerated().map { (label: $0.element.label, color: Palette.color($0.offset)) }, x: left, y: 44,
            maxWidth: width - left - 24)
        let footnote: Double = missing.isEmpty ? 0 : 18
        let area = PlotArea(
            chartWidth: width, chartHeight: height,
            margins: .init(top: 34 + legend.height, right: 24, bottom: 48 + footnote, left: left))

        var children: [SVGElement] = [ChartText.chartTitle(title, width: width), legend.element]
        children.append(AxisRenderer.vertical(yScale, axis: yAxis, area: area, titleX: 14))
        children.append(AxisRenderer.horizontal(xScale, axis: xAxis, area: area, titleY: area.bottom + 34))
        for (index, line) in series.enumerated() {
            let color = Palette.color(index)
            var path = ""
            var markers: [SVGElement] = []
            var pen = "M"
            for point in line.points {
                guard let y = point.y, y.isFinite, let fx = xScale.fraction(point.x), let fy = yScale.fraction(y) else {
                    pen = "M"
                    continue
                }
                let (cx, cy) = (area.x(fx), area.y(fy))
                path += "\(path.isEmpty ? "" : " ")\(pen)\(SVGNumber.text(cx)) \(SVGNumber.text(cy))"
                pen = "L"
                markers.append(SVGElement("circle", [
                    SVGAttribute("cx", cx), SVGAttribute("cy", cy), SVGAttribute("r", 4), SVGAttribute("fill", color),
                    SVGAttribute("stroke", "#FFFFFF"), SVGAttribute("stroke-width", 1),
                ], children: [.element(.title(
                    "\(line.label): \(xAxis.title) \(xAxis.valueText(point.x)), \(yAxis.title) \(yAxis.valueText(y))"))]))
            }
            var marks: [SVGElement] = []
            if !path.isEmpty {
                marks.append(SVGElement("path", [
                    SVGAttribute("d", path), SVGAttribute("fill", "none"), SVGAttribute("stroke", color),
                    SVGAttribute("stroke-width", 2),
                ]))
            }
            children.append(.group([SVGAttribute("class", "series")], marks + markers))
        }
        if !missing.isEmpty {
            children.append(ChartText.text(
                "Not measured: " + missing.joined(separator: ", "), x: area.left, y: height - 8, size: 10,
                fill: Palette.mutedText))
        }
        return SVGDocument(width: width, height: height, label: title, children: children).render()
    }
}
