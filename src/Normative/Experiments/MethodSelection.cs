namespace Normative.Experiments;

/// <summary>
/// The methods a list of keys names that this build can train, and the keys naming Table 1 rows whose model is
/// not registered in this build (see <see cref="MethodCatalogue.SelectAvailable"/>).
/// </summary>
/// <param name="Methods">The trainable methods, in the order named, without repeats.</param>
/// <param name="NotRegistered">Keys of catalogue rows whose model this build lacks (e.g. "mmvm" before that model is added).</param>
public sealed record MethodSelection(IReadOnlyList<MethodSpec> Methods, IReadOnlyList<string> NotRegistered);
