import EdgeBenchCore
import Testing
@testable import EdgeBenchAnalysis

@Suite struct AcceleratorGainTests {
    typealias F = AnalysisFixtures

    @Test func jetsonCPUAndGPUPairByOffloadOnOneDevice() {
        // 1.2 J/token on the CPU ÷ 0.15 J/token on the GPU = 8×
        let cpu = F.configuration(
            "ollama-cpu/llama3.2-1b/short", device: F.jetson, metrics: [.energyPerToken: 1.2], offloadFraction: 0)
        let gpu = F.configuration(
            "ollama-gpu/llama3.2-1b/short", device: F.jetson, metrics: [.energyPerToken: 0.15], offloadFraction: 1)
        let gains = AcceleratorGain.pairs([cpu, gpu])
        #expect(gains.count == 1)
        #expect(gains.first?.board == "jetson-orin-nano-super")
        #expect(gains.first?.model == "llama3.2-1b")
        #expect(gains.first?.cpuConfiguration == "ollama-cpu/llama3.2-1b/short")
        #expect(gains.first?.acceleratedConfiguration == "ollama-gpu/llama3.2-1b/short")
        #expect(nearly(gains.first?.gain.number, 8))
    }

    /// An import's "label/model" id names the model the runtimes' served names stand for.
    @Test func importedLabelModelIdsPairByTheirModelPart() {
        // 1.0 J/token on the Pi 5's CPU ÷ 0.32 J/token on the Hailo-10H = 3.125×
        var cpu = F.configuration("CPU-Ollama/qwen2.5:1.5b", device: F.pi5, metrics: [.energyPerToken: 1.0], offload: "none (CPU)")
        cpu.model = ModelInfo(name: "qwen2.5:1.5b")
        var hat = F.configuration("GPU-Hailo-Ollama/qwen2.5:1.5b", device: F.pi5Hat2, metrics: [.energyPerToken: 0.32])
        hat.model = ModelInfo(name: "qwen2.5-instruct:1.5b")
        let gains = AcceleratorGain.pairs([cpu, hat])
        #expect(gains.map(\.model) == ["qwen2.5:1.5b"])
        #expect(nearly(gains.first?.gain.number, 3.125))
    }

    @Test func pi5AndAIHatPairByBaseBoard() {
        // 2.4 J/token on the Pi 5's CPU ÷ 0.12 J/token on the Hailo-10H = 20×
        let cpu = F.configuration("ollama/llama3.2-1b/short", device: F.pi5, metrics: [.energyPerToken: 2.4])
        let hat = F.configuration(
            "hailo-ollama/llama3.2-1b/short", device: F.pi5Hat2, metrics: [.energyPerToken: 0.12])
        let gains = AcceleratorGain.pairs([hat, cpu])
        #expect(
            gains == [
                AcceleratorGain(
                    board: "rpi5-8gb", model: "llama3.2-1b", workload: "short",
                    cpuConfiguration: "ollama/llama3.2-1b/short", acceleratedConfiguration: "hailo-ollama/llama3.2-1b/short",
                    gain: gains.first?.gain ?? .notAvailable("")),
            ])
        #expect(nearly(gains.first?.gain.number, 20))
    }

    @Test func otherModelsWorkloadsAndBoardsDoNotPair() {
        let cpu = F.configuration("ollama/llama3.2-1b/short", device: F.pi5, metrics: [.energyPerToken: 2.4])
        let otherModel = F.configuration("hailo-ollama/qwen2.5-1.5b/short", device: F.pi5Hat2, metrics: [.energyPerToken: 0.1])
        let otherWorkload = F.configuration("hailo-ollama/llama3.2-1b/long", device: F.pi5Hat2, metrics: [.energyPerToken: 0.1])
        let otherBoard = F.configuration(
            "ollama-gpu/llama3.2-1b/short", device: F.jetson, metrics: [.energyPerToken: 0.1], offloadFraction: 1)
        #expect(AcceleratorGain.pairs([cpu, otherModel, otherWorkload, otherBoard]).isEmpty)
    }

    @Test func aMissingEnergyGivesTheReasonNotANumber() {
        let cpu = F.configuration("ollama/llama3.2-1b/short", device: F.pi5, metrics: [.energyPerToken: 2.4])
        let hat = F.configuration("hailo-ollama/llama3.2-1b/short", device: F.pi5Hat2, metrics: [.decodeRate: 6])
        #expect(
            AcceleratorGain.pairs([cpu, hat]).first?.gain
                == .notAvailable("no energy measured for accelerated configuration hailo-ollama/llama3.2-1b/short"))
    }

    @Test func unknownPlacementPairsWithNothing() {
        // a Jetson configuration whose engine reported no offload could have run anywhere
        let unknown = F.configuration("llamacpp/llama3.2-1b/short", device: F.jetson, metrics: [.energyPerToken: 1])
        let gpu = F.configuration(
            "ollama-gpu/llama3.2-1b/short", device: F.jetson, metrics: [.energyPerToken: 0.15], offloadFraction: 1)
        #expect(Placement(unknown) == .unknown)
        #expect(AcceleratorGain.pairs([unknown, gpu]).isEmpty)
    }

    @Test func offloadTextsThatMeanCPU() {
        #expect(Placement.describesCPU("0 layers (CPU)"))
        #expect(Placement.describesCPU("0/33"))
        #expect(Placement.describesCPU("none"))
        #expect(Placement.describesCPU("100% CPU (0.00 GB of 0.99 GB in GPU memory)"))
        #expect(!Placement.describesCPU("100% GPU (0.99 GB of 0.99 GB in GPU memory)"))
        #expect(!Placement.describesCPU("48%/52% CPU/GPU"))
        #expect(!Placement.describesCPU("Hailo-10H NPU (hailo-ollama runs the whole model there)"))
        #expect(!Placement.describesCPU("33 layers"))
        #expect(!Placement.describesCPU("all"))
        #expect(!Placement.describesCPU("0.5"))
        let text = F.configuration("llamacpp/m/w", device: F.jetson, offload: "0 layers (CPU)")
        #expect(Placement(text) == .cpu)
    }
}
