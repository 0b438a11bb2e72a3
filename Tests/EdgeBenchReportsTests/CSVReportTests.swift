import EdgeBenchCore
import EdgeBenchTesting
import Testing

@testable import EdgeBenchReports

@Suite struct CSVReportTests {
    func rows(_ text: String) -> [String] {
        var parts = text.components(separatedBy: "\r\n")
        #expect(parts.last == "", "every record ends with CRLF")
        parts.removeLast()
        return parts
    }

    @Test func requestsAreTidyLongRowsInMetricsOrder() {
        let lines = rows(CSVReport.requests(SampleBundle.bundle))
        #expect(lines[0] == "run_id,configuration_id,engine,model,workload,request_index,metric,value,unit")
        // 3 measured requests × 9 defined metrics; the failed configuration has none
        #expect(lines.count == 1 + 27)
        let prefix = "run-1,managed/smollm2/short,llama.cpp b11434,smollm2-135m,short,"
        #expect(
            Array(lines[1...9]) == [
                prefix + "0,ttft,0.25,s",
                prefix + "0,e2e_latency,1.25,s",
                prefix + "0,decode_time,0.95,s",
                prefix + "0,decode_rate,66.3157894737,tok/s",
                prefix + "0,tpot,0.0150793650794,s/token",
                prefix + "0,prefill_rate,48,tok/s",
                prefix + "0,e2e_throughput,51.2,tok/s",
                prefix + "0,n_in,12,tokens",
                prefix + "0,n_out,64,tokens",
            ])
        #expect(lines[27] == prefix + "2,n_out,60,tokens")
    }

    @Test func configurationsHaveOneRowPerMetricWithEmptyCellsForUndefinedStatistics() {
        let lines = rows(CSVReport.configurations(SampleBundle.bundle))
        #expect(
            lines[0]
                == "run_id,configuration_id,engine,model,workload,metric,n,mean,median,stddev,cv,min,max,p50,p90,p99,"
                + "ci95_lo,ci95_hi,unit")
        let prefix = "run-1,managed/smollm2/short,llama.cpp b11434,smollm2-135m,short,"
        #expect(lines[1] == prefix + "ttft,3,0.3,0.3,0.05,0.166666666667,0.25,0.35,0.3,0.34,0.349,0.17579,0.42421,s")
        #expect(lines.map { $0.split(separator: ",")[5] }.dropFirst() == [
            "ttft", "e2e_latency", "decode_rate", "prefill_rate", "e2e_throughput", "n_out", "load_time",
        ])
        #expect(lines[7] == prefix + "load_time,1,1.5,1.5,,,1.5,1.5,1.5,1.5,1.5,,,s")
    }

    @Test func fieldsWithCommasQuotesOrNewlinesAreQuoted() {
        #expect(CSVText.field("plain") == "plain")
        #expect(CSVText.field("a,b") == "\"a,b\"")
        #expect(CSVText.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVText.field("crlf\r\nend") == "\"crlf\r\nend\"")
        #expect(CSVText.field("") == "")
    }
}

@Suite struct PaperCSVTests {
    /// the configuration's label: managed llama.cpp with "0 layers (CPU)" offloaded, on no catalog board
    let label = "CPU-managed"
    let quotedLast = "\"Paris, \"\"the capital\"\"\nof France\""

    @Test func resultsHaveThePaperHeaderAndCorrectValues() {
        let text = PaperCSV.results(SampleBundle.bundle)
        // num_tokens is the mean of the counted n_out (188 / 3), not the requested 64;
        // avg_tokens_per_sec is the mean e2e_throughput; the failed configuration (no requests) has no row;
        // numbers in their shortest form that reads back to the same double
        #expect(
            text
                == "model,device,num_runs,num_tokens,avg_time_s,avg_tokens_per_sec,avg_ttft_s,response,tokens_counted\r\n"
                + "smollm2,\(label),3,62.666666666666664,1.35,46.81025641025641,0.3,\(quotedLast),true\r\n")
    }

    @Test func detailsHaveOneRowPerRequestWithDeltasFromTheMean() {
        let text = PaperCSV.details(SampleBundle.bundle)
        #expect(
            text
                == "model,device,num_tokens,run_elapsed,elapsed_delta,run_ttft,ttft_delta,response,tokens_counted\r\n"
                + "smollm2,\(label),64,1.25,-0.10000000000000009,0.25,-0.04999999999999999,Paris.,true\r\n"
                + "smollm2,\(label),64,1.3,-0.050000000000000044,0.3,0,Paris is the capital.,true\r\n"
                + "smollm2,\(label),60,1.5,0.1499999999999999,0.35,0.04999999999999999,\(quotedLast),true\r\n")
    }

    @Test func meansComeFromRequestsWhenASummaryIsMissing() {
        var bundle = SampleBundle.bundle
        bundle.configurations[0].summary = [:]
        bundle.environment.board = nil
        let text = PaperCSV.results(bundle)
        // e2e_throughput mean of 51.2, 64/1.3, 40
        // the means of the requests' values, as exact as the summary's: 1.3499999999999999 s, not 1.35
        #expect(text.hasSuffix("smollm2,\(label),3,62.666666666666664,1.3499999999999999,46.81025641025641,0.3,\(quotedLast),true\r\n"))
    }
}
