/// The hidden-layer nonlinearity of a network. A system names the one its networks use
/// (``DynamicalSystem/networkActivation``); NoetherNN implements both.
public enum Activation: String, Sendable, CaseIterable, Codable {
  case tanh
  case relu
}
