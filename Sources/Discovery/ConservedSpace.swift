import NoetherCore

/// The conserved combinations of the library, as sparse candidate laws, simplest first.
///
/// The generalised eigenproblem M c = λ B c (`NoiseModel`) has λ ≈ 1 for the conserved
/// directions and λ ≫ 1 for the others. Degree by degree (the terms of degree ≤ D, D = 1,
/// 2, …) the conserved space is estimated, kept where the data excite it (`ExcitedSpan`),
/// put in reduced row-echelon form (`EchelonForm`), and each row made sparse by
/// sequential thresholding within the space (drop terms below `sparsity` of the largest,
/// refit the smallest eigenvector on the rest, keep it while it stays conserved): what a
/// lower degree explains is found first, in its simplest form.
///
/// For noisy data every support of up to three terms is also tried on its own
/// (`SparseSupportSearch`), since at high noise the space holds only mixtures of laws
/// whose noise is correlated; its laws come first, and a formula of the space joins them
/// when it is not within their span and what it adds to them is itself conserved and
/// excited. Not where most of the library passes as conserved: such data tell little
/// apart, and a search among them finds what the noise leaves unresolved.
struct ConservedSpace {
  /// A candidate law: scaled coefficients over the active terms, and its noise ratio.
  struct Candidate {
    var coefficients: [Double]
    var lambda: Double
  }

  /// The library's noise ratios, ascending.
  let spectrum: [Double]
  /// How many of them are below the threshold.
  let conservedCount: Int
  let candidates: [Candidate]
  /// Conserved directions the data never excite (counted, not listed).
  let unexcited: Int

  init(_ data: PreparedData, model: NoiseModel, settings: InvariantDiscovery) throws {
    let p = model.size
    let (lambda, _) = try SymmetricEigen.generalized(model.variation, model.noise, size: p)
    let conserved = lambda.prefix { $0 < model.threshold }.count
    let degrees = data.active.map { data.forms.orderingDegree[$0] }
    var candidates = [Candidate]()
    var unexcited = 0
    for degree in Set(degrees).sorted() where conserved > 0 {
      let subset = (0..<p).filter { degrees[$0] <= degree }
      let found = try Self.sparseRows(subset, model: model, settings: settings)
      candidates += found.candidates
      unexcited = max(unexcited, found.unexcited)
    }
    let search = SparseSupportSearch()
    if data.isNoisy, 2 * conserved <= p, search.fits(terms: p) {
      let statistics = SparseSupportSearch.Statistics(
        rows: model.rows, terms: model.scaledTerms, weights: model.weights, layout: data.layout,
        dof: model.dof,
        variation: model.variation, noise: model.noise, significance: settings.significance,
        sparsity: settings.sparsity)
      let sparse = search.search(statistics, size: p, threshold: model.threshold).map {
        Candidate(coefficients: $0.coefficients, lambda: $0.lambda)
      }
      let laws = sparse.map(\.coefficients)
      let threshold = max(model.threshold, settings.excitation)
      candidates =
        sparse
        + candidates.filter {
          let rest = CoefficientSpan.remainder($0.coefficients, after: laws, b: model.noise)
          return !CoefficientSpan.holds(laws, $0.coefficients)
            && DiscoveryAlgebra.rayleigh(rest, model.variation, model.noise) < model.threshold
            && DiscoveryAlgebra.rayleigh(rest, model.moments, model.noise) >= threshold
        }
    }
    spectrum = Array(lambda.prefix(conserved + 3))
    conservedCount = conserved
    self.candidates = candidates
    self.unexcited = unexcited
  }

  /// The sparse conserved combinations of the terms in `subset`, fewest terms first (then
  /// library order of the leading term), as coefficient vectors over all p active terms.
  private static func sparseRows(_ subset: [Int], model: NoiseModel, settings: InvariantDiscovery) throws
    -> (candidates: [Candidate], unexcited: Int)
  {
    let (q, p) = (subset.count, model.size)
    let (ms, bs) = model.restricted(to: subset)
    let (lambda, vectors) = try SymmetricEigen.generalized(ms, bs, size: q)
    let conserved = lambda.prefix { $0 < model.threshold }.count
    var basis = (0..<conserved).map { k in (0..<q).map { vectors[$0 * q + k] } }
    let gs = subset.flatMap { i in subset.map { model.moments[i * p + $0] } }
    let excited = try ExcitedSpan.directions(
      basis, moments: gs, noise: bs, size: q, threshold: max(model.threshold, settings.excitation))
    let unexcited = basis.count - excited.count
    basis = excited
    let pivots = EchelonForm.reduce(&basis, tolerance: settings.pivotTolerance)
    var found = [Candidate]()
    for (k, row) in basis.enumerated() {
      let others = Set(pivots.enumerated().filter { $0.offset != k }.map(\.element))
      guard
        let sparse = sparsified(
          row, pivot: pivots[k], excluding: others, m: ms, b: bs, threshold: model.threshold,
          sparsity: settings.sparsity)
      else { continue }
      var full = [Double](repeating: 0, count: p)
      for (k, j) in subset.enumerated() { full[j] = sparse.coefficients[k] }
      found.append(Candidate(coefficients: full, lambda: sparse.lambda))
    }
    let sorted = found.sorted { a, b in
      let (na, nb) = (a.coefficients.filter { $0 != 0 }.count, b.coefficients.filter { $0 != 0 }.count)
      return na != nb
        ? na < nb
        : (a.coefficients.firstIndex { $0 != 0 } ?? 0) < (b.coefficients.firstIndex { $0 != 0 } ?? 0)
    }
    return (sorted, unexcited)
  }

  /// Sequential thresholding within the conserved space: drop small scaled terms (never
  /// the pivot; never another law's pivot), refit the smallest eigenvector on the rest,
  /// stop when the support is stable or the refit would no longer be conserved. Scaled so
  /// that the pivot's coefficient is 1; nil when not even the dense row is conserved.
  private static func sparsified(
    _ row: [Double], pivot: Int, excluding others: Set<Int>, m: [Double], b: [Double], threshold: Double,
    sparsity: Double
  ) -> Candidate? {
    let p = row.count
    var current = row
    var lambda = DiscoveryAlgebra.rayleigh(row, m, b)
    guard lambda.isFinite else { return nil }
    for _ in 0..<10 {
      let largest = current.map(abs).max() ?? 0
      let support = (0..<p).filter {
        !others.contains($0) && ($0 == pivot || abs(current[$0]) >= sparsity * largest)
      }
      guard support.count < current.filter({ $0 != 0 }).count else { break }
      let ms = support.flatMap { i in support.map { m[i * p + $0] } }
      let bs = support.flatMap { i in support.map { b[i * p + $0] } }
      guard let (values, vectors) = try? SymmetricEigen.generalized(ms, bs, size: support.count),
        values[0] < threshold
      else { break }
      var next = [Double](repeating: 0, count: p)
      for (k, j) in support.enumerated() { next[j] = vectors[k * support.count] }
      guard next[pivot] != 0 else { break }
      current = next.map { $0 / next[pivot] }
      lambda = values[0]
    }
    return lambda < threshold ? Candidate(coefficients: current, lambda: lambda) : nil
  }
}
