import NoetherCore

/// The built-in systems.
public enum BuiltInSystems {
  /// The systems of the ConCerNet paper, in the order of its tables: spring mass,
  /// chemical kinetics, Kepler and the heat equation.
  public static var all: [any DynamicalSystem] {
    [SpringMass(), ChemicalKinetics(), Kepler(), HeatEquation()]
  }

  /// Systems for discovery's checks: with invariants (a non-polynomial potential, two
  /// invariants in odd dimension, a dissipative system whose linear invariant has one
  /// value on every trajectory) and without (damped, chaotic, a limit cycle, an epidemic
  /// with births and deaths, whose population has a balance law).
  public static var discovery: [any DynamicalSystem] {
    [
      IdealPendulum(), RigidBody(), Epidemic(), DampedOscillator(), Lorenz(), VanDerPol(),
      EpidemicWithVitalDynamics(),
    ]
  }
}
