import EdgeBenchCore
import EdgeBenchTesting
import Foundation
import Testing

@testable import EdgeBenchAnalysis

/// Detection on every capture in Tests/Fixtures/board-ids (see SOURCES.md §10). The captures are shell
/// transcripts; `BoardTranscript` takes out what each file held, and the identity is built with the
/// same parsers `BoardIdentity.read` uses on a live machine.
@Suite struct DeviceMatcherTests {
    let matcher: DeviceMatcher

    init() throws {
        matcher = DeviceMatcher(catalog: try DeviceCatalog.bundled())
    }

    static let orinIDs = [
        "jetson-orin-nano-super", "jetson-orin-nx-8gb", "jetson-orin-nx-16gb", "jetson-agx-orin-32gb", "jetson-agx-orin-64gb",
    ]

    /// A device-tree model file as the kernel writes it: the string, NUL-terminated, no newline.
    static func model(_ fixture: String) throws -> String? {
        let text = try Fixtures.text("board-ids/\(fixture)")
        return ShellTranscript.output(of: "cat /proc/device-tree/model", in: text).map { $0 + "\0" }
    }

    static func tegra(_ fixture: String) throws -> String? {
        let text = try Fixtures.text("board-ids/\(fixture)")
        if let output = ShellTranscript.output(of: "cat /etc/nv_tegra_release", in: text) { return output + "\n" }
        return text  // the single-line captures are the file itself
    }

    static func identity(model: String? = nil, tegra: String? = nil, nvpmodel: String? = nil, memTotal: Double? = nil,
                         cpuinfo: String? = nil, hailo: String? = nil) -> BoardIdentity {
        BoardIdentity(
            deviceTreeModel: BoardIdentity.cleaned(model), tegraRelease: BoardIdentity.TegraRelease(parsing: tegra),
            powerMode: BoardIdentity.PowerModeQuery(parsing: nvpmodel), cpu: BoardIdentity.CPUInfo(parsing: cpuinfo),
            memTotal: memTotal,
            accelerators: BoardIdentity.Accelerators(
                hailoDevice: hailo != nil, hailortcli: hailo == nil ? nil : "/usr/bin/hailortcli",
                hailoArchitecture: BoardIdentity.Accelerators.hailoArchitecture(fromIdentify: hailo)))
    }

    /// MemTotal in B: Orin Nano 8 GB and AGX Orin 64 GB from the tegrastats captures' RAM totals
    /// (7620 MB, 62841 MB; tegrastats' MB are MiB); the Pi 5 values are synthetic, 97 % of the nominal size.
    static let orinNanoMemTotal = 7620 * 1_048_576.0
    static let agxOrin64MemTotal = 62841 * 1_048_576.0
    static func piMemTotal(gigabytes: Double) -> Double { gigabytes * 1_073_741_824 * 0.97 }

    // MARK: - Raspberry Pi 5

    @Test func pi5Rev10WithoutMeminfoNamesTheThreeRAMVariants() throws {
        let model = try Self.model("rpi5-rev1.0-model-no-powercap.txt")
        #expect(model == "Raspberry Pi 5 Model B Rev 1.0\0")
        let match = matcher.match(Self.identity(model: model))
        #expect(match.id == nil)
        #expect(match.candidates == ["rpi5-4gb", "rpi5-8gb", "rpi5-16gb"])
        #expect(match.reason == "device-tree model 'Raspberry Pi 5 Model B Rev 1.0' → a Raspberry Pi 5, but no /proc/meminfo to tell 4, 8 or 16 GB")
    }

