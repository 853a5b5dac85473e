/// The hidden-layer nonlinearity of a network (`Matrix.activated(by:)`).
public enum Activation: String, Sendable, CaseIterable, Codable {
  case tanh
  case relu
}
