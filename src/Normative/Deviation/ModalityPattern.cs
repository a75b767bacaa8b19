namespace Normative.Deviation;

/// <summary>
/// The set of modalities a subject was scored with (e.g. <c>mri+amyloid</c>, or <c>mri</c> for a subject
/// without PET), in model order. Deviation references are fitted per pattern (<see cref="NormativeReferenceSet"/>).
/// </summary>
public sealed class ModalityPattern : IEquatable<ModalityPattern>
{
    /// <param name="modalities">The observed modalities, in model order; at least one.</param>
    public ModalityPattern(IReadOnlyList<string> modalities)
    {
        ArgumentNullException.ThrowIfNull(modalities);
        if (modalities.Count == 0) throw new ArgumentException("A pattern observes at least one modality.", nameof(modalities));
        Modalities = modalities.ToArray();
        Key = string.Join("+", Modalities);
    }

    /// <summary>The observed modalities, in model order.</summary>
    public IReadOnlyList<string> Modalities { get; }

    /// <summary>The modalities joined by '+', e.g. <c>mri+amyloid</c>: the spelling in files and messages.</summary>
    public string Key { get; }

    public bool Contains(string modality) => Modalities.Contains(modality, StringComparer.Ordinal);

    /// <summary>Parses a <see cref="Key"/>.</summary>
    public static ModalityPattern Parse(string key) =>
        new(key.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Every non-empty subset of <paramref name="modalities"/>, in model order, the complete one first.</summary>
    public static IReadOnlyList<ModalityPattern> AllSubsets(IReadOnlyList<string> modalities)
    {
        int m = modalities.Count;
        if (m > 16) throw new ArgumentOutOfRangeException(nameof(modalities), m, "At most 16 modalities.");
        return Enumerable.Range(1, (1 << m) - 1)
            .Select(mask => new ModalityPattern(modalities.Where((_, k) => (mask & (1 << k)) != 0).ToArray()))
            .OrderByDescending(p => p.Modalities.Count).ThenBy(p => p.Key, StringComparer.Ordinal).ToArray();
    }

    public bool Equals(ModalityPattern? other) => other is not null && other.Key == Key;

    public override bool Equals(object? obj) => Equals(obj as ModalityPattern);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => Key;
}