    @Test(arguments: [(4.0, "rpi5-4gb"), (8.0, "rpi5-8gb"), (16.0, "rpi5-16gb")])
    func pi5RAMSizePicksTheVariant(gigabytes: Double, id: String) throws {
        let model = try Self.model("rpi5-rev1.0-model-no-powercap.txt")
        let match = matcher.match(Self.identity(model: model, memTotal: Self.piMemTotal(gigabytes: gigabytes)))
        #expect(match.id == id)
        #expect(match.confidence == .high)
        #expect(match.reason.hasPrefix("device-tree model 'Raspberry Pi 5 Model B Rev 1.0' → \(id) (RAM size picks \(Int(gigabytes)) GB"))
    }

    @Test func pi5Rev11PromptArtefactIsStrippedFromTheTranscript() throws {
        // SOURCES.md: the "k" of "Rev 1.1k" is the start of the shell prompt glued to the NUL-terminated string
        let model = try Self.model("rpi5-rev1.1-model-prompt-artifact.txt")
        #expect(model == "Raspberry Pi 5 Model B Rev 1.1\0")
        let match = matcher.match(Self.identity(model: model, memTotal: Self.piMemTotal(gigabytes: 8)))
        #expect(match.id == "rpi5-8gb")
        #expect(match.confidence == .high)
    }

    @Test func pi5ModelAsPublishedWithTheStrayK() {
        // the damaged string itself still names a Pi 5; the glued text only lowers confidence
        let match = matcher.match(Self.identity(model: "Raspberry Pi 5 Model B Rev 1.1k", memTotal: Self.piMemTotal(gigabytes: 8)))
        #expect(match.id == "rpi5-8gb")
        #expect(match.confidence == .high)  // text after a space is the usual revision suffix
        let glued = matcher.match(Self.identity(model: "Orange Pi 5pi@RightPi:~$"))
        #expect(glued.id == "orangepi-5")
        #expect(glued.confidence == .medium)
        #expect(glued.reason == "device-tree model 'Orange Pi 5pi@RightPi:~$' (ignoring 'pi@RightPi:~$' after the board name) → orangepi-5")
    }

    @Test(arguments: [
        ("hailortcli-identify-hailo10h-rpi5-aihat2-fw5.2.0-TRIMMED.txt", "rpi5-8gb-ai-hat-plus-2", "Hailo-10H"),
        ("hailortcli-identify-hailo8l-fw4.20.0.txt", "rpi5-8gb-ai-hat-plus-hailo8l", "Hailo-8L"),
        ("hailortcli-identify-hailo8-fw4.16.2-x86.txt", "rpi5-8gb-ai-hat-plus-hailo8", "Hailo-8"),
    ])
    func pi5WithAHailoHAT(identify: String, id: String, chip: String) throws {
        let model = try Self.model("rpi5-rev1.0-model-no-powercap.txt")
        let hailo = try Fixtures.text("hailo/\(identify)")
        let match = matcher.match(Self.identity(model: model, memTotal: Self.piMemTotal(gigabytes: 8), hailo: hailo))
        #expect(match.id == id)
        #expect(match.confidence == .high)
        #expect(match.reason.hasPrefix("device-tree model 'Raspberry Pi 5 Model B Rev 1.0' + /dev/hailo0 (\(chip)) → \(id) (RAM size picks 8 GB"))
    }

    @Test func pi5WithHailoButNoArchitectureIsAmbiguous() throws {
        var identity = Self.identity(model: try Self.model("rpi5-rev1.0-model-no-powercap.txt"), memTotal: Self.piMemTotal(gigabytes: 8))
        identity.accelerators.hailoDevice = true
        let match = matcher.match(identity)
        #expect(match.id == nil)
        #expect(match.candidates == ["rpi5-8gb-ai-hat-plus-2", "rpi5-8gb-ai-hat-plus-hailo8", "rpi5-8gb-ai-hat-plus-hailo8l"])
        #expect(match.reason.contains("no hailortcli on PATH"))
    }

