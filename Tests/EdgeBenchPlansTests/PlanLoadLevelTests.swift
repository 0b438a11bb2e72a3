import EdgeBenchCore
import EdgeBenchPlans
import Foundation
import Testing

/// A workload's `load:` and `slo:` (METRICS.md "Load profiles"): each level its own configuration.
@Suite("Plan load levels")
struct PlanLoadLevelTests {
    static func plan(workload: String, engines: String = "  - {name: local, kind: managed, parallel: 4}") -> String {
        """
        engines:
        \(engines)
        models:
          - {name: smollm2, file: smollm2-135m}
        workloads:
          - name: chat
            prompt: Hi
            max_tokens: 8
        \(workload)
        """
    }

    @Test func eachLevelIsAConfigurationWithItsOwnID() throws {
        let plan = try PlanLoader.parse(Self.plan(workload: """
                load: [synchronous, {concurrent: [2, 4]}, {rate: 1.5, arrivals: poisson}, {rate: 3}]
            """), file: "plan.yaml", baseDirectory: nil)
        let configurations = plan.expand()
        #expect(configurations.map(\.id) == [
            "local/smollm2/chat@sync", "local/smollm2/chat@c2", "local/smollm2/chat@c4", "local/smollm2/chat@p1.5",
            "local/smollm2/chat@r3",
        ])
        #expect(configurations.map(\.load) == [.synchronous, .concurrent(2), .concurrent(4), .rate(1.5, .poisson), .rate(3, .constant)])
        #expect(configurations.allSatisfy { $0.workload.loads.isEmpty && $0.engine.parallel == 4 })
        #expect(configurations.map(\.baseID) == Array(repeating: "local/smollm2/chat", count: 5))
    }

    /// A sweep: synchronous, the saturated streams, then K rates; a level written twice runs once.
    @Test func aSweepExpandsAndSharesLevelsWrittenTwice() throws {
        let plan = try PlanLoader.parse(Self.plan(workload: """
                load: [synchronous, {concurrent: 4}, {sweep: {rates: 2, streams: 4, arrivals: poisson}}]
            """), file: "plan.yaml", baseDirectory: nil)
        #expect(plan.expand().map(\.id) == [
            "local/smollm2/chat@sync", "local/smollm2/chat@c4", "local/smollm2/chat@sweep1of2p", "local/smollm2/chat@sweep2of2p",
        ])
        #expect(plan.expand().last?.load == .sweepRate(index: 2, of: 2, saturation: 4, .poisson))
        let short = try PlanLoader.parse(Self.plan(workload: "    load: {sweep: 3}"), file: "plan.yaml", baseDirectory: nil)
        #expect(short.expand().map { $0.load?.idSuffix } == ["sync", "c8", "sweep1of3", "sweep2of3", "sweep3of3"])
    }

    /// No `load:`, or only `synchronous`: the ids and configurations every earlier plan had.
    @Test func aPlanWithoutLoadKeepsItsIDs() throws {
        for workload in ["", "    load: synchronous"] {
            let plan = try PlanLoader.parse(Self.plan(workload: workload), file: "plan.yaml", baseDirectory: nil)
            #expect(plan.expand().map(\.id) == ["local/smollm2/chat"])
            #expect(plan.expand().first?.load == nil)
        }
    }

    @Test func serviceLevelsTakeSecondsOrUnits() throws {
        let plan = try PlanLoader.parse(Self.plan(workload: "    slo: {ttft: 1 s, itl: 200 ms, e2e: 2.5}"), file: "plan.yaml", baseDirectory: nil)
        #expect(plan.workloads.first?.slo == ServiceLevels(ttft: 1, itl: 0.2, e2e: 2.5))
        #expect(plan.expand().first?.workload.slo == ServiceLevels(ttft: 1, itl: 0.2, e2e: 2.5))
    }

    static let mistakes: [(workload: String, engines: String?, error: String)] = [
        ("    load: {concurrent: 0}", nil,
         "plan.yaml:9:24: error: 'concurrent' must be a whole number of streams ≥ 1 (or a list of them), got \"0\""),
        ("    load: {rate: [2, -1]}", nil,
         "plan.yaml:9:22: error: 'rate' must be a number of requests per second > 0 (or a list of them), got \"-1\""),
        ("    load: {concurrent: 2, rate: 1}", nil,
         "plan.yaml:9:11: error: a load level is one of concurrent, rate or sweep, not concurrent and rate: write each as its own item of a list"),
        ("    load: {rate: 2, arrivals: bursty}", nil,
         "plan.yaml:9:31: error: 'arrivals' must be constant (one request every 1/rate s) or poisson (random gaps of that mean, seeded by the workload's seed), got \"bursty\""),
        ("    load: [parallel]", nil,
         "plan.yaml:9:12: error: a load level is synchronous, {concurrent: [1, 2, 4]}, {rate: 2, arrivals: poisson} or {sweep: 3}; got \"parallel\""),
        ("    slo: {ttft: fast}", nil,
         "plan.yaml:9:17: error: 'ttft' must be a time > 0: seconds (1.5), or with a unit (\"1 s\", \"200 ms\"), got \"fast\""),
        ("    load: {concurrent: 2}", "  - {name: m5, kind: stackflow, url: \"tcp://127.0.0.1:10001\"}",
         "plan.yaml:6:5: error: workload 'chat' has load levels with several requests in flight, but StackFlow engine 'm5' "
            + "takes one at a time (a StackFlow work_id runs one inference at a time over one connection); exclude the pair, "
            + "or keep that workload's load synchronous"),
        ("    start: cold\n    load: {concurrent: 1}", "  - {name: o, kind: ollama, url: \"http://127.0.0.1:11434\"}",
         "plan.yaml:6:5: error: workload 'chat' has start: cold and load levels other than synchronous; a cold start "
            + "unloads the model before each request, which requests sent beside it would need: keep that workload's "
            + "load synchronous, or start: warm"),
        ("", "  - {name: remote, kind: ollama, url: \"http://127.0.0.1:11434\", parallel: 2}",
         "plan.yaml:2:65: error: 'parallel' sets how many requests a managed llama-server decodes at once (-np); for kind "
            + "ollama, set it on the server you run (Ollama: OLLAMA_NUM_PARALLEL)"),
    ]

    @Test(arguments: mistakes.indices)
    func aMistakeIsRefusedWithWhereAndWhat(_ index: Int) {
        let mistake = Self.mistakes[index]
        let text = mistake.engines.map { Self.plan(workload: mistake.workload, engines: $0) } ?? Self.plan(workload: mistake.workload)
        #expect(errors(text).first == mistake.error)
    }

    @Test func theLoadExampleRunsEveryAskedLevel() throws {
        let plan = try PlanLoader.load(path: try examplesDirectory().appendingPathComponent("load.yaml").path)
        #expect(plan.expand().map { $0.load?.idSuffix } == ["sync", "c1", "c2", "c4", "sweep1of2", "sweep2of2"])
        #expect(plan.expand().first?.engine.parallel == 4)
        #expect(plan.expand().first?.workload.slo == ServiceLevels(ttft: 1, itl: 0.1))
    }
}
