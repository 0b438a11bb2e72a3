import EdgeBenchTesting

/// The captures these tests hand to the binary, found by EdgeBenchTesting's `Fixtures` (Tests/Fixtures).
enum CLIFixtures {
    static let llamaBenchJSON = "llm-servers/llama.cpp-b11434-cpu-2vcpu-xeon-vm/llama-bench-smollm2-135m-instruct-q4_1.json"
    static let tegrastatsOrinNano = "tegrastats/tegrastats-jp6-orin-nano-8gb-idle-nosudo.txt"

    static func path(_ relative: String) throws -> String { try Fixtures.url(relative).path }
}
