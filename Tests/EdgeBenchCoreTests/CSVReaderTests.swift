import EdgeBenchCore
import Testing

@Suite struct CSVReaderTests {
    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() {
        let text = "model,response\r\n\"qwen\",\"a, \"\"b\"\"\nc\"\r\nllama,plain\n"
        let records = CSVReader.records(text)
        #expect(records.map(\.values) == [["model", "response"], ["qwen", "a, \"b\"\nc"], ["llama", "plain"]])
        // the record after a quoted line break starts on the line after it
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test func fieldOffsetsAreBytesWithinTheRecordsFirstLine() {
        let records = CSVReader.records("a,bé,\"c\"\nxx,,z", firstLine: 10)
        #expect(records[0].fields.map(\.offset) == [0, 2, 6])
        #expect(records[1].fields.map(\.offset) == [0, 3, 4])
        #expect(records.map(\.line) == [10, 11])
    }

    @Test func blankLinesByteOrderMarkAndTextAfterAClosingQuote() {
        let records = CSVReader.records("\u{FEFF}name,x\n\n\"ab\"cd,1\n")
        #expect(records.map(\.values) == [["name", "x"], ["abcd", "1"]])
        #expect(records.map(\.line) == [1, 3])
        // an empty quoted field at the end of the text is still a record
        #expect(CSVReader.records("\"\"").map(\.values) == [[""]])
        #expect(CSVReader.records("").isEmpty)
    }
}
