import NoetherLearning
import NoetherNN
import _Differentiation

/// The two scalar networks of a dissipative HNN (Sosanya & Greydanus 2022): a
/// Hamiltonian H and a dissipation potential D, whose field is the Helmholtz sum
/// f(x) = J∇H(x) + ∇D(x) on x = (q, p). The first part keeps H (∇H·J∇H = 0), the second
/// is curl-free and carries every change of H: dH/dt = ∇H·∇D. A damped oscillator
/// ṗ = −q − c p is H = (q² + p²)/2 with D = −c p²/2.
public struct HelmholtzNetworks: Differentiable, Sendable {
  public var hamiltonian: MLP
  public var dissipation: MLP

  /// - Precondition: both networks take the same input and give one output.
  public init(hamiltonian: MLP, dissipation: MLP) {
    precondition(
      hamiltonian.inputCount == dissipation.inputCount && hamiltonian.outputCount == 1
        && dissipation.outputCount == 1, "HelmholtzNetworks: two scalar networks of the same input")
    self.hamiltonian = hamiltonian
    self.dissipation = dissipation
  }

  /// J∇H(x) + ∇D(x) for each row of x = (q, p).
  @differentiable(reverse,wrt: self)
  public func field(_ x: Matrix) -> Matrix {
    HamiltonianModel.symplecticField(hamiltonian, x) + dissipation.inputGradient(at: x)
  }
}

extension HelmholtzNetworks: Trainable {
  public var parameters: [Matrix] {
    get { hamiltonian.parameters + dissipation.parameters }
    set {
      let k = hamiltonian.parameters.count
      hamiltonian.parameters = Array(newValue[0..<k])
      dissipation.parameters = Array(newValue[k...])
    }
  }

  public func parameterGradients(of gradient: TangentVector) -> [Matrix] {
    hamiltonian.parameterGradients(of: gradient.hamiltonian)
      + dissipation.parameterGradients(of: gradient.dissipation)
  }
}
