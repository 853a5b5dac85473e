/// Which balance pairs are reported. Every polynomial system has trivial ones (any term's
/// rate ∇θ·f is a source when the source library holds it), and most cancellations are
/// generic (two terms can always cancel one shared rate term), so only pairs that say
/// more than the equations do:
///
/// 1. Simplest first: fewer source terms, then fewer quantity terms, then smaller λ.
/// 2. Competing explanations: a pair sharing its quantity support T or its source
///    support S with one kept before is the data's second choice for the same thing (at
///    σ = 0.1 a damped oscillator's energy balances −0.2 p², −0.14 q² and a constant
///    within the noise, since ∫ q² dt ≈ ∫ p² dt over a period); it is left out, and a
///    shared T is listed as an alternative source of the kept pair.
/// 3. Meaning. With U the union of the sparsest sources of C's terms taken one by one, a
///    pair exists generically when |T| > |U| − |S| (|U| − |S| cancellations asked of |T|
///    coefficients, one of them the scale). A pair that exists against that count, all
///    its terms' own rates in the source library, is reported whatever its source's sign.
///    Of the generic ones only the simplest whose source has one sign on all the data is
///    (a dissipated or supplied quantity: a Lyapunov function of the data), and only where
///    no conservation law was found: data on a conserved level set (S + I + R = 1 on
///    every epidemic trajectory) make the library's terms dependent there, and such
///    pairs hold on that set, not as laws of the field. Sign-changing generic pairs are
///    not reported: at σ = 0.1 on Kepler, thousands of supports tried leave some of them
///    under the threshold by chance.
struct BalanceLawSelection {
  /// Whether the data have a conservation law (generic pairs are then not reported).
  var hasConservationLaws = false

  func select(_ candidates: [BalanceLawSearch.Candidate]) -> [BalanceLawSearch.Candidate] {
    let ordered = candidates.sorted {
      ($0.sourceTerms.count, $0.terms.count, $0.ratio) < ($1.sourceTerms.count, $1.terms.count, $1.ratio)
    }
    var first = [BalanceLawSearch.Candidate]()
    for candidate in ordered {
      if let k = first.firstIndex(where: { $0.terms == candidate.terms }) {
        first[k].alternatives.append((candidate.quantity, candidate.source))
        continue
      }
      if first.contains(where: { $0.sourceTerms == candidate.sourceTerms }) { continue }
      first.append(candidate)
    }
    var kept = [BalanceLawSearch.Candidate]()
    var lyapunov = false
    for candidate in first {
      let (t, s) = (candidate.terms.count, candidate.sourceTerms.count)
      if let union = candidate.separate, t <= union - s {
        kept.append(candidate)
      } else if candidate.isOneSigned, !lyapunov, !hasConservationLaws {
        kept.append(candidate)
        lyapunov = true
      }
    }
    return kept
  }
}