    @Test func pi5With4GBAndAHATIsNotInTheCatalog() throws {
        let hailo = try Fixtures.text("hailo/hailortcli-identify-hailo10h-rpi5-aihat2-fw5.1.1-TRIMMED.txt")
        let match = matcher.match(Self.identity(
            model: "Raspberry Pi 5 Model B Rev 1.0\0", memTotal: Self.piMemTotal(gigabytes: 4), hailo: hailo))
        #expect(match.id == nil)
        #expect(match.candidates == ["rpi5-8gb-ai-hat-plus-2"])
    }

    @Test func pi500IsNotAPi5() {
        let match = matcher.match(Self.identity(model: "Raspberry Pi 500 Rev 1.0\0"))
        #expect(match.id == nil)
        #expect(match.reason == "device-tree model 'Raspberry Pi 500 Rev 1.0' is a Raspberry Pi other than the Pi 5, which is not in the catalog")
    }

    // MARK: - Rockchip

    @Test func orangePi5ModelGluedToThePrompt() throws {
        let model = try Self.model("orangepi5-rk3588s-model-and-hwmon-names.txt")
        #expect(model == "Orange Pi 5\0")
        var identity = Self.identity(model: model)
        identity.accelerators.rknpu = true
        let match = matcher.match(identity)
        #expect(match.id == "orangepi-5")
        #expect(match.confidence == .high)
        #expect(match.reason == "device-tree model 'Orange Pi 5' + /sys/kernel/debug/rknpu → orangepi-5")
    }

    @Test(arguments: [
        ("Orange Pi 5 Plus", "orangepi-5-plus"), ("Radxa ROCK 5B", "radxa-rock-5b"), ("Radxa ROCK 5 Model B", "radxa-rock-5b"),
    ])
    func otherRK3588Boards(model: String, id: String) {
        let match = matcher.match(Self.identity(model: model + "\0"))
        #expect(match.id == id)
        #expect(match.confidence == .high)
    }

    @Test func orangePi5BIsNotTheOrangePi5() {
        let match = matcher.match(Self.identity(model: "Orange Pi 5B\0"))
        #expect(match.id == nil)
        #expect(match.reason.contains("the Orange Pi 5B, which is not in the catalog"))
    }

    // MARK: - Jetson

    @Test func agxOrinDevkitR36WithMeminfoIs64GB() throws {
        let fixture = "jetson-agx-orin-devkit-r36.5.0-jp6.2-identity.txt"
        let text = try Fixtures.text("board-ids/\(fixture)")
        let nvpmodel = ShellTranscript.output(of: "nvpmodel -q", in: text)
        let identity = Self.identity(
            model: try Self.model(fixture), tegra: try Self.tegra(fixture), nvpmodel: nvpmodel, memTotal: Self.agxOrin64MemTotal)
        #expect(identity.deviceTreeModel == "NVIDIA Jetson AGX Orin Developer Kit")
        #expect(identity.tegraRelease?.version == "R36.5.0")
        #expect(identity.tegraRelease?.board == "generic")
        #expect(identity.powerMode == BoardIdentity.PowerModeQuery(name: "MAXN", id: 0))
        let match = matcher.match(identity)
        #expect(match.id == "jetson-agx-orin-64gb")
        #expect(match.confidence == .high)
        #expect(match.reason == "device-tree model 'NVIDIA Jetson AGX Orin Developer Kit' + L4T R36.5.0 → jetson-agx-orin-64gb (RAM size picks 64 GB: MemTotal 61.37 GiB)")
    }

    @Test func agxOrinDevkitWithoutMeminfoIsAmbiguous() throws {
        let fixture = "jetson-agx-orin-devkit-r36.5.0-jp6.2-identity.txt"
        let match = matcher.match(Self.identity(model: try Self.model(fixture), tegra: try Self.tegra(fixture)))
        #expect(match.id == nil)
        #expect(match.candidates == ["jetson-agx-orin-32gb", "jetson-agx-orin-64gb"])
    }

