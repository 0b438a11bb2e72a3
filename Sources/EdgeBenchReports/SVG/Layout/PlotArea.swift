/// The rectangle inside a chart's margins where marks are drawn, and the mapping of scale
/// fractions to pixels in it (SVG's y grows downwards, so the y mapping is flipped).
struct PlotArea: Sendable {
    let left: Double
    let top: Double
    let width: Double
    let height: Double

    init(chartWidth: Double, chartHeight: Double, margins: Margins) {
        left = margins.left
        top = margins.top
        width = Swift.max(chartWidth - margins.left - margins.right, 10)
        height = Swift.max(chartHeight - margins.top - margins.bottom, 10)
    }

    var right: Double { left + width }
    var bottom: Double { top + height }

    func x(_ fraction: Double) -> Double { left + fraction * width }
    func y(_ fraction: Double) -> Double { bottom - fraction * height }

    struct Margins: Sendable {
        var top: Double
        var right: Double
        var bottom: Double
        var left: Double
    }
}
