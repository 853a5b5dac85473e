import NoetherCore
import NoetherNN

/// A system whose networks should use another hidden activation than tanh (the ConCerNet
/// reference uses ReLU for chemical kinetics). A system opts in by conforming; the
/// methods read `DynamicalSystem.preferredActivation`.
public protocol NetworkActivationHint: DynamicalSystem {
  var networkActivation: Activation { get }
}

extension DynamicalSystem {
  /// The activation of the networks that learn this system: its hint's, else tanh.
  public var preferredActivation: Activation {
    (self as? any NetworkActivationHint)?.networkActivation ?? .tanh
  }
}
