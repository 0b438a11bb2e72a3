import EdgeBenchCore
import Testing

@testable import EdgeBenchRunner

/// Where `prompt_tokens` cuts the filler, against fake counts whose answers are known by hand.
@Suite struct PromptSearchTests {
    /// A tokenizer that counts whitespace-separated words, as the scripted servers do.
    struct WordTokenizer: TokenCounting {
        /// tokens per word: 2 makes every count even, so an odd target cannot be hit
        var perWord = 1
        func countTokens(_ text: String) async throws -> Int { Self.words(text) * perWord }
        static func words(_ text: String) -> Int { text.split(whereSeparator: \.isWhitespace).count }
    }

    static let search = PromptSearch(
        target: 0, source: PromptFiller.defaultSource, instruction: PromptFiller.defaultInstruction)

    @Test func theTokenizerGivesExactlyTheTarget() async throws {
        for target in [8, 64, 300, 2048] {
            var search = Self.search
            search.target = target
            let counter = WordTokenizer()
            let found = try await search.byTokenizer { try await counter.countTokens($0) }
            #expect(found.tokens == target)
            #expect(WordTokenizer.words(found.text) == target)
            #expect(found.text == search.text(found.characters))
            #expect(found.text.hasSuffix("\n\nSummarise the text above in one sentence."))
        }
    }

    /// The instruction is 7 words: a target no longer than that drops it and cuts the filler alone.
    @Test func aTargetNoLongerThanTheInstructionIsFillerAlone() async throws {
        for (target, text) in [(5, "A pumping station moves water"), (7, "A pumping station moves water from a")] {
            var search = Self.search
            search.target = target
            let found = try await search.byTokenizer { try await WordTokenizer().countTokens($0) }
            #expect(found.text == text)
            #expect(found.tokens == target)
        }
    }

    /// Every count even: 101 cannot be hit; 100 and 102 are as close, and the shorter is kept.
    @Test func anUnreachableTargetKeepsTheClosestShorterCut() async throws {
        var search = Self.search
        search.target = 101
        let found = try await search.byTokenizer { try await WordTokenizer(perWord: 2).countTokens($0) }
        #expect(found.tokens == 100)
        #expect(WordTokenizer.words(found.text) == 50)
    }

    /// The server counts the chat template's 12 tokens too: the probes learn them and land on the target. The
    /// first probe cuts 256 characters (47 words, the instruction's 7, the template's 12: 66); the second scales that through the origin, which
    /// undershoots by the template's share; the third follows the line through both; then the bracket
    /// (498 below, 501 above) closes in word by word, a word being about six characters.
    @Test func calibrationLandsOnTheServersCount() async throws {
        var search = Self.search
        search.target = 500
        var sent: [Int] = []
        let found = try await search.byCalibration(maxProbes: 8) { text in
            let count = WordTokenizer.words(text) + 12
            sent.append(count)
            return count
        }
        #expect(found.tokens == 500)
        #expect(found.counts == sent.count)
        #expect(sent == [66, 360, 498, 501, 499, 500])
        #expect(WordTokenizer.words(found.text) == 488)
    }

    /// Probes are bounded: a server whose count never lands (every count even) gets at most `maxProbes`, and
    /// the closest count is kept, the shorter on a tie.
    @Test func calibrationStopsAtItsBoundWithTheClosest() async throws {
        var search = Self.search
        search.target = 301
        var probes = 0
        let found = try await search.byCalibration(maxProbes: 8) { text in
            probes += 1
            return WordTokenizer.words(text) * 2
        }
        #expect(found.tokens == 300)
        #expect(probes <= 8)
        #expect(found.counts == probes)
    }
}
