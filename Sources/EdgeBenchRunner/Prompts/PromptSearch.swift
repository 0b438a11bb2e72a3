import EdgeBenchCore

/// Finds where to cut a workload's filler (`PromptFiller`) so that the prompt is `target` tokens long, by
/// one of two counts: the engine's tokenizer (`byTokenizer`, exact where a cut gives it) or the server's
/// prompt count of probe requests (`byCalibration`, bounded, the closest kept). Counts are asked through a
/// closure, so the search is tested against fakes and the session decides what a count costs.
struct PromptSearch {
    var target: Int
    var source: String
    var instruction: String?

    /// A prompt and its count: the text's tokens (tokenizer) or the server's prompt count (calibration).
    struct Found: Equatable {
        var text: String
        var characters: Int
        var tokens: Int
        /// counts asked for (tokenizer calls, or probe requests)
        var counts: Int
    }

    func text(_ characters: Int) -> String {
        PromptFiller.text(source: source, characters: characters, instruction: instruction)
    }

    /// The longest cut whose text the tokenizer counts at most `target`, by bisection over characters: a text
    /// one character longer has as many tokens or more, bar a merge at the cut, so the count steps by one or two
    /// and a step over the target is looked for around the cut. The instruction is dropped when it alone is
    /// as long as the target (`prompt_tokens: 4`).
    func byTokenizer(count: @escaping (String) async throws -> Int) async throws -> Found {
        var search = self
        var memo = CountMemo(search: search, count: count)
        if search.instruction != nil, try await memo.count(0) >= target {
            search.instruction = nil
            memo = CountMemo(search: search, count: count, asked: memo.asked)
        }
        // an upper cut at or over the target; the filler grows, so doubling reaches it
        var high = max(target * 4, 16)
        while try await memo.count(high) < target {
            let before = try await memo.count(high)
            high *= 2
            if try await memo.count(high) <= before {
                throw PromptLengthError.fillerDoesNotGrow(characters: high, tokens: before)
            }
        }
        var low = 0
        if try await memo.count(low) == target { return memo.found(low) }
        while high - low > 1 {
            let middle = (low + high) / 2
            let tokens = try await memo.count(middle)
            if tokens == target { return memo.found(middle) }
            if tokens < target { low = middle } else { high = middle }
        }
        if try await memo.count(high) == target { return memo.found(high) }
        // The count jumped over the target between two cuts: a merge a few characters on may land on it.
        for offset in 1...Self.jumpWindow {
            for cut in [high + offset, low - offset] where cut >= 0 {
                if try await memo.count(cut) == target { return memo.found(cut) }
            }
        }
        return memo.closest(to: target)
    }

    /// Characters either side of a jump over the target that are tried before the closest cut is kept.
    static let jumpWindow = 8

    /// Cuts probed against the server's count (`probe` sends the text and returns the server's prompt count):
    /// a first short probe, then the line through the two nearest probes (which learns the chat template's
    /// share as well as the tokens per character), kept inside the bracket once one probe is under the target
    /// and one over. At most `maxProbes`; the closest count is kept, the shorter on a tie (it fits the context).
    func byCalibration(maxProbes: Int, probe: @escaping (String) async throws -> Int) async throws -> Found {
        var memo = CountMemo(search: self, count: probe)
        // about 4 characters a token in English prose; a short first probe costs little, and the line from it
        // undershoots (it takes the template's tokens for text), so no probe runs far past a long target
        var cut = min(target, 64) * 4
        while memo.asked < maxProbes {
            let tokens = try await memo.count(cut)
            if tokens == target { break }
            guard let next = memo.nextCut(toward: target), !memo.counted(next) else { break }
            cut = next
        }
        return memo.closest(to: target)
    }
}

/// The counts a search has asked for, by cut, so no cut is counted twice.
private struct CountMemo {
    let search: PromptSearch
    let countText: (String) async throws -> Int
    private(set) var counts: [Int: Int] = [:]
    private(set) var asked: Int

    init(search: PromptSearch, count: @escaping (String) async throws -> Int, asked: Int = 0) {
        self.search = search
        self.countText = count
        self.asked = asked
    }

    func counted(_ cut: Int) -> Bool { counts[cut] != nil }

    mutating func count(_ cut: Int) async throws -> Int {
        if let known = counts[cut] { return known }
        asked += 1
        let tokens = try await countText(search.text(cut))
        counts[cut] = tokens
        return tokens
    }

    func found(_ cut: Int) -> PromptSearch.Found {
        PromptSearch.Found(text: search.text(cut), characters: cut, tokens: counts[cut] ?? 0, counts: asked)
    }

    /// The counted cut nearest the target in tokens; the shorter one on a tie.
    func closest(to target: Int) -> PromptSearch.Found {
        let best = counts.min { a, b in
            let (da, db) = (abs(a.value - target), abs(b.value - target))
            return da != db ? da < db : a.value != b.value ? a.value < b.value : a.key < b.key
        }
        return found(best?.key ?? 0)
    }

    /// Where to cut next: on the line through the nearest counts below and above the target (or the two
    /// nearest on one side, or through the origin after one probe), strictly inside the bracket when there is one.
    func nextCut(toward target: Int) -> Int? {
        let below = counts.filter { $0.value < target }.max { $0.key < $1.key }
        let above = counts.filter { $0.value > target }.min { $0.key < $1.key }
        let points: [(cut: Int, tokens: Int)]
        if let below, let above {
            points = [(below.key, below.value), (above.key, above.value)]
        } else {
            // one side only: the two cuts nearest the target in tokens
            points = counts.sorted { abs($0.value - target) < abs($1.value - target) }.prefix(2).map { ($0.key, $0.value) }
        }
        var next: Int
        if points.count == 2, points[0].tokens != points[1].tokens {
            let (a, b) = (points[0], points[1])
            let slope = Double(b.cut - a.cut) / Double(b.tokens - a.tokens)
            next = Int((Double(a.cut) + Double(target - a.tokens) * slope).rounded())
        } else if let only = points.first, only.tokens > 0 {
            // through the origin: the template's share is not known yet, so this undershoots
            next = Int((Double(only.cut) * Double(target) / Double(only.tokens)).rounded())
        } else {
            next = max((points.first?.cut ?? 0) * 2, 4)
        }
        if let below, let above {
            guard above.key - below.key > 1 else { return nil }
            if next <= below.key || next >= above.key { next = (below.key + above.key) / 2 }
        }
        return max(next, 0)
    }
}
