import Testing
@testable import EdgeBenchAnalysis

@Suite struct ConstraintTests {
    private func threshold(_ text: String) throws -> Double {
        try Constraint(parsing: text).threshold
    }

    @Test func convertsThresholdsToStoredUnits() throws {
        #expect(try threshold("volume <= 200 cm3") == 200e-6)
        #expect(try threshold("volume <= 200 cm³") == 200e-6)
        #expect(try threshold("volume <= 0.5 L") == 0.5e-3)
        #expect(try threshold("mass <= 150 g") == 0.15)
        #expect(try threshold("mass <= 1.2 kg") == 1.2)
        #expect(try threshold("ttft.p90 <= 1 s") == 1)
        #expect(try threshold("ttft.p90 <= 500 ms") == 0.5)
        #expect(try threshold("ttft <= 500ms") == 0.5)
        #expect(try threshold("e2e_latency <= 2 min") == 120)
        #expect(try threshold("mean_power <= 10 W") == 10)
        #expect(try threshold("mean_power <= 800 mW") == 0.8)
        #expect(try threshold("energy <= 2 Wh") == 7200)
        #expect(try threshold("energy_per_token <= 0.5 J/token") == 0.5)
        #expect(try threshold("energy_per_token <= 500 mJ/token") == 0.5)
        #expect(try threshold("battery_hours >= 4 h") == 4)
        #expect(try threshold("battery_hours >= 90 min") == 1.5)
        #expect(try threshold("decode_rate >= 5 tok/s") == 5)
        #expect(try threshold("roofline_efficiency >= 70 %") == 0.7)
    }

    @Test func parsesOperatorsAndPrices() throws {
        let dollarFirst = try Constraint(parsing: "price < $300")
        #expect(dollarFirst.comparison == .less)
        #expect(dollarFirst.threshold == 300)
        #expect(dollarFirst.description == "price < $300")
        #expect(try Constraint(parsing: "price < 300 $").threshold == 300)
        #expect(try Constraint(parsing: "decode_rate>=5tok/s").comparison == .greaterOrEqual)
        #expect(try Constraint(parsing: "decode_rate > 5 tok/s").comparison == .greater)
        #expect(try Constraint(parsing: "accelerator_gain == 2 ×").comparison == .equal)
        #expect(try Constraint(parsing: "volume <= 200 cm3").description == "volume <= 200 cm³")
        #expect(try Constraint(parsing: "ttft.p90 <= 1 s").metric == "ttft.p90")
    }

    @Test func missingUnitAssumesTheStoredUnitAndSaysSo() throws {
        let constraint = try Constraint(parsing: "mean_power <= 10")
        #expect(constraint.threshold == 10)
        #expect(constraint.unitAssumed)
        #expect(constraint.description == "mean_power <= 10 (no unit given: W assumed)")
        #expect(try Constraint(parsing: "roofline_efficiency >= 0.7").description
            == "roofline_efficiency >= 0.7 (no unit given: a plain ratio assumed)")
    }

    @Test func badInputSaysWhatFailedAndWhatToDo() {
        #expect(throws: ConstraintError.unknownUnit(text: "volume <= 200 furlongs", unit: "furlongs", metric: "volume",
                                                    known: ["mm³", "cm³", "L", "m³"])) {
            try Constraint(parsing: "volume <= 200 furlongs")
        }
        #expect(ConstraintError.unknownUnit(text: "mass <= 3 lb", unit: "lb", metric: "mass", known: ["g", "kg"]).description
            == "constraint 'mass <= 3 lb': unit 'lb' is not known for mass; use one of g, kg, or no unit for SI")
        #expect(throws: ConstraintError.noOperator(text: "mean_power 10 W")) { try Constraint(parsing: "mean_power 10 W") }
        #expect(throws: ConstraintError.badNumber(text: "mean_power <= ten W", value: "ten W")) {
            try Constraint(parsing: "mean_power <= ten W")
        }
        #expect(throws: ConstraintError.badMetric(text: " <= 10 W", metric: "")) { try Constraint(parsing: " <= 10 W") }
        #expect(throws: ConstraintError.unknownMetric(text: "foo <= 3 W", .unknownMetric("foo"))) {
            try Constraint(parsing: "foo <= 3 W")
        }
        // A typo is an error, not a constraint no candidate can ever meet.
        #expect(throws: ConstraintError.unknownMetric(text: "mean_powr <= 3", .unknownMetric("mean_powr"))) {
            try Constraint(parsing: "mean_powr <= 3")
        }
        // A unit of the wrong dimension is refused rather than converted.
        #expect(throws: ConstraintError.self) { try Constraint(parsing: "mass <= 150 cm3") }
    }

    @Test func checkGivesAHumanReason() throws {
        let power = try Constraint(parsing: "mean_power <= 10 W")
        #expect(power.check(Candidate(id: "a", metrics: ["mean_power": 9.99])) == nil)
        #expect(power.check(Candidate(id: "b", metrics: ["mean_power": 10])) == nil)
        #expect(power.check(Candidate(id: "c", metrics: ["mean_power": 12.3]))?.reason == "mean_power 12.3 W > 10 W")

        let volume = try Constraint(parsing: "volume <= 200 cm3")
        #expect(volume.check(Candidate(id: "d", metrics: [:]))?.reason
            == "no value for volume — cannot check volume <= 200 cm³")
        #expect(volume.check(Candidate(id: "e", metrics: ["volume": 2.5e-4]))?.reason == "volume 250 cm³ > 200 cm³")
        #expect(volume.check(Candidate(id: "n", metrics: ["volume": .nan]))?.value == nil)

        let ttft = try Constraint(parsing: "ttft.p90 <= 500 ms")
        #expect(ttft.check(Candidate(id: "f", metrics: ["ttft.p90": 0.75]))?.reason == "ttft.p90 750 ms > 500 ms")

        let rate = try Constraint(parsing: "decode_rate >= 5 tok/s")
        #expect(rate.check(Candidate(id: "g", metrics: ["decode_rate": 3.44]))?.reason == "decode_rate 3.44 tok/s < 5 tok/s")

        let price = try Constraint(parsing: "price < $300")
        #expect(price.check(Candidate(id: "h", metrics: ["price": 300]))?.reason == "price $300 >= $300")
    }
}
