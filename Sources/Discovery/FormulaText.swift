import NoetherCore

/// Linear combinations of named terms as readable formulas: `0.5 vx² + 0.5 vy² − 1/r`.
public enum FormulaText {
  /// Σ cⱼ termⱼ over the non-zero coefficients, each with `digits` significant digits;
  /// powers as superscripts (`q^2` → `q²`), a coefficient of ±1 left out, `0` for none.
  public static func sum(_ coefficients: [Double], terms: [String], digits: Int) -> String {
    var text = ""
    for (c, term) in zip(coefficients, terms) where c != 0 {
      let magnitude = NumberFormat.significant(abs(c), digits: digits)
      let name = pretty(term)
      let body = name == "1" ? magnitude : (magnitude == "1" ? name : "\(magnitude) \(name)")
      if text.isEmpty {
        text = c < 0 ? "−" + body : body
      } else {
        text += c < 0 ? " − " + body : " + " + body
      }
    }
    return text.isEmpty ? "0" : text
  }

  /// `x^2 y^3` → `x² y³`.
  public static func pretty(_ term: String) -> String {
    let superscripts: [Character: Character] = [
      "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
    ]
    var out = ""
    var inPower = false
    for ch in term {
      if ch == "^" {
        inPower = true
        continue
      }
      if inPower, let s = superscripts[ch] {
        out.append(s)
        continue
      }
      inPower = false
      out.append(ch)
    }
    return out
  }
}
