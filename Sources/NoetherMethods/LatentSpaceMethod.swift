import NoetherCompare
import NoetherCore
import NoetherLearning
import NoetherNN

/// Runs another method in an autoencoder's latent space, for high-dimensional systems
/// (the ConCerNet paper's heat equation): the seed's autoencoder is trained once and
/// shared by every wrapped method (`MethodContext.shared(_:key:_:)`), the data are
/// encoded (ż = (∂E/∂x)·ẋ), the inner method fits the latent data, and its model rolls
/// out by encoding, integrating in latent space and decoding. Invariants the inner model
/// carries are read through the encoder (`EncodedInvariant`).
///
/// The inner model must be a vector field that can be archived (a network method's).
public struct LatentSpaceMethod: ComparisonMethod {
  public let inner: any ComparisonMethod
  /// The autoencoder's widths, activation and epochs (its seed is the comparison's).
  public var autoencoder: AutoencoderTraining

  public init(_ inner: any ComparisonMethod, autoencoder: AutoencoderTraining = AutoencoderTraining()) {
    self.inner = inner
    self.autoencoder = autoencoder
  }

  public var name: String { inner.name }
  /// The inner method's cost and the shared autoencoder's training.
  public var expectedCost: Double { inner.expectedCost + 1 }

  /// The latent problem for `problem`'s system.
  public func latentProblem(_ problem: MethodProblem) -> MethodProblem {
    Self.latentProblem(problem, autoencoder: autoencoder)
  }

  /// The problem an inner method faces in the latent space of such an autoencoder.
  public static func latentProblem(_ problem: MethodProblem, autoencoder: AutoencoderTraining)
    -> MethodProblem
  {
    MethodProblem(system: problem.system, latentDimension: autoencoder.widths.last ?? problem.dimension)
  }

  public func inapplicability(to problem: MethodProblem) -> String? {
    inner.inapplicability(to: problem) ?? inner.inapplicability(to: latentProblem(problem))
  }

  public func fit(_ data: TrajectorySet, context: MethodContext) throws -> FittedModel {
    var training = autoencoder
    training.training.seed = context.seed
    let progress = context.progress
    let (ae, encoded): (Autoencoder, TrajectorySet)
    do {
      (ae, encoded) = try context.shared("autoencoder", key: "\(training.widths) \(training.training)") {
        let ae = try training.fit(data, progress: progress)
        return (ae, try ae.encode(data))
      }
    } catch {
      throw SharedWorkFailure(work: "the shared autoencoder", underlying: error)
    }
    let fitted = try inner.fit(
      encoded,
      context: context.scoped(
        to: latentProblem(context.problem), keyPrefix: "latent/", latentDecoder: ae.decoder))
    guard let field = fitted.model as? any VectorFieldModel & ArchivableModel else {
      throw NoetherError.notApplicable(method: name, reason: "latent space takes network methods only")
    }
    return FittedModel(
      model: Self.decoding(
        field, with: ae, anchored: (fitted.invariants as? any DecodedInvariantFunction)?.stateInvariants),
      invariants: fitted.invariants.map { Self.encoding($0, with: ae.encoder) },
      invariantSource: fitted.invariantSource)
  }

  private static func encoding(_ latent: some InvariantFunction, with encoder: MLP) -> any InvariantFunction {
    EncodedInvariant(encoder: encoder, latent: latent)
  }

  private static func decoding(
    _ field: some VectorFieldModel & ArchivableModel, with ae: Autoencoder, anchored: (any InvariantFunction)?
  ) -> any DynamicsModel {
    LatentDynamicsModel(autoencoder: ae, latent: field, anchored: anchored)
  }
}
