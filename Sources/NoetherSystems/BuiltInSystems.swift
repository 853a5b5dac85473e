import NoetherCore

/// The systems of the ConCerNet paper, in the order of its tables.
public enum BuiltInSystems {
  /// Spring mass, chemical kinetics, Kepler and the heat equation.
  public static var all: [any DynamicalSystem] {
    [SpringMass(), ChemicalKinetics(), Kepler(), HeatEquation()]
  }
}
