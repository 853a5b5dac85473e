/// A basis of a conserved space made readable: reduced row-echelon form with complete
/// pivoting, so that each law has a leading term the others lack (Kepler's E and L come
/// out as two formulas, not mixtures).
enum EchelonForm {
  /// Each step takes the largest entry of the remaining rows as the next pivot, so pivots
  /// fall on terms that carry an invariant, not on the noise in the estimated space; each
  /// row ends with 1 at its pivot and 0 at every other row's pivot. Stops, dropping the
  /// remaining rows, when the largest remaining entry is below `tolerance` times the first
  /// pivot's. Returns the pivot column of each row kept.
  @discardableResult
  static func reduce(_ rows: inout [[Double]], tolerance: Double) -> [Int] {
    guard let p = rows.first?.count else { return [] }
    var pivots = [Int]()
    var reference = 0.0
    for lead in rows.indices {
      var best = (row: lead, column: -1, value: 0.0)
      for r in lead..<rows.count {
        for c in 0..<p where !pivots.contains(c) && abs(rows[r][c]) > best.value {
          best = (r, c, abs(rows[r][c]))
        }
      }
      if lead == 0 { reference = best.value }
      guard best.column >= 0, best.value > tolerance * reference else {
        rows.removeSubrange(lead...)
        break
      }
      rows.swapAt(lead, best.row)
      let leading = rows[lead][best.column]
      rows[lead] = rows[lead].map { $0 / leading }
      for other in rows.indices where other != lead {
        let factor = rows[other][best.column]
        if factor != 0 { for j in 0..<p { rows[other][j] -= factor * rows[lead][j] } }
      }
      pivots.append(best.column)
    }
    return pivots
  }
}
