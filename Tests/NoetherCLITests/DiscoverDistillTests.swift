import Foundation
import Testing

/// `noether discover --distill`: ConCerNet's network g, learned on the same data, read as
/// a formula beside the discovered one.
@Test func discoverDistillReadsTheLearnedNetworkAsTheEnergy() throws {
  let (status, output) = try runProgram(
    noetherBinary, ["discover", "--system", "spring-mass", "--distill", "--epochs", "200", "--json"])
  #expect(status == 0)
  let object = try #require(
    try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
  let distilled = try #require(object["distilled"] as? [[String: Any]])
  #expect(distilled.count == 1)
  let formula = try #require(distilled[0]["formula"] as? String)
  // g is learned only up to a monotone map; its linear reading is a multiple of q² + p²
  // (plus a constant): both quadratic terms, with coefficients within 10 % of each other.
  let coefficient = { (term: String) -> Double? in
    guard let range = formula.range(of: "[−-]?[0-9.]+ \(term)", options: .regularExpression) else {
      return nil
    }
    return Double(formula[range].replacingOccurrences(of: "−", with: "-").split(separator: " ")[0])
  }
  let (q2, p2) = (try #require(coefficient("q²")), try #require(coefficient("p²")))
  #expect(abs(q2 - p2) <= 0.1 * max(abs(q2), abs(p2)))
  #expect((distilled[0]["r2"] as? Double ?? 0) >= 0.98)
  let known = try #require(distilled[0]["r2_known"] as? [String: Double])
  #expect((known["energy"] ?? 0) >= 0.95)
  // The discovered invariant is still there, unchanged by the flag.
  let invariants = try #require(object["invariants"] as? [[String: Any]])
  #expect(invariants.count == 1 && (invariants[0]["name"] as? String) == "energy")
}
