import EdgeBenchTesting

/// The llama-server captures these tests replay (Tests/Fixtures/llm-servers).
extension Fixtures {
    static let b11434 = "llm-servers/llama.cpp-b11434-cpu-2vcpu-xeon-vm/server-smollm2-135m-instruct-q4_1"
    static let smollm0c1 = "llm-servers/llama.cpp-0c1e570-cpu-2vcpu-xeon-vm/server-smollm2-135m-instruct-q4_1"
    static let gemma0c1 = "llm-servers/llama.cpp-0c1e570-cpu-2vcpu-xeon-vm/server-gemma-3-270m-q4_k_m"
}
