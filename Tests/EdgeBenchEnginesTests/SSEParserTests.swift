@testable import EdgeBenchEngines
import Testing

@Suite("SSE parser")
struct SSEParserTests {
    private func parse(_ text: String) -> [SSEEvent] {
        var parser = SSEParser()
        var events = parser.feed(Array(text.utf8))
        if let last = parser.finish() { events.append(last) }
        return events
    }

    @Test func singleDataLineDispatchesOnBlankLine() {
        #expect(parse("data: hello\n\n") == [SSEEvent(text: "hello")])
    }

    @Test func multiLineDataJoinedWithNewline() {
        #expect(parse("data: a\ndata:b\ndata:  c\n\n") == [SSEEvent(text: "a\nb\n c")])
    }

    @Test func crlfAndCrLineEndings() {
        #expect(parse("data: x\r\n\r\ndata: y\r\rdata: z\n\n").map(\.text) == ["x", "y", "z"])
    }

    @Test func commentsAndKeepAlivesAreIgnored() {
        #expect(parse(": ping\n\n:\n\ndata: 1\n: mid\n\n").map(\.text) == ["1"])
    }

    @Test func eventAndIdFields() {
        let events = parse("event: update\nid: 7\ndata: {}\n\ndata: next\n\n")
        #expect(events == [
            SSEEvent(event: "update", text: "{}", lastEventID: "7"),
            SSEEvent(event: nil, text: "next", lastEventID: "7"),
        ])
    }

    @Test func fieldWithoutColonAndUnknownFields() {
        // "data" alone is a data field with an empty value; "retry"/unknown are ignored.
        #expect(parse("retry: 10\nfoo: bar\ndata\n\n") == [SSEEvent(text: "")])
    }

    @Test func doneSentinel() {
        let events = parse("data: [DONE]\n\n")
        #expect(events.count == 1)
        #expect(events[0].isDone)
        #expect(!SSEEvent(text: "[DONE] ").isDone)
    }

    @Test func blankLinesWithoutDataDispatchNothing() {
        #expect(parse("\n\n\r\n\nevent: x\n\n").isEmpty)
    }

    @Test func byteOrderMarkIsDropped() {
        #expect(parse("\u{FEFF}data: a\n\n").map(\.text) == ["a"])
    }

    @Test func crSplitFromLfAcrossChunksIsOneLineBreak() {
        var parser = SSEParser()
        var events = parser.feed(Array("data: a\r".utf8))
        events += parser.feed(Array("\n\r".utf8))
        events += parser.feed(Array("\ndata: b\n\n".utf8))
        #expect(events.map(\.text) == ["a", "b"])
    }

    @Test func utf8SequenceSplitAcrossChunks() {
        let bytes = Array("data: 我是\n\n".utf8)
        var parser = SSEParser()
        var events: [SSEEvent] = []
        for byte in bytes { events += parser.feed([byte]) }
        #expect(events.map(\.text) == ["我是"])
    }

    @Test func unterminatedLastEventIsReturnedByFinish() {
        var parser = SSEParser()
        #expect(parser.feed(Array("data: 1\n\ndata: 2".utf8)).map(\.text) == ["1"])
        #expect(parser.finish()?.text == "2")
        #expect(parser.finish() == nil)
    }

    @Test func invalidUTF8NeverCrashes() {
        let events = parse("data: \u{0}x\n\n") + {
            var parser = SSEParser()
            return parser.feed([0x64, 0x61, 0x74, 0x61, 0x3A, 0xFF, 0xFE, 0x0A, 0x0A])
        }()
        #expect(events.count == 2)
        #expect(events[1].data == [0xFF, 0xFE])
        #expect(events[1].text == "\u{FFFD}\u{FFFD}")
    }
}
