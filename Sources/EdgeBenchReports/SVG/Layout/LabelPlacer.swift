/// Places short labels beside marks without covering one another, the chart's lines or its edges:
/// each label takes the first of its candidate spots that is free, else the least crowded one.
struct LabelPlacer {
    struct Box: Equatable {
        var x0: Double, y0: Double, x1: Double, y1: Double
        func intersects(_ other: Box) -> Bool { x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1 }
        /// overlap with the segment from (ax, ay) to (bx, by), which is horizontal or vertical
        func crosses(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Bool {
            intersects(Box(x0: min(ax, bx) - 0.5, y0: min(ay, by) - 0.5, x1: max(ax, bx) + 0.5, y1: max(ay, by) + 0.5))
        }
    }

    /// where a label may go: its box and how its text is anchored
    struct Spot {
        var x: Double, y: Double, anchor: String, box: Box
    }

    var bounds: Box
    var taken: [Box] = []
    /// axis-parallel segments no label may cross (a Pareto staircase)
    var segments: [(Double, Double, Double, Double)] = []

    /// Spots right, left, above and below a circle of `radius` at (cx, cy) for a text `width` wide at `fontSize`.
    static func spots(cx: Double, cy: Double, radius: Double, width: Double, fontSize: Double) -> [Spot] {
        let ascent = fontSize * 0.95
        let descent = fontSize * 0.25
        func spot(_ x: Double, _ baseline: Double, _ anchor: String) -> Spot {
            let x0 = anchor == "start" ? x : anchor == "end" ? x - width : x - width / 2
            return Spot(x: x, y: baseline, anchor: anchor, box: Box(x0: x0, y0: baseline - ascent, x1: x0 + width, y1: baseline + descent))
        }
        let gap = radius + 3
        let middle = cy + fontSize * 0.35
        return [
            spot(cx + gap, middle, "start"), spot(cx - gap, middle, "end"),
            spot(cx, cy - gap - descent, "middle"), spot(cx, cy + gap + ascent, "middle"),
            spot(cx + gap * 0.7, cy - gap * 0.7 - descent, "start"), spot(cx - gap * 0.7, cy - gap * 0.7 - descent, "end"),
            spot(cx + gap * 0.7, cy + gap * 0.7 + ascent, "start"), spot(cx - gap * 0.7, cy + gap * 0.7 + ascent, "end"),
            spot(cx + gap, middle - fontSize * 1.2, "start"), spot(cx + gap, middle + fontSize * 1.2, "start"),
            spot(cx - gap, middle - fontSize * 1.2, "end"), spot(cx - gap, middle + fontSize * 1.2, "end"),
        ]
    }

    func conflicts(_ box: Box) -> Int {
        var count = 0
        if box.x0 < bounds.x0 || box.x1 > bounds.x1 || box.y0 < bounds.y0 || box.y1 > bounds.y1 { count += 100 }
        count += taken.filter { $0.intersects(box) }.count * 10
        count += segments.filter { box.crosses($0.0, $0.1, $0.2, $0.3) }.count
        return count
    }

    /// The first free spot (else the one with the fewest conflicts), now taken.
    mutating func place(_ spots: [Spot]) -> Spot? {
        guard let best = spots.min(by: { conflicts($0.box) < conflicts($1.box) }) else { return nil }
        let chosen = spots.first { conflicts($0.box) == 0 } ?? best
        taken.append(chosen.box)
        return chosen
    }
}
