/// The version of Noether, recorded in every file it writes.
public enum NoetherVersion {
  public static let string = "0.1.0"
}
