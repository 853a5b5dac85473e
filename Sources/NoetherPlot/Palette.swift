/// Colours: a categorical palette for series (Okabe and Ito's, readable by people with
/// colour-vision deficiencies) and a sequential map for fields (viridis, interpolated).
public enum Palette {
  /// Series colours, in order; index modulo the count.
  public static let categorical = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
  ]

  /// The colour of series `index`.
  public static func series(_ index: Int) -> String { categorical[index % categorical.count] }

  /// Viridis control points (RGB, 0–255), at 0, 1/8, …, 1.
  static let viridis: [(Double, Double, Double)] = [
    (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141), (39, 173, 129),
    (92, 200, 99), (170, 220, 50), (253, 231, 37),
  ]

  /// The viridis colour at t ∈ [0, 1] (clamped) as RGB bytes.
  public static func sequential(_ t: Double) -> (UInt8, UInt8, UInt8) {
    let u = t.isFinite ? min(max(t, 0), 1) : 0
    let scaled = u * Double(viridis.count - 1)
    let i = min(Int(scaled), viridis.count - 2)
    let f = scaled - Double(i)
    let a = viridis[i]
    let b = viridis[i + 1]
    func mix(_ p: Double, _ q: Double) -> UInt8 { UInt8((p + (q - p) * f).rounded()) }
    return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
  }

  /// The viridis colour at t as `#rrggbb`.
  public static func sequentialHex(_ t: Double) -> String {
    let (r, g, b) = sequential(t)
    return "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }
}