    @Test func agxOrinR35ReleaseAloneCannotTellOrinFromXavier() throws {
        let tegra = try Self.tegra("jetson-agx-orin-r35.4.1-jp5.1.2-nv_tegra_release.txt")
        let identity = Self.identity(tegra: tegra)
        #expect(identity.tegraRelease == BoardIdentity.TegraRelease(
            release: 35, revision: "4.1", board: "t186ref",
            line: "# R35 (release), REVISION: 4.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64, DATE: Tue Aug  1 19:57:35 UTC 2023"))
        let match = matcher.match(identity)
        #expect(match.id == nil)
        #expect(match.candidates == Self.orinIDs)
        #expect(match.reason == "/etc/nv_tegra_release R35.4.1 BOARD t186ref: JetPack 5 runs on Orin and Xavier modules; no device-tree model to tell which")
    }

    @Test func orinNanoR36ReleaseAloneNamesTheOrinModules() throws {
        let tegra = try Self.tegra("jetson-orin-nano-r36.4.7-nv_tegra_release-4line.txt")
        let identity = Self.identity(tegra: tegra)
        #expect(identity.tegraRelease?.version == "R36.4.7")
        let match = matcher.match(identity)
        #expect(match.id == nil)
        #expect(match.candidates == Self.orinIDs)
        // with the device-tree model a real Orin Nano has, and its MemTotal, it is the Super dev kit
        let full = matcher.match(Self.identity(
            model: "NVIDIA Jetson Orin Nano Engineering Reference Developer Kit Super\0", tegra: tegra, memTotal: Self.orinNanoMemTotal))
        #expect(full.id == "jetson-orin-nano-super")
        #expect(full.confidence == .high)
    }

    @Test func orinNXEngineeringReference() throws {
        let model = try Self.model("jetson-orin-nx-engineering-reference-model.txt")
        #expect(model == "NVIDIA Jetson Orin NX Engineering Reference Developer Kit\0")
        let ambiguous = matcher.match(Self.identity(model: model))
        #expect(ambiguous.id == nil)
        #expect(ambiguous.candidates == ["jetson-orin-nx-8gb", "jetson-orin-nx-16gb"])
        let byCores = matcher.match(Self.identity(model: model, cpuinfo: (0..<8).map { "processor\t: \($0)\n" }.joined()))
        #expect(byCores.id == "jetson-orin-nx-16gb")
        #expect(byCores.confidence == .medium)
        let byRAM = matcher.match(Self.identity(model: model, memTotal: Self.orinNanoMemTotal))
        #expect(byRAM.id == "jetson-orin-nx-8gb")
        #expect(byRAM.confidence == .high)
    }

    @Test func originalJetsonNanoIsNotAnOrinNano() throws {
        let model = try Self.model("jetson-nano-model-no-trailing-newline.txt")
        #expect(model == "NVIDIA Jetson Nano Developer Kit\0")
        let match = matcher.match(Self.identity(model: model))
        #expect(match.id == nil)
        #expect(match.reason == "device-tree model 'NVIDIA Jetson Nano Developer Kit' is the original Jetson Nano (Maxwell), which is not in the catalog")
    }

    @Test(arguments: [
        ("jetson-nano-r32.7.6-t210ref-nv_tegra_release.txt", "R32.7.6", "t210ref", "a Jetson Nano or TX1 (t210ref)"),
        ("nv_tegra_release-r32.7.4-t210ref-nano.txt", "R32.7.4", "t210ref", "a Jetson Nano or TX1 (t210ref)"),
        ("nv_tegra_release-r32.6.1-t210ref.txt", "R32.6.1", "t210ref", "a Jetson Nano or TX1 (t210ref)"),
        ("nv_tegra_release-r32.6.1-t186ref.txt", "R32.6.1", "t186ref", "a Jetson TX2 or Xavier (t186ref)"),
        ("nv_tegra_release-r32.5-t186ref-revision-no-minor.txt", "R32.5", "t186ref", "a Jetson TX2 or Xavier (t186ref)"),
    ])
    func jetPack4ReleasesAreNotInTheCatalog(fixture: String, version: String, board: String, what: String) throws {
        let identity = Self.identity(tegra: try Self.tegra(fixture))
        #expect(identity.tegraRelease?.version == version)
        #expect(identity.tegraRelease?.board == board)
        let match = matcher.match(identity)
        #expect(match.id == nil)
        #expect(match.confidence == DeviceMatch.Confidence.none)
        #expect(match.reason == "/etc/nv_tegra_release \(version) BOARD \(board): L4T R32 (JetPack 4 or older) means \(what), which is not in the catalog")
    }

    /// Every board-id capture is covered by a test above; a new capture must get one too.
    @Test func everyBoardIDFixtureIsCovered() throws {
        let names = try FileManager.default.contentsOfDirectory(
            at: Fixtures.root().appendingPathComponent("board-ids"), includingPropertiesForKeys: nil
        ).map(\.lastPathComponent).sorted()
        #expect(names == [
            "jetson-agx-orin-devkit-r36.5.0-jp6.2-identity.txt", "jetson-agx-orin-r35.4.1-jp5.1.2-nv_tegra_release.txt",
            "jetson-nano-model-no-trailing-newline.txt", "jetson-nano-r32.7.6-t210ref-nv_tegra_release.txt",
            "jetson-orin-nano-r36.4.7-nv_tegra_release-4line.txt", "jetson-orin-nx-engineering-reference-model.txt",
            "nv_tegra_release-r32.5-t186ref-revision-no-minor.txt", "nv_tegra_release-r32.6.1-t186ref.txt",
            "nv_tegra_release-r32.6.1-t210ref.txt", "nv_tegra_release-r32.7.4-t210ref-nano.txt",
            "orangepi5-rk3588s-model-and-hwmon-names.txt", "rpi5-rev1.0-model-no-powercap.txt",
            "rpi5-rev1.1-model-prompt-artifact.txt",
        ])
    }

    // MARK: - x86 and nothing

    @Test func x86VirtualMachineIsGenericWithLowConfidence() {
        let cpuinfo = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC
            flags\t\t: fpu vme hypervisor lahf_lm
            processor\t: 1
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC

            """
        var identity = Self.identity(cpuinfo: cpuinfo)
        identity.dmi = BoardIdentity.DMI(sysVendor: "QEMU", productName: "Standard PC (Q35 + ICH9, 2009)")
        let match = matcher.match(identity)
        #expect(match.id == "generic-x86")
        #expect(match.confidence == .low)
        #expect(match.reason == "x86 CPU 'AMD EPYC', 2 logical CPUs, DMI 'QEMU / Standard PC (Q35 + ICH9, 2009)'; no device tree; a virtual machine → generic-x86 (size, mass, price and power unknown: set them in the plan)")
    }

    @Test func nothingReadableMatchesNothing() {
        let match = matcher.match(BoardIdentity())
        #expect(match.id == nil)
        #expect(match.confidence == DeviceMatch.Confidence.none)
        #expect(match.reason.hasPrefix("nothing identifies this machine"))
    }

    @Test func nominalRAMSizes() {
        let gib = 1_073_741_824.0
        #expect(DeviceMatcher.nominalGigabytes(7.44 * gib, among: [4, 8, 16]) == 8)
        #expect(DeviceMatcher.nominalGigabytes(3.8 * gib, among: [4, 8, 16]) == 4)
        #expect(DeviceMatcher.nominalGigabytes(15.8 * gib, among: [4, 8, 16]) == 16)
        #expect(DeviceMatcher.nominalGigabytes(1.9 * gib, among: [4, 8, 16]) == nil)  // a 2 GB Pi 5
        #expect(DeviceMatcher.nominalGigabytes(20 * gib, among: [4, 8, 16]) == nil)
    }
}
