/// The values of one category (e.g. TTFT of one configuration, s): raw samples, or a distribution
/// gathered request by request (`SampleDistribution`) when there are too many to hold.
public struct BoxSeries: Sendable {
    public var label: String
    public var statistics: BoxStatistics?

    public init(label: String, samples: [Double]) {
        self.label = label
        statistics = BoxStatistics(samples: samples)
    }

    public init(label: String, distribution: SampleDistribution) {
        self.label = label
        statistics = distribution.boxStatistics
    }

    public init(label: String, statistics: BoxStatistics?) {
        self.label = label
        self.statistics = statistics
    }
}

/// Vertical box plots per category: box p25–p75, median line, Tukey whiskers (1.5 × IQR, see
/// `BoxStatistics`), outliers as dots, "n=" under each label.
public struct BoxPlot: Sendable {
    public var title: String
    public var series: [BoxSeries]
    public var valueAxis: ChartAxis

    public init(title: String, series: [BoxSeries], valueAxis: ChartAxis) {
        self.title = title
        self.series = series
        self.valueAxis = valueAxis
    }

    public func svg(width: Double = 720, height: Double = 420) -> String {
        let stats = series.map(\.statistics)
        // the scale reads only the extremes, so a box's min and max stand for all its samples
        let all = stats.compactMap { $0 }.flatMap { [$0.min, $0.max] }
        guard !all.isEmpty else {
            return ChartText.noData(title: title, message: "No data", width: width, height: height)
        }
        let scale = Scale.auto(all, includeZero: !Scale.prefersLog(all))
        let labels = series.enumerated().map { index, item in
            "\(ChartText.truncated(item.label, maxCharacters: 22)) (n=\(stats[index]?.n ?? 0))"
        }
        let longest = labels.map { ChartText.estimatedWidth($0) }.max() ?? 0
        let axisLeft = AxisRenderer.labelWidth(scale, axis: valueAxis) + 34
        // slanted when there are many boxes or a label is wider than its box's band (they would overlap)
        let rotate = series.count > 6 || longest > (width - axisLeft - 16) / Double(series.count) - 4
        // a slanted label reaches left of its box by its width × cos 45°: the first one must not leave the chart
        let slanted = (labels.first.map { ChartText.estimatedWidth($0, fontSize: 10) } ?? 0) * 0.72 + 4
        let firstBand = (width - axisLeft - 16) / Double(max(series.count, 1))
        let left = rotate ? max(axisLeft, slanted - firstBand / 2 + 4) : axisLeft
        let margins = PlotArea.Margins(
            top: 40, right: 16, bottom: (rotate ? longest * 0.72 + 18 : 24) + 24, left: left)
        let area = PlotArea(chartWidth: width, chartHeight: height, margins: margins)
        let band = area.width / Double(series.count)
        let boxWidth = min(band * 0.6, 60)
        func y(_ value: Double) -> Double { area.y(scale.fraction(value) ?? 0) }

        var children: [SVGElement] = [ChartText.chartTitle(title, width: width)]
        children.append(AxisRenderer.vertical(scale, axis: valueAxis, area: area, titleX: 14))
        var marks: [SVGElement] = []
        var texts: [SVGElement] = []
        for (index, item) in series.enumerated() {
            let centre = area.left + (Double(index) + 0.5) * band
            texts.append(rotate
                ? ChartText.text(labels[index], x: centre, y: area.bottom + 12, anchor: "end", size: 10, rotate: -45)
                : ChartText.text(labels[index], x: centre, y: area.bottom + 16, anchor: "middle", size: 11))
            guard let box = stats[index] else {
                texts.append(ChartText.text("no samples", x: centre, y: area.bottom - 6, anchor: "middle", size: 10,
                                            fill: Palette.mutedText))
                continue
            }
            let color = Palette.color(index)
            let hover = "\(item.label): n=\(box.n), median \(valueAxis.valueText(box.median)), "
                + "p25 \(valueAxis.valueText(box.p25)), p75 \(valueAxis.valueText(box.p75)), "
                + "min \(valueAxis.valueText(box.min)), max \(valueAxis.valueText(box.max))"
            var parts: [SVGElement] = [.title(hover)]
            parts.append(ChartText.line(centre, y(box.lowerWhisker), centre, y(box.p25), stroke: Palette.axis))
            parts.append(ChartText.line(centre, y(box.p75), centre, y(box.upperWhisker), stroke: Palette.axis))
            for whisker in [box.lowerWhisker, box.upperWhisker] {
                parts.append(ChartText.line(centre - boxWidth / 4, y(whisker), centre + boxWidth / 4, y(whisker),
                                            stroke: Palette.axis))
            }
            let top = y(box.p75)
            parts.append(ChartText.rect(x: centre - boxWidth / 2, y: top, width: boxWidth, height: max(y(box.p25) - top, 1),
                                        fill: color, extra: [SVGAttribute("fill-opacity", 0.5), SVGAttribute("stroke", Palette.axis)]))
            parts.append(ChartText.line(centre - boxWidth / 2, y(box.median), centre + boxWidth / 2, y(box.median),
                                        stroke: "#000000", width: 2))
            for outlier in box.outliers.prefix(BoxStatistics.outliersKept) {
                parts.append(SVGElement("circle", [
                    SVGAttribute("cx", centre), SVGAttribute("cy", y(outlier)), SVGAttribute("r", 2),
                    SVGAttribute("fill", "none"), SVGAttribute("stroke", color),
                ]))
            }
            marks.append(.group([SVGAttribute("class", "box")], parts))
        }
        children.append(.group([SVGAttribute("class", "boxes")], marks))
        children.append(.group([SVGAttribute("class", "labels")], texts))
        children.append(ChartText.text("Box: p25–p75, line: median, whiskers: furthest sample within 1.5 × IQR, dots: outliers",
                                       x: margins.left, y: height - 6, size: 9, fill: Palette.mutedText))
        return SVGDocument(width: width, height: height, label: title, children: children).render()
    }
}
